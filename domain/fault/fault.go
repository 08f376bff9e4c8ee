// Package fault gives domain errors their kind where they are born, so the
// adapters that answer callers switch on a few kinds (invalid, not found,
// conflict, payment required) instead of on every error, and a new error
// cannot silently become an internal one.
package fault

import "errors"

// Kind is what sort of failure an error is, as a caller must see it.
type Kind struct{ s string }

// The kinds of domain failure.
var (
	// Unknown is every error that has no kind: a bug or a broken dependency.
	Unknown = Kind{""}
	// Invalid: a well-formed value that breaks a rule (FieldError names it).
	Invalid = Kind{"invalid"}
	// NotFound: no such thing, or none the caller may see.
	NotFound = Kind{"not_found"}
	// Conflict: the request clashes with the current state.
	Conflict = Kind{"conflict"}
	// PaymentRequired: too few points to pay.
	PaymentRequired = Kind{"payment_required"}
)

// String is the kind's name.
func (k Kind) String() string { return k.s }

// Error is a domain error with a kind and a stable slug (for clients and logs).
type Error struct {
	kind Kind
	slug string
	msg  string
}

// New makes a kinded error; declare them as package-level sentinels.
func New(kind Kind, slug, msg string) *Error { return &Error{kind: kind, slug: slug, msg: msg} }

func (e *Error) Error() string { return e.msg }

// Kind is the error's kind.
func (e *Error) Kind() Kind { return e.kind }

// Slug is the error's stable machine-readable name, e.g. "deadline_passed".
func (e *Error) Slug() string { return e.slug }

// FieldError is a value at fault: Field names it in the domain's words
// (e.g. "people", "contact.phone"); adapters map it to their parameter name.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Kind is Invalid.
func (e *FieldError) Kind() Kind { return Invalid }

// Is lets errors.Is(err, ErrInvalid) hold for every field error.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// ErrInvalid matches every *FieldError with errors.Is.
var ErrInvalid = errors.New("invalid value")

// Field builds a FieldError.
func Field(field, reason string) *FieldError { return &FieldError{Field: field, Reason: reason} }

// kinded is any error that knows its kind.
type kinded interface{ Kind() Kind }

// KindOf finds the kind of the first error in err's chain that has one.
func KindOf(err error) Kind {
	var k kinded
	if errors.As(err, &k) {
		return k.Kind()
	}
	return Unknown
}
