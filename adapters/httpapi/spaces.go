package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

// Ref names a related record.
type Ref struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Capacity is the head count a space takes.
type Capacity struct {
	Min int `json:"min" example:"2"`
	Max int `json:"max" example:"12"`
}

// Rating is a space's review summary; null when it has no reviews.
type Rating struct {
	_       struct{} `nullable:"true"`
	Average float64  `json:"average" doc:"Mean rating 1–5" example:"4.6"`
	Count   int      `json:"count" minimum:"1" example:"31"`
}

// SpaceSummary is a search result.
type SpaceSummary struct {
	ID          int64    `json:"id" example:"42"`
	Title       string   `json:"title" example:"강남역 5분 감성 파티룸"`
	Subtitle    string   `json:"subtitle"`
	Category    Ref      `json:"category"`
	District    Ref      `json:"district"`
	Address     string   `json:"address" example:"서울 강남구 테헤란로 123"`
	Lat         float64  `json:"lat"`
	Lng         float64  `json:"lng"`
	Capacity    Capacity `json:"capacity"`
	LowestPrice int64    `json:"lowest_price" doc:"Lowest bookable price in won: the cheapest package, or the hourly price times the minimum hours" example:"45000"`
	// LowestPriceUnit and HourlyPrice let a card show "15,000원/시간"
	// without the detail.
	LowestPriceUnit string  `json:"lowest_price_unit" enum:"hourly,package" doc:"What lowest_price buys: hourly, the minimum hours at hourly_price (show hourly_price per hour); package, the cheapest package, a whole booking"`
	HourlyPrice     *int64  `json:"hourly_price" doc:"Price of an hour in won when the space is sold by the hour (whatever lowest_price_unit says); null when it is sold by packages only" example:"15000"`
	LikeCount       int     `json:"like_count"`
	Rating          *Rating `json:"rating" doc:"Null when the space has no reviews"`
	Photos          []Photo `json:"photos" doc:"Up to 5 photos, in the host's order"`
	Liked           bool    `json:"liked" doc:"You like the space (in search and your likes; false when not signed in)"`
}

// Photo is a photo of a space in the two sizes kept: re-encoded JPEGs
// without metadata.
type Photo struct {
	ID           int64  `json:"id" doc:"Reorder and remove photos by this id"`
	URL          string `json:"url" doc:"Detail size, at most 1600 px on its longer side"`
	ThumbnailURL string `json:"thumbnail_url" doc:"Card size, at most 480 px on its longer side"`
}

// photos writes the photos with absolute URLs.
func (h handlers) photos(ps []query.Photo) []Photo {
	out := make([]Photo, len(ps))
	for i, p := range ps {
		out[i] = Photo{ID: p.ID, URL: h.abs(p.URL), ThumbnailURL: h.abs(p.ThumbURL)}
	}
	return out
}

// SpaceList is one page of results.
type SpaceList struct {
	Items      []SpaceSummary `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page"`
	Total      *SearchTotal   `json:"total,omitempty" doc:"How many spaces match, as counted at most a minute ago: on the first page (without cursor) only"`
}

// SearchTotal is how many spaces match a search.
type SearchTotal struct {
	Count  int  `json:"count" doc:"Matches, exact up to 1000; 1000 when more match" example:"1000"`
	Capped bool `json:"capped" doc:"More than count spaces match: show it as 1,000+"`
}

type listSpacesInput struct {
	District []int64 `query:"district,explode" doc:"District ids (any of): repeat the parameter (district=1&district=2) or separate ids with commas (district=1,2)"`
	Category []int64 `query:"category,explode" doc:"Category ids (any of): repeat the parameter or separate ids with commas"`
	Facility []int64 `query:"facility,explode" doc:"Facility ids (all of): repeat the parameter or separate ids with commas"`
	People   int     `query:"people" minimum:"1" maximum:"500" doc:"Head count the space must take"`
	Date     string  `query:"date" format:"date" doc:"Seoul calendar date the space must be bookable on (YYYY-MM-DD, 2000-01-01 to 2199-12-31)"`
	Start    string  `query:"start" pattern:"^[0-9]{2}:[0-9]{2}$" doc:"With end and date: a window HH:MM that must be bookable" example:"18:00"`
	End      string  `query:"end" pattern:"^[0-9]{2}:[0-9]{2}$" doc:"End of the window, HH:MM; may pass 24:00 for windows past midnight" example:"22:00"`
	MinPrice int64   `query:"min_price" minimum:"0" doc:"Lowest list price in won"`
	MaxPrice int64   `query:"max_price" minimum:"0" doc:"Highest list price in won"`
	Q        string  `query:"q" maxLength:"100" doc:"Words that must all appear in the title, subtitle or address" example:"강남 파티룸"`
	BBox     string  `query:"bbox" doc:"Map area as south,west,north,east in degrees" example:"37.49,127.02,37.51,127.05"`
	Sort     string  `query:"sort" enum:"popular,price_asc,price_desc,rating,newest" default:"popular" doc:"Result order"`
	Cursor   string  `query:"cursor" maxLength:"200" doc:"next_cursor of the previous page"`
	Limit    int     `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Page size"`

	set map[string]bool
}

