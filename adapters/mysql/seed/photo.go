package seed

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/ourspace/ourspace/app/ports"
)

// Demo photos: small JPEG scenes of a room, drawn with the standard image
// packages — a wall in the category's hue, a floor, a window, furniture —
// each from its own random stream, so every space's photos differ.
const (
	photoWidth   = 480
	photoHeight  = 320
	photoQuality = 80
)

// photo is a demo photo to draw and store.
type photo struct {
	key      string
	category int // position in categories, for the wall's hue
	seed     uint64
}

// photoKey names a space's n-th photo; the random part keeps keys unguessable
// and never reused, as uploaded photos' keys will be.
func (g *generator) photoKey(spaceID int64, n int) string {
	return fmt.Sprintf("spaces/%d/%d-%016x.jpg", spaceID, n, g.rng.Uint64())
}

// storePhotos draws and stores photos with one worker a core; a failure
// stops the rest.
func storePhotos(ctx context.Context, store ports.ObjectStore, photos []photo) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan photo)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				body, err := drawPhoto(p)
				if err == nil {
					err = store.Put(ctx, p.key, "image/jpeg", body)
				}
				if err != nil {
					cancel(fmt.Errorf("seed: photo %s: %w", p.key, err))
				}
			}
		}()
	}
	for _, p := range photos {
		select {
		case work <- p:
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
	return context.Cause(ctx)
}

// drawPhoto paints one scene and encodes it as JPEG.
func drawPhoto(p photo) ([]byte, error) {
	r := rand.New(rand.NewPCG(p.seed, uint64(p.category)))
	img := image.NewRGBA(image.Rect(0, 0, photoWidth, photoHeight))
	hue := float64(p.category)*45 + r.Float64()*30
	horizon := photoHeight*3/5 + r.IntN(photoHeight/6)
	// Wall: a vertical gradient in the category's hue; floor: warm wood or grey.
	for y := 0; y < horizon; y++ {
		paint(img, image.Rect(0, y, photoWidth, y+1), hsl(hue, 0.35, 0.78-0.18*float64(y)/float64(horizon)))
	}
	floor := hsl(25+r.Float64()*20, 0.35+r.Float64()*0.2, 0.35+r.Float64()*0.15)
	if r.IntN(3) == 0 {
		floor = hsl(0, 0, 0.45+r.Float64()*0.2)
	}
	paint(img, image.Rect(0, horizon, photoWidth, photoHeight), floor)
	// A window with daylight, somewhere on the wall.
	wx, ww := r.IntN(photoWidth-140), 80+r.IntN(60)
	paint(img, image.Rect(wx, 30, wx+ww, 30+ww*3/4), color.RGBA{0xdd, 0xee, 0xff, 0xff})
	paint(img, image.Rect(wx+ww/2-2, 30, wx+ww/2+2, 30+ww*3/4), color.RGBA{0xff, 0xff, 0xff, 0xff})
	// Furniture: blocks standing on the floor, nearer ones larger and lower.
	for range 2 + r.IntN(4) {
		w, h := 40+r.IntN(120), 30+r.IntN(90)
		x := r.IntN(photoWidth - w)
		base := horizon + r.IntN(photoHeight-horizon)
		paint(img, image.Rect(x, base-h, x+w, base), hsl(r.Float64()*360, 0.45, 0.3+r.Float64()*0.4))
		paint(img, image.Rect(x, base-h, x+w, base-h+4), color.RGBA{0xff, 0xff, 0xff, 0x60})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: photoQuality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paint fills r with c: copied when opaque (draw's fast path), blended
// otherwise.
func paint(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	op := draw.Over
	if c.A == 0xff {
		op = draw.Src
	}
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, op)
}

// hsl converts hue (degrees), saturation and lightness (0–1) to RGB.
func hsl(h, s, l float64) color.RGBA {
	c := (1 - abs(2*l-1)) * s
	hp := mod(h, 360) / 60
	x := c * (1 - abs(mod(hp, 2)-1))
	var r, g, b float64
	switch {
	case hp < 1:
		r, g = c, x
	case hp < 2:
		r, g = x, c
	case hp < 3:
		g, b = c, x
	case hp < 4:
		g, b = x, c
	case hp < 5:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	return color.RGBA{uint8((r + m) * 255), uint8((g + m) * 255), uint8((b + m) * 255), 0xff}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func mod(x, m float64) float64 {
	for x >= m {
		x -= m
	}
	for x < 0 {
		x += m
	}
	return x
}
