package space

import "github.com/ourspace/ourspace/domain/fault"

// Photo limits. A photo is decided by decoding its content, never by its
// name or declared type; the pixel limit is checked from the header, before
// the image is decoded, so a small file claiming a huge image is refused
// without spending the memory it asks for.
const (
	MinPhotos      = 1
	MaxPhotos      = 20
	MaxPhotoBytes  = 10 << 20   // 10 MiB as uploaded
	MaxPhotoPixels = 50_000_000 // 50 megapixels: every phone camera, no bombs
	// MaxObjectKey bounds the object keys we make, so reads can aggregate
	// them in memory (see queries/space_get.sql).
	MaxObjectKey = 60
)

// Errors of an uploaded photo. Use cases wrap them in a *fault.FieldError
// naming the photo.
var (
	ErrPhotoTooLarge  = fault.New(fault.Invalid, "photo_too_large", "a photo may be at most 10 MiB")
	ErrPhotoFormat    = fault.New(fault.Invalid, "photo_format", "a photo must be a JPEG, PNG or WebP image")
	ErrPhotoTooManyPx = fault.New(fault.Invalid, "photo_too_many_pixels", "a photo may have at most 50 megapixels")
)

// PhotoID identifies a photo of a space.
type PhotoID int64

// PhotoKeys are where a photo's two sizes are kept in the object store.
type PhotoKeys struct {
	Detail string // the size shown on the space's page
	Thumb  string // the size shown on search cards
}

// All lists both keys (once, when a photo has only one size).
func (k PhotoKeys) All() []string {
	if k.Thumb == "" || k.Thumb == k.Detail {
		return []string{k.Detail}
	}
	return []string{k.Detail, k.Thumb}
}

// Photo is one photo of a space, in the host's order.
type Photo struct {
	ID   PhotoID
	Keys PhotoKeys
}
