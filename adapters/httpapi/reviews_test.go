package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// sendReview posts a review form: text fields and photos.
func sendReview(t *testing.T, url, bearer string, fields map[string]string, photos []upload) (int, map[string]any, http.Header) {
	t.Helper()
	return sendForm(t, http.MethodPost, url, bearer, fields, photos)
}

// endBooking moves a booking into the past, ended at end: the server's
// clock cannot be moved, its rows can.
func (e bookingEnv) endBooking(t *testing.T, id int64, end time.Time, status string) {
	t.Helper()
	if _, err := e.env.db.Exec("UPDATE bookings SET status = ?, start_at = ?, end_at = ?, use_date = ? WHERE id = ?",
		status, end.Add(-6*time.Hour).UTC(), end.UTC(), end.UTC().Format(time.DateOnly), id); err != nil {
		t.Fatal(err)
	}
}

// reviewState reads a booking's review_id (0 when absent) and reviewable,
// as its guest sees it alone and in the past tab of their bookings, and as
// its host sees it in their list; they must agree.
func (e bookingEnv) reviewState(t *testing.T, guest string, id int64) (int64, bool) {
	t.Helper()
	state := func(b map[string]any) (int64, bool) {
		rid, _ := b["review_id"].(float64)
		reviewable, ok := b["reviewable"].(bool)
		if !ok {
			t.Errorf("booking %d without reviewable: %v", id, b)
		}
		return int64(rid), reviewable
	}
	status, b, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/bookings/%d", id), guest, nil, "")
	if status != http.StatusOK {
		t.Fatalf("booking %d: %d %v", id, status, b)
	}
	rid, reviewable := state(b)
	seen := 0
	for _, l := range []struct{ path, bearer string }{{"/v1/me/bookings?status=past", guest}, {"/v1/me/bookings?status=upcoming", guest}, {"/v1/me/hosting/bookings", e.host}} {
		_, list, _ := e.do(t, http.MethodGet, l.path, l.bearer, nil, "")
		items, _ := list["items"].([]any)
		for _, it := range items {
			if b := it.(map[string]any); int64(b["id"].(float64)) == id {
				seen++
				if r, ok := state(b); r != rid || (ok != reviewable && l.bearer == guest) {
					t.Errorf("%s: booking %d review %d reviewable %v; alone %d %v", l.path, id, r, ok, rid, reviewable)
				}
			}
		}
	}
	if seen != 2 {
		t.Errorf("booking %d is in %d of the guest's tabs and the host's list, want 2", id, seen)
	}
	return rid, reviewable
}

