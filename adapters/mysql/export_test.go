package mysql

import (
	"context"

	"github.com/ourspace/ourspace/app/query"
)

// SearchStatement gives the statement a SpaceSearcher planning with stats
// runs for req, for tests that read its plan; false when none runs.
func SearchStatement(ctx context.Context, stats *TokenStats, req query.SearchRequest) (string, []any, bool, error) {
	return SpaceSearcher{stats: stats}.statement(ctx, req)
}

// MigrateLockName is the name of the lock Migrate holds on database.
var MigrateLockName = migrateLockName
