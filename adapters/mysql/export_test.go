package mysql

import (
	"context"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/search"
)

// SearchStatement gives the statement a SpaceSearcher of db planning with
// stats runs for req, for tests that read its plan; false when none runs.
func SearchStatement(ctx context.Context, db sqlcgen.DBTX, stats *TokenStats, req query.SearchRequest) (string, []any, bool, error) {
	return SpaceSearcher{db: db, stats: stats}.statement(ctx, req)
}

// MigrateLockName is the name of the lock Migrate holds on database.
var MigrateLockName = migrateLockName

// ReadsPostings reports whether a search planned with stats for f and a page
// of limit rows reads the postings of its words before its statement.
func ReadsPostings(ctx context.Context, stats *TokenStats, f search.Filter, limit int) (bool, error) {
	p, err := stats.plan(ctx, f, limit)
	return len(p.postings) > 0, err
}

// Candidates gives the ids of the spaces in db having every one of tokens,
// as a search for rare words reads them.
func Candidates(ctx context.Context, db sqlcgen.DBTX, tokens []string) ([]int64, error) {
	return candidates(ctx, sqlcgen.New(db), tokens)
}
