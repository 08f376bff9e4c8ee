package points

import (
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/fault"
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

func TestNewPayment(t *testing.T) {
	now := time.Date(2026, 12, 1, 13, 5, 0, 0, time.FixedZone("KST", 9*3600))
	tests := []struct {
		name            string
		amount, balance int64
		want            error // nil: the payment is written
	}{
		{"balance well above the price", 45_000, DefaultWelcomeGrant, nil},
		{"balance exactly the price", 45_000, 45_000, nil},
		{"one won", 1, 1, nil},
		{"one won short", 45_000, 44_999, ErrInsufficientFunds},
		{"empty wallet", 45_000, 0, ErrInsufficientFunds},
		{"negative balance", 1, -10, ErrInsufficientFunds},
		{"zero amount", 0, DefaultWelcomeGrant, ErrInvalidEntry},
		{"zero amount from an empty wallet", 0, 0, ErrInvalidEntry},
		{"negative amount", -45_000, DefaultWelcomeGrant, ErrInvalidEntry},
		{"negative amount from an empty wallet", -45_000, 0, ErrInvalidEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewPayment(7, 42, tt.amount, tt.balance, now)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("NewPayment(%d, balance %d) error = %v, want %v", tt.amount, tt.balance, err, tt.want)
				}
				if e != (Entry{}) {
					t.Errorf("NewPayment returned %+v with an error, want the zero Entry", e)
				}
				if errors.Is(tt.want, ErrInsufficientFunds) {
					if k := fault.KindOf(err); k != fault.PaymentRequired {
						t.Errorf("KindOf(%v) = %q, want %q", err, k, fault.PaymentRequired)
					}
					if ErrInsufficientFunds.Slug() != "insufficient_points" {
						t.Errorf("slug = %q, want insufficient_points", ErrInsufficientFunds.Slug())
					}
				} else if errors.Is(err, ErrInsufficientFunds) {
					t.Errorf("invalid amount %d reported as insufficient funds: %v", tt.amount, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewPayment(%d, balance %d) error = %v", tt.amount, tt.balance, err)
			}
			if e.ID != 0 || e.UserID != 7 || e.Kind != KindPayment || e.Amount != -tt.amount || !e.CreatedAt.Equal(now) {
				t.Errorf("NewPayment = %+v, want user 7, payment of %d at %s", e, -tt.amount, now)
			}
			if e.BookingID == nil || *e.BookingID != 42 {
				t.Errorf("BookingID = %v, want 42", e.BookingID)
			}
			if tt.balance+e.Amount < 0 {
				t.Errorf("balance %d after paying %d is negative", tt.balance+e.Amount, tt.amount)
			}
		})
	}
}

func TestNewPaymentsDoNotShareTheirBooking(t *testing.T) {
	now := time.Date(2026, 12, 1, 4, 0, 0, 0, time.UTC)
	a, errA := NewPayment(7, 1, 100, 1000, now)
	b, errB := NewPayment(7, 2, 100, 1000, now)
	if errA != nil || errB != nil {
		t.Fatalf("NewPayment errors = %v, %v", errA, errB)
	}
	if a.BookingID == b.BookingID || *a.BookingID != 1 || *b.BookingID != 2 {
		t.Errorf("BookingIDs = %v (%d), %v (%d); want distinct pointers to 1 and 2", a.BookingID, *a.BookingID, b.BookingID, *b.BookingID)
	}
}

func TestNewRefund(t *testing.T) {
	now := time.Date(2026, 12, 9, 10, 0, 0, 0, time.UTC)
	for _, amount := range []int64{1, 6_172, 45_000, DefaultWelcomeGrant} {
		e, err := NewRefund(7, 42, amount, now)
		if err != nil {
			t.Fatalf("NewRefund(%d) error = %v", amount, err)
		}
		if e.ID != 0 || e.UserID != 7 || e.Kind != KindRefund || e.Amount != amount || !e.CreatedAt.Equal(now) {
			t.Errorf("NewRefund(%d) = %+v, want user 7, refund of %d at %s", amount, e, amount, now)
		}
		if e.BookingID == nil || *e.BookingID != 42 {
			t.Errorf("NewRefund(%d) BookingID = %v, want 42", amount, e.BookingID)
		}
	}
	for _, amount := range []int64{0, -1, -45_000} {
		e, err := NewRefund(7, 42, amount, now)
		if !errors.Is(err, ErrInvalidEntry) {
			t.Errorf("NewRefund(%d) error = %v, want ErrInvalidEntry", amount, err)
		}
		if e != (Entry{}) {
			t.Errorf("NewRefund(%d) = %+v with an error, want the zero Entry", amount, e)
		}
	}
}

// TestPaymentAndRefundBalance replays a paid and fully refunded booking: the
// ledger sums back to the grant.
func TestPaymentAndRefundBalance(t *testing.T) {
	now := time.Date(2026, 12, 1, 4, 0, 0, 0, time.UTC)
	grant, err := NewGrant(7, DefaultWelcomeGrant, now)
	if err != nil {
		t.Fatal(err)
	}
	pay, err := NewPayment(7, 42, 45_000, grant.Amount, now)
	if err != nil {
		t.Fatal(err)
	}
	refund, err := NewRefund(7, 42, 45_000, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := grant.Amount + pay.Amount; got != DefaultWelcomeGrant-45_000 {
		t.Errorf("balance after paying = %d, want %d", got, DefaultWelcomeGrant-45_000)
	}
	if got := grant.Amount + pay.Amount + refund.Amount; got != DefaultWelcomeGrant {
		t.Errorf("balance after a full refund = %d, want %d", got, DefaultWelcomeGrant)
	}
	if _, err := NewPayment(7, 43, DefaultWelcomeGrant, grant.Amount+pay.Amount, now); !errors.Is(err, ErrInsufficientFunds) {
		t.Errorf("paying the whole grant after spending some: error = %v, want ErrInsufficientFunds", err)
	}
}
