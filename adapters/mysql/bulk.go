package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// Bulk loading for the demo seed, benchmarks and test fixtures: multi-row
// INSERTs in transactions, hundreds of rows a statement. sqlc has no
// variable-length VALUES list on MySQL, so these statements are built here.
// Rows carry explicit ids so children can be written in the same pass.

// bulkRows is how many rows go in one INSERT (well under the 65,535
// placeholders a statement may have).
const bulkRows = 500

// UserRow is a user to store.
type UserRow struct {
	ID        int64
	Provider  string
	Subject   string
	Nickname  string
	Email     string
	CreatedAt time.Time
}

// DistrictRow, CategoryRow and FacilityRow are reference data to store.
type DistrictRow struct {
	ID       int64
	Name     string
	Lat, Lng float64
	IconURL  string
}

// CategoryRow is a category to store.
type CategoryRow struct {
	ID      int64
	Name    string
	IconURL string
}

// FacilityRow is a facility to store.
type FacilityRow = CategoryRow

// SpaceRow is a space to store, built from validated domain values.
type SpaceRow struct {
	ID            int64
	HostID        int64
	Status        space.Status
	Title         string
	Subtitle      string
	Description   string
	Address       string
	DistrictID    int64
	CategoryID    int64
	Lat, Lng      float64
	Capacity      space.Capacity
	Opening       map[time.Weekday]calendar.Window
	Closed        []calendar.Date
	Pricing       space.Pricing
	NeedsApproval bool
	Refund        space.RefundPolicy
	Facilities    []int64
	PhotoKeys     []string
	CreatedAt     time.Time
}

// BookingRow is a booking to store.
type BookingRow struct {
	ID        int64
	SpaceID   int64
	GuestID   int64
	HostID    int64 // the space's host
	Status    string
	UseDate   calendar.Date
	Start     time.Time
	End       time.Time
	Deadline  *time.Time
	PackageID *int64
	People    int
	Price     int64
	Refund    space.RefundPolicy
	CreatedAt time.Time
}

// ReviewRow is a review to store.
type ReviewRow struct {
	ID        int64
	BookingID int64
	SpaceID   int64
	AuthorID  int64
	Rating    int
	Body      string
	CreatedAt time.Time
}

// LikeRow is a like to store.
type LikeRow struct {
	UserID    int64
	SpaceID   int64
	CreatedAt time.Time
}

// PointsRow is a points ledger entry to store.
type PointsRow struct {
	UserID    int64
	Kind      string
	Amount    int64
	BookingID *int64
	CreatedAt time.Time
}

// Bulk writes rows in transactions of many multi-row INSERTs.
type Bulk struct{ db *sql.DB }

// NewBulk writes to db.
func NewBulk(db *sql.DB) Bulk { return Bulk{db: db} }

// inserter gathers the rows of one table and flushes them bulkRows at a
// time, each statement head, the rows, then tail (if any).
type inserter struct {
	tx     sqlcgen.DBTX
	head   string
	tail   string
	cols   int
	values []any
	n      int
}

func (in *inserter) add(ctx context.Context, vals ...any) error {
	if len(vals) != in.cols {
		return fmt.Errorf("bulk: %d values for %d columns", len(vals), in.cols)
	}
	in.values = append(in.values, vals...)
	in.n++
	if in.n == bulkRows {
		return in.flush(ctx)
	}
	return nil
}

func (in *inserter) flush(ctx context.Context) error {
	if in.n == 0 {
		return nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", in.cols), ",") + ")"
	stmt := in.head + " VALUES " + strings.TrimSuffix(strings.Repeat(row+",", in.n), ",") + in.tail
	if _, err := in.tx.ExecContext(ctx, stmt, in.values...); err != nil {
		return fmt.Errorf("bulk %s: %w", in.head, err)
	}
	in.values, in.n = in.values[:0], 0
	return nil
}

// inTx runs fn in one transaction and commits, checking the commit.
func (b Bulk) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (b Bulk) table(ctx context.Context, head string, cols, n int, row func(i int) []any) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		in := &inserter{tx: tx, head: head, cols: cols}
		for i := 0; i < n; i++ {
			if err := in.add(ctx, row(i)...); err != nil {
				return err
			}
		}
		return in.flush(ctx)
	})
}

// Reference writes districts, categories and facilities.
func (b Bulk) Reference(ctx context.Context, ds []DistrictRow, cs []CategoryRow, fs []FacilityRow) error {
	if err := b.table(ctx, "INSERT INTO districts (id, name, lat, lng, icon_url)", 5, len(ds), func(i int) []any {
		return []any{ds[i].ID, ds[i].Name, ds[i].Lat, ds[i].Lng, ds[i].IconURL}
	}); err != nil {
		return err
	}
	if err := b.table(ctx, "INSERT INTO categories (id, name, icon_url, position)", 4, len(cs), func(i int) []any {
		return []any{cs[i].ID, cs[i].Name, cs[i].IconURL, i}
	}); err != nil {
		return err
	}
	return b.table(ctx, "INSERT INTO facilities (id, name, icon_url, position)", 4, len(fs), func(i int) []any {
		return []any{fs[i].ID, fs[i].Name, fs[i].IconURL, i}
	})
}

