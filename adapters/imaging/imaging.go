// Package imaging is the photo processor behind ports.PhotoProcessor: it
// decides what an upload is by decoding it, refuses oversized files and
// decompression bombs before spending memory on them, and re-encodes every
// accepted photo as JPEG in two sizes, which drops EXIF and GPS metadata.
package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"

	// Registered for image.DecodeConfig and image.Decode; the format name
	// they report is still checked against accepted, because any package in
	// the binary may register more decoders (GIF, BMP, …).
	_ "image/png"

	_ "golang.org/x/image/webp"

	"golang.org/x/image/draw"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/space"
)

// Default boxes and JPEG qualities. The detail size fills a desktop photo
// pane; the thumbnail a search card at 2× density.
const (
	defaultDetailBox = 1600
	defaultThumbBox  = 480
	detailQuality    = 85
	thumbQuality     = 80
)

// accepted are the decoder names (as image.DecodeConfig reports them) of
// the formats a photo may have.
var accepted = map[string]bool{"jpeg": true, "png": true, "webp": true}

// Options tune a Processor. Every zero field takes its default.
type Options struct {
	// DetailWidth and DetailHeight bound the detail size (default 1600×1600).
	DetailWidth, DetailHeight int
	// ThumbWidth and ThumbHeight bound the thumbnail (default 480×480).
	ThumbWidth, ThumbHeight int
	// MaxDecodes bounds how many photos are decoded and scaled at once
	// (default runtime.NumCPU()). Each one holds up to about 400 MiB for a
	// photo near space.MaxPhotoPixels, so this is the memory bound.
	MaxDecodes int
}

// Processor prepares uploaded photos. It is safe for concurrent use.
type Processor struct {
	detailW, detailH int
	thumbW, thumbH   int
	decodes          chan struct{} // a slot per full decode in progress
}

var _ ports.PhotoProcessor = (*Processor)(nil)

// New makes a Processor, filling unset options with their defaults.
func New(opts Options) *Processor {
	orDefault := func(v, def int) int {
		if v <= 0 {
			return def
		}
		return v
	}
	return &Processor{
		detailW: orDefault(opts.DetailWidth, defaultDetailBox),
		detailH: orDefault(opts.DetailHeight, defaultDetailBox),
		thumbW:  orDefault(opts.ThumbWidth, defaultThumbBox),
		thumbH:  orDefault(opts.ThumbHeight, defaultThumbBox),
		decodes: make(chan struct{}, orDefault(opts.MaxDecodes, runtime.NumCPU())),
	}
}

// Prepare checks raw and re-encodes it as a JPEG detail size and thumbnail.
// It refuses with space.ErrPhotoTooLarge, space.ErrPhotoFormat or
// space.ErrPhotoTooManyPx (wrapped); any other error is its own failure.
func (p *Processor) Prepare(raw []byte) (ports.PreparedPhoto, error) {
	if len(raw) > space.MaxPhotoBytes {
		return ports.PreparedPhoto{}, fmt.Errorf("%d bytes: %w", len(raw), space.ErrPhotoTooLarge)
	}
	// The header alone says the format and the size, so a small file that
	// claims a huge image is refused before it is decoded.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return ports.PreparedPhoto{}, fmt.Errorf("reading header (%v): %w", err, space.ErrPhotoFormat)
	}
	if !accepted[format] {
		return ports.PreparedPhoto{}, fmt.Errorf("%s: %w", format, space.ErrPhotoFormat)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > space.MaxPhotoPixels {
		return ports.PreparedPhoto{}, fmt.Errorf("%d×%d: %w", cfg.Width, cfg.Height, space.ErrPhotoTooManyPx)
	}
	orientation := 1
	if format == "jpeg" {
		orientation = exifOrientation(raw)
	}

	detail, err := p.detail(raw, orientation)
	if err != nil {
		return ports.PreparedPhoto{}, err
	}
	// The thumbnail is scaled from the detail size, not the original: the
	// result is the same to the eye and costs a fraction of the work.
	tw, th := fit(detail.Rect.Dx(), detail.Rect.Dy(), p.thumbW, p.thumbH)
	thumb := scale(detail, tw, th)

	var out ports.PreparedPhoto
	if out.Detail, err = encode(detail, detailQuality); err != nil {
		return ports.PreparedPhoto{}, fmt.Errorf("encoding detail: %w", err)
	}
	if out.Thumb, err = encode(thumb, thumbQuality); err != nil {
		return ports.PreparedPhoto{}, fmt.Errorf("encoding thumbnail: %w", err)
	}
	return out, nil
}

// detail decodes raw and scales it into the detail box, upright. It holds a
// decode slot throughout, as the full-size image is only alive in here.
func (p *Processor) detail(raw []byte, orientation int) (*image.RGBA, error) {
	p.decodes <- struct{}{}
	defer func() { <-p.decodes }()

	// Decode sniffs the same header DecodeConfig accepted, so it picks the
	// same decoder; an error now means a damaged file.
	src, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("decoding (%v): %w", err, space.ErrPhotoFormat)
	}
	// Fit the box as the photo will be shown, then scale the stored pixels:
	// rotating the small result is cheaper than rotating the original.
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	swapped := orientation >= 5
	if swapped {
		w, h = h, w
	}
	dw, dh := fit(w, h, p.detailW, p.detailH)
	if swapped {
		dw, dh = dh, dw
	}
	return orient(scale(src, dw, dh), orientation), nil
}

// fit is the largest size with w:h's aspect that fits in bw×bh, or w×h
// when that already fits: photos are never upscaled.
func fit(w, h, bw, bh int) (int, int) {
	if w <= bw && h <= bh {
		return w, h
	}
	if w*bh >= h*bw { // wider than the box: width decides
		return bw, max(1, (h*bw+w/2)/w)
	}
	return max(1, (w*bh+h/2)/h), bh
}

// scale draws src into a new w×h RGBA image, over white so transparent
// PNG and WebP pixels do not turn black in the JPEG.
//
// CatmullRom rather than ApproxBiLinear: photos shrink 2–6× here, and
// ApproxBiLinear reads only the 4 nearest source pixels per output pixel,
// which aliases (moiré on fabrics, jagged edges) at those ratios.
// CatmullRom weighs every source pixel under its kernel. It costs about 3×
// the time (≈0.7 s for 12 MP) and a float buffer of detail width × source
// height, paid once per upload and bounded by MaxDecodes; the thumbnail is
// scaled from the detail size, which is cheap.
func scale(src image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if o, ok := src.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		draw.Draw(dst, dst.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
		op = draw.Over
	}
	if src.Bounds().Dx() == w && src.Bounds().Dy() == h {
		draw.Draw(dst, dst.Rect, src, src.Bounds().Min, op)
	} else {
		draw.CatmullRom.Scale(dst, dst.Rect, src, src.Bounds(), op, nil)
	}
	return dst
}

// encode writes m as a JPEG. The standard encoder writes no metadata
// segments at all, which is what strips EXIF and GPS.
func encode(m *image.RGBA, quality int) (ports.Image, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		return ports.Image{}, err
	}
	return ports.Image{Bytes: buf.Bytes(), ContentType: "image/jpeg", Width: m.Rect.Dx(), Height: m.Rect.Dy()}, nil
}
