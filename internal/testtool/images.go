package testtool

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// Picture encodes a small image of one colour, w×h pixels, in a format
// the standard library writes: "png", "jpeg" or "gif". Tests make the
// photographs of their articles with it, so the repository holds no
// binary files.
func Picture(t testing.TB, format string, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	case "gif":
		err = gif.Encode(&b, img, nil)
	default:
		t.Fatalf("testtool.Picture: no format %q (png, jpeg or gif)", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// WebP is a 1×1 lossless WebP image (the standard library writes none).
var WebP, _ = base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
