package query

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// LikedSpace is a space the user likes, in whatever status it is now: a
// space its host hid or retired stays in the list (clients grey it out),
// so the like can still be found and taken back.
type LikedSpace struct {
	SpaceCard
	Status  space.Status
	LikedAt time.Time
}

// LikedSpacePage is a page of a user's likes.
type LikedSpacePage struct {
	Items      []LikedSpace
	NextCursor string
}

// LikeReader reads likes for the read side.
type LikeReader interface {
	// LikedSpaces reads a user's likes, newest first, before a keyset (Key:
	// the like's instant in Unix microseconds, ID: the space id; nil: from
	// the newest), with photo keys in Photos, in one query whatever limit.
	LikedSpaces(ctx context.Context, userID int64, before *Keyset, limit int) ([]LikedSpace, error)
}

// LikesHandler lists the caller's likes.
type LikesHandler struct {
	reader LikeReader
	media  ports.MediaURLs
}

// NewLikesHandler wires the use case.
func NewLikesHandler(r LikeReader, m ports.MediaURLs) LikesHandler {
	if r == nil || m == nil {
		panic("query: nil dependency for LikesHandler")
	}
	return LikesHandler{reader: r, media: m}
}

// Handle lists a user's liked spaces, the latest like first.
func (h LikesHandler) Handle(ctx context.Context, userID int64, cursor string, limit int) (LikedSpacePage, error) {
	const scope = "likes"
	limit, err := pageSize(limit)
	if err != nil {
		return LikedSpacePage{}, err
	}
	before, err := decodeTimeCursor(cursor, scope)
	if err != nil {
		return LikedSpacePage{}, err
	}
	items, err := h.reader.LikedSpaces(ctx, userID, before, limit+1)
	if err != nil {
		return LikedSpacePage{}, fmt.Errorf("likes of user %d: %w", userID, err)
	}
	var p LikedSpacePage
	p.Items, p.NextCursor = trimPage(items, limit, scope, func(s LikedSpace) Keyset { return Keyset{Key: s.LikedAt.UnixMicro(), ID: s.ID} })
	for i := range p.Items {
		p.Items[i].Photos = withURLs(h.media, p.Items[i].Photos)
		p.Items[i].Liked = true
	}
	return p, nil
}
