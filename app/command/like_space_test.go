package command_test

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/like"
	"github.com/ourspace/ourspace/domain/space"
)

// likeStore is a store of spaces and likes whose transactions really roll
// back: InTx works on a copy, kept only when fn succeeds.
type likeStore struct {
	status map[int64]space.Status
	likes  map[[2]int64]time.Time // (user, space) → since
	counts map[int64]int
}

func newLikeStore() *likeStore {
	return &likeStore{status: map[int64]space.Status{1: space.StatusActive, 2: space.StatusHidden, 3: space.StatusRetired},
		likes: map[[2]int64]time.Time{}, counts: map[int64]int{}}
}

func (s *likeStore) InTx(_ context.Context, fn func(ports.Repositories) error) error {
	tx := &likeStore{status: s.status, likes: maps.Clone(s.likes), counts: maps.Clone(s.counts)}
	if err := fn(ports.Repositories{Likes: tx}); err != nil {
		return err
	}
	*s = *tx
	return nil
}

func (s *likeStore) Read() ports.Repositories { return ports.Repositories{Likes: s} }

func (s *likeStore) TargetForUpdate(_ context.Context, spaceID int64) (like.Target, error) {
	st, ok := s.status[spaceID]
	if !ok {
		return like.Target{}, space.ErrNotFound
	}
	return like.Target{ID: spaceID, Status: st, Count: s.counts[spaceID]}, nil
}

func (s *likeStore) Like(_ context.Context, userID, spaceID int64, now time.Time) (bool, error) {
	if _, ok := s.likes[[2]int64{userID, spaceID}]; ok {
		return false, nil
	}
	s.likes[[2]int64{userID, spaceID}] = now
	s.counts[spaceID]++
	return true, nil
}

func (s *likeStore) Unlike(_ context.Context, userID, spaceID int64) (bool, error) {
	if _, ok := s.likes[[2]int64{userID, spaceID}]; !ok {
		return false, nil
	}
	delete(s.likes, [2]int64{userID, spaceID})
	s.counts[spaceID]--
	return true, nil
}

func TestLikeSpace(t *testing.T) {
	ctx := context.Background()
	store := newLikeStore()
	h := command.NewLikeSpaceHandler(store, ports.FixedClock{At: t0})
	steps := []struct {
		name   string
		do     func(context.Context, int64, int64) (like.State, error)
		user   int64
		space  int64
		want   like.State
		notFnd bool
	}{
		{"like", h.Like, 10, 1, like.State{Liked: true, Count: 1}, false},
		{"like again", h.Like, 10, 1, like.State{Liked: true, Count: 1}, false},
		{"another user", h.Like, 11, 1, like.State{Liked: true, Count: 2}, false},
		{"unlike", h.Unlike, 10, 1, like.State{Liked: false, Count: 1}, false},
		{"unlike again", h.Unlike, 10, 1, like.State{Liked: false, Count: 1}, false},
		{"like a hidden space", h.Like, 10, 2, like.State{}, true},
		{"like a retired space", h.Like, 10, 3, like.State{}, true},
		{"like an unknown space", h.Like, 10, 4, like.State{}, true},
		{"unlike a hidden space", h.Unlike, 10, 2, like.State{Liked: false, Count: 0}, false},
		{"unlike an unknown space", h.Unlike, 10, 4, like.State{}, true},
	}
	for _, s := range steps {
		got, err := s.do(ctx, s.user, s.space)
		if s.notFnd != errors.Is(err, space.ErrNotFound) || (!s.notFnd && err != nil) || got != s.want {
			t.Errorf("%s: %+v %v, want %+v (not found: %v)", s.name, got, err, s.want, s.notFnd)
		}
	}
	if len(store.likes) != 1 || store.counts[1] != 1 || !store.likes[[2]int64{11, 1}].Equal(t0) {
		t.Errorf("stored likes %v, counts %v", store.likes, store.counts)
	}
}