func TestReviewFlowOverHTTP(t *testing.T) {
	e := newBookingEnv(t)
	guest, other := e.guests[0], e.guests[1]
	status, b, _ := e.do(t, http.MethodPost, "/v1/bookings", guest, e.newBooking(e.m.Day), "")
	if status != http.StatusCreated {
		t.Fatalf("book: %d %v", status, b)
	}
	bookingID := int64(b["id"].(float64))
	if status, p, _ := e.do(t, http.MethodPost, fmt.Sprintf("/v1/bookings/%d/pay", bookingID), guest, nil, ""); status != http.StatusOK {
		t.Fatalf("pay: %d %v", status, p)
	}
	reviewURL := fmt.Sprintf("%s/v1/bookings/%d/review", e.srv.URL, bookingID)
	if rid, ok := e.reviewState(t, guest, bookingID); rid != 0 || ok {
		t.Errorf("an upcoming booking: review %d, reviewable %v", rid, ok)
	}
	text := "<b>최고</b> & \"따옴표\"도 그대로\n두 번째 줄\t탭"
	good := map[string]string{"rating": "5", "body": text}
	photo := []upload{{"room.jpg", jpegPhoto(t, 640, 480, 7)}}

	if status, p, _ := sendReview(t, reviewURL, "", good, nil); status != http.StatusUnauthorized {
		t.Errorf("review without a token: %d %v", status, p)
	}
	if status, p, _ := sendReview(t, reviewURL, guest, good, nil); status != http.StatusConflict || p["type"] != "urn:ourspace:problem:booking_not_completed" {
		t.Errorf("review of an upcoming booking: %d %v", status, p)
	}
	e.endBooking(t, bookingID, time.Now().Add(-2*time.Hour), "completed")
	if rid, ok := e.reviewState(t, guest, bookingID); rid != 0 || !ok {
		t.Errorf("a completed booking: review %d, reviewable %v; want none and reviewable", rid, ok)
	}

	six := slices.Repeat(photo, 6)
	for _, c := range []struct {
		name   string
		fields map[string]string
		photos []upload
		want   []string
	}{
		{"a control character", map[string]string{"rating": "5", "body": "좋았어요\x1b[2J 정말 좋았어요"}, nil, []string{"body.body"}},
		{"one character", map[string]string{"rating": "5", "body": "굿"}, nil, []string{"body.body"}},
		{"rating 6", map[string]string{"rating": "6", "body": text}, nil, []string{"body.rating"}},
		{"rating not a number", map[string]string{"rating": "five", "body": text}, nil, []string{"body.rating"}},
		{"nothing", map[string]string{}, nil, []string{"body.rating", "body.body"}},
		{"six photos", good, six, []string{"body.photos"}},
		{"a text file named .jpg", good, []upload{{"cat.jpg", []byte("not an image, just words")}}, []string{"body.photos[0]"}},
	} {
		status, p, _ := sendReview(t, reviewURL, guest, c.fields, c.photos)
		if got := errorLocations(p); status != http.StatusUnprocessableEntity || !slices.Equal(got, c.want) {
			t.Errorf("%s: %d %v, want 422 at %v", c.name, status, p, c.want)
		}
	}
	if status, p, _ := sendReview(t, reviewURL, other, good, nil); status != http.StatusNotFound {
		t.Errorf("review of another guest's booking: %d %v", status, p)
	}
	if n := e.count("SELECT COUNT(*) FROM reviews"); n != 0 {
		t.Fatalf("refused reviews stored %d rows", n)
	}

	status, rv, h := sendReview(t, reviewURL, guest, good, photo)
	if status != http.StatusCreated || rv["rating"] != float64(5) || rv["body"] != text || rv["author_nickname"] != "게스트" || rv["reply"] != nil || rv["edited_at"] != nil {
		t.Fatalf("review: %d %v", status, rv)
	}
	id := int64(rv["id"].(float64))
	if rid, ok := e.reviewState(t, guest, bookingID); rid != id || ok {
		t.Errorf("a reviewed booking: review %d, reviewable %v; want %d and not reviewable", rid, ok, id)
	}
	if h.Get("Location") != fmt.Sprintf("/v1/reviews/%d", id) {
		t.Errorf("Location %q", h.Get("Location"))
	}
	photos, _ := rv["photos"].([]any)
	if len(photos) != 1 {
		t.Fatalf("photos %v", rv["photos"])
	}
	for _, k := range []string{"url", "thumbnail_url"} {
		u, _ := photos[0].(map[string]any)[k].(string)
		resp, err := http.Get(u)
		if err != nil || resp.StatusCode != http.StatusOK || !strings.HasPrefix(u, e.srv.URL+"/media/photos/") {
			t.Errorf("photo %s %q: %v %v", k, u, resp, err)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if status, p, _ := sendReview(t, reviewURL, guest, good, nil); status != http.StatusConflict || p["type"] != "urn:ourspace:problem:already_reviewed" {
		t.Errorf("second review: %d %v", status, p)
	}

	// Everyone reads it: the review, the space's list and detail.
	spacePath := fmt.Sprintf("/v1/spaces/%d", e.m.Instant)
	for _, sort := range []string{"", "?sort=rating", "?sort=newest&limit=1"} {
		status, list, _ := e.do(t, http.MethodGet, spacePath+"/reviews"+sort, "", nil, "")
		items, _ := list["items"].([]any)
		if status != http.StatusOK || len(items) != 1 || items[0].(map[string]any)["body"] != text {
			t.Errorf("reviews%s: %d %v", sort, status, list)
		}
	}
	if status, p, _ := e.do(t, http.MethodGet, spacePath+"/reviews?sort=worst", "", nil, ""); status != http.StatusUnprocessableEntity {
		t.Errorf("unknown sort: %d %v", status, p)
	}
	detail := func() (map[string]any, []any) {
		t.Helper()
		status, d, _ := e.do(t, http.MethodGet, spacePath, "", nil, "")
		if status != http.StatusOK {
			t.Fatalf("detail: %d %v", status, d)
		}
		latest, _ := d["latest_reviews"].([]any)
		rating, _ := d["rating"].(map[string]any) // null without reviews
		return rating, latest
	}
	if rating, latest := detail(); rating["count"] != float64(1) || rating["average"] != float64(5) || len(latest) != 1 || latest[0].(map[string]any)["id"] != rv["id"] {
		t.Errorf("detail after the review: rating %v, latest %v", rating, latest)
	}
	if status, got, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/reviews/%d", id), "", nil, ""); status != http.StatusOK || got["body"] != text {
		t.Errorf("get review: %d %v", status, got)
	}

	// Nobody edits, deletes or replies for another user.
	reviewPath := fmt.Sprintf("/v1/reviews/%d", id)
	for name, req := range map[string]struct {
		method, path, bearer string
		body                 any
	}{
		"edit by another guest":   {http.MethodPatch, reviewPath, other, map[string]any{"rating": 1}},
		"edit by the host":        {http.MethodPatch, reviewPath, e.host, map[string]any{"rating": 1}},
		"delete by another guest": {http.MethodDelete, reviewPath, other, nil},
		"delete by the host":      {http.MethodDelete, reviewPath, e.host, nil},
		"reply by the guest":      {http.MethodPost, reviewPath + "/reply", guest, map[string]any{"body": "셀프 답글"}},
		"reply by another guest":  {http.MethodPost, reviewPath + "/reply", other, map[string]any{"body": "남의 답글"}},
	} {
		if status, p, _ := e.do(t, req.method, req.path, req.bearer, req.body, ""); status != http.StatusNotFound {
			t.Errorf("%s: %d %v", name, status, p)
		}
	}

	// The host replies once, and may edit the reply.
	status, replied, _ := e.do(t, http.MethodPost, reviewPath+"/reply", e.host, map[string]any{"body": "찾아주셔서 감사합니다!"}, "")
	reply, _ := replied["reply"].(map[string]any)
	if status != http.StatusCreated || reply["body"] != "찾아주셔서 감사합니다!" || reply["replied_at"] == nil {
		t.Fatalf("reply: %d %v", status, replied)
	}
	if status, p, _ := e.do(t, http.MethodPost, reviewPath+"/reply", e.host, map[string]any{"body": "또"}, ""); status != http.StatusConflict || p["type"] != "urn:ourspace:problem:already_replied" {
		t.Errorf("second reply: %d %v", status, p)
	}
	if status, p, _ := e.do(t, http.MethodPatch, reviewPath+"/reply", e.host, map[string]any{"body": "bell\a"}, ""); status != http.StatusUnprocessableEntity || location(p) != "body.body" {
		t.Errorf("reply with a control character: %d %v", status, p)
	}
	if status, p, _ := e.do(t, http.MethodPatch, reviewPath+"/reply", other, map[string]any{"body": "가로채기"}, ""); status != http.StatusNotFound {
		t.Errorf("reply edited by a guest: %d %v", status, p)
	}
	status, replied, _ = e.do(t, http.MethodPatch, reviewPath+"/reply", e.host, map[string]any{"body": "다시 한번 감사합니다."}, "")
	if reply, _ = replied["reply"].(map[string]any); status != http.StatusOK || reply["body"] != "다시 한번 감사합니다." {
		t.Errorf("edit reply: %d %v", status, replied)
	}

	// The author edits, within the rules.
	for name, c := range map[string]struct {
		body any
		loc  string
	}{
		"rating 6":            {map[string]any{"rating": 6}, "body.rating"},
		"one character":       {map[string]any{"body": "a"}, "body.body"},
		"a control character": {map[string]any{"body": "좋았어요\x00그리고 또"}, "body.body"},
	} {
		if status, p, _ := e.do(t, http.MethodPatch, reviewPath, guest, c.body, ""); status != http.StatusUnprocessableEntity || location(p) != c.loc {
			t.Errorf("edit with %s: %d %v, want 422 at %s", name, status, p, c.loc)
		}
	}
	status, edited, _ := e.do(t, http.MethodPatch, reviewPath, guest, map[string]any{"rating": 3}, "")
	if status != http.StatusOK || edited["rating"] != float64(3) || edited["body"] != text || edited["edited_at"] == nil || len(edited["photos"].([]any)) != 1 || edited["reply"] == nil {
		t.Errorf("edit: %d %v", status, edited)
	}
	if rating, _ := detail(); rating["count"] != float64(1) || rating["average"] != float64(3) {
		t.Errorf("detail after the edit: %v", rating)
	}
	if n := e.count("SELECT COUNT(*) FROM notifications WHERE kind = 'review_posted' AND user_id = ?", e.m.HostID) +
		e.count("SELECT COUNT(*) FROM notifications WHERE kind = 'review_replied' AND user_id = ?", e.m.Guests[0]); n != 2 {
		t.Errorf("%d review notifications, want one to the host and one to the guest", n)
	}

	// Past the window the review stands as it is.
	e.endBooking(t, bookingID, time.Now().Add(-15*24*time.Hour), "completed")
	if status, p, _ := e.do(t, http.MethodPatch, reviewPath, guest, map[string]any{"rating": 1}, ""); status != http.StatusConflict || p["type"] != "urn:ourspace:problem:review_window_closed" {
		t.Errorf("edit after the window: %d %v", status, p)
	}
	if status, p, _ := e.do(t, http.MethodDelete, reviewPath, guest, nil, ""); status != http.StatusConflict {
		t.Errorf("delete after the window: %d %v", status, p)
	}
	if rid, ok := e.reviewState(t, guest, bookingID); rid != id || ok {
		t.Errorf("reviewed, past the window: review %d, reviewable %v", rid, ok)
	}
	e.endBooking(t, bookingID, time.Now().Add(-time.Hour), "completed")

	if status, p, _ := e.do(t, http.MethodDelete, reviewPath, guest, nil, ""); status != http.StatusNoContent {
		t.Fatalf("delete: %d %v", status, p)
	}
	if status, _, _ := e.do(t, http.MethodGet, reviewPath, "", nil, ""); status != http.StatusNotFound {
		t.Errorf("deleted review: %d", status)
	}
	if rating, latest := detail(); rating != nil || len(latest) != 0 {
		t.Errorf("detail after the delete: rating %v, latest %v", rating, latest)
	}
	if n := e.count("SELECT COUNT(*) FROM review_photos"); n != 0 {
		t.Errorf("%d photo rows after the delete", n)
	}
	// A deleted review frees the booking for another while the window is open.
	if rid, ok := e.reviewState(t, guest, bookingID); rid != 0 || !ok {
		t.Errorf("after the delete: review %d, reviewable %v; want none and reviewable", rid, ok)
	}
	e.endBooking(t, bookingID, time.Now().Add(-15*24*time.Hour), "completed")
	if rid, ok := e.reviewState(t, guest, bookingID); rid != 0 || ok {
		t.Errorf("not reviewed, past the window: review %d, reviewable %v", rid, ok)
	}
}

func TestReviewsOfHiddenSpacesAreNotFound(t *testing.T) {
	e := newBookingEnv(t)
	if _, err := e.env.db.Exec("UPDATE spaces SET status = 'hidden' WHERE id = ?", e.m.Instant); err != nil {
		t.Fatal(err)
	}
	if status, p, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/spaces/%d/reviews", e.m.Instant), "", nil, ""); status != http.StatusNotFound {
		t.Errorf("reviews of a hidden space: %d %v", status, p)
	}
	if status, p, _ := e.do(t, http.MethodGet, "/v1/spaces/999999/reviews", "", nil, ""); status != http.StatusNotFound {
		t.Errorf("reviews of an unknown space: %d %v", status, p)
	}
	status, list, _ := e.do(t, http.MethodGet, fmt.Sprintf("/v1/spaces/%d/reviews", e.m.Approval), "", nil, "")
	if items, ok := list["items"].([]any); status != http.StatusOK || !ok || len(items) != 0 {
		t.Errorf("reviews of a space without any: %d %v", status, list)
	}
}
