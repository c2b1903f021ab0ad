package handoff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// TMX is a translation memory as ReadTMX reads it.
type TMX struct {
	SrcLang string    // the header's srclang: "en", "EN-US", or "*all*"
	Units   []TMXUnit // its <tu>s, in order
}

// TMXUnit is one <tu>: a text in several languages.
type TMXUnit struct {
	ID       string       // its tuid, if any
	Line     int          // the line of its <tu>
	Variants []TMXVariant // its <tuv>s, in order
}

// TMXVariant is one language's text of a unit.
type TMXVariant struct {
	Lang string // xml:lang (TMX 1.4) or lang (TMX 1.1, as OmegaT writes it), as written
	Text string // the <seg>'s text, its codes (<bpt>, <ept>, <ph>, <it>) as their native data
}

// IsTMX reports whether data is a TMX document: its root element, the
// first after the XML declaration, comments and a DOCTYPE, is <tmx>. It
// reads the start of the file as bytes, whatever encoding it declares,
// so that ReadTMX names what is wrong with a TMX it cannot read.
func IsTMX(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for range 64 { // declarations and comments before the root: a few
		i := bytes.IndexByte(data, '<')
		if i < 0 {
			return false
		}
		data = data[i:]
		var end []byte
		switch {
		case bytes.HasPrefix(data, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(data, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(data, []byte("<!")):
			end = []byte(">")
		default:
			name := data[1:]
			return bytes.HasPrefix(name, []byte("tmx")) && len(name) > 3 && strings.IndexByte(" \t\r\n>/", name[3]) >= 0
		}
		j := bytes.Index(data, end)
		if j < 0 {
			return false
		}
		data = data[j+len(end):]
	}
	return false
}

// ReadTMX reads a TMX document (1.1 to 1.4), as CAT tools write them
// (OmegaT, Trados, memoQ, translate-toolkit's po2tmx): each unit's
// variants, a segment's codes kept as their native data, so that tilmash's
// own TMX reads back as the messages it was written from. Errors name
// file:line:col.
func ReadTMX(file string, data []byte) (*TMX, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(charset string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("the file is in %s: save it as UTF-8", charset)
	}
	pos := func() (int, int) {
		l, c := d.InputPos()
		return max(l, 1), max(c, 1)
	}
	fail := func(msg string) error {
		l, c := pos()
		return &Error{file, l, c, msg}
	}
	x := &TMX{}
	var unit *TMXUnit
	var variant *TMXVariant
	var seg strings.Builder
	inSeg, depth, root := false, 0, false
	for tok, err := range tokens(file, d, "a translation memory (tmx, body, tu, tuv, seg and a few codes)") {
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if inSeg {
				depth++ // a code or a highlight: its content is the segment's text
				continue
			}
			if !root {
				if t.Name.Local != "tmx" {
					return nil, fail(fmt.Sprintf("<%s>: not a TMX document (its root is <tmx>)", t.Name.Local))
				}
				root = true
				continue
			}
			switch t.Name.Local {
			case "header":
				x.SrcLang = attr(t, "srclang")
			case "tu":
				l, _ := pos()
				x.Units = append(x.Units, TMXUnit{ID: attr(t, "tuid"), Line: l})
				unit = &x.Units[len(x.Units)-1]
			case "tuv":
				if unit == nil {
					return nil, fail("<tuv> outside a <tu>")
				}
				lang := xmlLang(t)
				if lang == "" {
					return nil, fail("<tuv> without xml:lang: which language is it?")
				}
				unit.Variants = append(unit.Variants, TMXVariant{Lang: lang})
				variant = &unit.Variants[len(unit.Variants)-1]
			case "seg":
				if variant == nil {
					return nil, fail("<seg> outside a <tuv>")
				}
				inSeg, depth = true, 0
				seg.Reset()
			}
		case xml.EndElement:
			if inSeg {
				if depth > 0 {
					depth--
					continue
				}
				inSeg = false
				variant.Text = seg.String()
				continue
			}
			switch t.Name.Local {
			case "tu":
				unit = nil
			case "tuv":
				variant = nil
			}
		case xml.CharData:
			if inSeg {
				seg.Write(t)
			}
		}
	}
	if !root {
		return nil, &Error{file, 1, 1, "not a TMX document: no <tmx> element"}
	}
	return x, nil
}

// xmlLang is a <tuv>'s language: xml:lang, or TMX 1.1's lang.
func xmlLang(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "lang" && (a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "xml" || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}
