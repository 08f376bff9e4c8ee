package space

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
)

var (
	created = time.Date(2025, 3, 1, 10, 0, 0, 0, calendar.Seoul)
	later   = time.Date(2025, 3, 2, 11, 0, 0, 0, calendar.Seoul)
)

// testPhotos gives n photos with ids from+1 … from+n.
func testPhotos(from, n int) []Photo {
	ps := make([]Photo, n)
	for i := range ps {
		id := from + i + 1
		ps[i] = Photo{ID: PhotoID(id), Keys: PhotoKeys{Detail: fmt.Sprintf("spaces/%d.jpg", id), Thumb: fmt.Sprintf("spaces/%d_t.jpg", id)}}
	}
	return ps
}

// newSpace is an active space with photos 1–3 and its packages stored with
// ids 100 and 101, as the repository gives it back.
func newSpace(t *testing.T) *Space {
	t.Helper()
	s, err := New(42, validListing(), testPhotos(0, 3), created)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s.ID = 7
	for i := range s.Listing.Packages {
		s.Listing.Packages[i].ID = PackageID(100 + i)
	}
	return s
}

func retiredSpace(t *testing.T) *Space {
	t.Helper()
	s := newSpace(t)
	if _, err := s.ChangeStatus(StatusRetired, 0, created); err != nil {
		t.Fatalf("retire: %v", err)
	}
	return s
}

// snapshot deep-copies a space, to compare it after a refused change.
func snapshot(s *Space) Space {
	c := *s
	c.Listing = s.Listing.clone()
	c.Photos = slices.Clone(s.Photos)
	c.Closed = slices.Clone(s.Closed)
	return c
}

func assertUnchanged(t *testing.T, s *Space, before Space) {
	t.Helper()
	if !reflect.DeepEqual(*s, before) {
		t.Errorf("a refused change changed the space:\n%+v\nwas\n%+v", *s, before)
	}
}

// assertField checks that err names exactly the given fields.
func assertField(t *testing.T, err error, fields ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("error = nil, want fields %q", fields)
	}
	got := fieldsOf(t, err)
	slices.Sort(got)
	want := slices.Sorted(slices.Values(fields))
	if !slices.Equal(got, want) {
		t.Errorf("fields at fault = %q, want %q (error: %v)", got, want, err)
	}
}

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		photos int
		ok     bool
	}{
		{0, false},
		{1, true},
		{2, true},
		{MaxPhotos, true},
		{MaxPhotos + 1, false},
	} {
		t.Run(fmt.Sprintf("%d photos", tt.photos), func(t *testing.T) {
			photos := testPhotos(0, tt.photos)
			s, err := New(42, validListing(), photos, created)
			if !tt.ok {
				if s != nil {
					t.Errorf("New gave a space with %d photos", tt.photos)
				}
				assertField(t, err, "photos")
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if s.Status != StatusActive || s.HostID != 42 || !s.OwnedBy(42) || s.OwnedBy(43) {
				t.Errorf("status %v, host %d", s.Status, s.HostID)
			}
			if !s.Created.Equal(created) || !s.Updated.Equal(created) {
				t.Errorf("created %v, updated %v; want both %v", s.Created, s.Updated, created)
			}
			if !reflect.DeepEqual(s.Listing, validListing()) {
				t.Errorf("listing = %+v", s.Listing)
			}
			if !slices.Equal(s.Photos, photos) {
				t.Errorf("photos = %v, want %v", s.Photos, photos)
			}
			if len(s.Closed) != 0 {
				t.Errorf("closed = %v, want none", s.Closed)
			}
		})
	}
}

func TestNewReportsListingAndPhotosTogether(t *testing.T) {
	l := validListing()
	l.Title = ""
	l.DistrictID = 0
	s, err := New(42, l, nil, created)
	if s != nil {
		t.Error("New gave a space for an invalid listing")
	}
	assertField(t, err, "title", "district_id", "photos")
}

func TestNewCopiesItsInputs(t *testing.T) {
	l := validListing()
	photos := testPhotos(0, 2)
	s, err := New(42, l, photos, created)
	if err != nil {
		t.Fatal(err)
	}
	photos[0] = Photo{ID: 99}
	l.FacilityIDs[0] = -1
	l.Opening[time.Sunday] = calendar.MustWindow(0, 30)
	l.Packages[0].Price = 0
	l.Hourly.MinHours = 0

	if !slices.Equal(s.Photos, testPhotos(0, 2)) {
		t.Errorf("photos = %v after the caller changed its slice", s.Photos)
	}
	if !reflect.DeepEqual(s.Listing, validListing()) {
		t.Errorf("listing = %+v after the caller changed its own", s.Listing)
	}
}

