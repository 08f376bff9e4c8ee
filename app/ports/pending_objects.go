package ports

import (
	"context"
	"time"
)

// PendingObjects lists object-store keys that no row refers to: uploads
// whose transaction has not committed yet, and objects of removed photos.
// Each is deleted from the object store once due, by whoever gets there
// first — the request itself, or the sweeper after a crash or an outage.
type PendingObjects interface {
	// Add records keys as due for deletion at due (again, if already listed).
	Add(ctx context.Context, keys []string, due time.Time) error
	// Listed gives those of keys still pending: not claimed by a row.
	Listed(ctx context.Context, keys []string) ([]string, error)
	// Remove forgets keys: committed by a row, or deleted.
	Remove(ctx context.Context, keys []string) error
	// Due lists up to limit keys due at now, oldest first.
	Due(ctx context.Context, now time.Time, limit int) ([]string, error)
}
