package like

import (
	"errors"
	"testing"

	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

func TestOnlyListedSpacesMayBeLiked(t *testing.T) {
	for _, tt := range []struct {
		status space.Status
		ok     bool
	}{
		{space.StatusActive, true},
		{space.StatusHidden, false},
		{space.StatusRetired, false},
	} {
		err := Target{ID: 7, Status: tt.status}.CheckLike()
		if tt.ok != (err == nil) {
			t.Errorf("%s: %v", tt.status, err)
		}
		if !tt.ok && (!errors.Is(err, space.ErrNotFound) || fault.KindOf(err) != fault.NotFound) {
			t.Errorf("%s: %v is not a space not found", tt.status, err)
		}
	}
}

func TestTheCountChangesOnlyWithARealChange(t *testing.T) {
	tg := Target{ID: 7, Status: space.StatusActive, Count: 4}
	for _, tt := range []struct {
		name string
		got  State
		want State
	}{
		{"new like", tg.Liked(true), State{Liked: true, Count: 5}},
		{"like again", tg.Liked(false), State{Liked: true, Count: 4}},
		{"unlike", tg.Unliked(true), State{Liked: false, Count: 3}},
		{"unlike again", tg.Unliked(false), State{Liked: false, Count: 4}},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
}
