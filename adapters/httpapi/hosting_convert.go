package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// Conversions from the hosting API's JSON to the domain's listing. Errors
// are field errors named as the JSON names them; the domain's own are too.

func listingOf(in SpaceInput) (space.Listing, error) {
	var errs []error
	l := space.Listing{
		Title: in.Title, Subtitle: in.Subtitle, Description: in.Description, Address: in.Address,
		DistrictID: in.DistrictID, CategoryID: in.CategoryID, Lat: in.Lat, Lng: in.Lng,
		CapacityMin: in.Capacity.Min, CapacityMax: in.Capacity.Max,
		FacilityIDs: in.FacilityIDs, NeedsApproval: in.NeedsApproval,
	}
	var err error
	if l.Opening, err = openingOf(in.OpeningHours); err != nil {
		errs = append(errs, err)
	}
	if in.Hourly != nil {
		l.Hourly = &space.Hourly{PricePerHour: space.Money(in.Hourly.PricePerHour), MinHours: in.Hourly.MinHours}
	}
	if l.Packages, err = packagesOf(in.Packages); err != nil {
		errs = append(errs, err)
	}
	if l.Refund, err = refundOf(in.RefundPolicy); err != nil {
		errs = append(errs, err)
	}
	return l, errors.Join(errs...)
}

func openingOf(hours []OpeningHoursOut) (map[time.Weekday]calendar.Window, error) {
	out := make(map[time.Weekday]calendar.Window, len(hours))
	var errs []error
	for i, h := range hours {
		field := fmt.Sprintf("opening_hours[%d]", i)
		wd, ok := weekdayOf(h.Weekday)
		if !ok {
			errs = append(errs, fault.Field(field+".weekday", "want sun, mon, tue, wed, thu, fri or sat"))
			continue
		}
		if _, dup := out[wd]; dup {
			errs = append(errs, fault.Field(field+".weekday", "this weekday is given twice"))
			continue
		}
		open, err1 := calendar.ParseClock(h.Open)
		closeAt, err2 := calendar.ParseClock(h.Close)
		w, err3 := calendar.NewWindow(open, closeAt)
		if err1 != nil || err2 != nil || err3 != nil || closeAt > calendar.MinutesPerDay || open%60 != 0 || closeAt%60 != 0 {
			errs = append(errs, fault.Field(field, "open and close are whole hours of one day, open before close (close may be 24:00)"))
			continue
		}
		out[wd] = w
	}
	return out, errors.Join(errs...)
}

func packagesOf(in []PackageIn) ([]space.Package, error) {
	out := make([]space.Package, 0, len(in))
	var errs []error
	for i, p := range in {
		field := fmt.Sprintf("packages[%d]", i)
		start, err1 := calendar.ParseClock(p.Start)
		end, err2 := calendar.ParseClock(p.End)
		if err1 != nil || err2 != nil || start >= calendar.MinutesPerDay || end > calendar.MinutesPerDay {
			errs = append(errs, fault.Field(field, "start and end are HH:MM within a day; an end at or before the start is on the next day"))
			continue
		}
		if end <= start {
			end += calendar.MinutesPerDay
		}
		w, err := calendar.NewWindow(start, end)
		if err != nil {
			errs = append(errs, fault.Field(field, err.Error()))
			continue
		}
		days := space.EveryDay
		if len(p.Weekdays) > 0 {
			days = 0
			for _, name := range p.Weekdays {
				wd, ok := weekdayOf(name)
				if !ok {
					errs = append(errs, fault.Field(field+".weekdays", "want sun, mon, tue, wed, thu, fri or sat"))
					break
				}
				days |= space.WeekdaysOf(wd)
			}
		}
		out = append(out, space.Package{ID: space.PackageID(p.ID), Name: p.Name, Window: w, Price: space.Money(p.Price), Weekdays: days})
	}
	return out, errors.Join(errs...)
}

func refundOf(in RefundPolicyIn) (space.RefundPolicy, error) {
	if in.Name != "custom" {
		if len(in.Rules) > 0 {
			return space.RefundPolicy{}, fault.Field("refund_policy.rules", "only a custom policy takes rules")
		}
		p, err := space.ParseRefundPolicyName(in.Name)
		if err != nil {
			return p, fault.Field("refund_policy.name", "want flexible, standard or custom")
		}
		return p, nil
	}
	rules := make([]space.RefundRule, len(in.Rules))
	for i, r := range in.Rules {
		rules[i] = space.RefundRule{MinDaysBefore: r.MinDaysBefore, Percent: r.Percent}
	}
	p, err := space.NewCustomRefundPolicy(rules)
	if err != nil {
		return p, fault.Field("refund_policy.rules", "1–10 rules, days 0–365 distinct, percent 0–100 never growing nearer the date")
	}
	return p, nil
}

func weekdayOf(name string) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if weekdayName(wd) == name {
			return wd, true
		}
	}
	return 0, false
}

// patchOf turns a merge patch into the domain's; raw tells a null hourly
// (stop hourly sales) from an absent one.
func patchOf(in SpacePatch, raw []byte) (space.ListingPatch, error) {
	p := space.ListingPatch{
		Title: in.Title, Subtitle: in.Subtitle, Description: in.Description, Address: in.Address,
		DistrictID: in.DistrictID, CategoryID: in.CategoryID, Lat: in.Lat, Lng: in.Lng,
		FacilityIDs: in.FacilityIDs, NeedsApproval: in.NeedsApproval,
	}
	var errs []error
	if c := in.Capacity; c != nil {
		p.CapacityMin, p.CapacityMax = &c.Min, &c.Max
	}
	if in.OpeningHours != nil {
		o, err := openingOf(*in.OpeningHours)
		errs = append(errs, err)
		p.Opening = &o
	}
	if in.Hourly != nil {
		p.Hourly = &space.Hourly{PricePerHour: space.Money(in.Hourly.PricePerHour), MinHours: in.Hourly.MinHours}
	} else {
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) == nil && string(fields["hourly"]) == "null" {
			p.ClearHourly = true
		}
	}
	if in.Packages != nil {
		pk, err := packagesOf(*in.Packages)
		errs = append(errs, err)
		p.Packages = &pk
	}
	if in.RefundPolicy != nil {
		r, err := refundOf(*in.RefundPolicy)
		errs = append(errs, err)
		p.Refund = &r
	}
	return p, errors.Join(errs...)
}
