package mysql

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// SpaceReader reads single spaces for the detail page and availability.
type SpaceReader struct {
	q     *sqlcgen.Queries
	cache *DetailCache // nil: every detail reads GetSpaceDetail
}

// NewSpaceReader reads spaces from db.
func NewSpaceReader(db sqlcgen.DBTX) SpaceReader { return SpaceReader{q: sqlcgen.New(db)} }

// WithDetailCache keeps what detail pages read of GetSpaceDetail in c
// (nil: no cache).
func (r SpaceReader) WithDetailCache(c *DetailCache) SpaceReader {
	r.cache = c
	return r
}

// closedDatesShown is how far ahead the detail page lists closed dates.
const closedDatesShown = 90

// SpaceDetail implements query.SpaceReader in at most two statements
// whatever the space holds: its prices and schedule with what is read fresh
// on every request — status, counters, the viewer's like and the space's
// content_version — (GetSpaceSchedule, which availability shares), then,
// unless the cache holds it at that content_version, the rest: the space
// with its photos, facilities and latest reviews (GetSpaceDetail). Every
// write to those moves content_version in its transaction, so a cached
// part is never older than the version the first statement saw. It reads
// a space in any status; the use case decides who sees it.
func (r SpaceReader) SpaceDetail(ctx context.Context, req query.SpaceDetailRequest) (query.SpaceDetail, error) {
	id := req.ID
	s, live, err := r.scheduleFor(ctx, id, req.Viewer, req.Today, req.Today.AddDays(closedDatesShown))
	if err != nil {
		return query.SpaceDetail{}, err
	}
	d, ok := r.cache.get(id, live.version)
	if !ok {
		var version int64
		if d, version, err = r.content(ctx, id); err != nil {
			return query.SpaceDetail{}, err
		}
		r.cache.put(id, version, d)
	}
	// d's lists may be the cache's: new ones are made below, never written into.
	d.Photos, d.Facilities, d.RefundRules = slices.Clone(d.Photos), slices.Clone(d.Facilities), slices.Clone(d.RefundRules)
	d.LatestReviews = slices.Clone(d.LatestReviews)
	for i := range d.LatestReviews {
		d.LatestReviews[i].Photos = slices.Clone(d.LatestReviews[i].Photos)
		d.LatestReviews[i].SpaceStatus = s.status
	}
	d.Status, d.Likes, d.Rating, d.Liked = s.status, live.likes, live.rating, live.liked
	for _, p := range s.pricing.Packages() {
		d.Packages = append(d.Packages, query.PackageOf(p))
	}
	if h, ok := s.pricing.Hourly(); ok {
		price := int64(h.PricePerHour)
		d.HourlyPrice, d.MinHours = &price, h.MinHours
	}
	for _, h := range s.hours {
		d.OpeningHours = append(d.OpeningHours, query.OpeningHours{Weekday: time.Weekday(h.Weekday), Open: int(h.OpenMinute), Close: int(h.CloseMinute)})
	}
	for _, c := range s.closed {
		d.ClosedDates = append(d.ClosedDates, c.String())
	}
	return d, nil
}

