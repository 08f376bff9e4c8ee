// Package points holds the points wallet: an append-only ledger whose sum is
// the balance. 1 point = 1 won.
package points

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/fault"
)

// Errors of the wallet.
var (
	ErrInvalidEntry      = errors.New("invalid ledger entry")
	ErrInsufficientFunds = fault.New(fault.PaymentRequired, "insufficient_points", "not enough points to pay")
)

// DefaultWelcomeGrant is what a new account receives.
const DefaultWelcomeGrant = 100_000

// Kind is why the balance changed.
type Kind struct{ s string }

// The kinds of ledger entries.
var (
	KindGrant   = Kind{"grant"}   // points given by the marketplace (welcome grant)
	KindPayment = Kind{"payment"} // a booking paid (negative)
	KindRefund  = Kind{"refund"}  // a cancelled booking's refund
)

// ParseKind reads a stored kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range []Kind{KindGrant, KindPayment, KindRefund} {
		if k.s == s {
			return k, nil
		}
	}
	return Kind{}, fmt.Errorf("%w: kind %q", ErrInvalidEntry, s)
}

// String is the kind's stored name.
func (k Kind) String() string { return k.s }

// Entry is one change of a user's balance, tied to its cause.
type Entry struct {
	ID        int64
	UserID    int64
	Kind      Kind
	Amount    int64 // signed: payments are negative
	BookingID *int64
	CreatedAt time.Time
}

// NewGrant gives a user points; the amount must be positive.
func NewGrant(userID, amount int64, now time.Time) (Entry, error) {
	if amount <= 0 {
		return Entry{}, fmt.Errorf("%w: a grant must be positive, not %d", ErrInvalidEntry, amount)
	}
	return Entry{UserID: userID, Kind: KindGrant, Amount: amount, CreatedAt: now}, nil
}

// NewPayment debits amount for a booking from a wallet holding balance. It
// refuses (ErrInsufficientFunds) rather than let a balance go negative.
func NewPayment(userID, bookingID, amount, balance int64, now time.Time) (Entry, error) {
	if amount <= 0 {
		return Entry{}, fmt.Errorf("%w: a payment must be positive, not %d", ErrInvalidEntry, amount)
	}
	if balance < amount {
		return Entry{}, fmt.Errorf("%w: %d needed, %d held", ErrInsufficientFunds, amount, balance)
	}
	return Entry{UserID: userID, Kind: KindPayment, Amount: -amount, BookingID: &bookingID, CreatedAt: now}, nil
}

// NewRefund credits a cancelled booking's refund; the amount must be positive
// (a refund of nothing writes no entry).
func NewRefund(userID, bookingID, amount int64, now time.Time) (Entry, error) {
	if amount <= 0 {
		return Entry{}, fmt.Errorf("%w: a refund must be positive, not %d", ErrInvalidEntry, amount)
	}
	return Entry{UserID: userID, Kind: KindRefund, Amount: amount, BookingID: &bookingID, CreatedAt: now}, nil
}

// Repository stores the ledger. Implementations run inside the caller's transaction.
type Repository interface {
	// Append adds an entry; entries are never changed or removed.
	Append(ctx context.Context, e Entry) (Entry, error)
	// Balance is the sum of a user's entries.
	Balance(ctx context.Context, userID int64) (int64, error)
	// LockWallet serialises changes of one user's balance until the
	// transaction ends, so two payments cannot both spend the same points.
	LockWallet(ctx context.Context, userID int64) error
	// List gives a user's entries, newest first, those with id below beforeID
	// (0: from the newest), at most limit.
	List(ctx context.Context, userID int64, beforeID int64, limit int) ([]Entry, error)
}
