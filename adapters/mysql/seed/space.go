package seed

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Weights of the districts and categories, in reference order.
var (
	districtWeights = each(districts, func(d district) int { return d.weight })
	categoryWeights = each(categories, func(c category) int { return c.weight })
)

// metresPerDegree is the length of a degree of latitude (and of longitude at the equator).
const metresPerDegree = 111_320.0

// space builds the i-th new space.
func (g *generator) space(i int) (mysql.SpaceRow, error) {
	r := g.rng
	id := g.spaceBase + int64(i) + 1
	ci := weighted(r, categoryWeights)
	di := weighted(r, districtWeights)
	c, d := categories[ci], districts[di]
	created := g.spaceStart.Add(time.Duration(i) * g.spaceStep)
	if g.spaceStep > 0 {
		created = created.Add(time.Duration(r.Int64N(int64(g.spaceStep))))
	}

	capMin := between(r, c.minCap[0], c.minCap[1])
	capacity, err := space.NewCapacity(capMin, max(capMin, between(r, c.maxCap[0], c.maxCap[1])))
	if err != nil {
		return mysql.SpaceRow{}, fmt.Errorf("seed: space %d: %w", id, err)
	}

	rate := float64(between(r, c.hourly[0], c.hourly[1])) * 1000
	if premium[d.slug] {
		rate *= 1.15
	}
	rate = float64(min(wonRounded(rate), 60_000))
	mode := weighted(r, c.modes[:])
	var hourly *space.Hourly
	var opening map[time.Weekday]calendar.Window
	if mode != modePackages {
		hourly = &space.Hourly{PricePerHour: space.Money(rate), MinHours: between(r, c.minHours[0], c.minHours[1])}
		if opening, err = g.opening(c); err != nil {
			return mysql.SpaceRow{}, fmt.Errorf("seed: space %d: %w", id, err)
		}
	}
	var packages []space.Package
	if mode != modeHourly {
		if packages, err = g.packages(rate); err != nil {
			return mysql.SpaceRow{}, fmt.Errorf("seed: space %d: %w", id, err)
		}
	}
	pricing, err := space.NewPricing(hourly, packages)
	if err != nil {
		return mysql.SpaceRow{}, fmt.Errorf("seed: space %d: %w", id, err)
	}
	closed := g.closedDates()
	if _, err := space.NewSchedule(opening, closed); err != nil {
		return mysql.SpaceRow{}, fmt.Errorf("seed: space %d: %w", id, err)
	}

	refund := space.RefundFlexible
	switch x := r.Float64(); {
	case x < 0.45:
	case x < 0.85:
		refund = space.RefundStandard
	default:
		refund = pick(r, g.custom)
	}

	facilityIDs := g.facilities(c)
	station, noun, adj := pick(r, d.stations), pick(r, c.nouns), pick(r, adjectives)
	area := strings.TrimSuffix(station, "역")
	var title string
	switch r.IntN(4) {
	case 0:
		title = fmt.Sprintf("%s %d분 %s %s", station, between(r, 1, 10), adj, noun)
	case 1:
		title = fmt.Sprintf("[%s] %s %s", area, adj, noun)
	case 2:
		title = fmt.Sprintf("%s %s %s점", pick(r, brands), noun, area)
	default:
		title = fmt.Sprintf("%s %s %s %s", adj, noun, pick(r, brands), pick(r, branches))
	}
	subtitle := fmt.Sprintf("%s · 최대 %d인", pick(r, c.tagline), capacity.Max())
	if slices.Contains(facilityIDs, facilityID("parking")) {
		subtitle += " · 주차 가능"
	}
	address := fmt.Sprintf("서울 %s %s %d", d.name, pick(r, d.roads), between(r, 1, 400))
	switch x := r.IntN(10); {
	case x < 3:
		address += fmt.Sprintf(" %d층", between(r, 1, 9))
	case x < 4:
		address += " 지하 1층"
	}

	lat, lng := jitter(r.Float64(), r.Float64(), d.lat, d.lng)
	photos := make([]string, g.photoCount())
	for n := range photos {
		if g.photos == nil {
			photos[n] = fmt.Sprintf("demo/spaces/%d/%d.svg", id, n+1)
			continue
		}
		photos[n] = g.photoKey(id, n+1)
		g.pending = append(g.pending, photo{key: photos[n], category: ci, seed: g.rng.Uint64()})
	}
	return mysql.SpaceRow{
		ID: id, HostID: g.userBefore(created, 0), Status: g.traits[i].status,
		Title: title, Subtitle: subtitle, Description: g.description(c, station, adj, noun, facilityIDs), Address: address,
		DistrictID: int64(di + 1), CategoryID: int64(ci + 1), Lat: lat, Lng: lng, Capacity: capacity,
		Opening: opening, Closed: closed, Pricing: pricing, NeedsApproval: r.IntN(100) < 15, Refund: refund,
		Facilities: facilityIDs, PhotoKeys: photos, CreatedAt: created,
	}, nil
}

// jitter moves a centre up to 2 km in a direction, uniformly over the disc,
// given two uniform draws in [0, 1).
func jitter(u, v, lat, lng float64) (float64, float64) {
	dist := 2000 * math.Sqrt(u)
	angle := 2 * math.Pi * v
	dLat := dist * math.Cos(angle) / metresPerDegree
	dLng := dist * math.Sin(angle) / (metresPerDegree * math.Cos(lat*math.Pi/180))
	return lat + dLat, lng + dLng
}

