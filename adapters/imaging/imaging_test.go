package imaging_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"sync"
	"testing"

	// Registers a BMP decoder, as any dependency could: Prepare must still
	// refuse BMP (image/gif above likewise registers GIF).
	"golang.org/x/image/bmp"

	"github.com/ourspace/ourspace/adapters/imaging"
	"github.com/ourspace/ourspace/domain/space"
)

// webpFixture is a 600×400 lossy WebP with alpha (VP8X + ALPH + VP8,
// 2.5 KB) whose top-left 100×100 block is fully transparent. It was made
// by writing gradient(600, 400) with that block's alpha set to 0 to src.png
// with png.Encode, then `cwebp -q 75 src.png -o testdata/photo.webp`
// (cwebp 1.2.4, Debian package webp).
const webpFixture = "testdata/photo.webp"

func TestPrepareFitsBothBoxesWithoutUpscaling(t *testing.T) {
	webp, err := os.ReadFile(webpFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name             string
		opts             imaging.Options
		raw              []byte
		detailW, detailH int
		thumbW, thumbH   int
	}{
		{"large landscape JPEG", imaging.Options{}, jpegOf(t, gradient(4000, 3000)), 1600, 1200, 480, 360},
		{"large portrait PNG", imaging.Options{}, pngOf(t, gradient(1500, 2000)), 1200, 1600, 360, 480},
		{"small PNG is not upscaled", imaging.Options{}, pngOf(t, gradient(300, 200)), 300, 200, 300, 200},
		{"only the thumbnail shrinks", imaging.Options{}, jpegOf(t, gradient(1000, 500)), 1000, 500, 480, 240},
		{"WebP", imaging.Options{}, webp, 600, 400, 480, 320},
		{"custom boxes", imaging.Options{DetailWidth: 800, DetailHeight: 800, ThumbWidth: 100, ThumbHeight: 50}, jpegOf(t, gradient(1000, 500)), 800, 400, 100, 50},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := imaging.New(tt.opts).Prepare(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			assertJPEG(t, "detail", got.Detail.Bytes, got.Detail.ContentType, got.Detail.Width, got.Detail.Height, tt.detailW, tt.detailH)
			assertJPEG(t, "thumb", got.Thumb.Bytes, got.Thumb.ContentType, got.Thumb.Width, got.Thumb.Height, tt.thumbW, tt.thumbH)
		})
	}
}

func TestTransparentPixelsBecomeWhite(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			if x >= 32 {
				m.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
			} // the left half stays transparent black
		}
	}
	webp, err := os.ReadFile(webpFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name          string
		raw           []byte
		clear, opaque image.Point
	}{
		{"PNG", pngOf(t, m), image.Pt(8, 32), image.Pt(56, 32)},
		{"WebP", webp, image.Pt(40, 40), image.Pt(400, 300)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := imaging.New(imaging.Options{}).Prepare(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			out := decodeJPEG(t, got.Detail.Bytes)
			if r, g, b := rgb(out.At(tt.clear.X, tt.clear.Y)); r < 245 || g < 245 || b < 245 {
				t.Errorf("transparent pixel came out as (%d,%d,%d), want white", r, g, b)
			}
			if r, g, b := rgb(out.At(tt.opaque.X, tt.opaque.Y)); r > 245 && g > 245 && b > 245 {
				t.Errorf("opaque pixel came out white (%d,%d,%d)", r, g, b)
			}
		})
	}
}

func TestRefusesWhatIsNotAPhoto(t *testing.T) {
	var gifBuf, bmpBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, gradient(40, 30), nil); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&bmpBuf, gradient(40, 30)); err != nil {
		t.Fatal(err)
	}
	whole := jpegOf(t, gradient(400, 300))
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"text", []byte("hello, this is not an image")},
		{"empty", nil},
		{"GIF", gifBuf.Bytes()},
		{"BMP", bmpBuf.Bytes()},
		{"JPEG cut short after its header", whole[:len(whole)/2]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := imaging.New(imaging.Options{}).Prepare(tt.raw)
			if !errors.Is(err, space.ErrPhotoFormat) {
				t.Errorf("err = %v, want ErrPhotoFormat", err)
			}
		})
	}
}

func TestRefusesFilesOverTheByteLimit(t *testing.T) {
	small := jpegOf(t, gradient(64, 48))
	// A JPEG decoder stops at the end-of-image marker, so padding keeps the
	// file a valid photo: only its size can be refused.
	padTo := func(n int) []byte { return append(append(make([]byte, 0, n), small...), make([]byte, n-len(small))...) }
	p := imaging.New(imaging.Options{})

	if _, err := p.Prepare(padTo(20 << 20)); !errors.Is(err, space.ErrPhotoTooLarge) {
		t.Errorf("20 MiB: err = %v, want ErrPhotoTooLarge", err)
	}
	if _, err := p.Prepare(padTo(space.MaxPhotoBytes + 1)); !errors.Is(err, space.ErrPhotoTooLarge) {
		t.Errorf("one byte over: err = %v, want ErrPhotoTooLarge", err)
	}
	if _, err := p.Prepare(padTo(space.MaxPhotoBytes)); err != nil {
		t.Errorf("exactly at the limit: %v", err)
	}
}

