package space

import (
	"errors"
	"slices"
	"testing"
)

func TestFlexiblePercent(t *testing.T) {
	tests := []struct {
		daysBefore int
		want       int
	}{
		{365, 100}, {8, 100}, {7, 100}, {6, 50}, {2, 50}, {1, 50}, {0, 0}, {-1, 0},
	}
	for _, tt := range tests {
		if got := RefundFlexible.Percent(tt.daysBefore); got != tt.want {
			t.Errorf("flexible Percent(%d) = %d, want %d", tt.daysBefore, got, tt.want)
		}
	}
}

func TestStandardPercent(t *testing.T) {
	tests := []struct {
		daysBefore int
		want       int
	}{
		{90, 100}, {31, 100}, {30, 100}, {29, 50}, {8, 50}, {7, 50}, {6, 0}, {1, 0}, {0, 0}, {-3, 0},
	}
	for _, tt := range tests {
		if got := RefundStandard.Percent(tt.daysBefore); got != tt.want {
			t.Errorf("standard Percent(%d) = %d, want %d", tt.daysBefore, got, tt.want)
		}
	}
}

func TestRefundRoundsDown(t *testing.T) {
	tests := []struct {
		name       string
		policy     RefundPolicy
		amount     Money
		daysBefore int
		want       Money
	}{
		{"full refund", RefundFlexible, 45000, 7, 45000},
		{"half of even amount", RefundFlexible, 45000, 3, 22500},
		{"half of odd amount rounds down", RefundFlexible, 45001, 3, 22500},
		{"half of one won", RefundFlexible, 1, 1, 0},
		{"same day", RefundFlexible, 45000, 0, 0},
		{"standard half of odd amount", RefundStandard, 33333, 10, 16666},
		{"standard under seven days", RefundStandard, 33333, 6, 0},
		{"zero amount", RefundStandard, 0, 30, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Refund(tt.amount, tt.daysBefore); got != tt.want {
				t.Errorf("%s Refund(%d, %d) = %d, want %d", tt.policy.Name(), tt.amount, tt.daysBefore, got, tt.want)
			}
		})
	}
}

func TestCustomRefundRoundsDown(t *testing.T) {
	p, err := NewCustomRefundPolicy([]RefundRule{{10, 90}, {3, 33}, {0, 10}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		amount     Money
		daysBefore int
		want       Money
	}{
		{10001, 10, 9000}, // 9000.9
		{10001, 5, 3300},  // 3300.33
		{999, 3, 329},     // 329.67
		{999, 0, 99},      // 99.9
		{999, -1, 0},
	}
	for _, tt := range tests {
		if got := p.Refund(tt.amount, tt.daysBefore); got != tt.want {
			t.Errorf("custom Refund(%d, %d) = %d, want %d", tt.amount, tt.daysBefore, got, tt.want)
		}
	}
}

func TestNewCustomRefundPolicy(t *testing.T) {
	tests := []struct {
		name    string
		rules   []RefundRule
		wantErr bool
	}{
		{"single rule", []RefundRule{{0, 100}}, false},
		{"three rules", []RefundRule{{14, 100}, {3, 50}, {0, 0}}, false},
		{"unsorted input", []RefundRule{{0, 0}, {14, 100}, {3, 50}}, false},
		{"flat refunds", []RefundRule{{10, 50}, {0, 50}}, false},
		{"bounds", []RefundRule{{365, 100}, {0, 0}}, false},
		{"ten rules", []RefundRule{{9, 100}, {8, 90}, {7, 80}, {6, 70}, {5, 60}, {4, 50}, {3, 40}, {2, 30}, {1, 20}, {0, 10}}, false},
		{"no rules", nil, true},
		{"eleven rules", []RefundRule{{10, 100}, {9, 100}, {8, 90}, {7, 80}, {6, 70}, {5, 60}, {4, 50}, {3, 40}, {2, 30}, {1, 20}, {0, 10}}, true},
		{"negative days", []RefundRule{{-1, 10}}, true},
		{"days over a year", []RefundRule{{366, 100}}, true},
		{"negative percent", []RefundRule{{0, -1}}, true},
		{"percent over 100", []RefundRule{{7, 101}}, true},
		{"invalid rule after a valid one", []RefundRule{{7, 100}, {1, 150}}, true},
		{"duplicate thresholds", []RefundRule{{7, 100}, {7, 50}}, true},
		{"refund grows nearer the date", []RefundRule{{7, 50}, {1, 100}}, true},
		{"refund grows at the last rule", []RefundRule{{7, 100}, {3, 50}, {0, 60}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewCustomRefundPolicy(tt.rules)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidRefundPolicy) {
					t.Fatalf("NewCustomRefundPolicy(%v) = %v, %v; want ErrInvalidRefundPolicy", tt.rules, p, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewCustomRefundPolicy(%v) error = %v", tt.rules, err)
			}
			if p.Name() != "custom" {
				t.Errorf("Name() = %q, want custom", p.Name())
			}
			rules := p.Rules()
			if len(rules) != len(tt.rules) {
				t.Fatalf("Rules() has %d, want %d", len(rules), len(tt.rules))
			}
			if !slices.IsSortedFunc(rules, func(a, b RefundRule) int { return b.MinDaysBefore - a.MinDaysBefore }) {
				t.Errorf("Rules() = %v, want furthest threshold first", rules)
			}
		})
	}
}

func TestCustomPolicyPercentFromUnsortedRules(t *testing.T) {
	rules := []RefundRule{{0, 0}, {14, 100}, {3, 50}}
	p, err := NewCustomRefundPolicy(rules)
	if err != nil {
		t.Fatal(err)
	}
	rules[1].Percent = 0 // the policy must not share the caller's slice
	tests := []struct {
		daysBefore int
		want       int
	}{
		{20, 100}, {14, 100}, {13, 50}, {3, 50}, {2, 0}, {0, 0},
	}
	for _, tt := range tests {
		if got := p.Percent(tt.daysBefore); got != tt.want {
			t.Errorf("Percent(%d) = %d, want %d", tt.daysBefore, got, tt.want)
		}
	}
}

func TestCustomPolicyWithoutSameDayRuleRefundsNothing(t *testing.T) {
	p, err := NewCustomRefundPolicy([]RefundRule{{5, 80}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Percent(4); got != 0 {
		t.Errorf("Percent(4) = %d, want 0 below the only threshold", got)
	}
	if got := p.Percent(5); got != 80 {
		t.Errorf("Percent(5) = %d, want 80", got)
	}
}

func TestParseRefundPolicyName(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"flexible", "flexible", false},
		{"standard", "standard", false},
		{"custom", "", true},
		{"Flexible", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParseRefundPolicyName(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidRefundPolicy) {
					t.Fatalf("ParseRefundPolicyName(%q) error = %v, want ErrInvalidRefundPolicy", tt.in, err)
				}
				return
			}
			if err != nil || p.Name() != tt.want {
				t.Fatalf("ParseRefundPolicyName(%q) = %q, %v; want %q", tt.in, p.Name(), err, tt.want)
			}
			if !slices.Equal(p.Rules(), map[string]RefundPolicy{"flexible": RefundFlexible, "standard": RefundStandard}[tt.in].Rules()) {
				t.Errorf("ParseRefundPolicyName(%q) rules = %v", tt.in, p.Rules())
			}
		})
	}
}

func TestRulesReturnsACopy(t *testing.T) {
	r := RefundFlexible.Rules()
	r[0].Percent = 0
	if got := RefundFlexible.Percent(30); got != 100 {
		t.Errorf("changing Rules() changed the flexible policy: Percent(30) = %d", got)
	}
}
