package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestNotificationsListAndRead(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	guest := e.guests[0]
	req := e.newBooking(e.m.ApprovalDay)
	req["space_id"] = e.m.Approval
	code, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, req, "")
	if code != http.StatusCreated || b["status"] != "requested" {
		t.Fatalf("request: %d %v", code, b)
	}
	id := b["id"].(float64)
	if code, _, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/approve", int64(id)), e.host, nil, ""); code != http.StatusOK {
		t.Fatalf("approve: %d", code)
	}
	list := func(who string) map[string]any {
		t.Helper()
		code, l, _ := e.do(t, http.MethodGet, "/v1/me/notifications", who, nil, "")
		if code != http.StatusOK {
			t.Fatalf("list: %d %v", code, l)
		}
		return l
	}
	host := list(e.host)
	items := host["items"].([]any)
	first := items[0].(map[string]any)
	if host["unread"].(float64) != 1 || len(items) != 1 || first["kind"] != "booking_requested" || first["booking_id"] != id ||
		first["space_title"] == "" || first["read_at"] != nil {
		t.Errorf("host's notifications: %v", host)
	}
	g := list(guest)
	if g["unread"].(float64) != 1 || g["items"].([]any)[0].(map[string]any)["kind"] != "booking_approved" {
		t.Errorf("guest's notifications: %v", g)
	}
	// Another user's ids change nothing; one's own are read.
	guestNote := g["items"].([]any)[0].(map[string]any)["id"]
	code, r, _ := e.do(t, http.MethodPost, "/v1/me/notifications/read", e.host, map[string]any{"ids": []any{guestNote}}, "")
	if code != http.StatusOK || r["marked"].(float64) != 0 || r["unread"].(float64) != 1 {
		t.Errorf("host marking the guest's notification: %d %v", code, r)
	}
	code, r, _ = e.do(t, http.MethodPost, "/v1/me/notifications/read", e.host, map[string]any{"all": true}, "")
	if code != http.StatusOK || r["marked"].(float64) != 1 || r["unread"].(float64) != 0 {
		t.Errorf("host marking all: %d %v", code, r)
	}
	if h := list(e.host); h["unread"].(float64) != 0 || h["items"].([]any)[0].(map[string]any)["read_at"] == nil {
		t.Errorf("after reading: %v", h)
	}
	if list(guest)["unread"].(float64) != 1 {
		t.Error("the host's reading changed the guest's notifications")
	}
	for _, body := range []map[string]any{{}, {"all": true, "ids": []int{1}}} {
		if code, _, _ := e.do(t, http.MethodPost, "/v1/me/notifications/read", guest, body, ""); code != http.StatusUnprocessableEntity {
			t.Errorf("read %v: %d, want 422", body, code)
		}
	}
	if code, _, _ := e.do(t, http.MethodGet, "/v1/me/notifications", "", nil, ""); code != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", code)
	}
}