// Resolve records which price parameters were given, since 0 is a valid price.
func (in *listSpacesInput) Resolve(ctx huma.Context) []error {
	in.set = map[string]bool{}
	for _, name := range []string{"min_price", "max_price"} {
		in.set[name] = ctx.Query(name) != ""
	}
	return nil
}

type listSpacesOutput struct {
	Body SpaceList
}

// SpaceDetail is everything a guest needs to decide.
type SpaceDetail struct {
	ID            int64             `json:"id"`
	Status        string            `json:"status" enum:"active,hidden,retired" doc:"Guests see only active spaces; hosts see their own in any status"`
	Title         string            `json:"title"`
	Subtitle      string            `json:"subtitle"`
	Description   string            `json:"description"`
	Category      Category          `json:"category"`
	District      Ref               `json:"district"`
	Address       string            `json:"address"`
	Lat           float64           `json:"lat"`
	Lng           float64           `json:"lng"`
	Capacity      Capacity          `json:"capacity"`
	Photos        []Photo           `json:"photos" doc:"All photos, in the host's order"`
	Facilities    []Facility        `json:"facilities"`
	Packages      []PackageOut      `json:"packages" doc:"Named windows sold whole"`
	Hourly        *HourlyOut        `json:"hourly,omitempty" doc:"Present when the space is sold by the hour"`
	OpeningHours  []OpeningHoursOut `json:"opening_hours" doc:"Weekly hours for hourly booking; closed weekdays are absent"`
	ClosedDates   []string          `json:"closed_dates" format:"date" doc:"Closed dates in the next 90 days"`
	NeedsApproval bool              `json:"needs_approval" doc:"Bookings wait for the host's approval"`
	RefundPolicy  RefundPolicyOut   `json:"refund_policy"`
	Host          Ref               `json:"host" doc:"The host's id and nickname"`
	LowestPrice   int64             `json:"lowest_price"`
	LikeCount     int               `json:"like_count"`
	Rating        *Rating           `json:"rating" doc:"Null when the space has no reviews"`
	CreatedAt     time.Time         `json:"created_at"`
	Liked         bool              `json:"liked" doc:"You like the space (false when not signed in)"`
	LatestReviews []Review          `json:"latest_reviews" doc:"The three newest reviews; all of them, in pages, at GET /v1/spaces/{id}/reviews"`
}

// PackageOut is a package of a space.
type PackageOut struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name" example:"야간"`
	Start       string   `json:"start" example:"15:00"`
	End         string   `json:"end" example:"22:00" doc:"End time; with ends_next_day it is on the next calendar day"`
	EndsNextDay bool     `json:"ends_next_day"`
	Price       int64    `json:"price" example:"120000"`
	Weekdays    []string `json:"weekdays" enum:"sun,mon,tue,wed,thu,fri,sat" doc:"Weekdays of the use date it is sold on"`
}

// HourlyOut is hourly pricing.
type HourlyOut struct {
	PricePerHour int64 `json:"price_per_hour" example:"15000"`
	MinHours     int   `json:"min_hours" example:"2"`
}

// OpeningHoursOut is a weekday's opening hours.
type OpeningHoursOut struct {
	Weekday string `json:"weekday" enum:"sun,mon,tue,wed,thu,fri,sat"`
	Open    string `json:"open" example:"09:00"`
	Close   string `json:"close" example:"23:00"`
}

// RefundPolicyOut is the refund schedule on guest cancellation.
type RefundPolicyOut struct {
	Name  string          `json:"name" enum:"flexible,standard,custom"`
	Rules []RefundRuleOut `json:"rules"`
}

// RefundRuleOut refunds percent when cancelled at least min_days_before days ahead.
type RefundRuleOut struct {
	MinDaysBefore int `json:"min_days_before"`
	Percent       int `json:"percent"`
}

type spaceIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Space id"`
}

type getSpaceOutput struct {
	Body SpaceDetail
}

type availabilityInput struct {
	ID   int64  `path:"id" minimum:"1" doc:"Space id"`
	Date string `query:"date" required:"true" format:"date" doc:"Seoul calendar date (YYYY-MM-DD, 2000-01-01 to 2199-12-31)"`
}

// Availability is what of a space can be booked on a date.
type Availability struct {
	SpaceID  int64            `json:"space_id"`
	Date     string           `json:"date" format:"date"`
	Closed   bool             `json:"closed" doc:"The host closed the space on this date"`
	Packages []PackageSlotOut `json:"packages"`
	Hourly   *HourlyDayOut    `json:"hourly,omitempty" doc:"Present when the space is sold by the hour"`
}

// PackageSlotOut is a package on the date.
type PackageSlotOut struct {
	PackageOut
	Available bool   `json:"available"`
	Reason    string `json:"reason,omitempty" enum:"closed_date,not_offered_on_weekday,booked,too_soon,too_far_ahead" doc:"Why it cannot be booked"`
}

// HourlyDayOut is the hours of the date.
type HourlyDayOut struct {
	MinHours int           `json:"min_hours"`
	Slots    []HourSlotOut `json:"slots" doc:"Every opening hour of the date; empty when closed that weekday"`
}

// HourSlotOut is one hour.
type HourSlotOut struct {
	Start  string `json:"start" example:"13:00"`
	End    string `json:"end" example:"14:00"`
	Free   bool   `json:"free"`
	Reason string `json:"reason,omitempty" enum:"closed_date,booked,too_soon,too_far_ahead"`
}

type availabilityOutput struct {
	Body Availability
}

type calendarInput struct {
	ID   int64  `path:"id" minimum:"1" doc:"Space id"`
	From string `query:"from" format:"date" doc:"First Seoul date (YYYY-MM-DD, 2000-01-01 to 2199-12-31); default today"`
	To   string `query:"to" format:"date" doc:"Last Seoul date, included (YYYY-MM-DD, 2000-01-01 to 2199-12-31), at most 92 days from from; default 90 days after from: the whole booking horizon"`
}

// SpaceCalendar is a space's days over a period, each summed up.
type SpaceCalendar struct {
	SpaceID int64         `json:"space_id"`
	From    string        `json:"from" format:"date"`
	To      string        `json:"to" format:"date"`
	Days    []CalendarDay `json:"days" doc:"Every date from from to to, in order"`
}

// CalendarDay is one date of a space's calendar.
type CalendarDay struct {
	Date      string `json:"date" format:"date"`
	Bookable  bool   `json:"bookable" doc:"Something can be booked: a package, or the minimum run of free hours"`
	Reason    string `json:"reason,omitempty" enum:"closed_date,booked,too_soon,too_far_ahead,not_open" doc:"Why nothing can be booked: closed_date, the host closed it; booked, taken (or the free hours are too short a run); too_soon, past or starting within the hour; too_far_ahead, beyond 90 days; not_open, nothing sold that weekday"`
	Closed    bool   `json:"closed" doc:"The host closed the space on this date"`
	Packages  int    `json:"packages_available" doc:"Packages that can be booked"`
	FreeHours int    `json:"free_hours" doc:"Opening hours free to book by the hour; 0 without hourly pricing"`
}

type calendarOutput struct {
	Body SpaceCalendar
}

