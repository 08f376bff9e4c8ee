package main

import (
	"strings"
	"testing"

	"github.com/ourspace/ourspace/web"
)

func TestTheMapTilesAreSetAtRunTime(t *testing.T) {
	t.Setenv("OURSPACE_MAP_TILE_URL", "https://tiles.example/{z}/{x}/{y}.png")
	t.Setenv("OURSPACE_MAP_ATTRIBUTION", "© 예시 지도")
	c, err := loadConfig()
	if want := (web.Config{MapTileURL: "https://tiles.example/{z}/{x}/{y}.png", MapAttribution: "© 예시 지도"}); err != nil || c.Web != want {
		t.Fatalf("web config %+v, err %v; want %+v", c.Web, err, want)
	}
	t.Setenv("OURSPACE_MAP_ATTRIBUTION", "")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "OURSPACE_MAP_ATTRIBUTION") {
		t.Errorf("another provider's tiles without a credit: %v", err)
	}
	t.Setenv("OURSPACE_MAP_TILE_URL", "/tiles/{z}/{x}/{y}.png")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "OURSPACE_MAP_TILE_URL") {
		t.Errorf("a relative tile URL: %v", err)
	}
	t.Setenv("OURSPACE_MAP_TILE_URL", "none")
	if c, err := loadConfig(); err != nil || c.Web.MapTileURL != "none" {
		t.Errorf("no tiles: %+v %v", c.Web, err)
	}
}
