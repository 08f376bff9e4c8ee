package command

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// uploadGrace is how long an upload may wait for its transaction before the
// sweeper deletes its objects: far longer than any request lives.
const uploadGrace = time.Hour

// cleanupTimeout bounds the deletions a request makes after it is done
// (they run even when its caller has gone).
const cleanupTimeout = 30 * time.Second

// photoUploads keeps the object store in step with the database, in this
// order: record the new keys as pending (due in an hour), upload, and then
// let the use case's transaction claim them. Whatever fails on the way,
// the request deletes what it uploaded; if it cannot (it crashed, the store
// is down), the sweeper deletes the pending keys once due. Objects of
// removed photos are listed as pending in the transaction that removes
// them, then deleted after it commits, so a row never points at a missing
// object and no object outlives its row for long.
type photoUploads struct {
	store     ports.Store
	objects   ports.ObjectStore
	processor ports.PhotoProcessor
	clock     ports.Clock
}

func newPhotoUploads(store ports.Store, objects ports.ObjectStore, processor ports.PhotoProcessor, clock ports.Clock) photoUploads {
	if store == nil || objects == nil || processor == nil || clock == nil {
		panic("command: nil dependency for photo uploads")
	}
	return photoUploads{store: store, objects: objects, processor: processor, clock: clock}
}

// upload checks and stores photos; first numbers them in field errors
// (photos[first+i]). The photos have no ids yet; keys are ours, random.
// The caller's transaction must claim the keys (claim) or discard them.
func (u photoUploads) upload(ctx context.Context, raws [][]byte, first int) ([]space.Photo, []string, error) {
	prepared := make([]ports.PreparedPhoto, len(raws))
	var errs []error
	for i, raw := range raws {
		p, err := u.processor.Prepare(raw)
		if err != nil {
			if fault.KindOf(err) != fault.Invalid {
				return nil, nil, fmt.Errorf("photo %d: %w", first+i, err)
			}
			errs = append(errs, &fault.FieldError{Field: fmt.Sprintf("photos[%d]", first+i), Reason: err.Error()})
			continue
		}
		prepared[i] = p
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	photos := make([]space.Photo, len(prepared))
	var keys []string
	for i := range prepared {
		name := "photos/" + randomHex() // 55 characters with "-thumb.jpg", within space.MaxObjectKey
		photos[i].Keys = space.PhotoKeys{Detail: name + ".jpg", Thumb: name + "-thumb.jpg"}
		keys = append(keys, photos[i].Keys.Detail, photos[i].Keys.Thumb)
	}
	if err := u.store.InTx(ctx, func(r ports.Repositories) error {
		return r.Pending.Add(ctx, keys, u.clock.Now().Add(uploadGrace))
	}); err != nil {
		return nil, nil, fmt.Errorf("record uploads: %w", err)
	}
	for i, p := range prepared {
		for _, obj := range []struct {
			key string
			img ports.Image
		}{{photos[i].Keys.Detail, p.Detail}, {photos[i].Keys.Thumb, p.Thumb}} {
			if err := u.objects.Put(ctx, obj.key, obj.img.ContentType, obj.img.Bytes); err != nil {
				u.discard(ctx, keys)
				return nil, nil, fmt.Errorf("%w: store photo %d: %v", ports.ErrUnavailable, first+i, err)
			}
		}
	}
	return photos, keys, nil
}

// discard deletes objects no row refers to, and forgets them once gone.
// Only keys still pending are deleted: a transaction that reported an
// error may yet have committed (a lost connection at COMMIT), and then its
// rows claimed the keys. What it cannot check or delete stays pending for
// the sweeper, which decides the same way later.
func (u photoUploads) discard(ctx context.Context, keys []string) {
	if len(keys) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	pending, err := u.store.Read().Pending.Listed(ctx, keys)
	if err != nil {
		slog.WarnContext(ctx, "objects left for the sweeper", "keys", len(keys), "err", err)
		return
	}
	var gone []string
	for _, k := range pending {
		if err := u.objects.Delete(ctx, k); err != nil {
			slog.WarnContext(ctx, "object left for the sweeper", "key", k, "err", err)
			continue
		}
		gone = append(gone, k)
	}
	if err := u.store.InTx(ctx, func(r ports.Repositories) error { return r.Pending.Remove(ctx, gone) }); err != nil {
		slog.WarnContext(ctx, "deleted objects stay listed as pending", "keys", len(gone), "err", err)
	}
}

// removed lists the objects of photos taken off a space, in the
// transaction that takes them off; discard them after it commits.
func removed(ctx context.Context, r ports.Repositories, now time.Time, photos []space.Photo) ([]string, error) {
	var keys []string
	for _, p := range photos {
		keys = append(keys, p.Keys.All()...)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	return keys, r.Pending.Add(ctx, keys, now)
}

// randomHex is 128 random bits, unguessable, as an object name.
func randomHex() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
