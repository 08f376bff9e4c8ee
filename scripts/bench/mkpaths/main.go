// Command mkpaths writes the request paths of the load run, one file per
// endpoint mix (<out>/<mix>.txt, one path a line), for scripts/bench/rotate.lua
// to cycle through. Ids of active spaces come from the benchmark database;
// page-2 paths carry the next_cursor a running server returns for page 1.
//
//	go run ./scripts/bench/mkpaths -dsn 'root@tcp(127.0.0.1:3306)/ourspace_bench' -base http://127.0.0.1:18080 -out /tmp/bench/paths
//
// The draws are deterministic for a given -seed, Seoul date and set of active
// spaces; page-2 paths also depend on the data behind the server.
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

// Reference data of the seed (adapters/mysql/seed): 25 districts, 8
// categories, 10 facilities, each numbered from 1.
const (
	districts  = 25
	categories = 8
	facilities = 10
)

// words are what guests type: districts' stations and areas, kinds of space,
// and a few brand and style words, alone or two together.
var words = []string{
	"강남", "홍대", "파티룸", "연습실", "스터디룸", "성수", "합정", "신촌", "건대", "잠실",
	"루프탑", "감성 파티룸", "강남 파티룸", "홍대 연습실", "스튜디오", "회의실", "세미나실", "합주실",
	"보컬룸", "여의도", "을지로", "이태원", "모먼트", "히든룸", "자연광 스튜디오", "역삼 회의실",
	"party", "주차",
}

// commonWords and rareWords are text queries by how common they are in the
// seeded data set (see docs/performance.md, "Search at scale").
var (
	commonWords = []string{"파티룸", "강남", "연습실", "루프탑"}
	rareWords   = []string{"을지로 합주실", "party", "합정 보컬룸", "성수 세미나실"}
)

// windows are common start–end pairs; 20:00–26:00 crosses midnight.
var windows = [][2]string{{"10:00", "12:00"}, {"14:00", "17:00"}, {"18:00", "22:00"}, {"19:00", "23:00"}, {"09:00", "18:00"}, {"13:00", "15:00"}, {"20:00", "26:00"}}

// centres are districts' centres, for map boxes (about 2 km × 2 km).
var centres = [][2]float64{{37.5172, 127.0473}, {37.5663, 126.9019}, {37.4837, 127.0324}, {37.5633, 127.0371}, {37.5145, 127.1059}, {37.5735, 126.9790}, {37.5385, 127.0823}, {37.5264, 126.8962}}

var sorts = []string{"popular", "price_asc", "price_desc", "rating", "newest"}

