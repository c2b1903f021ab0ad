package handoff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/internal/bound"
)

// XLIFFUnit is one unit of an XLIFF file as ReadXLIFF (2.0) and
// ReadXLIFF12 (1.2) read it.
type XLIFFUnit struct {
	ID   string
	Line int    // the line of its <unit>
	Hash string // from its "tilmash" note
	Base string
	// Notes are the texts of its other notes: a translator's, such as
	// "tilmash: ignore number" (tilmash's own categories left out).
	Notes    []string
	Segments []XLIFFSegment
}

// ownNote are the note categories tilmash writes (WriteXLIFF): not a
// translator's.
var ownNote = map[string]bool{"tilmash": true, "location": true, "description": true, "previous-source": true, "glossary": true, "tm": true, "check": true}

// XLIFFSegment is one segment of a unit.
type XLIFFSegment struct {
	ID        string // the plural form: other, one, few…
	Line      int    // the line of its <segment>
	State     string // initial, translated, reviewed, final
	Target    string // the target as a message text (codes written back as tags and placeholders)
	HasTarget bool
}

// XLIFF is an XLIFF file, 2.0 (ReadXLIFF) or 1.2 (ReadXLIFF12): its target
// language and its units.
type XLIFF struct {
	TrgLang string
	Units   []XLIFFUnit
}

// ReadXLIFF reads an XLIFF 2.0 file as CAT tools save it: attributes in any
// order, white space between elements changed, a byte-order mark, CRLF,
// <pc> written as <sc>/<ec> pairs, <mrk> annotations added. Errors name
// file:line:col.
func ReadXLIFF(file string, data []byte) (*XLIFF, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	d := xml.NewDecoder(bytes.NewReader(data))
	pos := func() (int, int) {
		l, c := d.InputPos()
		return max(l, 1), max(c, 1)
	}
	fail := func(msg string) error {
		l, c := pos()
		return &Error{file, l, c, msg}
	}
	x := &XLIFF{}
	var unit *XLIFFUnit
	var seg *XLIFFSegment
	var noteCategory string
	var noteText strings.Builder
	inNote := false
	// Inside <target>: the message text being rebuilt, and the codes open.
	inTarget, depth := false, 0
	var text strings.Builder
	var openPC []string            // names of the open <pc>s
	scNames := map[string]string{} // sc id → name
	for tok, err := range tokens(file, d, "a work file of tilmash (bring back the file tilmash handoff wrote)") {
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if inTarget {
				depth++
				id := attr(t, "id")
				switch t.Name.Local {
				case "pc":
					name := codeName(id)
					text.WriteString("<" + name + ">")
					openPC = append(openPC, name)
				case "sc":
					name := codeName(id)
					scNames[id] = name
					text.WriteString("<" + name + ">")
				case "ec":
					name := scNames[attr(t, "startRef")]
					if name == "" {
						name = codeName(id)
					}
					text.WriteString("</" + name + ">")
				case "ph":
					text.WriteString(phText(id, attr(t, "disp")))
				case "cp":
					h := attr(t, "hex")
					r, err := strconv.ParseUint(h, 16, 32)
					if err != nil || r > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF {
						return nil, fail(fmt.Sprintf("<cp hex=%q>: not a Unicode code point (hex digits, at most 10FFFF, not a surrogate)", h))
					}
					text.WriteRune(rune(r))
				case "mrk", "sm", "em":
					// annotations: their content is the text
				default:
					return nil, fail(fmt.Sprintf("<%s> inside a target: XLIFF 2.0 allows pc, sc, ec, ph, cp, mrk there", t.Name.Local))
				}
				continue
			}
			if t.Name.Space != "" && t.Name.Space != XLIFFNamespace {
				if err := d.Skip(); err != nil { // another tool's extension
					return nil, fail("XML: " + err.Error())
				}
				continue
			}
			switch t.Name.Local {
			case "xliff":
				if v := attr(t, "version"); v != "2.0" && v != "2.1" {
					return nil, fail(fmt.Sprintf("XLIFF version %q: tilmash reads XLIFF 2.0", v))
				}
				x.TrgLang = attr(t, "trgLang")
			case "unit":
				l, _ := pos()
				x.Units = append(x.Units, XLIFFUnit{ID: attr(t, "id"), Line: l})
				unit = &x.Units[len(x.Units)-1]
			case "note":
				inNote, noteCategory = true, attr(t, "category")
				noteText.Reset()
			case "segment":
				if unit == nil {
					return nil, fail("<segment> outside a <unit>")
				}
				l, _ := pos()
				unit.Segments = append(unit.Segments, XLIFFSegment{ID: attr(t, "id"), Line: l, State: attr(t, "state")})
				seg = &unit.Segments[len(unit.Segments)-1]
				if seg.State == "" {
					seg.State = "initial"
				}
			case "target":
				if seg == nil {
					return nil, fail("<target> outside a <segment>")
				}
				inTarget, depth = true, 0
				text.Reset()
				openPC, scNames = nil, map[string]string{}
			}
		case xml.EndElement:
			if inTarget {
				if depth == 0 { // </target>
					inTarget = false
					seg.Target, seg.HasTarget = text.String(), true
					continue
				}
				depth--
				if t.Name.Local == "pc" && len(openPC) > 0 {
					text.WriteString("</" + openPC[len(openPC)-1] + ">")
					openPC = openPC[:len(openPC)-1]
				}
				continue
			}
			switch t.Name.Local {
			case "note":
				if inNote && unit != nil && !ownNote[noteCategory] {
					unit.Notes = append(unit.Notes, strings.TrimSpace(noteText.String()))
				}
				if inNote && noteCategory == "tilmash" && unit != nil {
					f := strings.Fields(noteText.String())
					for i := 0; i+1 < len(f); i += 2 {
						switch f[i] {
						case "hash":
							unit.Hash = f[i+1]
						case "base":
							unit.Base = f[i+1]
						}
					}
				}
				inNote = false
			case "unit":
				unit, seg = nil, nil
			case "segment":
				seg = nil
			}
		case xml.CharData:
			switch {
			case inTarget:
				text.Write(t)
			case inNote:
				noteText.Write(t)
			}
		}
	}
	if x.TrgLang == "" {
		return nil, &Error{file, 1, 1, "no <xliff trgLang=…>: not an XLIFF 2.0 work file of tilmash"}
	}
	return x, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == XLIFFNamespace) {
			return a.Value
		}
	}
	return ""
}