func (h handlers) registerSpaces(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "list-spaces", Method: http.MethodGet, Path: "/v1/spaces",
		Summary: "Search spaces", Tags: []string{"Spaces"}, Errors: []int{401, 422, 500}, Security: optionalBearer,
		Description: "Active spaces matching every filter given, one page at a time. Walking the pages with next_cursor returns each match exactly once. " +
			"Signed in (optional), each result says whether you like it; an invalid token is 401, not an anonymous answer.",
	}, h.listSpaces)
	huma.Register(api, huma.Operation{
		OperationID: "get-space", Method: http.MethodGet, Path: "/v1/spaces/{id}",
		Summary: "Get a space", Tags: []string{"Spaces"}, Errors: []int{401, 404, 422, 500}, Security: optionalBearer,
		Description: "Everything about a listed space. Hidden, retired and unknown spaces are 404. " +
			"Signed in (optional), it says whether you like it; an invalid token is 401, not an anonymous answer.",
	}, h.getSpace)
	huma.Register(api, huma.Operation{
		OperationID: "get-space-availability", Method: http.MethodGet, Path: "/v1/spaces/{id}/availability",
		Summary: "Availability on a date", Tags: []string{"Spaces"}, Errors: []int{404, 422, 500},
		Description: "Each package bookable or not, and each opening hour free or taken, on a Seoul calendar date.",
	}, h.spaceAvailability)
	huma.Register(api, huma.Operation{
		OperationID: "get-space-calendar", Method: http.MethodGet, Path: "/v1/spaces/{id}/calendar",
		Summary: "Availability over up to 92 days", Tags: []string{"Spaces"}, Errors: []int{404, 422, 500},
		Description: "Each Seoul date from from to to, bookable or not (and why not), with the packages and the free hours left: " +
			"a calendar of the booking horizon in one request. The detail of a date is GET /v1/spaces/{id}/availability.",
	}, h.spaceCalendar)
}

func (h handlers) listSpaces(ctx context.Context, in *listSpacesInput) (*listSpacesOutput, error) {
	p := search.Params{Districts: in.District, Categories: in.Category, Facilities: in.Facility,
		People: in.People, Date: in.Date, Start: in.Start, End: in.End, Text: in.Q}
	if in.set["min_price"] {
		p.MinPrice = &in.MinPrice
	}
	if in.set["max_price"] {
		p.MaxPrice = &in.MaxPrice
	}
	if in.BBox != "" {
		area, ok := parseBBox(in.BBox)
		if !ok {
			return nil, huma.Error422UnprocessableEntity("invalid bbox", &huma.ErrorDetail{
				Location: "query.bbox", Message: "must be four numbers: south,west,north,east", Value: in.BBox})
		}
		p.Area = &area
	}
	page, err := h.app.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: p, Sort: in.Sort, Cursor: in.Cursor, Limit: in.Limit, Viewer: viewer(ctx)})
	if err != nil {
		return nil, problem(ctx, err, "query")
	}
	out := &listSpacesOutput{Body: SpaceList{Items: make([]SpaceSummary, len(page.Items)), NextCursor: page.NextCursor}}
	if t := page.Total; t != nil {
		out.Body.Total = &SearchTotal{Count: t.Count, Capped: t.Capped}
	}
	for i, c := range page.Items {
		out.Body.Items[i] = h.summary(c)
	}
	return out, nil
}

func (h handlers) summary(c query.SpaceCard) SpaceSummary {
	return SpaceSummary{ID: c.ID, Title: c.Title, Subtitle: c.Subtitle,
		Category: Ref(c.Category), District: Ref(c.District), Address: c.Address, Lat: c.Lat, Lng: c.Lng,
		Capacity: Capacity{c.CapacityMin, c.CapacityMax}, LowestPrice: c.ListPrice, LowestPriceUnit: string(c.ListPriceUnit),
		HourlyPrice: c.HourlyPrice, LikeCount: c.Likes, Rating: rating(c.Rating), Photos: h.photos(c.Photos), Liked: c.Liked}
}

func (h handlers) getSpace(ctx context.Context, in *spaceIDInput) (*getSpaceOutput, error) {
	d, err := h.app.Queries.GetSpace.HandleFor(ctx, viewer(ctx), in.ID)
	if err != nil {
		return nil, problem(ctx, err, "path")
	}
	return &getSpaceOutput{Body: h.detail(d)}, nil
}