func TestEditAppliesAValidPatch(t *testing.T) {
	s := newSpace(t)
	title := "Renamed studio"
	if err := s.Edit(ListingPatch{Title: &title, ClearHourly: true}, later); err != nil {
		t.Fatalf("Edit: %v", err)
	}
	want := validListing()
	want.Title, want.Hourly = title, nil
	want.Packages[0].ID, want.Packages[1].ID = 100, 101
	if !reflect.DeepEqual(s.Listing, want) {
		t.Errorf("listing = %+v, want %+v", s.Listing, want)
	}
	if !s.Updated.Equal(later) || !s.Created.Equal(created) {
		t.Errorf("updated %v, created %v", s.Updated, s.Created)
	}
}

func TestEditRefusesAnInvalidPatch(t *testing.T) {
	blank, capMin := " ", 50
	noFacilities := []int64{3, 3}
	tests := []struct {
		name   string
		patch  ListingPatch
		fields []string
	}{
		{"blank title", ListingPatch{Title: &blank}, []string{"title"}},
		{"capacity min above max", ListingPatch{CapacityMin: &capMin}, []string{"capacity"}},
		{"no pricing left", ListingPatch{ClearHourly: true, Packages: &[]Package{}}, []string{"packages"}},
		{"several at once", ListingPatch{Title: &blank, FacilityIDs: &noFacilities, Hourly: &Hourly{PricePerHour: 0, MinHours: 1}}, []string{"title", "facility_ids", "hourly"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			before := snapshot(s)
			assertField(t, s.Edit(tt.patch, later), tt.fields...)
			assertUnchanged(t, s, before)
		})
	}
}

func TestEditPackageIDs(t *testing.T) {
	day := Package{ID: 100, Name: "day", Window: calendar.MustWindow(9*60, 15*60), Price: 70000, Weekdays: EveryDay}
	night := Package{ID: 101, Name: "night", Window: calendar.MustWindow(15*60, 22*60), Price: 80000, Weekdays: EveryDay}
	fresh := Package{Name: "all day", Window: calendar.MustWindow(9*60, 22*60), Price: 120000, Weekdays: EveryDay}
	withID := func(p Package, id PackageID) Package { p.ID = id; return p }

	tests := []struct {
		name     string
		packages []Package
		field    string // empty: accepted
	}{
		{"keep both, changed", []Package{day, night}, ""},
		{"keep one, reordered, add a new one", []Package{fresh, night}, ""},
		{"two new ones", []Package{fresh, withID(day, 0)}, ""},
		{"drop all packages but keep hourly", []Package{}, ""},
		{"foreign id", []Package{day, withID(night, 999)}, "packages[1].id"},
		{"foreign id first", []Package{withID(fresh, 5), night}, "packages[0].id"},
		{"same id twice", []Package{day, withID(night, 100)}, "packages[1].id"},
		{"negative id", []Package{withID(day, -100)}, "packages[0].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			before := snapshot(s)
			err := s.Edit(ListingPatch{Packages: &tt.packages}, later)
			if tt.field != "" {
				assertField(t, err, tt.field)
				assertUnchanged(t, s, before)
				return
			}
			if err != nil {
				t.Fatalf("Edit: %v", err)
			}
			if !reflect.DeepEqual(s.Listing.Packages, tt.packages) {
				t.Errorf("packages = %+v, want %+v", s.Listing.Packages, tt.packages)
			}
			if !s.Updated.Equal(later) {
				t.Errorf("updated = %v, want %v", s.Updated, later)
			}
		})
	}
}

