package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/webhook"
	"github.com/ourspace/ourspace/domain/notification"
)

var secret = []byte("0123456789abcdef-secret")

func TestNotifyPostsASignedEvent(t *testing.T) {
	var got struct {
		body    []byte
		headers http.Header
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.body, _ = io.ReadAll(r.Body)
		got.headers = r.Header.Clone()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	n, err := webhook.New(srv.URL, secret, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	e := notification.Event{ID: strings.Repeat("ab", 16), Kind: notification.BookingConfirmed, BookingID: 7, SpaceID: 3, Recipients: []int64{2, 1}, At: at}
	if err := n.Notify(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	sig := got.headers.Get(webhook.SignatureHeader)
	if !webhook.Verify(secret, got.body, sig) || !strings.HasPrefix(sig, "sha256=") {
		t.Errorf("signature %q does not verify", sig)
	}
	if webhook.Verify([]byte("another secret, 16+ bytes"), got.body, sig) {
		t.Error("a signature verified under another secret")
	}
	if webhook.Verify(secret, append(got.body, ' '), sig) {
		t.Error("a signature verified over another body")
	}
	var body webhook.Event
	if err := json.Unmarshal(got.body, &body); err != nil {
		t.Fatal(err)
	}
	if body.ID != e.ID || body.Kind != "booking_confirmed" || body.BookingID != 7 || !body.OccurredAt.Equal(at) ||
		got.headers.Get(webhook.EventIDHeader) != e.ID || got.headers.Get(webhook.EventKindHeader) != "booking_confirmed" ||
		got.headers.Get("Content-Type") != "application/json" {
		t.Errorf("delivered %s with headers %v", got.body, got.headers)
	}
}

func TestNotifyFailsOnAnythingButSuccess(t *testing.T) {
	status := http.StatusInternalServerError
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status == 0 {
			time.Sleep(200 * time.Millisecond)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	n, _ := webhook.New(srv.URL, secret, 50*time.Millisecond)
	e := notification.Event{ID: strings.Repeat("cd", 16), Kind: notification.ReviewPosted, Recipients: []int64{1}}
	for _, s := range []int{http.StatusInternalServerError, http.StatusNotFound, http.StatusMovedPermanently, 0} {
		status = s
		if err := n.Notify(context.Background(), e); err == nil {
			t.Errorf("answer %d (0: too slow) counted as delivered", s)
		}
	}
	srv.Close()
	if err := n.Notify(context.Background(), e); err == nil {
		t.Error("a receiver that is gone counted as delivered")
	}
}

func TestNewRefusesWeakSettings(t *testing.T) {
	if _, err := webhook.New("", secret, time.Second); err == nil {
		t.Error("no URL accepted")
	}
	if _, err := webhook.New("http://x", []byte("short"), time.Second); err == nil {
		t.Error("a 5-byte secret accepted")
	}
}
