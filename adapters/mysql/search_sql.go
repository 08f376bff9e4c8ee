package mysql

import (
	"fmt"
	"strings"
	"time"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

// The search statement is built here from the filters in use, rather than
// written once with every filter and switched off by flags: the database
// then parses, prepares and optimises only what applies (a district and
// category search was a fifth of the work; docs/performance.md), and the
// indexes of the filters in use are chosen without constant folding. sqlc
// cannot leave conditions out, so this is a small builder of our own rather
// than a dependency: every piece of SQL is a constant of this file (sqlText),
// sort orders come from an allow-list, and every value is an argument of a
// ? placeholder, never spliced into the text.

// sqlText is SQL written in this package. A string variable does not convert
// to it implicitly, so input cannot reach a statement's text by accident.
type sqlText string

// sqlBuilder builds one statement from fragments and their arguments.
type sqlBuilder struct {
	sql  strings.Builder
	args []any
}

// add appends a fragment and the values of its placeholders.
func (b *sqlBuilder) add(f sqlText, args ...any) {
	if n := strings.Count(string(f), "?"); n != len(args) {
		panic(fmt.Sprintf("mysql: %d arguments for the %d placeholders of %q", len(args), n, f))
	}
	b.sql.WriteString(string(f))
	b.args = append(b.args, args...)
}

// addList appends "(?, ?, …)", a placeholder for each of ids.
func (b *sqlBuilder) addList(ids []int64) {
	b.sql.WriteString("(")
	for i, id := range ids {
		if i > 0 {
			b.sql.WriteString(", ")
		}
		b.sql.WriteString("?")
		b.args = append(b.args, id)
	}
	b.sql.WriteString(")")
}

// sortSQL is what each sort order writes: its key, the condition of the
// rows after a keyset (key, then id), and its order. It is the allow-list
// of orders: a sort not in it cannot be written.
var sortSQL = map[search.Sort]struct {
	key, after, order sqlText
}{
	search.SortPopular:   {"s.like_count", "(s.like_count < ? OR (s.like_count = ? AND s.id < ?))", "s.like_count DESC, s.id DESC"},
	search.SortPriceAsc:  {"s.list_price", "(s.list_price > ? OR (s.list_price = ? AND s.id > ?))", "s.list_price, s.id"},
	search.SortPriceDesc: {"s.list_price", "(s.list_price < ? OR (s.list_price = ? AND s.id < ?))", "s.list_price DESC, s.id DESC"},
	search.SortRating:    {"s.rating_score", "(s.rating_score < ? OR (s.rating_score = ? AND s.id < ?))", "s.rating_score DESC, s.id DESC"},
	search.SortNewest:    {"s.id", "(s.id < ? OR (s.id = ? AND s.id < ?))", "s.id DESC"},
}

// maxFacilityBit is the largest facility id spaces.facility_bits holds:
// bit 63 would make the mask a negative number to the driver.
const maxFacilityBit = 62

// facilityBits is the bit set of the facility ids that spaces.facility_bits
// holds, and the ids it cannot.
func facilityBits(ids []int64) (bits int64, others []int64) {
	for _, id := range ids {
		if id >= 1 && id <= maxFacilityBit {
			bits |= 1 << id
		} else {
			others = append(others, id)
		}
	}
	return bits, others
}

// dateSQL is the date filter's arguments.
type dateSQL struct {
	day        time.Time // the DATE value
	dayStart   time.Time // Seoul midnight, in UTC
	weekday    int
	weekdayBit int
	earliest   time.Time // bookings start no sooner
	now        time.Time
	window     *calendar.Window
	winStart   time.Time
	winEnd     time.Time
	// byHour: the window is whole hours of one day that may still be
	// booked, so an hourly space can be checked without walking its hours.
	byHour bool
}

// dateOf gives the date filter's arguments, false when no space can match
// (the date is beyond the booking horizon).
func dateOf(f search.Filter, now time.Time) (*dateSQL, bool) {
	if f.Date == nil {
		return nil, true
	}
	d := *f.Date
	if calendar.DateOf(now).DaysUntil(d) > availability.MaxDaysAhead {
		return nil, false
	}
	q := &dateSQL{day: timeOfDate(d), dayStart: d.Start().UTC(), weekday: int(d.Weekday()), weekdayBit: 1 << d.Weekday(),
		earliest: now.Add(availability.MinLead).UTC(), now: now.UTC(), window: f.Window}
	if w := f.Window; w != nil {
		start, end := w.On(d)
		q.winStart, q.winEnd = start.UTC(), end.UTC()
		q.byHour = w.Start()%60 == 0 && w.End()%60 == 0 && !w.CrossesMidnight() && !start.Before(q.earliest)
	}
	return q, true
}

// where writes the conditions of the filters in use, and nothing of those
// that are not. They must say what search.Filter.Matches says.
func (b *sqlBuilder) where(f search.Filter, text textCond, date *dateSQL) {
	b.add("s.status = 'active'")
	if text.ids != nil {
		b.add(" AND s.id IN ")
		b.addList(text.ids)
	}
	if len(f.Districts) > 0 {
		b.add(" AND s.district_id IN ")
		b.addList(f.Districts)
	}
	if len(f.Categories) > 0 {
		b.add(" AND s.category_id IN ")
		b.addList(f.Categories)
	}
	if bits, others := facilityBits(f.Facilities); bits != 0 || len(others) > 0 {
		if bits != 0 {
			b.add(" AND (s.facility_bits & ?) = ?", bits, bits)
		}
		if len(others) > 0 {
			b.add(" AND ? = (SELECT COUNT(*) FROM space_facilities sf WHERE sf.space_id = s.id AND sf.facility_id IN ", len(others))
			b.addList(others)
			b.add(")")
		}
	}
	if f.People > 0 {
		b.add(" AND s.capacity_min <= ? AND s.capacity_max >= ?", f.People, f.People)
	}
	if f.MinPrice != nil {
		b.add(" AND s.list_price >= ?", int64(*f.MinPrice))
	}
	if f.MaxPrice != nil {
		b.add(" AND s.list_price <= ?", int64(*f.MaxPrice))
	}
	if text.match != "" {
		b.add(" AND MATCH(s.search_tokens) AGAINST (? IN BOOLEAN MODE)", text.match)
	}
	for _, l := range text.likes {
		b.add(" AND s.search_text LIKE ?", l)
	}
	if a := f.Area; a != nil {
		b.add(" AND s.lat BETWEEN ? AND ? AND s.lng BETWEEN ? AND ?", a.South, a.North, a.West, a.East)
	}
	if date != nil {
		b.date(date)
	}
}

// date writes the date filter: the space is not closed on the day, and one
// of its packages, or (without a window) one of its hourly slots, or (with
// a window of whole hours) the window itself is free of blocking bookings
// and not too soon. Subqueries tied to the space by s.id alone are COUNT(*)
// comparisons, not [NOT] EXISTS: MariaDB turns such an EXISTS into IN and
// may then materialise the whole inner table (a full scan of bookings or
// space_closed_dates on each search) instead of looking up the few rows of
// each candidate space. The hourly slots are bounded on clock_hours.h itself
// (the first whole hour from opening, the last that leaves min_hours before
// closing), so the hours are read in order through the primary key and the
// search stops at the first free one.
func (b *sqlBuilder) date(d *dateSQL) {
	const blocking = sqlText(" AND (b.status = 'confirmed' OR (b.status IN ('payment_due', 'requested') AND b.deadline > CAST(? AS DATETIME(6))))")
	b.add(" AND 0 = (SELECT COUNT(*) FROM space_closed_dates cd WHERE cd.space_id = s.id AND cd.day = ?)", d.day)
	b.add(" AND (EXISTS (SELECT 1 FROM space_packages p WHERE p.space_id = s.id AND (p.weekdays & ?) <> 0", d.weekdayBit)
	if w := d.window; w != nil {
		b.add(" AND p.start_minute <= ? AND p.end_minute >= ?", w.Start(), w.End())
	}
	b.add(" AND DATE_ADD(?, INTERVAL p.start_minute MINUTE) >= CAST(? AS DATETIME(6))", d.dayStart, d.earliest)
	b.add(" AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.space_id = s.id"+
		" AND b.start_at < DATE_ADD(?, INTERVAL p.end_minute MINUTE) AND b.end_at > DATE_ADD(?, INTERVAL p.start_minute MINUTE)",
		d.dayStart, d.dayStart)
	b.add(blocking+"))", d.now)
	switch {
	case d.window == nil:
		b.add(" OR (s.hourly_price IS NOT NULL AND EXISTS (SELECT 1 FROM space_opening_hours oh"+
			" JOIN clock_hours h ON h.h >= (oh.open_minute + 59) DIV 60 AND h.h <= oh.close_minute DIV 60 - s.min_hours"+
			" WHERE oh.space_id = s.id AND oh.weekday = ? AND DATE_ADD(?, INTERVAL h.h HOUR) >= CAST(? AS DATETIME(6))",
			d.weekday, d.dayStart, d.earliest)
		b.add(" AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.space_id = s.id"+
			" AND b.start_at < DATE_ADD(?, INTERVAL h.h + s.min_hours HOUR) AND b.end_at > DATE_ADD(?, INTERVAL h.h HOUR)",
			d.dayStart, d.dayStart)
		b.add(blocking+")))", d.now)
	case d.byHour:
		w := d.window
		b.add(" OR (s.hourly_price IS NOT NULL AND ? >= s.min_hours * 60", w.Minutes())
		b.add(" AND 0 < (SELECT COUNT(*) FROM space_opening_hours oh WHERE oh.space_id = s.id AND oh.weekday = ?"+
			" AND oh.open_minute <= ? AND oh.close_minute >= ?)", d.weekday, w.Start(), w.End())
		b.add(" AND 0 = (SELECT COUNT(*) FROM bookings b WHERE b.space_id = s.id AND b.start_at < ? AND b.end_at > ?", d.winEnd, d.winStart)
		b.add(blocking+"))", d.now)
	}
	b.add(")")
}

// searchStatement builds the one statement of a search page: the page's ids
// and sort keys, read in the sort's order from the index that suits its
// filters (a derived table, so joins cannot change its plan), joined to
// their cards (with their photos, card_photos; the names of categories and
// districts are the use case's, from memory) and the viewer's likes, in no
// order (SpaceSearcher sorts the page); and, when asked, the number of matches up to
// search.CountLimit+1 as a scalar subquery evaluated once. It is false when
// no space can match.
func searchStatement(req query.SearchRequest, text textPlan) (string, []any, bool) {
	date, ok := dateOf(req.Filter, req.Now)
	if !ok {
		return "", nil, false
	}
	sort, known := sortSQL[req.Sort]
	if !known {
		panic(fmt.Sprintf("mysql: no SQL for sort %q", req.Sort))
	}
	var b sqlBuilder
	b.add("SELECT STRAIGHT_JOIN page.sort_key, card.id, card.title, card.subtitle, card.address, card.lat, card.lng," +
		" card.capacity_min, card.capacity_max, card.list_price, card.hourly_price, card.min_hours, card.like_count," +
		" card.rating_count, card.rating_sum, card.category_id, card.district_id, card.card_photos")
	if req.Viewer != 0 {
		b.add(", l.user_id IS NOT NULL")
	} else {
		b.add(", FALSE")
	}
	if req.Count {
		b.add(", (SELECT COUNT(*) FROM (SELECT 1 FROM spaces s WHERE ")
		b.where(req.Filter, text.count, date)
		b.add(" LIMIT ?) counted)", search.CountLimit+1)
	} else {
		b.add(", 0")
	}
	b.add(" FROM (SELECT s.id, " + sort.key + " AS sort_key FROM spaces s WHERE ")
	b.where(req.Filter, text.page, date)
	if k := req.After; k != nil {
		b.add(" AND "+sort.after, k.Key, k.Key, k.ID)
	}
	b.add(" ORDER BY "+sort.order+" LIMIT ?) page", req.Limit)
	b.add(" JOIN spaces card ON card.id = page.id")
	if req.Viewer != 0 {
		b.add(" LEFT JOIN likes l ON l.user_id = ? AND l.space_id = card.id", req.Viewer)
	}
	return b.sql.String(), b.args, true
}