func TestEditDoesNotKeepThePatchsSlices(t *testing.T) {
	s := newSpace(t)
	facilities := []int64{5, 6}
	packages := []Package{{ID: 100, Name: "day", Window: calendar.MustWindow(9*60, 15*60), Price: 70000, Weekdays: EveryDay}}
	opening := map[time.Weekday]calendar.Window{time.Sunday: calendar.MustWindow(10*60, 18*60)}
	if err := s.Edit(ListingPatch{FacilityIDs: &facilities, Packages: &packages, Opening: &opening}, later); err != nil {
		t.Fatalf("Edit: %v", err)
	}
	before := snapshot(s)

	// After Edit validated them, the caller's values must not reach the space.
	facilities[0] = -1
	packages[0].Price = 0
	opening[time.Sunday] = calendar.MustWindow(10*60+30, 18*60)

	assertUnchanged(t, s, before)
	if err := s.Listing.Validate(); err != nil {
		t.Errorf("the stored listing became invalid: %v", err)
	}
}

func TestAddPhotos(t *testing.T) {
	tests := []struct {
		name       string
		have, add  int
		wantFields bool
	}{
		{"one more", 3, 1, false},
		{"up to 20", 3, MaxPhotos - 3, false},
		{"one past 20", 3, MaxPhotos - 2, true},
		{"to a full space", MaxPhotos, 1, true},
		{"none", 3, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			s.Photos = testPhotos(0, tt.have)
			before := snapshot(s)
			add := testPhotos(tt.have, tt.add)
			err := s.AddPhotos(add, later)
			if tt.wantFields {
				assertField(t, err, "photos")
				assertUnchanged(t, s, before)
				return
			}
			if err != nil {
				t.Fatalf("AddPhotos: %v", err)
			}
			if want := testPhotos(0, tt.have+tt.add); !slices.Equal(s.Photos, want) {
				t.Errorf("photos = %v, want %v", s.Photos, want)
			}
			if !s.Updated.Equal(later) {
				t.Errorf("updated = %v, want %v", s.Updated, later)
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		s := newSpace(t)
		assertField(t, s.AddPhotos(nil, later), "photos")
		if err := s.AddPhotos(nil, later); err == nil || !strings.Contains(err.Error(), "at least one") {
			t.Errorf("adding no photos: %v, want a reason that says to give one", err)
		}
	})
}

func TestReorderPhotos(t *testing.T) {
	p := testPhotos(0, 3) // ids 1, 2, 3
	tests := []struct {
		name  string
		order []PhotoID
		want  []Photo // nil: refused with field photo_ids
	}{
		{"reversed", []PhotoID{3, 2, 1}, []Photo{p[2], p[1], p[0]}},
		{"rotated", []PhotoID{2, 3, 1}, []Photo{p[1], p[2], p[0]}},
		{"same order", []PhotoID{1, 2, 3}, p},
		{"missing id, another twice", []PhotoID{1, 1, 3}, nil},
		{"duplicate id at the end", []PhotoID{1, 2, 2}, nil},
		{"foreign id", []PhotoID{1, 2, 9}, nil},
		{"too short", []PhotoID{1, 2}, nil},
		{"too long", []PhotoID{1, 2, 3, 1}, nil},
		{"too long with a foreign id", []PhotoID{1, 2, 3, 4}, nil},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			before := snapshot(s)
			err := s.ReorderPhotos(tt.order, later)
			if tt.want == nil {
				assertField(t, err, "photo_ids")
				assertUnchanged(t, s, before)
				return
			}
			if err != nil {
				t.Fatalf("ReorderPhotos: %v", err)
			}
			if !slices.Equal(s.Photos, tt.want) {
				t.Errorf("photos = %v, want %v", s.Photos, tt.want)
			}
			if !s.Updated.Equal(later) {
				t.Errorf("updated = %v, want %v", s.Updated, later)
			}
		})
	}
}

func TestRemovePhoto(t *testing.T) {
	p := testPhotos(0, 3)
	tests := []struct {
		name    string
		photos  []Photo
		id      PhotoID
		wantErr error
		rest    []Photo
	}{
		{"middle", p, 2, nil, []Photo{p[0], p[2]}},
		{"first", p, 1, nil, []Photo{p[1], p[2]}},
		{"last in order", p, 3, nil, []Photo{p[0], p[1]}},
		{"one of two", p[:2], 1, nil, []Photo{p[1]}},
		{"unknown id", p, 9, ErrPhotoNotFound, nil},
		{"the only photo", p[:1], 1, ErrLastPhoto, nil},
		{"unknown id on a one-photo space", p[:1], 9, ErrPhotoNotFound, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			s.Photos = slices.Clone(tt.photos)
			before := snapshot(s)
			got, err := s.RemovePhoto(tt.id, later)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("RemovePhoto error = %v, want %v", err, tt.wantErr)
				}
				if got != (Photo{}) {
					t.Errorf("RemovePhoto gave %v with an error", got)
				}
				assertUnchanged(t, s, before)
				return
			}
			if err != nil {
				t.Fatalf("RemovePhoto: %v", err)
			}
			if got != p[tt.id-1] {
				t.Errorf("removed %v, want %v", got, p[tt.id-1])
			}
			if !slices.Equal(s.Photos, tt.rest) {
				t.Errorf("photos = %v, want %v", s.Photos, tt.rest)
			}
			if !s.Updated.Equal(later) {
				t.Errorf("updated = %v, want %v", s.Updated, later)
			}
		})
	}
}

