package handoff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// sdlNamespace is Trados Studio's: its <sdl:seg conf="…"> carries a
// segment's status when the target has no state.
const sdlNamespace = "http://sdl.com/FileTypes/SdlXliff/1.0"

// XLIFFVersion tells an XLIFF file's version by its root element: "1.2"
// for XLIFF 1.2 (its namespace, or no namespace and version="1.2"), "2.0"
// for XLIFF 2.0 and 2.1 (ReadXLIFF), "" for anything else: not XML, not
// XLIFF, another version. It reads no further than the root's start tag.
func XLIFFVersion(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		v := attr(t, "version")
		switch {
		case t.Name.Local != "xliff":
			return ""
		case t.Name.Space == XLIFF12Namespace, t.Name.Space == "" && v == "1.2":
			return "1.2"
		case t.Name.Space == XLIFFNamespace, t.Name.Space == "" && (v == "2.0" || v == "2.1"):
			return "2.0"
		}
		return ""
	}
}

// ReadXLIFF12 reads an XLIFF 1.2 file that WriteXLIFF12 wrote, as CAT tools
// save it, into the XLIFF that ReadXLIFF gives for 2.0: a unit per
// <trans-unit> with one segment, "other", or per plural <group
// restype="x-gettext-plurals"> with a segment per trans-unit "ID[form]";
// its hash and base from the "hash H base B" note from="tilmash", the
// other notes (a translator's) as Notes.
//
// It takes what tools change: attributes in any order, white space
// between elements, a byte-order mark, CRLF, <seg-source> and <mrk>s
// added (their text kept, their markup dropped), <alt-trans> (not read),
// elements of other namespaces (skipped). A code is known by its id: a
// code of the target is written back as the source's code with that id,
// whichever element carries it (<g>, <bpt>/<ept>, <bx>/<ex>, <it>, <ph>,
// <x>), so that a tool may turn <g> into <bpt>/<ept> or back; a code the
// source does not have is read from the element itself (its content, as
// XLIFF 1.2's native code, or ctype="x-name" for a tag), or refused.
//
// A target's state says whether to import it: translated reads as
// "translated", signed-off as "reviewed", final as "final", anything
// else (new, needs-translation, needs-review-translation, x-…) as
// "initial", not to import. A target without a state, as tools that keep
// none write it (OmegaT's Okapi filter), is judged by its text: "initial"
// when it is empty, a copy of its source (not a translation: set
// state="translated" to import a text identical to the English), or what
// tilmash wrote (the unit's targets still have the base's TextHash: a
// stale text no one touched); "translated" otherwise. Trados's <sdl:seg
// conf> stands in for a missing state where there is one (Translated,
// ApprovedTranslation, ApprovedSignOff as translated, reviewed, final; the
// least of several). approved is not read: the state decides.
//
// Errors are *Error at file:line:col (the column in characters). Elements
// may nest bound.MaxDepth deep, and the codes written back from the source
// may add at most the file's size again, so that what a file costs stays
// proportional to its size.
func ReadXLIFF12(file string, data []byte) (*XLIFF, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, &Error{file, 1, 1, "the file is UTF-16: save it as UTF-8 (your tool's export settings), which tilmash reads"}
	}
	r := &reader12{file: file, data: data, line: 1, x: &XLIFF{}, budget: len(data) + 4096}
	r.d = xml.NewDecoder(bytes.NewReader(data))
	if err := r.read(); err != nil {
		return nil, err
	}
	if r.x.TrgLang == "" {
		return nil, &Error{file, 1, 1, "no <file target-language=…>: not an XLIFF 1.2 work file of tilmash; bring back the file tilmash handoff wrote"}
	}
	return r.x, nil
}