// Users writes users.
func (b Bulk) Users(ctx context.Context, us []UserRow) error {
	return b.table(ctx, "INSERT INTO users (id, provider, subject, nickname, email, created_at, updated_at)", 7, len(us), func(i int) []any {
		u := us[i]
		return []any{u.ID, u.Provider, u.Subject, u.Nickname, u.Email, u.CreatedAt.UTC(), u.CreatedAt.UTC()}
	})
}

// Spaces writes spaces with their photos, facilities, opening hours, closed
// dates and packages, in one transaction, which also keeps their facility
// bits, cards' photos and the search token counts in step. Package ids are
// assigned by the database; like and rating counters start at zero (see
// RecountSpaces).
func (b Bulk) Spaces(ctx context.Context, ss []SpaceRow) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		spaces := &inserter{tx: tx, cols: 24, head: "INSERT INTO spaces (id, host_id, status, title, subtitle, description, address, " +
			"district_id, category_id, lat, lng, capacity_min, capacity_max, hourly_price, min_hours, needs_approval, " +
			"refund_policy, refund_rules, list_price, facility_bits, search_text, search_tokens, created_at, updated_at)"}
		photos := &inserter{tx: tx, cols: 4, head: "INSERT INTO space_photos (space_id, position, detail_key, thumb_key)"}
		facilities := &inserter{tx: tx, cols: 2, head: "INSERT INTO space_facilities (space_id, facility_id)"}
		hours := &inserter{tx: tx, cols: 4, head: "INSERT INTO space_opening_hours (space_id, weekday, open_minute, close_minute)"}
		closed := &inserter{tx: tx, cols: 2, head: "INSERT INTO space_closed_dates (space_id, day)"}
		packages := &inserter{tx: tx, cols: 7, head: "INSERT INTO space_packages (space_id, position, name, start_minute, end_minute, price, weekdays)"}
		index := newIndexMoves()
		for _, s := range ss {
			var hourlyPrice, minHours any
			if h, ok := s.Pricing.Hourly(); ok {
				hourlyPrice, minHours = int64(h.PricePerHour), h.MinHours
			}
			bits, _ := facilityBits(s.Facilities)
			text := search.Text(s.Title, s.Subtitle, s.Address)
			toks := search.Tokens(text)
			index.space(s.ID, nil, toks)
			if err := spaces.add(ctx, s.ID, s.HostID, s.Status.String(), s.Title, s.Subtitle, s.Description, s.Address,
				s.DistrictID, s.CategoryID, s.Lat, s.Lng, s.Capacity.Min(), s.Capacity.Max(), hourlyPrice, minHours, s.NeedsApproval,
				s.Refund.Name(), refundRulesText(s.Refund), int64(s.Pricing.ListPrice()), bits, text, strings.Join(toks, " "),
				s.CreatedAt.UTC(), s.CreatedAt.UTC()); err != nil {
				return err
			}
		}
		// Children after parents: flush the spaces before their foreign keys are checked.
		if err := spaces.flush(ctx); err != nil {
			return err
		}
		if err := index.write(ctx, tx); err != nil {
			return err
		}
		for _, s := range ss {
			for i, k := range s.PhotoKeys {
				if err := photos.add(ctx, s.ID, i, k, k); err != nil {
					return err
				}
			}
			for _, f := range s.Facilities {
				if err := facilities.add(ctx, s.ID, f); err != nil {
					return err
				}
			}
			for wd, w := range s.Opening {
				if err := hours.add(ctx, s.ID, int(wd), w.Start(), w.End()); err != nil {
					return err
				}
			}
			for _, d := range s.Closed {
				if err := closed.add(ctx, s.ID, timeOfDate(d)); err != nil {
					return err
				}
			}
			for i, p := range s.Pricing.Packages() {
				if err := packages.add(ctx, s.ID, i, p.Name, p.Window.Start(), p.Window.End(), int64(p.Price), int(p.Weekdays)); err != nil {
					return err
				}
			}
		}
		for _, in := range []*inserter{photos, facilities, hours, closed, packages} {
			if err := in.flush(ctx); err != nil {
				return err
			}
		}
		return refreshCards(ctx, tx, ss)
	})
}

