package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/like"
)

// LikeSpaceHandler likes spaces and takes likes back, each in one
// transaction with the space's like count, so the count always equals the
// likes stored and the popular sort follows at once.
type LikeSpaceHandler struct {
	store ports.Store
	clock ports.Clock
}

// NewLikeSpaceHandler wires the use case.
func NewLikeSpaceHandler(store ports.Store, clock ports.Clock) LikeSpaceHandler {
	if store == nil || clock == nil {
		panic("command: nil dependency for LikeSpaceHandler")
	}
	return LikeSpaceHandler{store: store, clock: clock}
}

// Like makes userID like a listed space; liking twice is one like. A
// hidden, retired or unknown space is not found.
func (h LikeSpaceHandler) Like(ctx context.Context, userID, spaceID int64) (like.State, error) {
	var st like.State
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		t, err := r.Likes.TargetForUpdate(ctx, spaceID)
		if err != nil {
			return err
		}
		if err := t.CheckLike(); err != nil {
			return err
		}
		added, err := r.Likes.Like(ctx, userID, spaceID, h.clock.Now())
		if err != nil {
			return err
		}
		st = t.Liked(added)
		return nil
	})
	if err != nil {
		return like.State{}, fmt.Errorf("user %d likes space %d: %w", userID, spaceID, err)
	}
	return st, nil
}

// Unlike takes userID's like of a space back, whatever the space's status
// (a like can always be taken back); taking back a like that is not there
// changes nothing. An unknown space is not found.
func (h LikeSpaceHandler) Unlike(ctx context.Context, userID, spaceID int64) (like.State, error) {
	var st like.State
	err := h.store.InTx(ctx, func(r ports.Repositories) error {
		t, err := r.Likes.TargetForUpdate(ctx, spaceID)
		if err != nil {
			return err
		}
		removed, err := r.Likes.Unlike(ctx, userID, spaceID)
		if err != nil {
			return err
		}
		st = t.Unliked(removed)
		return nil
	})
	if err != nil {
		return like.State{}, fmt.Errorf("user %d unlikes space %d: %w", userID, spaceID, err)
	}
	return st, nil
}
