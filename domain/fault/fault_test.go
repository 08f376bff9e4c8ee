package fault

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindOfFollowsTheChain(t *testing.T) {
	conflict := New(Conflict, "taken", "taken")
	for _, tt := range []struct {
		name string
		err  error
		want Kind
	}{
		{"kinded", conflict, Conflict},
		{"wrapped", fmt.Errorf("booking 3: %w", conflict), Conflict},
		{"field error", Field("people", "too many"), Invalid},
		{"wrapped field error", fmt.Errorf("x: %w", Field("date", "past")), Invalid},
		{"joined, first with a kind wins", errors.Join(errors.New("plain"), New(PaymentRequired, "p", "p")), PaymentRequired},
		{"plain", errors.New("disk on fire"), Unknown},
		{"nil", nil, Unknown},
	} {
		if got := KindOf(tt.err); got != tt.want {
			t.Errorf("%s: KindOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFieldErrorsMatchErrInvalid(t *testing.T) {
	err := fmt.Errorf("create: %w", Field("contact.phone", "not a number"))
	if !errors.Is(err, ErrInvalid) {
		t.Error("a wrapped field error is not ErrInvalid")
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "contact.phone" || fe.Error() != "contact.phone: not a number" {
		t.Errorf("field error %+v", fe)
	}
	if errors.Is(New(Invalid, "x", "x"), ErrInvalid) {
		t.Error("a kinded error without a field matches ErrInvalid")
	}
	e := New(NotFound, "booking_not_found", "booking not found")
	if e.Slug() != "booking_not_found" || e.Kind() != NotFound || e.Error() != "booking not found" {
		t.Errorf("error %v: %s %s", e, e.Slug(), e.Kind())
	}
}
