package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
)

// EditReviewHandler is an author changing their review's rating or text.
type EditReviewHandler struct{ w writer }

// NewEditReviewHandler wires the use case.
func NewEditReviewHandler(store ports.Store, clock ports.Clock) EditReviewHandler {
	return EditReviewHandler{newWriter(store, clock, "EditReviewHandler")}
}

// EditReview changes the fields given (nil: unchanged). Photos stay as the
// review was written with them.
type EditReview struct {
	UserID   int64
	ReviewID int64
	Rating   *int
	Body     *string
}

// Handle changes the review, within its window and by its author only
// (anyone else: review.ErrNotFound), and moves its space's rating by the
// change in the same transaction.
func (h EditReviewHandler) Handle(ctx context.Context, cmd EditReview) error {
	err := h.w.store.InTx(ctx, func(r ports.Repositories) error {
		rv, err := r.Reviews.ByIDForUpdate(ctx, cmd.ReviewID)
		if err != nil {
			return err
		}
		if err := rv.Edit(cmd.UserID, cmd.Rating, cmd.Body, h.w.clock.Now()); err != nil {
			return err
		}
		return r.Reviews.Save(ctx, rv)
	})
	if err != nil {
		return fmt.Errorf("edit review %d: %w", cmd.ReviewID, err)
	}
	return nil
}