// reader12 is ReadXLIFF12 at work.
type reader12 struct {
	file string
	data []byte
	d    *xml.Decoder
	x    *XLIFF

	lineOff int64 // line is the line of the byte at lineOff
	line    int

	depth  int         // of the element being read
	skip   int         // > 0: inside an element not read (the header, <alt-trans>, another tool's), this many deep
	groups []group12   // the <group>s open
	tu     *tu12       // the <trans-unit> being read
	note   *note12     // the <note> being read
	in     *inlineRead // the <source>, <seg-source> or <target> being read
	budget int         // the bytes codes written back from the source may still add

	seen    map[string]bool // the current unit's notes, to keep each once
	pending []pending12     // its targets without a state, decided at its end
}

type group12 struct {
	plural bool
	unit   int // its unit in x.Units, when plural
}

// tu12 is a <trans-unit> being read.
type tu12 struct {
	unit, seg int                 // its unit in x.Units and segment in it
	plural    bool                // one form of a plural group
	codes     map[string]*code12r // the source's codes by id
	source    string              // the source as a message text
	sourceOK  bool                // every code of the source was understood
	target    bool                // it has a <target>
	stateless bool                // … without a state
	conf      string              // the state <sdl:seg conf> says, if any
}

// code12r is what a code id stands for in a trans-unit.
type code12r struct {
	text [3]string // by need: needSelf, needOpen, needClose
	has  [3]bool
}

// What a code element writes: a whole code, a tag or its close.
const (
	needSelf = iota
	needOpen
	needClose
)

type note12 struct {
	from  string
	depth int
	text  strings.Builder
}

type pending12 struct {
	seg      int
	source   string
	sourceOK bool
	conf     string
}

// What an inlineRead reads.
const (
	inSource = iota
	inSegSource
	inTarget
)

// inlineRead is a <source>, <seg-source> or <target> being read, rebuilt
// as a message text.
type inlineRead struct {
	kind   int
	depth  int
	text   strings.Builder
	closes []string // what the end of each open <g> or <mrk> writes
	code   *codeElem
	ok     bool // every code understood (the source)
}

// codeElem is a <ph>, <x>, <bpt>, <ept>, <bx>, <ex> or <it> being read.
type codeElem struct {
	name      string
	id, ctype string
	need      int
	off       int64
	nest      int // elements open inside it (<sub>)
	content   strings.Builder
}

func (r *reader12) read() error {
	for {
		off := r.d.InputOffset()
		tok, err := r.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			msg := err.Error()
			if se, ok := err.(*xml.SyntaxError); ok {
				msg = se.Msg
			}
			return r.errAt(r.d.InputOffset(), "XML: "+msg+" (the file is not well-formed: export it from your tool again)")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			r.depth++
			if r.depth > bound.MaxDepth {
				return r.errAt(off, fmt.Sprintf("<%s>: elements nest more than %d deep; a work file of tilmash nests far less: bring back the file tilmash handoff wrote", t.Name.Local, bound.MaxDepth))
			}
			if err := r.start(t, off); err != nil {
				return err
			}
		case xml.EndElement:
			if err := r.end(t); err != nil {
				return err
			}
			r.depth--
		case xml.CharData:
			switch {
			case r.skip > 0:
			case r.in != nil && r.in.code != nil:
				r.in.code.content.Write(t)
			case r.in != nil:
				r.in.text.Write(t)
			case r.note != nil:
				r.note.text.Write(t)
			}
		}
	}
}