func TestSetClosedDates(t *testing.T) {
	// 00:30 in Seoul is still the day before in UTC: "today" is Seoul's.
	now := time.Date(2025, 3, 10, 0, 30, 0, 0, calendar.Seoul)
	today := calendar.DateOf(now)
	if today != calendar.MustDate(2025, 3, 10) {
		t.Fatalf("today = %s", today)
	}
	day := today.AddDays

	tests := []struct {
		name string
		now  time.Time
		in   []calendar.Date
		want []calendar.Date // nil: refused with field dates
	}{
		{"sorted, deduplicated, past dropped",
			now,
			[]calendar.Date{day(5), day(-1), today, day(5), day(2), day(-30), today},
			[]calendar.Date{today, day(2), day(5)}},
		{"today kept", now, []calendar.Date{today}, []calendar.Date{today}},
		{"yesterday dropped", now, []calendar.Date{day(-1)}, []calendar.Date{}},
		{"far past dropped, not refused", now, []calendar.Date{day(-800), day(1)}, []calendar.Date{day(1)}},
		{"across a year end", now, []calendar.Date{calendar.MustDate(2026, 1, 2), calendar.MustDate(2025, 12, 31)}, []calendar.Date{calendar.MustDate(2025, 12, 31), calendar.MustDate(2026, 1, 2)}},
		{"366 days ahead kept", now, []calendar.Date{day(MaxClosedDates), day(1)}, []calendar.Date{day(1), day(MaxClosedDates)}},
		{"367 days ahead refused", now, []calendar.Date{day(1), day(MaxClosedDates + 1)}, nil},
		{"none clears", now, nil, []calendar.Date{}},
		{"now given in UTC counts Seoul's date", now.UTC(), []calendar.Date{day(-1), today}, []calendar.Date{today}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSpace(t)
			s.Closed = []calendar.Date{day(3), day(4)}
			before := snapshot(s)
			in := slices.Clone(tt.in)
			err := s.SetClosedDates(in, tt.now)
			if tt.want == nil {
				assertField(t, err, "dates")
				assertUnchanged(t, s, before)
				return
			}
			if err != nil {
				t.Fatalf("SetClosedDates: %v", err)
			}
			if !slices.Equal(s.Closed, tt.want) {
				t.Errorf("closed = %v, want %v", s.Closed, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("SetClosedDates changed its argument: %v", in)
			}
			if !s.Updated.Equal(tt.now) {
				t.Errorf("updated = %v, want %v", s.Updated, tt.now)
			}
		})
	}
}

func TestChangeStatusActiveHiddenActive(t *testing.T) {
	s := newSpace(t)
	photos := slices.Clone(s.Photos)
	for i, to := range []Status{StatusHidden, StatusActive, StatusHidden} {
		at := later.Add(time.Duration(i) * time.Hour)
		removed, err := s.ChangeStatus(to, 3, at) // live bookings do not stop hiding
		if err != nil {
			t.Fatalf("ChangeStatus(%v): %v", to, err)
		}
		if removed != nil {
			t.Errorf("ChangeStatus(%v) removed photos %v", to, removed)
		}
		if s.Status != to || !s.Updated.Equal(at) {
			t.Errorf("status %v updated %v, want %v at %v", s.Status, s.Updated, to, at)
		}
		if !slices.Equal(s.Photos, photos) {
			t.Errorf("photos = %v, want %v", s.Photos, photos)
		}
	}
}

func TestChangeStatusToTheSameStatus(t *testing.T) {
	for _, st := range []Status{StatusActive, StatusHidden} {
		t.Run(st.String(), func(t *testing.T) {
			s := newSpace(t)
			s.Status = st
			before := snapshot(s)
			removed, err := s.ChangeStatus(st, 0, later)
			if !errors.Is(err, ErrSameStatus) {
				t.Fatalf("error = %v, want ErrSameStatus", err)
			}
			if removed != nil {
				t.Errorf("removed %v", removed)
			}
			assertUnchanged(t, s, before)
		})
	}
}