func TestRefusesADecompressionBombFromItsHeader(t *testing.T) {
	bomb := pngClaiming(t, 30_000, 30_000)
	if len(bomb) > 1024 {
		t.Fatalf("the bomb is %d bytes; it should be tiny", len(bomb))
	}
	// A well-formed header, so only its pixel count can be refused.
	if cfg, err := png.DecodeConfig(bytes.NewReader(bomb)); err != nil || cfg.Width != 30_000 || cfg.Height != 30_000 {
		t.Fatalf("the bomb's header reads as %+v, %v", cfg, err)
	}
	p := imaging.New(imaging.Options{})

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := p.Prepare(bomb)
	runtime.ReadMemStats(&after)

	if !errors.Is(err, space.ErrPhotoTooManyPx) {
		t.Fatalf("err = %v, want ErrPhotoTooManyPx", err)
	}
	// Decoding it would allocate 30000×30000×3 bytes (2.5 GiB).
	const budget = 64 << 20
	if n := after.TotalAlloc - before.TotalAlloc; n > budget {
		t.Errorf("refusing the bomb allocated %d MiB, want under %d", n>>20, budget>>20)
	}
}

func TestStripsExifAndGPS(t *testing.T) {
	raw := withExif(jpegOf(t, gradient(800, 600)), exifTIFF(binary.BigEndian, 0, "GPSSECRET 37.5665N 126.9780E"))
	if !bytes.Contains(raw, []byte("Exif")) || !bytes.Contains(raw, []byte("GPSSECRET")) {
		t.Fatal("the input lacks the metadata this test is about")
	}
	got, err := imaging.New(imaging.Options{}).Prepare(raw)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"detail": got.Detail.Bytes, "thumb": got.Thumb.Bytes} {
		if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("GPSSECRET")) {
			t.Errorf("%s still carries the EXIF segment", name)
		}
	}
}

// TestTurnsPhotosUprightByExifOrientation stores a 200×100 image with red,
// blue / green, yellow quadrants and checks where each lands when shown.
func TestTurnsPhotosUprightByExifOrientation(t *testing.T) {
	const w, h = 200, 100
	stored := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			stored.Set(x, y, quadrants[2*(y*2/h)+x*2/w])
		}
	}
	plain := jpegOf(t, stored)
	// want lists the colours shown top-left, top-right, bottom-left, bottom-right.
	for _, tt := range []struct {
		orientation int
		want        string
	}{
		{1, "RBGY"}, {2, "BRYG"}, {3, "YGBR"}, {4, "GYRB"},
		{5, "RGBY"}, {6, "GRYB"}, {7, "YBGR"}, {8, "BYRG"},
	} {
		for _, bo := range []binary.AppendByteOrder{binary.BigEndian, binary.LittleEndian} {
			raw := withExif(plain, exifTIFF(bo, tt.orientation, ""))
			got, err := imaging.New(imaging.Options{}).Prepare(raw)
			if err != nil {
				t.Fatal(err)
			}
			wantW, wantH := w, h
			if tt.orientation >= 5 {
				wantW, wantH = h, w
			}
			if got.Detail.Width != wantW || got.Detail.Height != wantH || got.Thumb.Width != wantW || got.Thumb.Height != wantH {
				t.Errorf("orientation %d (%v): detail %d×%d, thumb %d×%d, want both %d×%d", tt.orientation, bo,
					got.Detail.Width, got.Detail.Height, got.Thumb.Width, got.Thumb.Height, wantW, wantH)
				continue
			}
			if s := corners(decodeJPEG(t, got.Detail.Bytes)); s != tt.want {
				t.Errorf("orientation %d (%v): corners %s, want %s", tt.orientation, bo, s, tt.want)
			}
		}
	}

	t.Run("damaged EXIF is ignored", func(t *testing.T) {
		seg := exifTIFF(binary.BigEndian, 6, "")
		binary.BigEndian.PutUint16(seg[8:], 500) // IFD0 claims 500 entries
		got, err := imaging.New(imaging.Options{}).Prepare(withExif(plain, seg))
		if err != nil {
			t.Fatal(err)
		}
		if got.Detail.Width != w || got.Detail.Height != h {
			t.Errorf("detail %d×%d, want the stored %d×%d", got.Detail.Width, got.Detail.Height, w, h)
		}
	})
}

func TestRotatedPhotoFitsTheBoxUpright(t *testing.T) {
	raw := withExif(jpegOf(t, gradient(2000, 1000)), exifTIFF(binary.LittleEndian, 6, ""))
	got, err := imaging.New(imaging.Options{DetailWidth: 1600, DetailHeight: 1200}).Prepare(raw)
	if err != nil {
		t.Fatal(err)
	}
	// Shown as 1000×2000, so the box's height decides: 600×1200.
	if got.Detail.Width != 600 || got.Detail.Height != 1200 {
		t.Errorf("detail %d×%d, want 600×1200", got.Detail.Width, got.Detail.Height)
	}
}

