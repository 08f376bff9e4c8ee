package points

import (
	"errors"
	"testing"
	"time"
)

func TestNewGrant(t *testing.T) {
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	e, err := NewGrant(7, DefaultWelcomeGrant, now)
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{UserID: 7, Kind: KindGrant, Amount: DefaultWelcomeGrant, CreatedAt: now}
	if e.ID != want.ID || e.UserID != want.UserID || e.Kind != want.Kind || e.Amount != want.Amount || e.BookingID != nil || !e.CreatedAt.Equal(now) {
		t.Errorf("NewGrant = %+v, want %+v", e, want)
	}
	if _, err := NewGrant(7, 1, now); err != nil {
		t.Errorf("a grant of 1: %v", err)
	}
	for _, amount := range []int64{0, -1, -DefaultWelcomeGrant} {
		if _, err := NewGrant(7, amount, now); !errors.Is(err, ErrInvalidEntry) {
			t.Errorf("NewGrant(%d) error = %v, want ErrInvalidEntry", amount, err)
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range []Kind{KindGrant, KindPayment, KindRefund} {
		got, err := ParseKind(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v, want %v", k.String(), got, err, k)
		}
	}
	if got := []string{KindGrant.String(), KindPayment.String(), KindRefund.String()}; got[0] != "grant" || got[1] != "payment" || got[2] != "refund" {
		t.Errorf("stored names = %v, want grant, payment, refund", got)
	}
	for _, s := range []string{"", "Grant", "bonus", "grant "} {
		if _, err := ParseKind(s); !errors.Is(err, ErrInvalidEntry) {
			t.Errorf("ParseKind(%q) error = %v, want ErrInvalidEntry", s, err)
		}
	}
}