func TestRetire(t *testing.T) {
	for _, from := range []Status{StatusActive, StatusHidden} {
		t.Run("from "+from.String()+" with live bookings", func(t *testing.T) {
			s := newSpace(t)
			s.Status = from
			before := snapshot(s)
			removed, err := s.ChangeStatus(StatusRetired, 2, later)
			if !errors.Is(err, ErrHasBookings) {
				t.Fatalf("error = %v, want ErrHasBookings", err)
			}
			if removed != nil {
				t.Errorf("removed %v", removed)
			}
			assertUnchanged(t, s, before)
		})
		t.Run("from "+from.String(), func(t *testing.T) {
			s := newSpace(t)
			s.Status = from
			photos := slices.Clone(s.Photos)
			removed, err := s.ChangeStatus(StatusRetired, 0, later)
			if err != nil {
				t.Fatalf("ChangeStatus: %v", err)
			}
			if s.Status != StatusRetired || !s.Updated.Equal(later) {
				t.Errorf("status %v updated %v", s.Status, s.Updated)
			}
			if !slices.Equal(removed, photos) {
				t.Errorf("removed = %v, want %v", removed, photos)
			}
			if len(s.Photos) != 0 {
				t.Errorf("photos = %v, want none", s.Photos)
			}
		})
	}
}

func TestRetiredSpaceCannotChange(t *testing.T) {
	title := "New title"
	ops := map[string]func(t *testing.T, s *Space) error{
		"edit":            func(_ *testing.T, s *Space) error { return s.Edit(ListingPatch{Title: &title}, later) },
		"edit, no change": func(_ *testing.T, s *Space) error { return s.Edit(ListingPatch{}, later) },
		"add photos":      func(_ *testing.T, s *Space) error { return s.AddPhotos(testPhotos(10, 1), later) },
		"reorder photos":  func(_ *testing.T, s *Space) error { return s.ReorderPhotos(nil, later) },
		"remove photo": func(t *testing.T, s *Space) error {
			p, err := s.RemovePhoto(1, later)
			if p != (Photo{}) {
				t.Errorf("removed %v", p)
			}
			return err
		},
		"set closed dates": func(_ *testing.T, s *Space) error {
			return s.SetClosedDates([]calendar.Date{calendar.DateOf(later)}, later)
		},
	}
	for _, to := range []Status{StatusActive, StatusHidden, StatusRetired} {
		ops["change status to "+to.String()] = func(t *testing.T, s *Space) error {
			removed, err := s.ChangeStatus(to, 0, later)
			if removed != nil {
				t.Errorf("removed %v", removed)
			}
			return err
		}
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			s := retiredSpace(t)
			before := snapshot(s)
			if err := op(t, s); !errors.Is(err, ErrRetired) {
				t.Fatalf("error = %v, want ErrRetired", err)
			}
			assertUnchanged(t, s, before)
		})
	}
}

func TestHostingErrorKinds(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want fault.Kind
	}{
		{ErrPhotoNotFound, fault.NotFound},
		{ErrLastPhoto, fault.Conflict},
		{ErrRetired, fault.Conflict},
		{fmt.Errorf("%w (2)", ErrHasBookings), fault.Conflict},
		{ErrSameStatus, fault.Conflict},
		{fault.Field("photos", "x"), fault.Invalid},
	} {
		if got := fault.KindOf(tt.err); got != tt.want {
			t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestPhotoKeysAll(t *testing.T) {
	for _, tt := range []struct {
		name string
		keys PhotoKeys
		want []string
	}{
		{"two sizes", PhotoKeys{Detail: "d.jpg", Thumb: "t.jpg"}, []string{"d.jpg", "t.jpg"}},
		{"no thumb", PhotoKeys{Detail: "d.jpg"}, []string{"d.jpg"}},
		{"thumb is the detail", PhotoKeys{Detail: "d.jpg", Thumb: "d.jpg"}, []string{"d.jpg"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.keys.All(); !slices.Equal(got, tt.want) {
				t.Errorf("All() = %q, want %q", got, tt.want)
			}
		})
	}
}
