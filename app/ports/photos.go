package ports

// Image is one encoded image, ready to store.
type Image struct {
	Bytes         []byte
	ContentType   string
	Width, Height int
}

// PreparedPhoto is an uploaded photo made safe to publish: decoded,
// stripped of metadata (EXIF, GPS) by re-encoding, in the two sizes we keep.
type PreparedPhoto struct {
	Detail Image // fits the detail page's box; never upscaled
	Thumb  Image // fits a search card's box
}

// PhotoProcessor checks and re-encodes uploaded photos. It refuses with
// space.ErrPhotoTooLarge, space.ErrPhotoFormat or space.ErrPhotoTooManyPx
// (wrapped); any other error is the processor's own failure. It is safe for
// concurrent use and bounds how many photos it decodes at once.
type PhotoProcessor interface {
	Prepare(raw []byte) (PreparedPhoto, error)
}