func (r *reader12) start(t xml.StartElement, off int64) error {
	if r.skip > 0 {
		r.skip++
		return nil
	}
	if r.depth == 1 {
		return r.root(t, off)
	}
	if r.in != nil {
		return r.inlineStart(t, off)
	}
	if r.note != nil { // markup in a note: not its text
		r.skip = 1
		return nil
	}
	if t.Name.Space != XLIFF12Namespace && t.Name.Space != "" {
		if t.Name.Space == sdlNamespace && r.tu != nil {
			switch t.Name.Local {
			case "seg-defs":
				return nil
			case "seg":
				if s := sdlState(attr(t, "conf")); r.tu.conf == "" || stateRank[s] < stateRank[r.tu.conf] {
					r.tu.conf = s
				}
			}
		}
		r.skip = 1 // another tool's extension
		return nil
	}
	if r.tu != nil {
		switch t.Name.Local {
		case "source", "seg-source", "target":
			return r.inlineBegin(t, off)
		case "note":
			r.note = &note12{from: attr(t, "from"), depth: r.depth}
		default: // <alt-trans>, <context-group>…: not read
			r.skip = 1
		}
		return nil
	}
	switch t.Name.Local {
	case "file":
		return r.fileStart(t, off)
	case "body":
	case "group":
		return r.groupStart(t, off)
	case "trans-unit":
		return r.transUnitStart(t, off)
	case "note":
		r.note = &note12{from: attr(t, "from"), depth: r.depth}
	case "source", "seg-source", "target":
		return r.errAt(off, fmt.Sprintf("<%s> outside a <trans-unit>: keep the file's structure as tilmash wrote it", t.Name.Local))
	default: // <header>, <bin-unit>…: not read
		r.skip = 1
	}
	return nil
}

func (r *reader12) root(t xml.StartElement, off int64) error {
	switch {
	case t.Name.Local != "xliff":
		return r.errAt(off, fmt.Sprintf("<%s>: not an XLIFF file (its root element is <xliff>)", t.Name.Local))
	case t.Name.Space == XLIFFNamespace:
		return r.errAt(off, "an XLIFF 2.0 file: this reader takes XLIFF 1.2 (tilmash import reads both; call ReadXLIFF for 2.0)")
	case t.Name.Space != XLIFF12Namespace && t.Name.Space != "":
		return r.errAt(off, fmt.Sprintf("<xliff xmlns=%q>: not the XLIFF 1.2 namespace %q", t.Name.Space, XLIFF12Namespace))
	}
	if v := attr(t, "version"); v != "1.2" {
		return r.errAt(off, fmt.Sprintf("XLIFF version %q: this reader takes XLIFF 1.2; save the file as XLIFF 1.2, the version tilmash handoff wrote", v))
	}
	return nil
}

func (r *reader12) fileStart(t xml.StartElement, off int64) error {
	lang := attr(t, "target-language")
	switch {
	case lang == "":
		return r.errAt(off, "<file> without target-language: tilmash needs to know the file's language (tilmash handoff writes target-language=\"ru\"); bring back the file it wrote")
	case r.x.TrgLang == "":
		r.x.TrgLang = lang
	case r.x.TrgLang != lang:
		return r.errAt(off, fmt.Sprintf("a <file> for %q after one for %q: a work file is for one language; bring back a file per language", lang, r.x.TrgLang))
	}
	return nil
}

func (r *reader12) groupStart(t xml.StartElement, off int64) error {
	g := group12{plural: attr(t, "restype") == pluralRestype}
	if g.plural {
		if p := r.pluralGroup(); p != nil {
			return r.errAt(off, fmt.Sprintf("a plural <group> inside the plural group of %q: keep the file's structure as tilmash wrote it", r.x.Units[p.unit].ID))
		}
		r.x.Units = append(r.x.Units, XLIFFUnit{ID: attr(t, "id"), Line: r.lineAt(off)})
		g.unit = len(r.x.Units) - 1
		r.startUnit()
	}
	r.groups = append(r.groups, g)
	return nil
}

// pluralGroup is the innermost plural group open, if any.
func (r *reader12) pluralGroup() *group12 {
	for i := len(r.groups) - 1; i >= 0; i-- {
		if r.groups[i].plural {
			return &r.groups[i]
		}
	}
	return nil
}

