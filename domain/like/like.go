// Package like is a user's likes ("찜") of spaces: a bookmark to come back
// to, whose count each space carries and the popular sort follows.
package like

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/space"
)

// State is whether a user likes a space, and how many users do.
type State struct {
	Liked bool
	Count int
}

// Target is a space as liking sees it: its status and like count, read
// under the lock that makes likes of one space take turns.
type Target struct {
	ID     int64
	Status space.Status
	Count  int
}

// CheckLike decides whether the target may be liked: only listed spaces
// may, and a hidden or retired one is not found, as it is everywhere a
// guest looks. Taking a like back is allowed in every status, so no check
// guards it.
func (t Target) CheckLike() error {
	if !t.Status.Listed() {
		return fmt.Errorf("space %d is %s: %w", t.ID, t.Status, space.ErrNotFound)
	}
	return nil
}

// Liked is the state after a like: the count grows only when the like is
// new (added), so liking twice is one like.
func (t Target) Liked(added bool) State {
	if added {
		return State{Liked: true, Count: t.Count + 1}
	}
	return State{Liked: true, Count: t.Count}
}

// Unliked is the state after taking a like back: the count shrinks only
// when there was a like to remove.
func (t Target) Unliked(removed bool) State {
	if removed {
		return State{Liked: false, Count: t.Count - 1}
	}
	return State{Liked: false, Count: t.Count}
}

// Repository keeps likes and the like counts of spaces in step, in the
// caller's transaction.
type Repository interface {
	// TargetForUpdate locks the space's row until the transaction ends, so
	// likes of one space take turns, and reads its status and like count;
	// space.ErrNotFound when there is none.
	TargetForUpdate(ctx context.Context, spaceID int64) (Target, error)
	// Like records that userID likes spaceID since now and adds one to the
	// space's count, unless the like exists already: added tells which.
	Like(ctx context.Context, userID, spaceID int64, now time.Time) (added bool, err error)
	// Unlike removes the like and takes one from the space's count, unless
	// there was none: removed tells which.
	Unlike(ctx context.Context, userID, spaceID int64) (removed bool, err error)
}