func (h handlers) detail(d query.SpaceDetail) SpaceDetail {
	out := SpaceDetail{ID: d.ID, Status: d.Status.String(), Title: d.Title, Subtitle: d.Subtitle, Description: d.Description,
		Category: Category{ID: d.Category.ID, Name: d.Category.Name, IconURL: h.abs(d.Category.IconURL)},
		District: Ref(d.District), Address: d.Address, Lat: d.Lat, Lng: d.Lng,
		Capacity: Capacity{d.CapacityMin, d.CapacityMax}, Photos: h.photos(d.Photos),
		Facilities: make([]Facility, len(d.Facilities)), Packages: make([]PackageOut, len(d.Packages)),
		OpeningHours: make([]OpeningHoursOut, len(d.OpeningHours)), ClosedDates: append([]string{}, d.ClosedDates...),
		NeedsApproval: d.NeedsApproval, RefundPolicy: RefundPolicyOut{Name: d.RefundPolicy, Rules: make([]RefundRuleOut, len(d.RefundRules))},
		Host: Ref{ID: d.HostID, Name: d.HostNickname}, LowestPrice: d.ListPrice, LikeCount: d.Likes,
		Rating: rating(d.Rating), CreatedAt: d.CreatedAt, Liked: d.Liked}
	for i, f := range d.Facilities {
		out.Facilities[i] = Facility{ID: f.ID, Name: f.Name, IconURL: h.abs(f.IconURL)}
	}
	for i, p := range d.Packages {
		out.Packages[i] = packageOut(p)
	}
	if d.HourlyPrice != nil {
		out.Hourly = &HourlyOut{PricePerHour: *d.HourlyPrice, MinHours: d.MinHours}
	}
	for i, oh := range d.OpeningHours {
		out.OpeningHours[i] = OpeningHoursOut{Weekday: weekdayName(oh.Weekday), Open: calendar.FormatMinute(oh.Open), Close: calendar.FormatMinute(oh.Close)}
	}
	for i, r := range d.RefundRules {
		out.RefundPolicy.Rules[i] = RefundRuleOut(r)
	}
	out.LatestReviews = h.reviews(d.LatestReviews)
	return out
}

func (h handlers) spaceAvailability(ctx context.Context, in *availabilityInput) (*availabilityOutput, error) {
	day, err := calendar.ParseDate(in.Date)
	if err != nil {
		return nil, problem(ctx, err, "query")
	}
	a, err := h.app.Queries.SpaceAvailability.Handle(ctx, in.ID, day)
	if err != nil {
		return nil, problem(ctx, err, "path")
	}
	out := Availability{SpaceID: a.SpaceID, Date: day.String(), Closed: a.Day.Closed, Packages: make([]PackageSlotOut, len(a.Day.Packages))}
	for i, p := range a.Day.Packages {
		out.Packages[i] = PackageSlotOut{PackageOut: packageOut(query.PackageOf(p.Package)),
			Available: p.Available(), Reason: string(p.Reason)}
	}
	if a.Day.MinHours > 0 {
		out.Hourly = &HourlyDayOut{MinHours: a.Day.MinHours, Slots: make([]HourSlotOut, len(a.Day.Hours))}
		for i, s := range a.Day.Hours {
			out.Hourly.Slots[i] = HourSlotOut{Start: calendar.FormatMinute(s.Minute), End: calendar.FormatMinute(s.Minute + 60),
				Free: s.Free(), Reason: string(s.Reason)}
		}
	}
	return &availabilityOutput{Body: out}, nil
}

func (h handlers) spaceCalendar(ctx context.Context, in *calendarInput) (*calendarOutput, error) {
	c, err := h.app.Queries.SpaceCalendar.Handle(ctx, in.ID, in.From, in.To)
	if err != nil {
		return nil, problem(ctx, err, "query")
	}
	out := SpaceCalendar{SpaceID: c.SpaceID, From: c.Period.From.String(), To: c.Period.To.String(), Days: make([]CalendarDay, len(c.Days))}
	for i, d := range c.Days {
		out.Days[i] = CalendarDay{Date: d.Date.String(), Bookable: d.Bookable, Reason: string(d.Reason), Closed: d.Closed,
			Packages: d.Packages, FreeHours: d.FreeHours}
	}
	return &calendarOutput{Body: out}, nil
}

// rating gives a space's review summary, nil when it has no reviews.
func rating(r query.Rating) *Rating {
	if r.Count == 0 {
		return nil
	}
	return &Rating{Average: float64(int(r.Average()*10+0.5)) / 10, Count: r.Count}
}

func packageOut(p query.Package) PackageOut {
	end := p.End
	next := end > calendar.MinutesPerDay
	if next {
		end -= calendar.MinutesPerDay
	}
	days := make([]string, len(p.Weekdays))
	for i, wd := range p.Weekdays {
		days[i] = weekdayName(wd)
	}
	return PackageOut{ID: p.ID, Name: p.Name, Start: calendar.FormatMinute(p.Start), End: calendar.FormatMinute(end),
		EndsNextDay: next, Price: p.Price, Weekdays: days}
}

func weekdayName(wd time.Weekday) string { return strings.ToLower(wd.String()[:3]) }

func parseBBox(s string) (search.Area, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return search.Area{}, false
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return search.Area{}, false
		}
		v[i] = f
	}
	return search.Area{South: v[0], West: v[1], North: v[2], East: v[3]}, true
}