// codeName is the tag or placeholder name an inline code's id stands for:
// "em.2" is the second <em>, "one-Name" the {{.Name}} of the "one" segment.
func codeName(id string) string {
	if i := strings.LastIndexByte(id, '-'); i >= 0 {
		id = id[i+1:]
	}
	if i := strings.IndexByte(id, '.'); i >= 0 {
		id = id[:i]
	}
	return id
}

// phText writes a <ph> back: a placeholder {{.Name}} (its name starts with
// a capital) or a self-closing code <code1/>.
func phText(id, disp string) string {
	name := codeName(id)
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
		return "{{." + name + "}}"
	}
	if name == "" {
		return disp
	}
	return "<" + name + "/>"
}

// tokens reads d's tokens to the end of the file, nesting bounded at
// bound.MaxDepth so that a crafted file cannot make the decoder's stack a
// memory bomb: the decoder's error, or one naming the depth (with what,
// the kind of file the reader expects), ends it.
func tokens(file string, d *xml.Decoder, what string) iter.Seq2[xml.Token, error] {
	return func(yield func(xml.Token, error) bool) {
		nest := 0
		for {
			tok, err := d.Token()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, xmlError(file, d, err))
				return
			}
			switch t := tok.(type) {
			case xml.StartElement:
				if nest++; nest > bound.MaxDepth {
					l, c := d.InputPos()
					yield(nil, &Error{file, max(l, 1), max(c, 1), fmt.Sprintf("<%s>: elements nest more than %d deep; %s nests far less", t.Name.Local, bound.MaxDepth, what)})
					return
				}
			case xml.EndElement:
				nest--
			}
			if !yield(tok, nil) {
				return
			}
		}
	}
}

// xmlError is an error of the XML decoder d, reading file, at its place:
// a syntax error's line (the decoder's column is where it stopped).
func xmlError(file string, d *xml.Decoder, err error) *Error {
	l, c := d.InputPos()
	msg := err.Error()
	if se, ok := err.(*xml.SyntaxError); ok {
		l, msg = se.Line, se.Msg
	}
	return &Error{file, max(l, 1), max(c, 1), "XML: " + msg}
}
