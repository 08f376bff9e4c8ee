package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// DeleteReviewHandler is an author taking their review back.
type DeleteReviewHandler struct{ photos photoUploads }

// NewDeleteReviewHandler wires the use case.
func NewDeleteReviewHandler(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) DeleteReviewHandler {
	return DeleteReviewHandler{newPhotoUploads(store, objects, processor, clock)}
}

// Handle deletes the review (with its reply), within its window and by its
// author only (anyone else: review.ErrNotFound), takes its rating off its
// space's in the same transaction, and deletes its photos' objects once
// that is stored. The booking may then be reviewed again while the window
// is open.
func (h DeleteReviewHandler) Handle(ctx context.Context, userID, id int64) error {
	u := h.photos
	var gone []string
	err := u.store.InTx(ctx, func(r ports.Repositories) error {
		rv, err := r.Reviews.ByIDForUpdate(ctx, id)
		if err != nil {
			return err
		}
		now := u.clock.Now()
		keys, err := rv.Delete(userID, now)
		if err != nil {
			return err
		}
		if err := r.Reviews.Delete(ctx, rv); err != nil {
			return err
		}
		photos := make([]space.Photo, len(keys))
		for i, k := range keys {
			photos[i].Keys = k
		}
		gone, err = removed(ctx, r, now, photos)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete review %d: %w", id, err)
	}
	u.discard(ctx, gone)
	return nil
}