// refreshCards rewrites the cards' photos of spaces just written, a range
// of at most bulkRows ids a statement. A range may take in spaces not
// among them; RefreshCardPhotos rewrites those to what they already hold.
func refreshCards(ctx context.Context, tx sqlcgen.DBTX, ss []SpaceRow) error {
	ids := make([]int64, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	slices.Sort(ids)
	q := sqlcgen.New(tx)
	for i := 0; i < len(ids); {
		first := ids[i]
		for i < len(ids) && ids[i]-first < bulkRows {
			i++
		}
		p := sqlcgen.RefreshCardPhotosParams{PerSpace: query.CardPhotos, FirstID: first, LastID: ids[i-1]}
		if err := q.RefreshCardPhotos(ctx, p); err != nil {
			return fmt.Errorf("bulk: card photos of spaces %d–%d: %w", p.FirstID, p.LastID, err)
		}
	}
	return nil
}

// Bookings writes bookings. Blocking bookings must not overlap: this path
// skips the conflict check the booking use case makes.
func (b Bulk) Bookings(ctx context.Context, bs []BookingRow) error {
	return b.table(ctx, "INSERT INTO bookings (id, space_id, guest_id, host_id, status, use_date, start_at, end_at, deadline, package_id, people, price, "+
		"refund_policy, refund_rules, contact_name, contact_phone, contact_email, purpose, message, created_at, updated_at, paid_at)", 22, len(bs), func(i int) []any {
		x := bs[i]
		var deadline, pkg, paid any
		if x.Status == booking.StatusConfirmed.String() || x.Status == booking.StatusCompleted.String() {
			paid = x.CreatedAt.UTC()
		}
		if x.Deadline != nil {
			deadline = x.Deadline.UTC()
		}
		if x.PackageID != nil {
			pkg = *x.PackageID
		}
		return []any{x.ID, x.SpaceID, x.GuestID, x.HostID, x.Status, timeOfDate(x.UseDate), x.Start.UTC(), x.End.UTC(), deadline, pkg, x.People, x.Price,
			x.Refund.Name(), refundRulesText(x.Refund), "게스트", "010-0000-0000", "guest@example.com", "", "", x.CreatedAt.UTC(), x.CreatedAt.UTC(), paid}
	})
}

// Reviews writes reviews.
func (b Bulk) Reviews(ctx context.Context, rs []ReviewRow) error {
	return b.table(ctx, "INSERT INTO reviews (id, booking_id, space_id, author_id, rating, body, created_at)", 7, len(rs), func(i int) []any {
		r := rs[i]
		return []any{r.ID, r.BookingID, r.SpaceID, r.AuthorID, r.Rating, r.Body, r.CreatedAt.UTC()}
	})
}

// Likes writes likes.
func (b Bulk) Likes(ctx context.Context, ls []LikeRow) error {
	return b.table(ctx, "INSERT INTO likes (user_id, space_id, created_at)", 3, len(ls), func(i int) []any {
		return []any{ls[i].UserID, ls[i].SpaceID, ls[i].CreatedAt.UTC()}
	})
}

// Points writes points ledger entries; the database assigns their ids.
func (b Bulk) Points(ctx context.Context, ps []PointsRow) error {
	return b.table(ctx, "INSERT INTO points_ledger (user_id, kind, amount, booking_id, created_at)", 5, len(ps), func(i int) []any {
		var booking any
		if ps[i].BookingID != nil {
			booking = *ps[i].BookingID
		}
		return []any{ps[i].UserID, ps[i].Kind, ps[i].Amount, booking, ps[i].CreatedAt.UTC()}
	})
}

// AssignHost hands spaces to hostID, with their bookings (bookings.host_id
// copies the space's host), and makes those in approval take requests for
// approval (the others keep their setting). approval must be among spaces,
// and none of the spaces' bookings may be the new host's own.
func (b Bulk) AssignHost(ctx context.Context, hostID int64, spaces, approval []int64) error {
	for _, id := range approval {
		if !slices.Contains(spaces, id) {
			return fmt.Errorf("bulk: approval space %d is not among the spaces assigned", id)
		}
	}
	if len(spaces) == 0 {
		return nil
	}
	in := func(ids []int64) (string, []any) {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		return "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")", args
	}
	// The statements below concatenate only in's placeholders; the ids are
	// bound arguments (hence the nolint:gosec G202).
	return b.inTx(ctx, func(tx *sql.Tx) error {
		list, args := in(spaces)
		if _, err := tx.ExecContext(ctx, "UPDATE spaces SET host_id = ? WHERE id IN "+list, append([]any{hostID}, args...)...); err != nil { //nolint:gosec // placeholders
			return fmt.Errorf("assign host: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE bookings SET host_id = ? WHERE space_id IN "+list, append([]any{hostID}, args...)...); err != nil { //nolint:gosec // placeholders
			return fmt.Errorf("assign host to bookings: %w", err)
		}
		if len(approval) > 0 {
			list, args := in(approval)
			if _, err := tx.ExecContext(ctx, "UPDATE spaces SET needs_approval = TRUE WHERE id IN "+list, args...); err != nil { //nolint:gosec // placeholders
				return fmt.Errorf("approval spaces: %w", err)
			}
		}
		return nil
	})
}

// RecountSpaces sets every space's like and rating counters from the likes
// and reviews tables, after a bulk load (the rating score follows: it is a
// generated column).
func (b Bulk) RecountSpaces(ctx context.Context) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range []string{
			`UPDATE spaces s JOIN (SELECT space_id, COUNT(*) AS n FROM likes GROUP BY space_id) l ON l.space_id = s.id SET s.like_count = l.n`,
			`UPDATE spaces s JOIN (SELECT space_id, COUNT(*) AS n, SUM(rating) AS total FROM reviews GROUP BY space_id) r ON r.space_id = s.id
			 SET s.rating_count = r.n, s.rating_sum = r.total`,
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("recount: %w", err)
			}
		}
		return nil
	})
}