func main() {
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/ourspace_bench", "benchmark database (go-sql-driver DSN)")
	base := flag.String("base", "http://127.0.0.1:18080", "running server, for page-2 cursors")
	out := flag.String("out", "paths", "directory to write <mix>.txt files into")
	n := flag.Int("n", 2000, "paths per mix")
	pages := flag.Int("pages", 300, "page-2 paths (each costs one request to the server)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 0))
	if err := os.MkdirAll(*out, 0o750); err != nil {
		fail(err)
	}
	seoul := time.FixedZone("KST", 9*3600)
	today := time.Now().In(seoul)
	day := func(from, to int) string { return today.AddDate(0, 0, from+r.IntN(to-from+1)).Format("2006-01-02") }
	ids := activeIDs(*dsn)

	mixes := map[string]func() string{
		"district_category": func() string {
			return fmt.Sprintf("/v1/spaces?district=%d&category=%d", 1+r.IntN(districts), 1+r.IntN(categories))
		},
		"date":          func() string { return "/v1/spaces?date=" + day(1, 30) },
		"date_tomorrow": func() string { return "/v1/spaces?date=" + day(1, 1) },
		"date_window": func() string {
			w := windows[r.IntN(len(windows))]
			return fmt.Sprintf("/v1/spaces?date=%s&start=%s&end=%s", day(1, 30), w[0], w[1])
		},
		"people_facilities": func() string {
			p := fmt.Sprintf("/v1/spaces?people=%d&facility=%d", 2+r.IntN(19), 1+r.IntN(facilities))
			if r.IntN(2) == 0 {
				p += fmt.Sprintf("&facility=%d", 1+r.IntN(facilities))
			}
			return p
		},
		"text": func() string { return "/v1/spaces?q=" + url.QueryEscape(words[r.IntN(len(words))]) },
		// By how many spaces a word is in (of 100,000, about 75% active):
		// 서울 in every address; the common ones in 4–9%; the rare in under 0.2%.
		"text_very_common": func() string { return "/v1/spaces?q=" + url.QueryEscape("서울") },
		"text_common":      func() string { return "/v1/spaces?q=" + url.QueryEscape(commonWords[r.IntN(len(commonWords))]) },
		"text_rare":        func() string { return "/v1/spaces?q=" + url.QueryEscape(rareWords[r.IntN(len(rareWords))]) },
		"reference":        func() string { return []string{"/v1/districts", "/v1/categories", "/v1/facilities"}[r.IntN(3)] },
		// The district list alone: the list issue 9 compares with the replaced product.
		"districts": func() string { return "/v1/districts" },
		"price": func() string {
			lo := 10000 * (1 + r.IntN(8))
			return fmt.Sprintf("/v1/spaces?min_price=%d&max_price=%d&sort=price_asc", lo, lo+10000*(1+r.IntN(5)))
		},
		"bbox": func() string {
			c := centres[r.IntN(len(centres))]
			lat, lng := c[0]+(r.Float64()-0.5)*0.02, c[1]+(r.Float64()-0.5)*0.02
			return fmt.Sprintf("/v1/spaces?bbox=%.4f,%.4f,%.4f,%.4f", lat-0.009, lng-0.011, lat+0.009, lng+0.011)
		},
		"detail": func() string { return fmt.Sprintf("/v1/spaces/%d", ids[r.IntN(len(ids))]) },
		"availability": func() string {
			return fmt.Sprintf("/v1/spaces/%d/availability?date=%s", ids[r.IntN(len(ids))], day(0, 30))
		},
	}
	for _, s := range sorts {
		mixes["sort_"+s] = func() string { return "/v1/spaces?sort=" + s }
	}
	// Each mix draws from its own stream, so a mix's paths do not depend on
	// which other mixes exist.
	for _, name := range slices.Sorted(maps.Keys(mixes)) {
		r = rand.New(rand.NewPCG(*seed, streamOf(name)))
		lines := make([]string, *n)
		for i := range lines {
			lines[i] = mixes[name]()
		}
		write(*out, name, lines)
	}
	write(*out, "page2", page2(rand.New(rand.NewPCG(*seed, streamOf("page2"))), *base, *pages))
}

// page2 asks the server for page 1 of district/category searches in every
// sort and keeps the path of page 2.
func page2(r *rand.Rand, base string, n int) []string {
	client := &http.Client{Timeout: 10 * time.Second}
	var out []string
	for tries := 0; len(out) < n && tries < 4*n; tries++ {
		p := fmt.Sprintf("/v1/spaces?sort=%s", sorts[r.IntN(len(sorts))])
		if r.IntN(3) > 0 {
			p += fmt.Sprintf("&district=%d", 1+r.IntN(districts))
		}
		if r.IntN(2) == 0 {
			p += fmt.Sprintf("&category=%d", 1+r.IntN(categories))
		}
		resp, err := client.Get(base + p)
		if err != nil {
			fail(err)
		}
		var page struct {
			NextCursor string `json:"next_cursor"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			fail(fmt.Errorf("GET %s: status %d", p, resp.StatusCode))
		}
		if err != nil {
			fail(fmt.Errorf("GET %s: %w", p, err))
		}
		if page.NextCursor != "" {
			out = append(out, p+"&cursor="+url.QueryEscape(page.NextCursor))
		}
	}
	return out
}

// streamOf numbers a mix's random stream by its name (FNV-1a).
func streamOf(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

func activeIDs(dsn string) []int64 {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT id FROM spaces WHERE status = 'active'")
	if err != nil {
		fail(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		fail(err)
	}
	if len(ids) == 0 {
		fail(fmt.Errorf("no active spaces in %s", dsn))
	}
	return ids
}

func write(dir, name string, lines []string) {
	path := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		fail(err)
	}
	fmt.Printf("%s: %d paths\n", path, len(lines))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mkpaths:", err)
	os.Exit(1)
}