// content reads what GetSpaceDetail holds of a space's detail, and the
// content_version it was read at; the schedule, status, counters and like
// are left for the caller.
func (r SpaceReader) content(ctx context.Context, id int64) (query.SpaceDetail, int64, error) {
	row, err := r.q.GetSpaceDetail(ctx, sqlcgen.GetSpaceDetailParams{ID: id, Limit: query.LatestReviews, Limit_2: query.LatestReviews})
	if errors.Is(err, sql.ErrNoRows) {
		return query.SpaceDetail{}, 0, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	if err != nil {
		return query.SpaceDetail{}, 0, err
	}
	d := query.SpaceDetail{
		ID: row.ID, HostID: row.HostID, HostNickname: row.HostNickname,
		Title: row.Title, Subtitle: row.Subtitle, Description: row.Description,
		Category: query.Category{ID: row.CategoryID, Name: row.CategoryName, IconURL: row.CategoryIconUrl},
		District: query.Ref{ID: row.DistrictID, Name: row.DistrictName},
		Address:  row.Address, Lat: row.Lat, Lng: row.Lng,
		CapacityMin: int(row.CapacityMin), CapacityMax: int(row.CapacityMax),
		NeedsApproval: row.NeedsApproval, RefundPolicy: row.RefundPolicy,
		ListPrice: row.ListPrice, CreatedAt: row.CreatedAt,
	}
	policy, err := refundPolicy(row.RefundPolicy, row.RefundRules)
	if err != nil {
		return query.SpaceDetail{}, 0, fmt.Errorf("space %d: %w", id, err)
	}
	for _, rule := range policy.Rules() {
		d.RefundRules = append(d.RefundRules, query.RefundRule{MinDaysBefore: rule.MinDaysBefore, Percent: rule.Percent})
	}
	var lists detailLists
	if err := decodeLists(row.Lists, &lists); err != nil {
		return query.SpaceDetail{}, 0, fmt.Errorf("space %d: %w", id, err)
	}
	texts := [][3]any{ // body, reply, author of the newest reviews, newest first
		{row.ReviewBody1, row.ReviewReply1, row.ReviewAuthor1},
		{row.ReviewBody2, row.ReviewReply2, row.ReviewAuthor2},
		{row.ReviewBody3, row.ReviewReply3, row.ReviewAuthor3},
	}
	if len(lists.LatestReviews) > len(texts) {
		return query.SpaceDetail{}, 0, fmt.Errorf("space %d: %d latest reviews, but their text is read for %d", id, len(lists.LatestReviews), len(texts))
	}
	d.Photos, d.Facilities = lists.photos(), lists.facilities()
	d.LatestReviews = lists.latestReviews(row.ID, row.HostID, texts)
	return d, row.ContentVersion, nil
}

// SpaceCalendar implements query.SpaceReader in one statement.
func (r SpaceReader) SpaceCalendar(ctx context.Context, id int64, from, to calendar.Date) (query.Calendar, error) {
	s, err := r.schedule(ctx, id, from, to)
	if err != nil {
		return query.Calendar{}, err
	}
	schedule, err := scheduleOf(s.hours, s.closed)
	if err != nil {
		return query.Calendar{}, fmt.Errorf("space %d schedule: %w", id, err)
	}
	return query.Calendar{Status: s.status, Schedule: schedule, Pricing: s.pricing}, nil
}

// storedSchedule is a space's status, prices, opening hours (by weekday)
// and closed dates (in order) between two dates.
type storedSchedule struct {
	status  space.Status
	pricing space.Pricing
	hours   []sqlcgen.ListSpaceOpeningHoursRow
	closed  []calendar.Date
}

// liveFields are what a detail page reads fresh on every request beside the
// schedule: counters that move without a new content_version, the viewer's
// like, and the content_version itself.
type liveFields struct {
	version int64
	likes   int
	rating  query.Rating
	liked   bool
}

// schedule reads a space's storedSchedule with its closed dates from from
// to to, in one statement.
func (r SpaceReader) schedule(ctx context.Context, id int64, from, to calendar.Date) (storedSchedule, error) {
	s, _, err := r.scheduleFor(ctx, id, 0, from, to)
	return s, err
}

// scheduleFor is schedule with the liveFields of the space for viewer (0:
// anonymous).
func (r SpaceReader) scheduleFor(ctx context.Context, id, viewer int64, from, to calendar.Date) (storedSchedule, liveFields, error) {
	row, err := r.q.GetSpaceSchedule(ctx, sqlcgen.GetSpaceScheduleParams{ViewerID: viewer, ID: id, FromDay: timeOfDate(from), ToDay: timeOfDate(to)})
	if errors.Is(err, sql.ErrNoRows) {
		return storedSchedule{}, liveFields{}, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	if err != nil {
		return storedSchedule{}, liveFields{}, err
	}
	live := liveFields{version: row.ContentVersion, likes: int(row.LikeCount),
		rating: query.Rating{Count: int(row.RatingCount), Sum: int(row.RatingSum)}, liked: row.Liked}
	var s storedSchedule
	if s.status, err = space.ParseStatus(row.Status); err != nil {
		return storedSchedule{}, liveFields{}, err
	}
	var lists scheduleLists
	if err := decodeLists(row.Lists, &lists); err != nil {
		return storedSchedule{}, liveFields{}, fmt.Errorf("space %d: %w", id, err)
	}
	if s.pricing, err = pricingOf(row.HourlyPrice, row.MinHours, lists.packages()); err != nil {
		return storedSchedule{}, liveFields{}, fmt.Errorf("space %d pricing: %w", id, err)
	}
	s.hours = lists.hours()
	if s.closed, err = lists.closed(); err != nil {
		return storedSchedule{}, liveFields{}, fmt.Errorf("space %d: %w", id, err)
	}
	return s, live, nil
}

// scheduleLists are the lists of GetSpaceSchedule.
type scheduleLists struct {
	Packages     []packageJSON `json:"packages"`
	OpeningHours []hoursJSON   `json:"opening_hours"`
	ClosedDates  []string      `json:"closed_dates"` // YYYY-MM-DD
}

type packageJSON struct {
	ID          int64  `json:"id"`
	Position    int    `json:"position"`
	Name        string `json:"name"`
	StartMinute int32  `json:"start_minute"`
	EndMinute   int32  `json:"end_minute"`
	Price       int64  `json:"price"`
	Weekdays    int32  `json:"weekdays"`
}

type hoursJSON struct {
	Weekday     int8  `json:"weekday"`
	OpenMinute  int32 `json:"open_minute"`
	CloseMinute int32 `json:"close_minute"`
}

// packages are the packages in their order, as ListSpacePackages reads them.
func (l scheduleLists) packages() []sqlcgen.ListSpacePackagesRow {
	slices.SortFunc(l.Packages, func(a, b packageJSON) int { return cmp.Compare(a.Position, b.Position) })
	out := make([]sqlcgen.ListSpacePackagesRow, len(l.Packages))
	for i, p := range l.Packages {
		out[i] = sqlcgen.ListSpacePackagesRow{ID: p.ID, Name: p.Name, StartMinute: p.StartMinute, EndMinute: p.EndMinute, Price: p.Price, Weekdays: p.Weekdays}
	}
	return out
}

// hours are the opening hours by weekday, as ListSpaceOpeningHours reads them.
func (l scheduleLists) hours() []sqlcgen.ListSpaceOpeningHoursRow {
	slices.SortFunc(l.OpeningHours, func(a, b hoursJSON) int { return cmp.Compare(a.Weekday, b.Weekday) })
	var out []sqlcgen.ListSpaceOpeningHoursRow
	for _, h := range l.OpeningHours {
		out = append(out, sqlcgen.ListSpaceOpeningHoursRow(h))
	}
	return out
}

// closed are the closed dates in order.
func (l scheduleLists) closed() ([]calendar.Date, error) {
	slices.Sort(l.ClosedDates) // ISO dates sort as text
	var out []calendar.Date
	for _, c := range l.ClosedDates {
		d, err := calendar.ParseDate(c)
		if err != nil {
			return nil, fmt.Errorf("closed date: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

// detailLists are the lists of GetSpaceDetail.
type detailLists struct {
	Photos        []photoJSON    `json:"photos"`
	Facilities    []facilityJSON `json:"facilities"`
	LatestReviews []reviewJSON   `json:"latest_reviews"`
	ReviewPhotos  []photoJSON    `json:"review_photos"` // of the latest reviews, by ReviewID
}

type photoJSON struct {
	ID        int64  `json:"id"`        // absent for review photos
	ReviewID  int64  `json:"review_id"` // review photos only
	Position  int    `json:"position"`
	DetailKey string `json:"detail_key"`
	ThumbKey  string `json:"thumb_key"`
}

type facilityJSON struct {
	ID       int64  `json:"id"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	IconURL  string `json:"icon_url"`
}

type reviewJSON struct {
	ID        int64       `json:"id"`
	AuthorID  int64       `json:"author_id"`
	Rating    int         `json:"rating"`
	HasReply  bool        `json:"has_reply"`
	RepliedAt jsonInstant `json:"replied_at"`
	CreatedAt jsonInstant `json:"created_at"`
	EditedAt  jsonInstant `json:"edited_at"`
}

// photos are the space's photos in their order.
func (l detailLists) photos() []query.Photo {
	return photosInOrder(l.Photos)
}

// facilities are the space's facilities in the reference order (position,
// then id).
func (l detailLists) facilities() []query.Facility {
	slices.SortFunc(l.Facilities, func(a, b facilityJSON) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
	var out []query.Facility
	for _, f := range l.Facilities {
		out = append(out, query.Facility{ID: f.ID, Name: f.Name, IconURL: f.IconURL})
	}
	return out
}

// latestReviews are the space's newest reviews, newest first, as
// ReviewReader reads them (none: an empty list). texts are their body,
// reply and author's nickname, in the same order (read beside the JSON).
func (l detailLists) latestReviews(spaceID, hostID int64, texts [][3]any) []query.Review {
	slices.SortFunc(l.LatestReviews, func(a, b reviewJSON) int { return cmp.Compare(b.ID, a.ID) })
	out := make([]query.Review, len(l.LatestReviews))
	for i, r := range l.LatestReviews {
		out[i] = query.Review{ID: r.ID, SpaceID: spaceID, AuthorID: r.AuthorID, AuthorNickname: textOf(texts[i][2]),
			Rating: r.Rating, Body: textOf(texts[i][0]), Photos: append([]query.Photo{}, photosInOrder(l.photosOf(r.ID))...),
			CreatedAt: r.CreatedAt.Time, EditedAt: r.EditedAt.Time, SpaceHostID: hostID}
		if reply, ok := texts[i][1].(sql.NullString); ok && r.HasReply && reply.Valid {
			out[i].Reply = &query.ReviewReply{Body: reply.String, RepliedAt: r.RepliedAt.Time}
		}
	}
	return out
}

// textOf reads a text column sqlc could not type (a COALESCE of a scalar
// subquery): the driver gives []byte, or a string.
func textOf(v any) string {
	switch t := v.(type) {
	case []byte:
		return string(t)
	case string:
		return t
	}
	return ""
}

// photosOf are the photos of one of the latest reviews. Kept beside the
// reviews rather than inside them: a nested list made each review element
// unbounded, and MariaDB then built the list on disk.
func (l detailLists) photosOf(reviewID int64) []photoJSON {
	var out []photoJSON
	for _, p := range l.ReviewPhotos {
		if p.ReviewID == reviewID {
			out = append(out, p)
		}
	}
	return out
}

func photosInOrder(photos []photoJSON) []query.Photo {
	slices.SortFunc(photos, func(a, b photoJSON) int { return cmp.Compare(a.Position, b.Position) })
	var out []query.Photo
	for _, p := range photos {
		out = append(out, photoOf(p.ID, p.DetailKey, p.ThumbKey))
	}
	return out
}

func scheduleOf(hours []sqlcgen.ListSpaceOpeningHoursRow, closed []calendar.Date) (space.Schedule, error) {
	opening := make(map[time.Weekday]calendar.Window, len(hours))
	for _, h := range hours {
		w, err := calendar.NewWindow(int(h.OpenMinute), int(h.CloseMinute))
		if err != nil {
			return space.Schedule{}, err
		}
		opening[time.Weekday(h.Weekday)] = w
	}
	return space.NewSchedule(opening, closed)
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
