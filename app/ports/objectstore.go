package ports

import (
	"context"
	"errors"
	"io"
)

// ErrObjectNotFound is a key the object store does not hold.
var ErrObjectNotFound = errors.New("object not found")

// Object is a stored object being read.
type Object struct {
	Body        io.ReadCloser // the caller closes it
	ContentType string
	Size        int64
}

// ObjectStore keeps media (photos) by key in S3-compatible storage. Keys
// are made by the use cases, never taken from a client's file name.
type ObjectStore interface {
	// Put stores body under key, replacing what was there.
	Put(ctx context.Context, key, contentType string, body []byte) error
	// Get reads an object; ErrObjectNotFound when there is none.
	Get(ctx context.Context, key string) (Object, error)
	// Delete removes an object; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// ErrUnavailable wraps a failure of a dependency that may pass (the object
// store, a provider): callers are told to retry later.
var ErrUnavailable = errors.New("a service we depend on is unavailable; try again shortly")