// ReindexSearchTokens sets the search token counts and postings from the
// tokens the spaces have. Writes of spaces keep them in step themselves
// (the repository's and Spaces'); this is for spaces written otherwise, such
// as those stored before the counts or postings existed (Migrate runs it
// then). The spaces are read block by block of postings (so memory holds one
// block's), under shared locks, in the same transaction as the counts and
// postings are written: a space written meanwhile waits and then moves the
// new ones.
func (b Bulk) ReindexSearchTokens(ctx context.Context) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range []string{"DELETE FROM search_token_counts", "DELETE FROM search_postings"} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("reindex search tokens: %w", err)
			}
		}
		var last int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM spaces").Scan(&last); err != nil {
			return fmt.Errorf("reindex search tokens: %w", err)
		}
		for block := uint32(0); block <= postingBlock(last); block++ {
			index, err := blockTokens(ctx, tx, block)
			if err != nil {
				return fmt.Errorf("reindex search tokens: %w", err)
			}
			if err := index.write(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// blockTokens gives the counts and postings of the spaces of one block of
// postings, reading the spaces under shared locks; the rows are closed
// when it returns, so tx can go on.
func blockTokens(ctx context.Context, tx *sql.Tx, block uint32) (indexMoves, error) {
	first := int64(block) << postingBlockBits
	rows, err := tx.QueryContext(ctx, "SELECT id, search_tokens FROM spaces WHERE id >= ? AND id < ? LOCK IN SHARE MODE",
		first, first+1<<postingBlockBits)
	if err != nil {
		return indexMoves{}, err
	}
	defer rows.Close()
	index := newIndexMoves()
	for rows.Next() {
		var id int64
		var tokens string
		if err := rows.Scan(&id, &tokens); err != nil {
			return indexMoves{}, err
		}
		index.space(id, nil, strings.Fields(tokens))
	}
	return index, rows.Err()
}

// PackageIDs gives the stored ids of the packages of spaces, by space id and
// position, so bookings can name them.
func (b Bulk) PackageIDs(ctx context.Context, fromSpace, toSpace int64) (map[int64][]int64, error) {
	rows, err := b.db.QueryContext(ctx, "SELECT space_id, id FROM space_packages WHERE space_id BETWEEN ? AND ? ORDER BY space_id, position", fromSpace, toSpace)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var s, id int64
		if err := rows.Scan(&s, &id); err != nil {
			return nil, err
		}
		out[s] = append(out[s], id)
	}
	return out, rows.Err()
}

// AssignGuest hands up to n of hostID's completed bookings that ended after
// since and have no review to guestID, the latest first, and counts them.
func (b Bulk) AssignGuest(ctx context.Context, guestID, hostID int64, since time.Time, n int) (int, error) {
	res, err := b.db.ExecContext(ctx, `UPDATE bookings b SET b.guest_id = ?
		WHERE b.host_id = ? AND b.status = 'completed' AND b.end_at > ?
		  AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.booking_id = b.id)
		ORDER BY b.end_at DESC LIMIT ?`, guestID, hostID, since.UTC(), n)
	if err != nil {
		return 0, fmt.Errorf("bulk: assign guest: %w", err)
	}
	m, err := res.RowsAffected()
	return int(m), err
}

// MaxIDs gives the largest user, space, booking and review ids stored, so a
// seed can add rows after them.
func (b Bulk) MaxIDs(ctx context.Context) (users, spaces, bookings, reviews int64, err error) {
	err = b.db.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(MAX(id), 0) FROM users), (SELECT COALESCE(MAX(id), 0) FROM spaces),
		(SELECT COALESCE(MAX(id), 0) FROM bookings), (SELECT COALESCE(MAX(id), 0) FROM reviews)`).Scan(&users, &spaces, &bookings, &reviews)
	return
}
