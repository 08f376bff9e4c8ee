// Command sqlof prints the SQL statements one API request runs, with their
// parameters written in, one statement a line ending in ";". It runs the
// request's use case against the database through a recording connection,
// so the statements are exactly the ones the server sends (ids of the cards
// query included). The output feeds EXPLAIN/ANALYZE and mysqlslap.
//
//	go run ./scripts/bench/sqlof -dsn 'root@tcp(127.0.0.1:3306)/ourspace_bench' '/v1/spaces?district=1&category=2'
//	go run ./scripts/bench/sqlof -dsn … /v1/spaces/42
//	go run ./scripts/bench/sqlof -dsn … -warm /v1/spaces/42   (a server whose detail cache holds the space)
//	go run ./scripts/bench/sqlof -dsn … '/v1/spaces/42/availability?date=2026-12-01'
//
// Only the GET /v1/spaces family is understood. It is a benchmark helper,
// not part of the server.
package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

func main() {
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/ourspace_bench", "go-sql-driver DSN of the benchmark database")
	flag.BoolVar(&warm, "warm", false, "a detail: print what a second read sends, the space's detail being cached by the first")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: sqlof [-dsn DSN] '/v1/spaces?…' | /v1/spaces/ID | '/v1/spaces/ID/availability?date=…'")
		os.Exit(2)
	}
	db, err := mysql.Open(*dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	rec := &recorder{db: db}
	if err := run(context.Background(), rec, flag.Arg(0)); err != nil {
		fail(err)
	}
	for _, s := range rec.statements {
		fmt.Println(s + ";")
	}
}

// warm: a detail is read twice through one cache, and only the second
// read's statements printed.
var warm bool

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sqlof:", err)
	os.Exit(1)
}

// run performs the request's use case the way adapters/httpapi does.
func run(ctx context.Context, rec *recorder, target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	clock, media := ports.SystemClock{}, ports.PrefixURLs{}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "v1" && parts[1] == "spaces":
		return listSpaces(ctx, rec, clock, media, u.Query())
	case len(parts) == 3 && parts[1] == "spaces":
		id, err := strconv.ParseInt(parts[2], 10, 64)
		if err != nil {
			return err
		}
		h := query.NewGetSpaceHandler(mysql.NewSpaceReader(rec).WithDetailCache(mysql.NewDetailCache(1, time.Minute)), media, clock)
		if warm {
			if _, err := h.Handle(ctx, id); err != nil {
				return err
			}
			rec.statements = nil
		}
		_, err = h.Handle(ctx, id)
		return err
	case len(parts) == 4 && parts[1] == "spaces" && parts[3] == "availability":
		id, err := strconv.ParseInt(parts[2], 10, 64)
		if err != nil {
			return err
		}
		day, err := calendar.ParseDate(u.Query().Get("date"))
		if err != nil {
			return err
		}
		h := query.NewSpaceAvailabilityHandler(mysql.NewSpaceReader(rec), mysql.NewBookingReader(rec), clock)
		_, err = h.Handle(ctx, id, day)
		return err
	}
	return fmt.Errorf("unknown path %q", u.Path)
}

func listSpaces(ctx context.Context, rec *recorder, clock ports.Clock, media ports.MediaURLs, v url.Values) error {
	p := search.Params{Date: v.Get("date"), Start: v.Get("start"), End: v.Get("end"), Text: v.Get("q")}
	var err error
	if p.Districts, err = ints(v["district"]); err != nil {
		return err
	}
	if p.Categories, err = ints(v["category"]); err != nil {
		return err
	}
	if p.Facilities, err = ints(v["facility"]); err != nil {
		return err
	}
	if s := v.Get("people"); s != "" {
		if p.People, err = strconv.Atoi(s); err != nil {
			return err
		}
	}
	for name, dst := range map[string]**int64{"min_price": &p.MinPrice, "max_price": &p.MaxPrice} {
		if s := v.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return err
			}
			*dst = &n
		}
	}
	if s := v.Get("bbox"); s != "" {
		f := strings.Split(s, ",")
		if len(f) != 4 {
			return fmt.Errorf("bbox %q", s)
		}
		var a [4]float64
		for i := range f {
			if a[i], err = strconv.ParseFloat(f[i], 64); err != nil {
				return err
			}
		}
		p.Area = &search.Area{South: a[0], West: a[1], North: a[2], East: a[3]}
	}
	limit := 0
	if s := v.Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil {
			return err
		}
	}
	// The token counts the text planner reads once a minute are not the request's statements.
	h := query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(rec, mysql.NewTokenStats(rec.db)), media, clock)
	_, err = h.Handle(ctx, query.SearchSpaces{Params: p, Sort: v.Get("sort"), Cursor: v.Get("cursor"), Limit: limit})
	return err
}

func ints(ss []string) ([]int64, error) {
	out := make([]int64, 0, len(ss))
	for _, s := range ss {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// recorder runs statements on db and keeps them with their parameters
// written in.
type recorder struct {
	db         *sql.DB
	mu         sync.Mutex
	statements []string
}

func (r *recorder) keep(q string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.statements = append(r.statements, inline(q, args))
}

func (r *recorder) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r.keep(q, args)
	return r.db.ExecContext(ctx, q, args...)
}

func (r *recorder) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return r.db.PrepareContext(ctx, q)
}

func (r *recorder) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r.keep(q, args)
	return r.db.QueryContext(ctx, q, args...)
}

func (r *recorder) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	r.keep(q, args)
	return r.db.QueryRowContext(ctx, q, args...)
}

// inline writes args in place of the ? placeholders of q (outside quotes) and
// folds the statement onto one line, without sqlc's "-- name:" comment lines.
func inline(q string, args []any) string {
	lines := strings.Split(q, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			kept = append(kept, l)
		}
	}
	q = strings.Join(kept, "\n")
	var b strings.Builder
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			b.WriteByte(c)
		case c == '\'' || c == '"' || c == '`':
			quote = c
			b.WriteByte(c)
		case c == '?' && n < len(args):
			b.WriteString(literal(args[n]))
			n++
		case c == '\n' || c == '\t':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func literal(v any) string {
	if val, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = val.Value(); err != nil {
			fail(err)
		}
	}
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return quote(x)
	case []byte:
		return quote(string(x))
	case bool:
		if x {
			return "1"
		}
		return "0"
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return "'" + x.UTC().Format("2006-01-02 15:04:05.999999") + "'"
	default:
		return fmt.Sprint(x) // integers of every width
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)
	return "'" + r.Replace(s) + "'"
}