func (r *reader12) transUnitStart(t xml.StartElement, off int64) error {
	id, line := attr(t, "id"), r.lineAt(off)
	tu := &tu12{codes: map[string]*code12r{}, sourceOK: true}
	if g := r.pluralGroup(); g != nil {
		u := &r.x.Units[g.unit]
		unit, form, ok := cutForm(id)
		switch {
		case !ok:
			return r.errAt(off, fmt.Sprintf("<trans-unit id=%q> in the plural group of %q: its id must be the unit's ID and a plural form, as %q; keep the ids tilmash wrote", id, u.ID, u.ID+"[few]"))
		case u.ID == "":
			u.ID = unit
		case unit != u.ID:
			return r.errAt(off, fmt.Sprintf("<trans-unit id=%q> in the plural group of %q: it names another unit; keep the ids tilmash wrote", id, u.ID))
		}
		u.Segments = append(u.Segments, XLIFFSegment{ID: form, Line: line, State: "initial"})
		tu.unit, tu.seg, tu.plural = g.unit, len(u.Segments)-1, true
	} else {
		r.x.Units = append(r.x.Units, XLIFFUnit{ID: id, Line: line, Segments: []XLIFFSegment{{ID: string(locale.Other), Line: line, State: "initial"}}})
		tu.unit = len(r.x.Units) - 1
		r.startUnit()
	}
	r.tu = tu
	return nil
}

// cutForm splits a plural form's trans-unit id, "a.b[few]".
func cutForm(id string) (unit, form string, ok bool) {
	i := strings.LastIndexByte(id, '[')
	if i <= 0 || !strings.HasSuffix(id, "]") || i+2 >= len(id) {
		return "", "", false
	}
	return id[:i], id[i+1 : len(id)-1], true
}

func (r *reader12) startUnit() {
	r.seen, r.pending = map[string]bool{}, nil
}

// endUnit decides the state of the unit's targets that have none.
func (r *reader12) endUnit(unit int) {
	u := &r.x.Units[unit]
	if len(r.pending) == 0 {
		return
	}
	forms := map[locale.Form]string{}
	for _, s := range u.Segments {
		if s.HasTarget {
			forms[locale.Form(s.ID)] = s.Target
		}
	}
	unchanged := u.Base != "" && TextHash(forms) == u.Base
	for _, p := range r.pending {
		s := &u.Segments[p.seg]
		switch {
		case p.conf != "":
			s.State = p.conf
		case s.Target == "", p.sourceOK && s.Target == p.source, unchanged:
			s.State = "initial"
		default:
			s.State = "translated"
		}
	}
	r.pending = nil
}

// state12 is the state ReadXLIFF would give for an XLIFF 1.2 target state.
func state12(s string) string {
	switch s {
	case "translated":
		return "translated"
	case "signed-off":
		return "reviewed"
	case "final":
		return "final"
	}
	return "initial"
}

// sdlState is the state of a Trados <sdl:seg conf>.
func sdlState(conf string) string {
	switch conf {
	case "Translated":
		return "translated"
	case "ApprovedTranslation":
		return "reviewed"
	case "ApprovedSignOff":
		return "final"
	}
	return "initial"
}

