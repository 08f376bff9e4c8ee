package service_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/ourspace/ourspace/adapters/imaging"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/adapters/s3store"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
	"github.com/ourspace/ourspace/service"
)

// The hosting tests run the use cases on a real database and a real
// S3-compatible server on loopback (gofakes3), whose HTTP front end the
// tests break on purpose: the object store failing mid-upload, the
// database failing after the upload, and both at once (a request that
// cannot clean up after itself, as after a crash), which the sweeper
// must then clean up.

const bucket = "media"

// flakyS3 is an S3 server's front end that fails on demand: after a
// budget of PUT object requests it answers every further PUT with 500
// (the SDK retries, so every retry fails too), and it can refuse every
// DELETE. It counts what it answered.
type flakyS3 struct {
	next http.Handler

	mu          sync.Mutex
	putBudget   int // PUT object requests still answered; negative: no limit
	failDeletes bool
	puts        []string // keys stored
	failedPuts  int
	deletes     int // DELETE requests answered
	failedDels  int
}

// heal makes the server answer everything again.
func (f *flakyS3) heal() { f.set(-1, false) }

// set allows puts more PUT object requests (negative: any number) and
// refuses or answers DELETEs.
func (f *flakyS3) set(puts int, failDeletes bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.putBudget, f.failDeletes = puts, failDeletes
}

// counts gives how many PUTs were stored and refused, DELETEs answered and
// refused, so far.
func (f *flakyS3) counts() (puts, failedPuts, deletes, failedDels int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.puts), f.failedPuts, f.deletes, f.failedDels
}

