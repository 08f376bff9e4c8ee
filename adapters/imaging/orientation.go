package imaging

import (
	"bytes"
	"encoding/binary"
	"image"
)

// exifOrientation reads the EXIF Orientation tag (1–8) of a JPEG, or 1 when
// there is none or it cannot be read. Phones store photos as the sensor saw
// them and record the turn here; re-encoding drops the tag, so the turn must
// be applied to the pixels or portrait photos come out lying on their side.
// Only IFD0 of the first APP1 "Exif" segment is read, with bounds checks.
func exifOrientation(jpg []byte) int {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(jpg); {
		if jpg[i] != 0xFF {
			return 1
		}
		marker := jpg[i+1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			i++
			continue
		case marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			i += 2 // markers without a length
			continue
		case marker == 0xDA || marker == 0xD9:
			return 1 // image data starts: metadata comes before it
		}
		n := int(binary.BigEndian.Uint16(jpg[i+2:]))
		if n < 2 || i+2+n > len(jpg) {
			return 1
		}
		seg := jpg[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in IFD0 of a TIFF structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	ifd := int64(bo.Uint32(t[4:]))
	if ifd+2 > int64(len(t)) {
		return 1
	}
	entries := int64(bo.Uint16(t[ifd:]))
	for k := range entries {
		e := ifd + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 1
		}
		const tagOrientation, typeShort = 0x0112, 3
		if bo.Uint16(t[e:]) != tagOrientation {
			continue
		}
		if bo.Uint16(t[e+2:]) != typeShort || bo.Uint32(t[e+4:]) != 1 {
			return 1
		}
		if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// orient turns m upright for an EXIF orientation: each shown pixel (x, y)
// is read from the stored pixel the orientation's definition names.
func orient(m *image.RGBA, orientation int) *image.RGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var from func(x, y int) (int, int)
	switch orientation {
	case 2: // mirrored
		from = func(x, y int) (int, int) { return w - 1 - x, y }
	case 3: // turned 180°
		from = func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }
	case 4: // mirrored top to bottom
		from = func(x, y int) (int, int) { return x, h - 1 - y }
	case 5: // transposed
		from = func(x, y int) (int, int) { return y, x }
	case 6: // to be turned 90° clockwise
		from = func(x, y int) (int, int) { return y, h - 1 - x }
	case 7: // transversed
		from = func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }
	case 8: // to be turned 90° counter-clockwise
		from = func(x, y int) (int, int) { return w - 1 - y, x }
	default:
		return m
	}
	ow, oh := w, h
	if orientation >= 5 {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range oh {
		for x := range ow {
			sx, sy := from(x, y)
			copy(out.Pix[out.PixOffset(x, y):][:4], m.Pix[m.PixOffset(sx, sy):][:4])
		}
	}
	return out
}