var stateRank = map[string]int{"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

func (r *reader12) end(t xml.EndElement) error {
	if r.skip > 0 {
		r.skip--
		return nil
	}
	if r.in != nil {
		return r.inlineEnd()
	}
	if r.note != nil {
		if r.depth == r.note.depth {
			r.noteEnd()
		}
		return nil
	}
	switch t.Name.Local {
	case "trans-unit":
		tu := r.tu
		r.tu = nil
		if tu == nil {
			return nil
		}
		if tu.stateless {
			r.pending = append(r.pending, pending12{seg: tu.seg, source: tu.source, sourceOK: tu.sourceOK, conf: tu.conf})
		}
		if !tu.plural {
			r.endUnit(tu.unit)
		}
	case "group":
		if n := len(r.groups); n > 0 {
			g := r.groups[n-1]
			r.groups = r.groups[:n-1]
			if g.plural {
				r.endUnit(g.unit)
			}
		}
	}
	return nil
}

func (r *reader12) noteEnd() {
	n := r.note
	r.note = nil
	var u *XLIFFUnit
	switch {
	case r.tu != nil:
		u = &r.x.Units[r.tu.unit]
	case r.pluralGroup() != nil:
		u = &r.x.Units[r.pluralGroup().unit]
	default:
		return // the file's or a group's
	}
	text := n.text.String()
	if n.from == "tilmash" {
		if f := strings.Fields(text); len(f) > 1 && f[0] == "hash" {
			for i := 0; i+1 < len(f); i += 2 {
				switch f[i] {
				case "hash":
					u.Hash = f[i+1]
				case "base":
					u.Base = f[i+1]
				}
			}
		}
		return
	}
	if text = strings.TrimSpace(text); text != "" && !r.seen[text] {
		r.seen[text] = true
		u.Notes = append(u.Notes, text)
	}
}

func (r *reader12) inlineBegin(t xml.StartElement, off int64) error {
	in := &inlineRead{depth: r.depth, ok: true}
	switch t.Name.Local {
	case "source":
		in.kind = inSource
	case "seg-source":
		in.kind = inSegSource
	case "target":
		in.kind = inTarget
		if r.tu.target {
			return r.errAt(off, fmt.Sprintf("a second <target> in trans-unit of %q: keep one", r.x.Units[r.tu.unit].ID))
		}
		r.tu.target = true
		st := attr(t, "state")
		r.tu.stateless = st == ""
		r.x.Units[r.tu.unit].Segments[r.tu.seg].State = state12(st)
	}
	r.in = in
	return nil
}

// inlineStart reads an element inside a source or target.
func (r *reader12) inlineStart(t xml.StartElement, off int64) error {
	in := r.in
	if in.code != nil { // <sub> in a code: its text is part of the code
		in.code.nest++
		return nil
	}
	if t.Name.Space != XLIFF12Namespace && t.Name.Space != "" {
		r.skip = 1
		return nil
	}
	id, ctype := attr(t, "id"), attr(t, "ctype")
	switch name := t.Name.Local; name {
	case "mrk":
		in.closes = append(in.closes, "")
	case "g":
		open, okOpen := r.known(id, needOpen)
		close, okClose := r.known(id, needClose)
		switch tag := ctypeTag(ctype); {
		case okOpen && okClose:
			if err := r.spend(off, len(open)+len(close)); err != nil {
				return err
			}
		case tag != "":
			open, close = "<"+tag+">", "</"+tag+">"
			if in.kind != inTarget {
				r.learn(id, needOpen, open)
				r.learn(id, needClose, close)
			}
		case in.kind == inTarget:
			return r.errAt(off, unknownCode(name, id))
		default:
			open, close, in.ok = "", "", false
		}
		r.write(open)
		in.closes = append(in.closes, close)
	case "ph", "x", "bpt", "bx", "ept", "ex", "it":
		c := &codeElem{name: name, id: id, ctype: ctype, off: off}
		switch name {
		case "bpt", "bx":
			c.need = needOpen
		case "ept", "ex":
			c.need = needClose
		case "it":
			switch pos := attr(t, "pos"); pos {
			case "open":
				c.need = needOpen
			case "close":
				c.need = needClose
			default:
				return r.errAt(off, fmt.Sprintf("<it id=%q pos=%q>: pos must be open or close", id, pos))
			}
		}
		in.code = c
	default:
		where := [...]string{"source", "seg-source", "target"}[in.kind]
		return r.errAt(off, fmt.Sprintf("<%s> inside a <%s>: XLIFF 1.2 allows g, x, bx, ex, ph, bpt, ept, it and mrk there", name, where))
	}
	return nil
}

// known is what the source's code id writes for need, when reading the
// target.
func (r *reader12) known(id string, need int) (string, bool) {
	if r.in.kind != inTarget {
		return "", false
	}
	c := r.tu.codes[id]
	if c == nil || !c.has[need] {
		return "", false
	}
	return c.text[need], true
}

// learn records what the source's code id writes for need (the first
// element that says it).
func (r *reader12) learn(id string, need int, text string) {
	c := r.tu.codes[id]
	if c == nil {
		c = &code12r{}
		r.tu.codes[id] = c
	}
	if !c.has[need] {
		c.text[need], c.has[need] = text, true
	}
}

// spend takes n bytes of codes written back from the source from the
// budget, or refuses the file.
func (r *reader12) spend(off int64, n int) error {
	if r.budget -= n; r.budget < 0 {
		return r.errAt(off, "the target's codes, written back from the source, add more than the file's size: not a work file tilmash wrote; bring back the file tilmash handoff wrote")
	}
	return nil
}

// write adds text to the source or target being read (not to a
// <seg-source>, which only tells what the codes are).
func (r *reader12) write(text string) {
	if r.in.kind != inSegSource {
		r.in.text.WriteString(text)
	}
}

func (r *reader12) inlineEnd() error {
	in := r.in
	if c := in.code; c != nil {
		if c.nest > 0 {
			c.nest--
			return nil
		}
		in.code = nil
		return r.codeEnd(c)
	}
	if r.depth == in.depth { // </source>, </target>
		r.in = nil
		tu := r.tu
		switch in.kind {
		case inSource:
			tu.source, tu.sourceOK = in.text.String(), in.ok
		case inTarget:
			s := &r.x.Units[tu.unit].Segments[tu.seg]
			s.Target, s.HasTarget = in.text.String(), true
		}
		return nil
	}
	if n := len(in.closes); n > 0 { // </g>, </mrk>
		r.write(in.closes[n-1])
		in.closes = in.closes[:n-1]
	}
	return nil
}

// codeEnd writes a code element back: as the source's code with its id
// (in a target), else as the element says (its content or ctype).
func (r *reader12) codeEnd(c *codeElem) error {
	in := r.in
	if text, ok := r.known(c.id, c.need); ok {
		if err := r.spend(c.off, len(text)); err != nil {
			return err
		}
		r.write(text)
		return nil
	}
	content := c.content.String()
	var text string
	switch tag := ctypeTag(c.ctype); {
	case c.ctype == charCtype:
		h, ok := strings.CutPrefix(content, "U+")
		n, err := strconv.ParseUint(h, 16, 32)
		if !ok || err != nil || n > utf8.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return r.errAt(c.off, fmt.Sprintf("<%s ctype=%q>%s</%s>: not a Unicode code point (U+ and hex digits, at most U+10FFFF, not a surrogate); keep the code as tilmash wrote it", c.name, charCtype, content, c.name))
		}
		text = string(rune(n))
	case content != "":
		text = content
	case tag != "":
		text = [...]string{"<" + tag + "/>", "<" + tag + ">", "</" + tag + ">"}[c.need]
	case in.kind == inTarget:
		return r.errAt(c.off, unknownCode(c.name, c.id))
	default:
		in.ok = false
		return nil
	}
	if in.kind != inTarget {
		r.learn(c.id, c.need, text)
	}
	r.write(text)
	return nil
}

