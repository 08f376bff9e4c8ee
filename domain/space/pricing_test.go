package space

import (
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
)

func pkg(name string, start, end int, price Money) Package {
	return Package{Name: name, Window: calendar.MustWindow(start, end), Price: price, Weekdays: EveryDay}
}

func TestNewPricing(t *testing.T) {
	tests := []struct {
		name     string
		hourly   *Hourly
		packages []Package
		wantErr  bool
	}{
		{"hourly only", &Hourly{PricePerHour: 10000, MinHours: 2}, nil, false},
		{"packages only", nil, []Package{pkg("day", 540, 900, 50000)}, false},
		{"both", &Hourly{PricePerHour: 10000, MinHours: 1}, []Package{pkg("night", 1200, 1740, 80000)}, false},
		{"min hours 24", &Hourly{PricePerHour: 1, MinHours: 24}, nil, false},
		{"neither", nil, nil, true},
		{"neither with empty slice", nil, []Package{}, true},
		{"zero hourly price", &Hourly{PricePerHour: 0, MinHours: 1}, nil, true},
		{"negative hourly price", &Hourly{PricePerHour: -1, MinHours: 1}, nil, true},
		{"zero min hours", &Hourly{PricePerHour: 10000, MinHours: 0}, nil, true},
		{"min hours 25", &Hourly{PricePerHour: 10000, MinHours: 25}, nil, true},
		{"unnamed package", nil, []Package{pkg("", 540, 900, 50000)}, true},
		{"free package", nil, []Package{pkg("day", 540, 900, 0)}, true},
		{"negative package price", nil, []Package{pkg("day", 540, 900, -5)}, true},
		{"package without weekdays", nil, []Package{{Name: "day", Window: calendar.MustWindow(540, 900), Price: 1}}, true},
		{"package with only out-of-range weekday bits", nil, []Package{{Name: "day", Window: calendar.MustWindow(540, 900), Price: 1, Weekdays: 0x80}}, true},
		{"package without window", nil, []Package{{Name: "day", Price: 1, Weekdays: EveryDay}}, true},
		{"one bad package among good", &Hourly{PricePerHour: 1000, MinHours: 1}, []Package{pkg("day", 540, 900, 5000), pkg("", 900, 1320, 5000)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPricing(tt.hourly, tt.packages)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidPricing) {
					t.Fatalf("NewPricing error = %v, want ErrInvalidPricing", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewPricing error = %v", err)
			}
			h, ok := p.Hourly()
			if ok != (tt.hourly != nil) {
				t.Fatalf("Hourly() ok = %v, want %v", ok, tt.hourly != nil)
			}
			if ok && h != *tt.hourly {
				t.Errorf("Hourly() = %+v, want %+v", h, *tt.hourly)
			}
			if got := p.Packages(); len(got) != len(tt.packages) {
				t.Errorf("Packages() has %d, want %d", len(got), len(tt.packages))
			}
		})
	}
}

func TestPricingCopiesItsInputs(t *testing.T) {
	hourly := &Hourly{PricePerHour: 10000, MinHours: 2}
	packages := []Package{pkg("day", 540, 900, 50000)}
	p, err := NewPricing(hourly, packages)
	if err != nil {
		t.Fatal(err)
	}
	hourly.PricePerHour = 1
	packages[0].Price = 1
	p.Packages()[0].Price = 2
	if h, _ := p.Hourly(); h.PricePerHour != 10000 {
		t.Errorf("hourly price changed to %d through the caller's pointer", h.PricePerHour)
	}
	if got := p.Packages()[0].Price; got != 50000 {
		t.Errorf("package price changed to %d through a caller's slice", got)
	}
}

func TestPackagesKeepDisplayOrder(t *testing.T) {
	in := []Package{pkg("night", 900, 1320, 70000), pkg("day", 540, 900, 50000), pkg("all day", 540, 1320, 100000)}
	p, err := NewPricing(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	got := p.Packages()
	for i := range in {
		if got[i].Name != in[i].Name {
			t.Errorf("Packages()[%d] = %q, want %q", i, got[i].Name, in[i].Name)
		}
	}
}

func TestListPrice(t *testing.T) {
	tests := []struct {
		name     string
		hourly   *Hourly
		packages []Package
		want     Money
	}{
		{"hourly times minimum hours", &Hourly{PricePerHour: 15000, MinHours: 3}, nil, 45000},
		{"hourly with one-hour minimum", &Hourly{PricePerHour: 15000, MinHours: 1}, nil, 15000},
		{"cheapest package", nil, []Package{pkg("all day", 540, 1320, 120000), pkg("day", 540, 900, 60000), pkg("night", 900, 1320, 80000)}, 60000},
		{"package cheaper than hourly run", &Hourly{PricePerHour: 20000, MinHours: 4}, []Package{pkg("day", 540, 900, 70000)}, 70000},
		{"hourly run cheaper than package", &Hourly{PricePerHour: 10000, MinHours: 2}, []Package{pkg("day", 540, 900, 70000)}, 20000},
		{"tie", &Hourly{PricePerHour: 10000, MinHours: 5}, []Package{pkg("day", 540, 900, 50000)}, 50000},
		{"cheapest package listed last", &Hourly{PricePerHour: 30000, MinHours: 2}, []Package{pkg("a", 540, 900, 90000), pkg("b", 900, 1320, 40000)}, 40000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPricing(tt.hourly, tt.packages)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.ListPrice(); got != tt.want {
				t.Errorf("ListPrice() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPackageWeekdaysSurviveValidation(t *testing.T) {
	weekend := Package{Name: "weekend", Window: calendar.MustWindow(540, 900), Price: 1000, Weekdays: WeekdaysOf(time.Saturday)}
	p, err := NewPricing(nil, []Package{weekend})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Packages()[0].Weekdays; got != WeekdaysOf(time.Saturday) {
		t.Errorf("Weekdays = %#x, want Saturday only", got)
	}
}