func (f *flakyS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Path style: /bucket is the bucket, /bucket/key an object.
	object := strings.Contains(strings.TrimPrefix(r.URL.Path, "/"), "/")
	fail := func(status int, code string) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>injected by the test</Message></Error>`, code)
	}
	f.mu.Lock()
	switch {
	case object && r.Method == http.MethodPut:
		if f.putBudget == 0 {
			f.failedPuts++
			f.mu.Unlock()
			fail(http.StatusInternalServerError, "InternalError")
			return
		}
		if f.putBudget > 0 {
			f.putBudget--
		}
		f.puts = append(f.puts, strings.TrimPrefix(r.URL.Path, "/"+bucket+"/"))
	case object && r.Method == http.MethodDelete:
		if f.failDeletes {
			// Not retried by the SDK, so a refused delete fails at once.
			f.failedDels++
			f.mu.Unlock()
			fail(http.StatusForbidden, "AccessDenied")
			return
		}
		f.deletes++
	}
	f.mu.Unlock()
	f.next.ServeHTTP(w, r)
}

type hostEnv struct {
	app     app.Application
	db      *sql.DB
	m       mysqltest.Market
	clock   *testClock
	s3      *flakyS3
	backend *s3mem.Backend
	objects *s3store.Store
}

// newHostEnv gives a test its own database (the market of mysqltest) and
// its own S3 server with an empty bucket.
func newHostEnv(t *testing.T, guests int) hostEnv {
	t.Helper()
	db, _ := mysqltest.NewDatabase(t)
	clock := &testClock{at: start.UTC()}
	m := mysqltest.NewMarket(t, db, guests, 1_000_000, start)
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	flaky := &flakyS3{next: gofakes3.New(backend).Server(), putBudget: -1}
	srv := httptest.NewServer(flaky)
	t.Cleanup(srv.Close)
	objects, err := s3store.New(s3store.Config{Endpoint: srv.URL, Bucket: bucket, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	a := service.NewApplication(db, service.Options{Clock: clock, Media: ports.PrefixURLs{Base: "https://cdn.test/"}, Objects: objects})
	return hostEnv{app: a, db: db, m: m, clock: clock, s3: flaky, backend: backend, objects: objects}
}

func (e hostEnv) count(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := e.db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// bucketKeys lists the photo objects in the bucket, sorted, straight from
// the server's backend.
func (e hostEnv) bucketKeys(t *testing.T) []string {
	t.Helper()
	list, err := e.backend.ListBucket(bucket, &gofakes3.Prefix{HasPrefix: true, Prefix: "photos/"}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for _, c := range list.Contents {
		keys = append(keys, c.Key)
	}
	slices.Sort(keys)
	return keys
}

type pendingRow struct {
	key string
	due time.Time
}

func (p pendingRow) String() string { return p.key + " due " + p.due.Format(time.RFC3339) }

func (e hostEnv) pending(t *testing.T) []pendingRow {
	t.Helper()
	rows, err := e.db.Query("SELECT object_key, due_at FROM pending_objects ORDER BY object_key")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []pendingRow{}
	for rows.Next() {
		var p pendingRow
		if err := rows.Scan(&p.key, &p.due); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type photoRow struct {
	id            space.PhotoID
	position      int
	detail, thumb string
}

// photos lists a space's photo rows in display order.
func (e hostEnv) photos(t *testing.T, id space.ID) []photoRow {
	t.Helper()
	rows, err := e.db.Query("SELECT id, position, detail_key, thumb_key FROM space_photos WHERE space_id = ? ORDER BY position", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []photoRow
	for rows.Next() {
		var p photoRow
		if err := rows.Scan(&p.id, &p.position, &p.detail, &p.thumb); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// keysOf gives the object keys the rows refer to, sorted.
func keysOf(rows []photoRow) []string {
	keys := []string{}
	for _, p := range rows {
		keys = append(keys, p.detail, p.thumb)
	}
	slices.Sort(keys)
	return keys
}

// packageIDs gives a space's package ids in display order.
func (e hostEnv) packageIDs(t *testing.T, id space.ID) []space.PackageID {
	t.Helper()
	rows, err := e.db.Query("SELECT id FROM space_packages WHERE space_id = ? ORDER BY position", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []space.PackageID
	for rows.Next() {
		var pk space.PackageID
		if err := rows.Scan(&pk); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, pk)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func (e hostEnv) status(t *testing.T, id space.ID) string {
	t.Helper()
	var s string
	if err := e.db.QueryRow("SELECT status FROM spaces WHERE id = ?", id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// createSpace lists a valid space of the market's host with n photos.
func (e hostEnv) createSpace(t *testing.T, n int) space.ID {
	t.Helper()
	id, err := e.app.Commands.CreateSpace.Handle(t.Context(), e.m.HostID, listing(), photoSet(t, n, 800, 600))
	if err != nil {
		t.Fatalf("create space: %v", err)
	}
	return id
}

// listing is a valid listing on the market's district 1, category 1 and
// facility 1, sold by two packages every day.
func listing() space.Listing {
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opening[wd] = calendar.MustWindow(9*60, 22*60)
	}
	return space.Listing{
		Title: "햇살 가득 파티룸", Subtitle: "역에서 3분", Description: "넓고 밝은 방입니다.", Address: "서울 강남구 테헤란로 2",
		DistrictID: 1, CategoryID: 1, Lat: 37.5, Lng: 127.04, CapacityMin: 1, CapacityMax: 10, FacilityIDs: []int64{1},
		Opening: opening,
		Packages: []space.Package{
			{Name: "주간", Window: calendar.MustWindow(9*60, 15*60), Price: 60_000, Weekdays: space.EveryDay},
			{Name: "야간", Window: calendar.MustWindow(15*60, 22*60), Price: 80_000, Weekdays: space.EveryDay},
		},
		Refund: space.RefundFlexible,
	}
}

// photoJPEG draws a w×h JPEG with a gradient of its own.
func photoJPEG(t *testing.T, w, h, seed int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x + seed*40), uint8(y), uint8(seed * 70), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func photoSet(t *testing.T, n, w, h int) [][]byte {
	t.Helper()
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = photoJPEG(t, w, h, i)
	}
	return raws
}

// bookAndPay makes a confirmed booking of a space's package for guest.
func (e hostEnv) bookAndPay(t *testing.T, id space.ID, pkg space.PackageID, guest int64) booked {
	t.Helper()
	ctx := t.Context()
	v, err := e.app.Commands.CreateBooking.Handle(ctx, booking.Request{SpaceID: int64(id), GuestID: guest, Date: useDate,
		PackageID: int64(pkg), People: 4, Contact: booking.Contact{Name: "김민지", Phone: "010-1234-5678", Email: "minji@example.com"}}, "")
	if err != nil {
		t.Fatalf("book space %d: %v", id, err)
	}
	p, err := e.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: guest, BookingID: v.ID}, "")
	if err != nil || p.Status != "confirmed" {
		t.Fatalf("pay booking %d: %q, %v", v.ID, p.Status, err)
	}
	return booked{id: v.ID, price: v.Price, end: v.End}
}

// booked is what the tests keep of a booking.
type booked struct {
	id    int64
	price int64
	end   time.Time
}

// TestHostingStoreFailingMidUploadLeavesNothing: the object store stops
// answering after three of the six objects of three photos are stored.
// The request fails as "unavailable" (retry later), and neither a row nor
// an object nor a pending key is left; once the store is back, the same
// request succeeds.
func TestHostingStoreFailingMidUploadLeavesNothing(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	spaces, photos := e.count(t, "SELECT COUNT(*) FROM spaces"), e.count(t, "SELECT COUNT(*) FROM space_photos")
	raws := photoSet(t, 3, 800, 600)

	e.s3.set(3, false)
	_, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, listing(), raws)
	if !errors.Is(err, ports.ErrUnavailable) {
		t.Fatalf("create space with the store failing: %v, want ErrUnavailable", err)
	}
	puts, failedPuts, deletes, _ := e.s3.counts()
	if puts != 3 || failedPuts < 1 {
		t.Fatalf("store answered %d PUTs and refused %d; want 3 stored before it failed", puts, failedPuts)
	}
	if deletes < puts {
		t.Errorf("%d DELETEs after %d stored objects: the request did not clean up", deletes, puts)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("objects left in the bucket: %v", got)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left: %v", got)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM spaces"); n != spaces {
		t.Errorf("%d spaces, want %d", n, spaces)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM space_photos"); n != photos {
		t.Errorf("%d photo rows, want %d", n, photos)
	}

	// The failure passes: the same request now succeeds, whole.
	e.s3.heal()
	id, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, listing(), raws)
	if err != nil {
		t.Fatalf("create space once the store is back: %v", err)
	}
	rows := e.photos(t, id)
	if len(rows) != 3 {
		t.Fatalf("%d photo rows, want 3", len(rows))
	}
	if got, want := e.bucketKeys(t), keysOf(rows); !slices.Equal(got, want) {
		t.Errorf("bucket holds %v, rows refer to %v", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys after a committed upload: %v", got)
	}
}

// TestHostingDatabaseFailingAfterUploadDeletesTheObjects: every photo is
// stored, then the transaction writing the space fails inside the
// database (a trigger refuses the INSERT). The request deletes what it
// uploaded and forgets the pending keys.
func TestHostingDatabaseFailingAfterUploadDeletesTheObjects(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	spaces := e.count(t, "SELECT COUNT(*) FROM spaces")
	if _, err := e.db.ExecContext(ctx, `CREATE TRIGGER spaces_refuse BEFORE INSERT ON spaces FOR EACH ROW
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: no new spaces'`); err != nil {
		t.Fatalf("create trigger: %v", err)
	}
	_, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, listing(), photoSet(t, 3, 800, 600))
	if err == nil || !strings.Contains(err.Error(), "injected: no new spaces") {
		t.Fatalf("create space with the insert failing: %v, want the trigger's error", err)
	}
	puts, _, deletes, _ := e.s3.counts()
	if puts != 6 {
		t.Fatalf("%d objects stored before the transaction, want 6 (3 photos × 2 sizes)", puts)
	}
	if deletes != 6 {
		t.Errorf("%d DELETEs, want 6", deletes)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("objects left in the bucket: %v", got)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left: %v", got)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM spaces"); n != spaces {
		t.Errorf("%d spaces, want %d", n, spaces)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM space_photos WHERE space_id NOT IN (?, ?)", e.m.Instant, e.m.Approval); n != 0 {
		t.Errorf("%d photo rows of no space", n)
	}
	// The trigger was the only cause.
	if _, err := e.db.ExecContext(ctx, "DROP TRIGGER spaces_refuse"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, listing(), photoSet(t, 1, 800, 600)); err != nil {
		t.Errorf("create space without the trigger: %v", err)
	}
}

