// Package webhook delivers notification events as signed JSON POSTs: the
// body is the event, and X-OurSpace-Signature is "sha256=" + the hex
// HMAC-SHA256 of the body under a shared secret, so a receiver can tell our
// events from forgeries. Delivery is at least once: receivers de-duplicate
// by the event id (X-OurSpace-Event-Id, and "id" in the body).
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/ourspace/ourspace/domain/notification"
)

// Headers of a delivery.
const (
	SignatureHeader = "X-OurSpace-Signature"
	EventIDHeader   = "X-OurSpace-Event-Id"
	EventKindHeader = "X-OurSpace-Event"
)

// Event is the JSON body of a delivery.
type Event struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	BookingID  int64     `json:"booking_id,omitempty"`
	SpaceID    int64     `json:"space_id,omitempty"`
	ReviewID   int64     `json:"review_id,omitempty"`
	Recipients []int64   `json:"recipients"`
	OccurredAt time.Time `json:"occurred_at"`
}

// Notifier posts events to one URL.
type Notifier struct {
	url    string
	secret []byte
	client *http.Client
}

// New posts to url, signing with secret (at least 16 bytes). Each POST
// gives up after timeout; the outbox worker retries.
func New(url string, secret []byte, timeout time.Duration) (*Notifier, error) {
	if url == "" {
		return nil, errors.New("webhook: no URL")
	}
	if len(secret) < 16 {
		return nil, errors.New("webhook: the signing secret must be at least 16 bytes")
	}
	return &Notifier{url: url, secret: secret, client: &http.Client{Timeout: timeout}}, nil
}

// Sign is the signature header value of body under secret.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature is body's under secret, in constant time.
func Verify(secret, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// Notify implements ports.Notifier: any answer but 2xx is a failure.
func (n *Notifier) Notify(ctx context.Context, e notification.Event) error {
	body, err := json.Marshal(Event{ID: e.ID, Kind: string(e.Kind), BookingID: e.BookingID, SpaceID: e.SpaceID,
		ReviewID: e.ReviewID, Recipients: e.Recipients, OccurredAt: e.At.UTC()})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "OurSpace-Webhook/1")
	req.Header.Set(SignatureHeader, Sign(n.secret, body))
	req.Header.Set(EventIDHeader, e.ID)
	req.Header.Set(EventKindHeader, string(e.Kind))
	resp, err := n.client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook: %s answered %d", n.url, resp.StatusCode)
	}
	return nil
}