func TestPrepareConcurrently(t *testing.T) {
	webp, err := os.ReadFile(webpFixture)
	if err != nil {
		t.Fatal(err)
	}
	inputs := [][]byte{jpegOf(t, gradient(1700, 850)), pngOf(t, gradient(600, 900)), webp}
	wantDetail := []image.Point{{1600, 800}, {600, 900}, {600, 400}}
	// Fewer decode slots than goroutines, so some of them wait for one.
	p := imaging.New(imaging.Options{MaxDecodes: 2})

	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			got, err := p.Prepare(inputs[i%len(inputs)])
			if err == nil && (image.Point{got.Detail.Width, got.Detail.Height}) != wantDetail[i%len(inputs)] {
				err = errors.New("wrong detail size")
			}
			if err == nil {
				_, err = jpeg.Decode(bytes.NewReader(got.Thumb.Bytes))
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
	}
}

// gradient is an opaque test picture with some detail to scale and encode.
func gradient(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := m.PixOffset(x, y)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = uint8(x*255/w), uint8(y*255/h), 160, 255
		}
	}
	return m
}

func jpegOf(t *testing.T, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngOf(t *testing.T, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeJPEG(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a JPEG: %v", err)
	}
	return m
}

func assertJPEG(t *testing.T, name string, b []byte, contentType string, w, h, wantW, wantH int) {
	t.Helper()
	if contentType != "image/jpeg" {
		t.Errorf("%s: content type %q", name, contentType)
	}
	if w != wantW || h != wantH {
		t.Errorf("%s: reported %d×%d, want %d×%d", name, w, h, wantW, wantH)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not a JPEG: %v", name, err)
	}
	if cfg.Width != wantW || cfg.Height != wantH {
		t.Errorf("%s: encoded %d×%d, want %d×%d", name, cfg.Width, cfg.Height, wantW, wantH)
	}
}

func rgb(c color.Color) (r, g, b uint32) {
	r, g, b, _ = c.RGBA()
	return r >> 8, g >> 8, b >> 8
}

var quadrants = []color.RGBA{{255, 0, 0, 255}, {0, 0, 255, 255}, {0, 255, 0, 255}, {255, 255, 0, 255}}

// corners names the quadrant colours at the centres of m's four quarters.
func corners(m image.Image) string {
	b := m.Bounds()
	var s []byte
	for _, p := range []image.Point{{1, 1}, {3, 1}, {1, 3}, {3, 3}} {
		r, g, bl := rgb(m.At(b.Dx()*p.X/4, b.Dy()*p.Y/4))
		best, dist := 0, uint32(1<<31)
		for i, q := range quadrants {
			d := sq(r, uint32(q.R)) + sq(g, uint32(q.G)) + sq(bl, uint32(q.B))
			if d < dist {
				best, dist = i, d
			}
		}
		s = append(s, "RBGY"[best])
	}
	return string(s)
}

func sq(a, b uint32) uint32 {
	d := int64(a) - int64(b)
	return uint32(d * d)
}

// exifTIFF is the payload of an APP1 Exif segment: the Exif header and a
// TIFF structure whose IFD0 holds an Orientation entry (none if 0),
// followed by extra bytes.
func exifTIFF(bo binary.AppendByteOrder, orientation int, extra string) []byte {
	b := []byte("Exif\x00\x00")
	if bo == binary.BigEndian {
		b = append(b, "MM"...)
	} else {
		b = append(b, "II"...)
	}
	b = bo.AppendUint16(b, 42)
	b = bo.AppendUint32(b, 8) // IFD0 right after the header
	if orientation == 0 {
		b = bo.AppendUint16(b, 0)
	} else {
		b = bo.AppendUint16(b, 1)
		b = bo.AppendUint16(b, 0x0112) // Orientation
		b = bo.AppendUint16(b, 3)      // SHORT
		b = bo.AppendUint32(b, 1)
		b = bo.AppendUint16(b, uint16(orientation))
		b = bo.AppendUint16(b, 0) // the value field's unused half
	}
	b = bo.AppendUint32(b, 0) // no next IFD
	return append(b, extra...)
}

// withExif inserts an APP1 segment with payload right after the SOI marker.
func withExif(jpg, payload []byte) []byte {
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// pngClaiming is a well-formed PNG header for a w×h RGB image followed by
// a tiny IDAT and IEND: what a decompression bomb looks like to a header
// reader.
func pngClaiming(t *testing.T, w, h uint32) []byte {
	t.Helper()
	out := []byte("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		body := append([]byte(typ), data...)
		out = append(out, body...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, deflate, no filter, no interlace
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw := zlib.NewWriter(&idat)
	if _, err := zw.Write(make([]byte, 1024)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out
}