// TestHostingSweepDeletesUploadsARequestCouldNotCleanUp: the database
// refuses the space and the store refuses the clean-up, as if the request
// had crashed between upload and commit. The objects stay, listed as
// pending for an hour; the sweeper leaves them alone until then and
// deletes them after.
func TestHostingSweepDeletesUploadsARequestCouldNotCleanUp(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	if _, err := e.db.ExecContext(ctx, `CREATE TRIGGER spaces_refuse BEFORE INSERT ON spaces FOR EACH ROW
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: no new spaces'`); err != nil {
		t.Fatalf("create trigger: %v", err)
	}
	e.s3.set(-1, true)
	if _, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, listing(), photoSet(t, 3, 800, 600)); err == nil {
		t.Fatal("create space succeeded with the insert failing")
	}
	if _, _, _, failed := e.s3.counts(); failed != 6 {
		t.Errorf("%d refused DELETEs, want 6 (the request tried each object)", failed)
	}
	left := e.bucketKeys(t)
	if len(left) != 6 {
		t.Fatalf("bucket holds %v, want the 6 objects the request could not delete", left)
	}
	pend := e.pending(t)
	var keys []string
	due := e.clock.Now().Add(time.Hour)
	for _, p := range pend {
		keys = append(keys, p.key)
		if !p.due.Equal(due) {
			t.Errorf("%s due at %v, want an hour after the upload (%v)", p.key, p.due, due)
		}
	}
	if !slices.Equal(keys, left) {
		t.Fatalf("pending keys %v, want the objects left %v", keys, left)
	}

	// Before they are due the sweeper deletes nothing, even with the store up.
	e.s3.heal()
	e.clock.Set(start.Add(time.Hour - time.Second))
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err != nil || n != 0 {
		t.Fatalf("sweep before due: %d deleted, %v; want 0", n, err)
	}
	if got := e.bucketKeys(t); len(got) != 6 {
		t.Fatalf("sweep before due deleted objects: %v left", got)
	}
	// Once due, it deletes every one and forgets it.
	e.clock.Set(start.Add(time.Hour + time.Minute))
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err != nil || n != 6 {
		t.Fatalf("sweep when due: %d deleted, %v; want 6", n, err)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("objects left after the sweep: %v", got)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left after the sweep: %v", got)
	}
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err != nil || n != 0 {
		t.Errorf("second sweep: %d deleted, %v; want 0", n, err)
	}
}

