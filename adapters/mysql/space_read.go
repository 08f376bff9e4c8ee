package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/space"
)

// SpaceReader reads single spaces for the detail page and availability.
type SpaceReader struct{ q *sqlcgen.Queries }

// NewSpaceReader reads spaces from db.
func NewSpaceReader(db sqlcgen.DBTX) SpaceReader { return SpaceReader{q: sqlcgen.New(db)} }

// closedDatesShown is how far ahead the detail page lists closed dates.
const closedDatesShown = 90

// SpaceDetail implements query.SpaceReader: six queries whatever the space
// holds, and two for its latest reviews when it has any. It reads a space in any status; the use case decides who sees it.
func (r SpaceReader) SpaceDetail(ctx context.Context, id int64, today calendar.Date) (query.SpaceDetail, error) {
	row, err := r.q.GetSpaceDetail(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return query.SpaceDetail{}, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	if err != nil {
		return query.SpaceDetail{}, err
	}
	status, err := space.ParseStatus(row.Status)
	if err != nil {
		return query.SpaceDetail{}, err
	}
	d := query.SpaceDetail{
		ID: row.ID, Status: status, HostID: row.HostID, HostNickname: row.HostNickname,
		Title: row.Title, Subtitle: row.Subtitle, Description: row.Description,
		Category: query.Category{ID: row.CategoryID, Name: row.CategoryName, IconURL: row.CategoryIconUrl},
		District: query.Ref{ID: row.DistrictID, Name: row.DistrictName},
		Address:  row.Address, Lat: row.Lat, Lng: row.Lng,
		CapacityMin: int(row.CapacityMin), CapacityMax: int(row.CapacityMax),
		NeedsApproval: row.NeedsApproval, RefundPolicy: row.RefundPolicy,
		ListPrice: row.ListPrice, Likes: int(row.LikeCount),
		Rating:    query.Rating{Count: int(row.RatingCount), Sum: int(row.RatingSum)},
		CreatedAt: row.CreatedAt,
	}
	policy, err := refundPolicy(row.RefundPolicy, row.RefundRules)
	if err != nil {
		return query.SpaceDetail{}, fmt.Errorf("space %d: %w", id, err)
	}
	for _, rule := range policy.Rules() {
		d.RefundRules = append(d.RefundRules, query.RefundRule{MinDaysBefore: rule.MinDaysBefore, Percent: rule.Percent})
	}
	photos, err := r.q.ListSpacePhotos(ctx, id)
	if err != nil {
		return query.SpaceDetail{}, err
	}
	for _, p := range photos {
		d.Photos = append(d.Photos, photoOf(p.ID, p.DetailKey, p.ThumbKey))
	}
	facilities, err := r.q.ListSpaceFacilities(ctx, id)
	if err != nil {
		return query.SpaceDetail{}, err
	}
	for _, f := range facilities {
		d.Facilities = append(d.Facilities, query.Facility{ID: f.ID, Name: f.Name, IconURL: f.IconUrl})
	}
	packages, err := r.q.ListSpacePackages(ctx, id)
	if err != nil {
		return query.SpaceDetail{}, err
	}
	pricing, err := pricingOf(row.HourlyPrice, row.MinHours, packages)
	if err != nil {
		return query.SpaceDetail{}, fmt.Errorf("space %d pricing: %w", id, err)
	}
	for _, p := range pricing.Packages() {
		d.Packages = append(d.Packages, query.PackageOf(p))
	}
	if h, ok := pricing.Hourly(); ok {
		price := int64(h.PricePerHour)
		d.HourlyPrice, d.MinHours = &price, h.MinHours
	}
	hours, err := r.q.ListSpaceOpeningHours(ctx, id)
	if err != nil {
		return query.SpaceDetail{}, err
	}
	for _, h := range hours {
		d.OpeningHours = append(d.OpeningHours, query.OpeningHours{Weekday: time.Weekday(h.Weekday), Open: int(h.OpenMinute), Close: int(h.CloseMinute)})
	}
	closed, err := r.q.ListSpaceClosedDates(ctx, sqlcgen.ListSpaceClosedDatesParams{
		SpaceID: id, FromDay: timeOfDate(today), ToDay: timeOfDate(today.AddDays(closedDatesShown))})
	if err != nil {
		return query.SpaceDetail{}, err
	}
	for _, c := range closed {
		d.ClosedDates = append(d.ClosedDates, dateOfTime(c).String())
	}
	// The latest reviews: two queries more, none for a space without
	// reviews (its counter moves in the same transaction as its reviews).
	d.LatestReviews = []query.Review{}
	if row.RatingCount > 0 {
		if d.LatestReviews, err = spaceReviews(ctx, r.q, query.SpaceReviewsRequest{SpaceID: id, Sort: review.SortNewest, Limit: query.LatestReviews}); err != nil {
			return query.SpaceDetail{}, err
		}
	}
	return d, nil
}

// SpaceCalendar implements query.SpaceReader.
func (r SpaceReader) SpaceCalendar(ctx context.Context, id int64, day calendar.Date) (query.Calendar, error) {
	row, err := r.q.GetSpaceDetail(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return query.Calendar{}, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	if err != nil {
		return query.Calendar{}, err
	}
	status, err := space.ParseStatus(row.Status)
	if err != nil {
		return query.Calendar{}, err
	}
	packages, err := r.q.ListSpacePackages(ctx, id)
	if err != nil {
		return query.Calendar{}, err
	}
	hours, err := r.q.ListSpaceOpeningHours(ctx, id)
	if err != nil {
		return query.Calendar{}, err
	}
	closed, err := r.q.ListSpaceClosedDates(ctx, sqlcgen.ListSpaceClosedDatesParams{
		SpaceID: id, FromDay: timeOfDate(day), ToDay: timeOfDate(day)})
	if err != nil {
		return query.Calendar{}, err
	}
	schedule, err := scheduleOf(hours, closed)
	if err != nil {
		return query.Calendar{}, fmt.Errorf("space %d schedule: %w", id, err)
	}
	pricing, err := pricingOf(row.HourlyPrice, row.MinHours, packages)
	if err != nil {
		return query.Calendar{}, fmt.Errorf("space %d pricing: %w", id, err)
	}
	return query.Calendar{Status: status, Schedule: schedule, Pricing: pricing}, nil
}

func scheduleOf(hours []sqlcgen.ListSpaceOpeningHoursRow, closed []time.Time) (space.Schedule, error) {
	opening := make(map[time.Weekday]calendar.Window, len(hours))
	for _, h := range hours {
		w, err := calendar.NewWindow(int(h.OpenMinute), int(h.CloseMinute))
		if err != nil {
			return space.Schedule{}, err
		}
		opening[time.Weekday(h.Weekday)] = w
	}
	days := make([]calendar.Date, len(closed))
	for i, c := range closed {
		days[i] = dateOfTime(c)
	}
	return space.NewSchedule(opening, days)
}

func pricingOf(hourlyPrice sql.NullInt64, minHours sql.NullInt32, rows []sqlcgen.ListSpacePackagesRow) (space.Pricing, error) {
	var hourly *space.Hourly
	if hourlyPrice.Valid {
		hourly = &space.Hourly{PricePerHour: space.Money(hourlyPrice.Int64), MinHours: int(minHours.Int32)}
	}
	packages := make([]space.Package, len(rows))
	for i, p := range rows {
		w, err := calendar.NewWindow(int(p.StartMinute), int(p.EndMinute))
		if err != nil {
			return space.Pricing{}, err
		}
		packages[i] = space.Package{ID: space.PackageID(p.ID), Name: p.Name, Window: w,
			Price: space.Money(p.Price), Weekdays: space.WeekdaySet(p.Weekdays)}
	}
	return space.NewPricing(hourly, packages)
}

// refundPolicy reads a stored policy; custom rules are stored as
// "days:percent" pairs separated by commas, e.g. "10:100,3:50,0:0".
func refundPolicy(name, rules string) (space.RefundPolicy, error) {
	if name != "custom" {
		return space.ParseRefundPolicyName(name)
	}
	var rs []space.RefundRule
	for _, pair := range strings.Split(rules, ",") {
		days, pct, ok := strings.Cut(pair, ":")
		d, err1 := strconv.Atoi(days)
		p, err2 := strconv.Atoi(pct)
		if !ok || err1 != nil || err2 != nil {
			return space.RefundPolicy{}, fmt.Errorf("%w: stored rules %q", space.ErrInvalidRefundPolicy, rules)
		}
		rs = append(rs, space.RefundRule{MinDaysBefore: d, Percent: p})
	}
	return space.NewCustomRefundPolicy(rs)
}

// refundRulesText writes custom rules the way refundPolicy reads them.
func refundRulesText(p space.RefundPolicy) string {
	if p.Name() != "custom" {
		return ""
	}
	parts := make([]string, 0, len(p.Rules()))
	for _, r := range p.Rules() {
		parts = append(parts, fmt.Sprintf("%d:%d", r.MinDaysBefore, r.Percent))
	}
	return strings.Join(parts, ",")
}

// photoOf reads a photo row; rows from before thumbnails had one size.
func photoOf(id int64, detail, thumb string) query.Photo {
	if thumb == "" {
		thumb = detail
	}
	return query.Photo{ID: id, Keys: space.PhotoKeys{Detail: detail, Thumb: thumb}}
}
