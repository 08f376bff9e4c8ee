package mysqltest

import (
	"database/sql"
	"strings"
	"testing"
)

// SearchIndex gives the search token counts (those above zero) and
// postings of db as text, a row a line, in key order: equal texts are equal
// indexes (the postings' encoding has one spelling for a set of ids).
func SearchIndex(t testing.TB, db *sql.DB) string {
	t.Helper()
	return lines(t, db, "SELECT token, spaces FROM search_token_counts WHERE spaces > 0 ORDER BY token") +
		lines(t, db, "SELECT CONCAT(token, ' ', block), HEX(ids) FROM search_postings ORDER BY token, block")
}

// lines gives the rows of a query of two columns as text.
func lines(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		b.WriteString(k + " " + v + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