// TestHostingSweepDeletesRemovedPhotosTheStoreRefused: a photo is removed
// while the store refuses deletions. The removal stands (the row is gone),
// its objects are listed as due at once, and the next sweep deletes them
// without waiting for the upload grace.
func TestHostingSweepDeletesRemovedPhotosTheStoreRefused(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	id := e.createSpace(t, 2)
	rows := e.photos(t, id)
	e.s3.set(-1, true)
	if err := e.app.Commands.SpacePhotos.Remove(ctx, e.m.HostID, id, rows[0].id); err != nil {
		t.Fatalf("remove a photo with the store refusing deletions: %v", err)
	}
	if after := e.photos(t, id); len(after) != 1 || after[0].id != rows[1].id {
		t.Fatalf("photos after the removal: %+v", after)
	}
	gone := keysOf(rows[:1])
	var keys []string
	for _, p := range e.pending(t) {
		keys = append(keys, p.key)
		if !p.due.Equal(e.clock.Now()) {
			t.Errorf("%s due at %v, want at once (%v)", p.key, p.due, e.clock.Now())
		}
	}
	if !slices.Equal(keys, gone) {
		t.Fatalf("pending keys %v, want the removed photo's %v", keys, gone)
	}
	if got := e.bucketKeys(t); len(got) != 4 {
		t.Fatalf("bucket holds %v, want all 4 objects still (deletes refused)", got)
	}
	// The store still refuses: the sweep fails, deletes nothing, forgets nothing.
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err == nil || n != 0 {
		t.Errorf("sweep with the store refusing: %d deleted, %v; want 0 and an error", n, err)
	}
	retry := e.clock.Now().Add(10 * time.Minute)
	for _, p := range e.pending(t) {
		if !p.due.Equal(retry) {
			t.Errorf("%s refused, due again at %v, want 10 minutes later (%v)", p.key, p.due, retry)
		}
	}
	if got := e.pending(t); len(got) != 2 {
		t.Errorf("pending keys after a failed sweep: %v, want both kept", got)
	}
	e.s3.heal()
	// Not due again yet: a refused key waits, behind the others.
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err != nil || n != 0 {
		t.Fatalf("sweep before the retry: %d deleted, %v; want 0", n, err)
	}
	e.clock.Set(retry)
	if n, err := e.app.Commands.SweepObjects.Handle(ctx); err != nil || n != 2 {
		t.Fatalf("sweep: %d deleted, %v; want 2", n, err)
	}
	if got, want := e.bucketKeys(t), keysOf(rows[1:]); !slices.Equal(got, want) {
		t.Errorf("bucket holds %v after the sweep, want the kept photo's %v", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys after the sweep: %v", got)
	}
}

// TestHostingRemovingPhotosAndRetiringSpaceDeletesTheirObjects: removing
// a photo deletes its two objects; retiring a space with no live booking
// deletes all its photos' objects; retiring one with a confirmed booking
// ahead is refused and deletes nothing, until the booking has passed.
func TestHostingRemovingPhotosAndRetiringSpaceDeletesTheirObjects(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 1)
	ctx := t.Context()
	a, b := e.createSpace(t, 3), e.createSpace(t, 2)
	aRows, bRows := e.photos(t, a), e.photos(t, b)
	if got, want := e.bucketKeys(t), keysOf(append(slices.Clone(aRows), bRows...)); len(got) != 10 || !slices.Equal(got, want) {
		t.Fatalf("bucket holds %v, want the 10 objects of 5 photos %v", got, want)
	}

	// Someone else cannot remove a photo; nothing is deleted.
	if err := e.app.Commands.SpacePhotos.Remove(ctx, e.m.Guests[0], a, aRows[1].id); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("guest removes the host's photo: %v, want ErrNotFound", err)
	}
	if n := len(e.bucketKeys(t)); n != 10 {
		t.Errorf("%d objects after a refused removal, want 10", n)
	}

	// The host removes the middle photo: its detail and thumbnail go.
	if err := e.app.Commands.SpacePhotos.Remove(ctx, e.m.HostID, a, aRows[1].id); err != nil {
		t.Fatalf("remove photo: %v", err)
	}
	after := e.photos(t, a)
	if len(after) != 2 || after[0].id != aRows[0].id || after[1].id != aRows[2].id {
		t.Fatalf("photos after removing %d: %+v", aRows[1].id, after)
	}
	keys := e.bucketKeys(t)
	if slices.Contains(keys, aRows[1].detail) || slices.Contains(keys, aRows[1].thumb) {
		t.Errorf("the removed photo's objects are still in the bucket")
	}
	if want := keysOf(append(slices.Clone(after), bRows...)); !slices.Equal(keys, want) {
		t.Errorf("bucket holds %v, want %v", keys, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys after a removal: %v", got)
	}

	// Retiring a with no bookings deletes all its photos' objects.
	if err := e.app.Commands.EditSpace.ChangeStatus(ctx, e.m.HostID, a, space.StatusRetired); err != nil {
		t.Fatalf("retire a space without bookings: %v", err)
	}
	if st := e.status(t, a); st != "retired" {
		t.Errorf("status %q after retiring, want retired", st)
	}
	if rows := e.photos(t, a); len(rows) != 0 {
		t.Errorf("retired space keeps photo rows %+v", rows)
	}
	if got, want := e.bucketKeys(t), keysOf(bRows); !slices.Equal(got, want) {
		t.Errorf("after retiring a the bucket holds %v, want only b's %v", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys after retiring: %v", got)
	}

	// b has a confirmed booking three days ahead: retiring is refused and
	// deletes nothing.
	night := e.packageIDs(t, b)[1]
	bk := e.bookAndPay(t, b, night, e.m.Guests[0])
	err := e.app.Commands.EditSpace.ChangeStatus(ctx, e.m.HostID, b, space.StatusRetired)
	if !errors.Is(err, space.ErrHasBookings) {
		t.Fatalf("retire a space with a confirmed booking: %v, want ErrHasBookings", err)
	}
	if st := e.status(t, b); st != "active" {
		t.Errorf("status %q after a refused retirement, want active", st)
	}
	if rows := e.photos(t, b); !slices.Equal(keysOf(rows), keysOf(bRows)) {
		t.Errorf("photo rows changed by a refused retirement: %+v", rows)
	}
	if got, want := e.bucketKeys(t), keysOf(bRows); !slices.Equal(got, want) {
		t.Errorf("a refused retirement changed the bucket: %v, want %v", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys after a refused retirement: %v", got)
	}

	// Once the booking has ended, b retires and its objects go.
	e.clock.Set(bk.end.Add(time.Minute))
	if err := e.app.Commands.EditSpace.ChangeStatus(ctx, e.m.HostID, b, space.StatusRetired); err != nil {
		t.Fatalf("retire after the booking ended: %v", err)
	}
	if got := e.bucketKeys(t); len(got) != 0 {
		t.Errorf("objects left after retiring every space: %v", got)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM bookings WHERE id = ? AND status = 'confirmed'", bk.id); n != 1 {
		t.Errorf("retiring changed the past booking")
	}
}

// TestHostingConcurrentPhotoAddsStopAtTwenty: ten hosts' tabs add two
// photos each at once to a space with one. Nine fit (1 + 18 = 19), the
// tenth would make 21 and is refused on "photos"; every accepted batch is
// there, together, and the refused one left no object: the bucket holds
// exactly the objects the rows refer to.
func TestHostingConcurrentPhotoAddsStopAtTwenty(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	id := e.createSpace(t, 1)
	// Call i's photos are 640+16i pixels wide, so its objects say whose
	// they are (the detail size is never scaled up).
	const calls = 10
	width := func(i int) int { return 640 + 16*i }
	raws := make([][][]byte, calls)
	for i := range raws {
		raws[i] = [][]byte{photoJPEG(t, width(i), 480, 2*i), photoJPEG(t, width(i), 480, 2*i+1)}
	}
	errs := parallel(calls, func(i int) error {
		return e.app.Commands.SpacePhotos.Add(ctx, e.m.HostID, id, raws[i])
	})
	var won []int
	refused := -1
	for i, err := range errs {
		switch {
		case err == nil:
			won = append(won, i)
		case fieldOf(err) == "photos":
			refused = i
		default:
			t.Errorf("call %d: %v", i, err)
		}
	}
	if len(won) != 9 || refused < 0 {
		t.Fatalf("%d calls added photos and call %d was refused; want 9 and one", len(won), refused)
	}
	rows := e.photos(t, id)
	if len(rows) != 1+2*len(won) || len(rows) > space.MaxPhotos {
		t.Fatalf("%d photos, want %d (at most %d)", len(rows), 1+2*len(won), space.MaxPhotos)
	}
	for i, p := range rows {
		if p.position != i {
			t.Errorf("photo %d at position %d", i, p.position)
		}
	}
	keys := e.bucketKeys(t)
	if want := keysOf(rows); !slices.Equal(keys, want) {
		t.Fatalf("bucket holds %d objects %v, rows refer to %d %v", len(keys), keys, len(want), want)
	}
	if len(keys) != 2*len(rows) {
		t.Errorf("%d objects for %d photos, want 2 each", len(keys), len(rows))
	}
	// Whose photo is where: each winner's two, side by side; none of the loser's.
	owner := func(key string) int {
		obj, err := e.objects.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Body.Close()
		cfg, _, err := image.DecodeConfig(obj.Body)
		if err != nil {
			t.Fatalf("object %s: %v", key, err)
		}
		return (cfg.Width - 640) / 16
	}
	at := map[int][]int{}
	for _, p := range rows[1:] {
		at[owner(p.detail)] = append(at[owner(p.detail)], p.position)
	}
	for _, i := range won {
		if ps := at[i]; len(ps) != 2 || ps[1] != ps[0]+1 {
			t.Errorf("call %d's photos at positions %v, want two side by side", i, ps)
		}
	}
	if ps := at[refused]; len(ps) != 0 {
		t.Errorf("refused call %d's photos stored at %v", refused, ps)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("pending keys left: %v", got)
	}
	// The refused call either uploaded and then deleted its four objects
	// (refused when saving, the usual case: every call passes the early
	// check at once) or was refused by the early check and uploaded none.
	puts, _, deletes, _ := e.s3.counts()
	if (deletes != 0 && deletes != 4) || puts-deletes != 2+4*len(won) {
		t.Errorf("%d PUTs and %d DELETEs; want the refused call's 4 deleted or never stored, and %d kept", puts, deletes, 2+4*len(won))
	}
}

// TestHostingPriceEditKeepsBookedPrices: the host lowers a package's price
// after a guest paid for it. The booking keeps its price; the space's
// list price, which search sorts and filters by, is the new lowest at once.
func TestHostingPriceEditKeepsBookedPrices(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 1)
	ctx := t.Context()
	id := e.createSpace(t, 1)
	if n := e.count(t, "SELECT list_price FROM spaces WHERE id = ?", id); n != 60_000 {
		t.Fatalf("list price %d, want the cheaper package's 60,000", n)
	}
	pkgs := e.packageIDs(t, id)
	guest := e.m.Guests[0]
	bk := e.bookAndPay(t, id, pkgs[1], guest)
	if bk.price != 80_000 {
		t.Fatalf("booked at %d, want 80,000", bk.price)
	}

	l := listing()
	l.Packages[0].ID, l.Packages[1].ID = pkgs[0], pkgs[1]
	l.Packages[1].Price = 40_000
	if err := e.app.Commands.EditSpace.Edit(ctx, e.m.HostID, id, space.ListingPatch{Packages: &l.Packages}); err != nil {
		t.Fatalf("edit prices: %v", err)
	}
	if got := e.packageIDs(t, id); !slices.Equal(got, pkgs) {
		t.Errorf("package ids %v after the edit, want kept %v", got, pkgs)
	}
	if n := e.count(t, "SELECT price FROM space_packages WHERE id = ?", pkgs[1]); n != 40_000 {
		t.Errorf("package price %d, want 40,000", n)
	}
	if n := e.count(t, "SELECT list_price FROM spaces WHERE id = ?", id); n != 40_000 {
		t.Errorf("list price %d after the edit, want the new lowest 40,000", n)
	}
	v, err := e.app.Queries.Bookings.Get(ctx, guest, bk.id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Price != 80_000 || v.Status != "confirmed" || v.PackageID != int64(pkgs[1]) {
		t.Errorf("booking after the edit: price %d, %s, package %d; want 80,000, confirmed, %d", v.Price, v.Status, v.PackageID, pkgs[1])
	}
	if n := e.count(t, "SELECT -amount FROM points_ledger WHERE kind = 'payment' AND booking_id = ?", bk.id); n != 80_000 {
		t.Errorf("payment %d, want 80,000", n)
	}
	// A new booking pays the new price.
	r := booking.Request{SpaceID: int64(id), GuestID: guest, Date: useDate.AddDays(1), PackageID: int64(pkgs[1]), People: 4,
		Contact: booking.Contact{Name: "김민지", Phone: "010-1234-5678", Email: "minji@example.com"}}
	if w, err := e.app.Commands.CreateBooking.Handle(ctx, r, ""); err != nil || w.Price != 40_000 {
		t.Errorf("a new booking after the edit: %d, %v; want 40,000", w.Price, err)
	}
}

// TestHostingKeepsSearchColumnsInStep lists and edits spaces through the
// use cases: the facility bits and the search token counts always equal a
// recount of the facility rows and the stored tokens, and a search finds a
// space by its new words and facilities, not its old ones.
func TestHostingKeepsSearchColumnsInStep(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 1)
	ctx := t.Context()
	a := e.createSpace(t, 1)
	e.createSpace(t, 1)
	e.checkSearchColumns(t)
	title, facilities := "루프탑 바베큐 스튜디오", []int64{}
	if err := e.app.Commands.EditSpace.Edit(ctx, e.m.HostID, a, space.ListingPatch{Title: &title, FacilityIDs: &facilities}); err != nil {
		t.Fatalf("edit: %v", err)
	}
	e.checkSearchColumns(t)
	found := func(p search.Params) bool {
		t.Helper()
		page, err := e.app.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: p, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(page.Items, func(c query.SpaceCard) bool { return c.ID == int64(a) })
	}
	if !found(search.Params{Text: "바베큐"}) || found(search.Params{Text: "햇살"}) || found(search.Params{Facilities: []int64{1}}) {
		t.Error("search does not follow the edit")
	}
	if err := e.app.Commands.EditSpace.ChangeStatus(ctx, e.m.HostID, a, space.StatusRetired); err != nil {
		t.Fatal(err)
	}
	e.checkSearchColumns(t)
}

// checkSearchColumns compares every space's facility bits with its facility
// rows, and the search token counts with a recount of the stored tokens.
func (e hostEnv) checkSearchColumns(t *testing.T) {
	t.Helper()
	if n := e.count(t, `SELECT COUNT(*) FROM spaces s WHERE s.facility_bits <> COALESCE((SELECT BIT_OR(1 << f.facility_id)
		FROM space_facilities f WHERE f.space_id = s.id AND f.facility_id BETWEEN 1 AND 62), 0)`); n != 0 {
		t.Errorf("%d spaces' facility bits differ from their facility rows", n)
	}
	want := map[string]int{}
	spaces, err := e.db.Query("SELECT search_tokens FROM spaces")
	if err != nil {
		t.Fatal(err)
	}
	defer spaces.Close()
	for spaces.Next() {
		var tokens string
		if err := spaces.Scan(&tokens); err != nil {
			t.Fatal(err)
		}
		for _, tok := range strings.Fields(tokens) {
			want[tok]++
		}
	}
	if err := spaces.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	counts, err := e.db.Query("SELECT token, spaces FROM search_token_counts WHERE spaces <> 0")
	if err != nil {
		t.Fatal(err)
	}
	defer counts.Close()
	for counts.Next() {
		var tok string
		var n int
		if err := counts.Scan(&tok, &n); err != nil {
			t.Fatal(err)
		}
		got[tok] = n
	}
	if err := counts.Err(); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) || len(want) == 0 {
		t.Errorf("token counts %v, want a recount of the spaces' tokens %v", got, want)
	}
	// The postings must be what rebuilding them from the stored tokens
	// writes.
	before := mysqltest.SearchIndex(t, e.db)
	if err := mysql.NewBulk(e.db).ReindexSearchTokens(t.Context()); err != nil {
		t.Fatal(err)
	}
	if after := mysqltest.SearchIndex(t, e.db); after != before || after == "" {
		t.Errorf("search index\n%s\ndiffers from a rebuild from the spaces' tokens\n%s", before, after)
	}
}

