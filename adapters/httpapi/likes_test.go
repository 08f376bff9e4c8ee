package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// likedIn maps the ids of a page's items to their liked flags.
func likedIn(t *testing.T, page map[string]any) map[int64]bool {
	t.Helper()
	out := map[int64]bool{}
	for _, it := range page["items"].([]any) {
		m := it.(map[string]any)
		out[int64(m["id"].(float64))] = m["liked"].(bool)
	}
	return out
}

func TestLikesOverHTTP(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	host, ryan, apeach := e.host, e.guests[0], e.guests[1]
	instant, approval := e.m.Instant, e.m.Approval
	likePath := func(id int64) string { return fmt.Sprintf("/v1/spaces/%d/like", id) }
	like := func(method, bearer string, id int64) (int, map[string]any) {
		t.Helper()
		code, body, _ := e.do(t, method, likePath(id), bearer, nil, "")
		return code, body
	}
	expect := func(step string, code int, body map[string]any, liked bool, count float64) {
		t.Helper()
		if code != http.StatusOK || body["liked"] != liked || body["like_count"] != count {
			t.Errorf("%s: %d %v, want liked %v and %v likes", step, code, body, liked, count)
		}
	}

	code, body := like(http.MethodPut, ryan, instant)
	expect("like", code, body, true, 1)
	code, body = like(http.MethodPut, ryan, instant)
	expect("like again", code, body, true, 1)
	code, body = like(http.MethodPut, apeach, approval)
	expect("another user likes another space", code, body, true, 1)
	if n := e.count("SELECT COUNT(*) FROM likes"); n != 2 {
		t.Errorf("%d likes stored, want 2", n)
	}

	// Search and detail tell each signed-in user their own likes, and
	// anonymous callers none.
	for _, tt := range []struct {
		who    string
		bearer string
		want   map[int64]bool
	}{
		{"ryan", ryan, map[int64]bool{instant: true, approval: false}},
		{"apeach", apeach, map[int64]bool{instant: false, approval: true}},
		{"the host", host, map[int64]bool{instant: false, approval: false}},
		{"anonymous", "", map[int64]bool{instant: false, approval: false}},
	} {
		code, page, _ := e.do(t, http.MethodGet, "/v1/spaces?sort=popular", tt.bearer, nil, "")
		if got := likedIn(t, page); code != 200 || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("search for %s: %d liked %v, want %v", tt.who, code, got, tt.want)
		}
		for id, want := range tt.want {
			code, d, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/spaces/%d", id), tt.bearer, nil, "")
			if code != 200 || d["liked"] != want || d["like_count"] != 1.0 {
				t.Errorf("space %d for %s: %d liked %v (%v likes), want %v", id, tt.who, code, d["liked"], d["like_count"], want)
			}
		}
	}

	// A bad token on a public endpoint is refused, not taken for anonymous.
	for _, path := range []string{"/v1/spaces", fmt.Sprintf("/v1/spaces/%d", instant)} {
		code, _, hdr := e.do(t, http.MethodGet, path, "not-a-token", nil, "")
		if code != http.StatusUnauthorized || !strings.Contains(hdr.Get("WWW-Authenticate"), "invalid_token") {
			t.Errorf("GET %s with a bad token: %d %q", path, code, hdr.Get("WWW-Authenticate"))
		}
	}
	// The like endpoints need a signed-in caller.
	for _, r := range [][2]string{{http.MethodPut, likePath(instant)}, {http.MethodDelete, likePath(instant)}, {http.MethodGet, "/v1/me/likes"}} {
		if code, _, _ := e.do(t, r[0], r[1], "", nil, ""); code != http.StatusUnauthorized {
			t.Errorf("%s %s without a token: %d", r[0], r[1], code)
		}
	}

	// My likes: the space's card, liked, with its status.
	code, mine, _ := e.do(t, http.MethodGet, "/v1/me/likes", ryan, nil, "")
	items, _ := mine["items"].([]any)
	if code != 200 || len(items) != 1 {
		t.Fatalf("my likes: %d %v", code, mine)
	}
	it := items[0].(map[string]any)
	if it["id"] != float64(instant) || it["liked"] != true || it["status"] != "active" || it["like_count"] != 1.0 ||
		it["liked_at"] == nil || len(it["photos"].([]any)) != 1 {
		t.Errorf("my like: %v", it)
	}
	if code, bad, _ := e.do(t, http.MethodGet, "/v1/me/likes?cursor=nonsense", ryan, nil, ""); code != 422 || location(bad) != "query.cursor" {
		t.Errorf("bad cursor: %d %v", code, bad)
	}

	// A hidden space cannot be liked, but stays in its liker's list and
	// its like can be taken back.
	if code, _, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/spaces/%d/status", approval), host, map[string]any{"status": "hidden"}, ""); code != 200 {
		t.Fatalf("hide: %d", code)
	}
	if code, body := like(http.MethodPut, ryan, approval); code != http.StatusNotFound {
		t.Errorf("liking a hidden space: %d %v", code, body)
	}
	_, mine, _ = e.do(t, http.MethodGet, "/v1/me/likes", apeach, nil, "")
	if items := mine["items"].([]any); len(items) != 1 || items[0].(map[string]any)["status"] != "hidden" {
		t.Errorf("apeach's likes: %v", mine)
	}
	code, body = like(http.MethodDelete, apeach, approval)
	expect("unlike a hidden space", code, body, false, 0)
	for _, m := range []string{http.MethodPut, http.MethodDelete} {
		if code, body := like(m, ryan, 999); code != http.StatusNotFound {
			t.Errorf("%s like of an unknown space: %d %v", m, code, body)
		}
	}

	// Unlike, twice: one change.
	code, body = like(http.MethodDelete, ryan, instant)
	expect("unlike", code, body, false, 0)
	code, body = like(http.MethodDelete, ryan, instant)
	expect("unlike again", code, body, false, 0)
	_, mine, _ = e.do(t, http.MethodGet, "/v1/me/likes", ryan, nil, "")
	if items := mine["items"].([]any); len(items) != 0 {
		t.Errorf("likes after unliking: %v", mine)
	}
	if n := e.count("SELECT COUNT(*) FROM likes") + e.count("SELECT SUM(like_count) FROM spaces"); n != 0 {
		t.Errorf("likes and counts left: %d", n)
	}
}
