package space

import (
	"errors"
	"fmt"
	"slices"
)

// ErrInvalidRefundPolicy is returned for custom refund rules that do not make sense.
var ErrInvalidRefundPolicy = errors.New("invalid refund policy")

// RefundRule refunds Percent of the amount when cancelled at least
// MinDaysBefore Seoul calendar days before the use date.
type RefundRule struct {
	MinDaysBefore int
	Percent       int
}

// RefundPolicy is the schedule of refunds on guest cancellation.
type RefundPolicy struct {
	name  string
	rules []RefundRule // sorted by MinDaysBefore, descending
}

// The two standard policies of the marketplace.
var (
	// RefundFlexible: ≥7 days before 100%, 1–6 days 50%, same day 0%.
	RefundFlexible = RefundPolicy{"flexible", []RefundRule{{7, 100}, {1, 50}, {0, 0}}}
	// RefundStandard: ≥30 days before 100%, 7–29 days 50%, under 7 days 0%.
	RefundStandard = RefundPolicy{"standard", []RefundRule{{30, 100}, {7, 50}, {0, 0}}}
)

// NewCustomRefundPolicy validates custom rules: percentages 0–100, distinct day
// thresholds ≥ 0, and refunds that never grow as the use date nears.
func NewCustomRefundPolicy(rules []RefundRule) (RefundPolicy, error) {
	if len(rules) == 0 || len(rules) > 10 {
		return RefundPolicy{}, fmt.Errorf("%w: give 1–10 rules", ErrInvalidRefundPolicy)
	}
	rs := slices.Clone(rules)
	slices.SortFunc(rs, func(a, b RefundRule) int { return b.MinDaysBefore - a.MinDaysBefore })
	for i, r := range rs {
		if r.MinDaysBefore < 0 || r.MinDaysBefore > 365 || r.Percent < 0 || r.Percent > 100 {
			return RefundPolicy{}, fmt.Errorf("%w: days 0–365 and percent 0–100", ErrInvalidRefundPolicy)
		}
		if i > 0 && (r.MinDaysBefore == rs[i-1].MinDaysBefore || r.Percent > rs[i-1].Percent) {
			return RefundPolicy{}, fmt.Errorf("%w: thresholds must differ and refunds must not grow nearer the date", ErrInvalidRefundPolicy)
		}
	}
	return RefundPolicy{"custom", rs}, nil
}

// ParseRefundPolicyName gives a named standard policy.
func ParseRefundPolicyName(name string) (RefundPolicy, error) {
	switch name {
	case RefundFlexible.name:
		return RefundFlexible, nil
	case RefundStandard.name:
		return RefundStandard, nil
	}
	return RefundPolicy{}, fmt.Errorf("%w: unknown policy %q", ErrInvalidRefundPolicy, name)
}

// Name is flexible, standard or custom.
func (p RefundPolicy) Name() string { return p.name }

// Rules lists the rules, furthest threshold first.
func (p RefundPolicy) Rules() []RefundRule { return slices.Clone(p.rules) }

// Percent is the refund percentage for a cancellation daysBefore Seoul
// calendar days before the use date; no matching rule refunds nothing.
func (p RefundPolicy) Percent(daysBefore int) int {
	for _, r := range p.rules {
		if daysBefore >= r.MinDaysBefore {
			return r.Percent
		}
	}
	return 0
}

// Refund is amount × Percent(daysBefore), rounded down to whole won.
func (p RefundPolicy) Refund(amount Money, daysBefore int) Money {
	return amount * Money(p.Percent(daysBefore)) / 100
}
