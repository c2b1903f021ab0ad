package testtool

import (
	"bytes"
	"encoding/base64"
	"fmt"
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
	data, err := EncodePicture(format, w, h, c)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// EncodePicture is Picture for a caller without a testing.TB (a
// testscript command).
func EncodePicture(format string, w, h int, c color.Color) ([]byte, error) {
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
		err = fmt.Errorf("testtool: no image format %q (png, jpeg or gif)", format)
	}
	return b.Bytes(), err
}

// WebP is a 1×1 lossless WebP image (the standard library writes none).
var WebP, _ = base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
