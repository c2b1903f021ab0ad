package media

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
)

// The media types of the images the editions publish.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	GIF  = "image/gif"
	WebP = "image/webp"
	SVG  = "image/svg+xml" // recognised, never published (see the package's doc)
)

// sniffLen is how much of a file Sniff looks at before it decides what it
// is (a JPEG's header is read further, up to its frame).
const sniffLen = 4096

// Sniff returns the media type of the image r holds, found from its
// content, whatever its name says: JPEG, PNG or GIF whose header the
// standard library's decoders read, or WebP (RIFF with a VP8, VP8L or
// VP8X chunk). Anything else is an error saying what it is and what to do:
// an SVG image, or a file that is no image the editions publish.
func Sniff(r io.Reader) (string, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("it cannot be read: %v", err)
	}
	broken := func(kind string, err error) error {
		return fmt.Errorf("a broken %s file (%v): save it again from an image editor", kind, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		if _, err := png.DecodeConfig(br); err != nil {
			return "", broken("PNG", err)
		}
		return PNG, nil
	case bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}):
		if _, err := jpeg.DecodeConfig(br); err != nil {
			return "", broken("JPEG", err)
		}
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		if _, err := gif.DecodeConfig(br); err != nil {
			return "", broken("GIF", err)
		}
		return GIF, nil
	case len(head) >= 16 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		switch string(head[12:16]) {
		case "VP8 ", "VP8L", "VP8X":
			return WebP, nil
		}
		return "", broken("WebP", errors.New("no VP8, VP8L or VP8X chunk"))
	case isSVG(head):
		return "", errors.New("an SVG image, which tilmash does not publish (an SVG can carry script that runs on the site when the file is opened): export it as PNG, or have the site serve it (/img/chart.svg)")
	}
	return "", errors.New("its content is not an image tilmash publishes (JPEG, PNG, GIF or WebP, whatever the file's name says)")
}

// isSVG reports whether head starts an XML document whose root element is
// svg: after a byte-order mark, white space, an XML declaration, comments,
// processing instructions and a document type declaration.
func isSVG(head []byte) bool {
	s := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(s, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(s, []byte("<!DOCTYPE")), bytes.HasPrefix(s, []byte("<!doctype")):
			end = []byte(">")
			if i, j := bytes.IndexByte(s, '['), bytes.IndexByte(s, '>'); i >= 0 && i < j {
				end = []byte("]>") // an internal subset
			}
		default:
			rest, ok := bytes.CutPrefix(s, []byte("<svg"))
			return ok && (len(rest) == 0 || bytes.IndexByte([]byte(" \t\r\n/>:"), rest[0]) >= 0)
		}
		i := bytes.Index(s, end)
		if i < 0 {
			return false
		}
		s = s[i+len(end):]
	}
}