func unknownCode(name, id string) string {
	return fmt.Sprintf("<%s id=%q>: the trans-unit's source has no code %q, and the element does not say what it stands for; keep the codes the source has (copy them from the source)", name, id, id)
}

// ctypeTag is the tag a ctype="x-name" names ("" if none): a name
// markup reads as a tag's (em, a1, code1; not h1x or EM).
func ctypeTag(ctype string) string {
	name, ok := strings.CutPrefix(ctype, "x-")
	if !ok {
		return ""
	}
	toks := slices.Collect(markup.Tokens("<" + name + ">"))
	if len(toks) != 1 || toks[0].Kind != markup.Open {
		return ""
	}
	return toks[0].Name
}

// lineAt is the line of offset off, counted on from the last one asked
// (offsets only grow), so that numbering every unit stays linear.
func (r *reader12) lineAt(off int64) int {
	if off < r.lineOff {
		r.lineOff, r.line = 0, 1
	}
	off = min(off, int64(len(r.data)))
	r.line += bytes.Count(r.data[r.lineOff:off], []byte("\n"))
	r.lineOff = off
	return r.line
}

// errAt is an Error at offset off, its column in characters.
func (r *reader12) errAt(off int64, msg string) error {
	off = max(0, min(off, int64(len(r.data))))
	before := r.data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return &Error{r.file, line, col, msg}
}
