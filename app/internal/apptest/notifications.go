package apptest

import (
	"context"
	"slices"
	"time"

	"github.com/ourspace/ourspace/domain/notification"
)

// Events lists the committed notification events, oldest first.
func (s *Store) Events() []notification.Event { return slices.Clone(s.committed.events) }

type notifications struct {
	s  *Store
	st *state
}

func (r notifications) MarkRead(context.Context, int64, []int64, time.Time) (int, error) {
	return 0, nil // the use cases' tests do not read notifications
}

func (r notifications) DeleteRead(context.Context, time.Time, int) (int64, error) {
	return 0, nil // nor prune them
}

func (r notifications) Record(_ context.Context, e notification.Event) error {
	if err := r.s.fail("Notifications.Record"); err != nil {
		return err
	}
	e.Recipients = slices.Clone(e.Recipients)
	r.st.events = append(r.st.events, e)
	return nil
}