// TestHostingConcurrentListingsKeepSearchColumnsInStep lists and edits
// spaces at once, sharing words and so the rows of their search token
// counts and postings: every call succeeds, and the counts and postings
// end as a rebuild from the stored tokens would write them.
func TestHostingConcurrentListingsKeepSearchColumnsInStep(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	ctx := t.Context()
	const calls = 8
	ids := make([]space.ID, calls)
	words := []string{"햇살", "루프탑", "노을", "파티룸", "스튜디오", "연습실"}
	errs := parallel(calls, func(i int) error {
		l := listing()
		l.Title = words[i%len(words)] + " " + words[(i+1)%len(words)] + fmt.Sprintf(" %d호", i)
		id, err := e.app.Commands.CreateSpace.Handle(ctx, e.m.HostID, l, photoSet(t, 1, 800, 600))
		ids[i] = id
		return err
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
	}
	errs = parallel(calls, func(i int) error {
		title := words[(i+2)%len(words)] + " 새단장"
		return e.app.Commands.EditSpace.Edit(ctx, e.m.HostID, ids[i], space.ListingPatch{Title: &title})
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	e.checkSearchColumns(t)
	page, err := e.app.Queries.SearchSpaces.Handle(ctx, query.SearchSpaces{Params: search.Params{Text: "새단장"}, Limit: 100})
	if err != nil || len(page.Items) != calls {
		t.Errorf("search for the new word: %d spaces, %v; want %d", len(page.Items), err, calls)
	}
}

// lostCommit is a store whose transactions commit and then report an
// error, as when the connection drops while COMMIT's answer is on its way.
type lostCommit struct {
	ports.Store
	lose func() bool // whether to lose this commit's answer
}

func (s lostCommit) InTx(ctx context.Context, fn func(ports.Repositories) error) error {
	if err := s.Store.InTx(ctx, fn); err != nil {
		return err
	}
	if s.lose() {
		return errors.New("commit: invalid connection")
	}
	return nil
}

// TestHostingLostCommitKeepsTheObjectsItsRowsClaim: when the transaction
// that writes a space reports an error after committing, the request must
// not delete the photos the committed rows point at.
func TestHostingLostCommitKeepsTheObjectsItsRowsClaim(t *testing.T) {
	t.Parallel()
	e := newHostEnv(t, 0)
	calls := 0
	store := lostCommit{Store: mysql.NewStore(e.db), lose: func() bool { calls++; return calls == 2 }} // the 2nd: the space's
	h := command.NewCreateSpaceHandler(store, e.objects, imaging.New(imaging.Options{}), e.clock)
	if _, err := h.Handle(t.Context(), e.m.HostID, listing(), photoSet(t, 2, 640, 480)); err == nil {
		t.Fatal("the lost commit was not reported")
	}
	rows := e.photos(t, e.newestSpace(t))
	if len(rows) != 2 {
		t.Fatalf("%d photo rows committed, want 2", len(rows))
	}
	if got, want := e.bucketKeys(t), keysOf(rows); !slices.Equal(got, want) {
		t.Errorf("bucket holds %v, want the committed photos' %v", got, want)
	}
	if got := e.pending(t); len(got) != 0 {
		t.Errorf("keys pending after the commit: %v", got)
	}
}

func (e hostEnv) newestSpace(t *testing.T) space.ID {
	t.Helper()
	return space.ID(e.count(t, "SELECT MAX(id) FROM spaces"))
}
