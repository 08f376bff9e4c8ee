package main

import (
	"strings"
	"testing"
	"time"
)

func TestRequestAndUploadTimeoutsAreReadAndChecked(t *testing.T) {
	t.Setenv("OURSPACE_REQUEST_TIMEOUT", "7s")
	t.Setenv("OURSPACE_UPLOAD_TIMEOUT", "3m")
	c, err := loadConfig()
	if err != nil || c.RequestTimeout != 7*time.Second || c.UploadTimeout != 3*time.Minute {
		t.Fatalf("config %v %v, err %v", c.RequestTimeout, c.UploadTimeout, err)
	}
	for request, upload := range map[string]string{"500ms": "10m", "30s": "10s"} {
		t.Setenv("OURSPACE_REQUEST_TIMEOUT", request)
		t.Setenv("OURSPACE_UPLOAD_TIMEOUT", upload)
		if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "OURSPACE_REQUEST_TIMEOUT") {
			t.Errorf("request %s, upload %s: err %v", request, upload, err)
		}
	}
}