// opening draws weekly opening hours on the hour: mostly 06–11 to 20–24,
// some round the clock, some longer at weekends, some weekdays closed.
func (g *generator) opening(c category) (map[time.Weekday]calendar.Window, error) {
	r := g.rng
	open, closeAt := pick(r, []int{6, 7, 8, 9, 9, 10, 10, 11}), pick(r, []int{20, 21, 22, 22, 23, 23, 24})
	if (c.slug == "study-room" || c.slug == "practice-room" || c.slug == "vocal-room" || c.slug == "instrument-room") && r.IntN(10) == 0 {
		open, closeAt = 0, 24
	}
	weekendOpen, weekendClose := open, closeAt
	if r.IntN(10) < 3 {
		weekendOpen, weekendClose = max(0, open-1), min(24, closeAt+1)
	}
	closedDays := map[time.Weekday]bool{}
	switch x := r.IntN(100); {
	case x < 60:
	case x < 75:
		closedDays[time.Monday] = true
	case x < 85:
		closedDays[time.Sunday] = true
	default:
		closedDays[time.Sunday], closedDays[time.Monday] = true, true
	}
	hours := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if closedDays[wd] {
			continue
		}
		o, e := open, closeAt
		if wd == time.Saturday || wd == time.Sunday {
			o, e = weekendOpen, weekendClose
		}
		w, err := calendar.NewWindow(o*60, e*60)
		if err != nil {
			return nil, err
		}
		hours[wd] = w
	}
	return hours, nil
}

// packages draws the packages of a space, priced off its hourly rate. At
// least one does not cross midnight, so every packaged space can take
// same-day bookings.
func (g *generator) packages(rate float64) ([]space.Package, error) {
	r := g.rng
	var out []space.Package
	sameDay := false
	for k, kind := range packageKinds {
		last := k == len(packageKinds)-1
		if r.Float64() >= kind.chance && (!last || sameDay) {
			continue
		}
		if last && !sameDay {
			// Nothing within one day yet: sell the night instead.
			kind = packageKinds[1]
		}
		name, days, factor := kind.name, space.EveryDay, 1.0
		switch x := r.IntN(100); {
		case x < 72:
		case x < 92:
			name, factor = "주말 "+name, 1.2
			days = space.WeekdaysOf(time.Saturday, time.Sunday)
			if kind.end > calendar.MinutesPerDay {
				days = space.WeekdaysOf(time.Friday, time.Saturday)
			}
		default:
			name, factor = "평일 "+name, 0.9
			days = space.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
		}
		w, err := calendar.NewWindow(kind.start, kind.end)
		if err != nil {
			return nil, err
		}
		if !w.CrossesMidnight() {
			sameDay = true
		}
		out = append(out, space.Package{Name: name, Window: w, Price: max(10_000, wonRounded(rate*kind.hours*kind.discount*factor)), Weekdays: days})
	}
	return out, nil
}

// closedDates draws 0–4 distinct dates among the next 89 days.
func (g *generator) closedDates() []calendar.Date {
	r := g.rng
	n := 0
	if r.IntN(10) < 8 {
		n = between(r, 1, 4)
	}
	offsets := make([]int, 0, n)
	for len(offsets) < n {
		off := between(r, 1, futureDays-1)
		if !slices.Contains(offsets, off) {
			offsets = append(offsets, off)
		}
	}
	slices.Sort(offsets)
	out := make([]calendar.Date, n)
	for k, off := range offsets {
		out[k] = g.days[pastDays+off]
	}
	return out
}

// facilities draws 2–6 distinct facility ids, favouring the category's usual ones.
func (g *generator) facilities(c category) []int64 {
	weights := c.facilityWeights
	n := between(g.rng, 2, 6)
	out := make([]int64, 0, n)
	for len(out) < n {
		k := weighted(g.rng, weights[:])
		weights[k] = 0
		out = append(out, int64(k+1))
	}
	slices.Sort(out)
	return out
}

// facilityID gives the stored id of a facility slug.
func facilityID(slug string) int64 {
	return int64(slices.IndexFunc(facilities, func(f facility) bool { return f.slug == slug }) + 1)
}

// photoCount draws 1–20, mostly 3–10.
func (g *generator) photoCount() int {
	switch x := g.rng.IntN(10); {
	case x < 1:
		return between(g.rng, 1, 2)
	case x < 9:
		return between(g.rng, 3, 10)
	default:
		return between(g.rng, 11, 20)
	}
}

// description writes a few sentences: where it is, what it is for, what it has, a house rule.
func (g *generator) description(c category, station, adj, noun string, facilityIDs []int64) string {
	r := g.rng
	var b strings.Builder
	fmt.Fprintf(&b, "%s에서 걸어서 %d분 거리에 있는 %s %s입니다.", station, between(r, 1, 10), adj, noun)
	first := r.IntN(len(c.sentences))
	second := (first + 1 + r.IntN(len(c.sentences)-1)) % len(c.sentences)
	b.WriteString(" " + c.sentences[first] + " " + c.sentences[second])
	names := make([]string, len(facilityIDs))
	for k, f := range facilityIDs {
		names[k] = facilities[f-1].phrase
	}
	b.WriteString(" 이용 가능: " + strings.Join(names, ", ") + ".")
	b.WriteString(" " + pick(r, rules))
	return b.String()
}
