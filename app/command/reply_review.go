package command

import (
	"context"
	"fmt"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/notification"
	"github.com/ourspace/ourspace/domain/review"
)

// ReplyReviewHandler is a space's host answering a review of it.
type ReplyReviewHandler struct{ w writer }

// NewReplyReviewHandler wires the use cases.
func NewReplyReviewHandler(store ports.Store, clock ports.Clock) ReplyReviewHandler {
	return ReplyReviewHandler{newWriter(store, clock, "ReplyReviewHandler")}
}

// Post writes the host's reply, once (again: review.ErrAlreadyReplied),
// and notifies the review's author in the same transaction. Only the
// space's host may (anyone else: review.ErrNotFound).
func (h ReplyReviewHandler) Post(ctx context.Context, hostID, reviewID int64, body string) error {
	return h.change(ctx, hostID, reviewID, func(r ports.Repositories, rv *review.Review) error {
		now := h.w.clock.Now()
		if err := rv.PostReply(hostID, body, now); err != nil {
			return err
		}
		if err := r.Reviews.Save(ctx, rv); err != nil {
			return err
		}
		return notifyReview(ctx, r, notification.ReviewReplied, rv, rv.AuthorID, now)
	})
}

// Edit replaces the host's reply; nobody is notified again.
func (h ReplyReviewHandler) Edit(ctx context.Context, hostID, reviewID int64, body string) error {
	return h.change(ctx, hostID, reviewID, func(r ports.Repositories, rv *review.Review) error {
		if err := rv.EditReply(hostID, body, h.w.clock.Now()); err != nil {
			return err
		}
		return r.Reviews.Save(ctx, rv)
	})
}

func (h ReplyReviewHandler) change(ctx context.Context, hostID, reviewID int64, fn func(ports.Repositories, *review.Review) error) error {
	err := h.w.store.InTx(ctx, func(r ports.Repositories) error {
		rv, err := r.Reviews.ByIDForUpdate(ctx, reviewID)
		if err != nil {
			return err
		}
		return fn(r, rv)
	})
	if err != nil {
		return fmt.Errorf("reply of user %d to review %d: %w", hostID, reviewID, err)
	}
	return nil
}
