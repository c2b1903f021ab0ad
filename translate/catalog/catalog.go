package catalog

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/tomlpos"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// Pos is a position in a file (see segment.Pos).
type Pos = segment.Pos

// Message is one message table of a catalogue.
type Message struct {
	ID          string                 // the message ID: the unit's ID
	Description string                 // go-i18n's description (source catalogue only)
	Hash        string                 // the hash of the English the text was made from
	Forms       map[locale.Form]string // the text of each plural form
	Notes       []string               // the translator's own comment lines above the table, kept verbatim
	Comments    []string               // tilmash's comment lines (#: #. #> #, #|), rewritten on sync
	// The translator's own comments inside the entry, kept verbatim where
	// they stood: Format writes each back in its place.
	KeyNotes  map[string][]string // lines standing above a key ("hash", "other"…), by key
	LineNotes map[string]string   // a comment after a key's value on its line, by key
	TailNotes []string            // lines after the entry's last key ("" for a blank line between blocks), and the file's last lines
	Pos       Pos                 // the table header's position
	FormPos   map[locale.Form]Pos // the position of each form's value

	raw map[locale.Form]rawValue // how a value not written as a basic string is written
}

// rawValue is how a value is written when not as a one-line basic string:
// its opening delimiter (', or a multi-line """ or ”'), and whether a line
// break follows that delimiter (TOML drops it from the value).
type rawValue struct {
	delim   string
	newline bool
}

// Text returns the message's "other" form.
func (m *Message) Text() string { return m.Forms[locale.Other] }

// Translated reports whether any plural form has text.
func (m *Message) Translated() bool {
	for _, s := range m.Forms {
		if s != "" {
			return true
		}
	}
	return false
}

// Source returns the English recorded in the message's "#>" comments, by
// plural form, as the catalogue file held it.
func (m *Message) Source() map[locale.Form]string {
	return commentForms(m.Comments, "#> ")
}

// StaleMark begins the comment line extract writes above a stale entry.
// Deleting the line is how a translator says the entry is revised: the
// one step gettext's "#, fuzzy" asks for.
const StaleMark = "#, stale"

// Revised reports whether the translator has revised an entry extract
// marked stale, for English hashed current: the entry is as extract wrote
// it (its hash that of the English in its "#|" lines, which it was
// translated from; its "#>" lines the English whose hash is current) but
// its StaleMark line is gone. An entry the English has moved past again
// since extract last ran is not revised (its "#>" lines are older), nor
// is one whose hash was edited by hand.
func (m *Message) Revised(current string) bool {
	if m.Hash == current || !m.Translated() {
		return false
	}
	for _, c := range m.Comments {
		if strings.HasPrefix(c, StaleMark) {
			return false
		}
	}
	hashOf := func(forms map[locale.Form]string) (string, string) {
		if forms == nil {
			return "", ""
		}
		return segment.Hash(forms), segment.ExactHash(forms)
	}
	nowH, nowX := hashOf(m.Source())
	prevH, prevX := hashOf(m.Previous())
	return (nowH == current || nowX == current) && prevH != "" && (m.Hash == prevH || m.Hash == prevX)
}

// Previous returns the English recorded in "#|" comments: the text a stale
// translation was made from.
func (m *Message) Previous() map[locale.Form]string {
	return commentForms(m.Comments, "#| ")
}

func commentForms(lines []string, prefix string) map[locale.Form]string {
	forms := map[locale.Form]string{}
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, prefix)
		if !ok {
			continue
		}
		form := locale.Other
		for _, f := range locale.Forms {
			if r, ok := strings.CutPrefix(rest, string(f)+": "); ok {
				form, rest = f, r
				break
			}
		}
		forms[form] = rest
	}
	if len(forms) == 0 {
		return nil
	}
	return forms
}

// HasNotes reports whether a translator wrote any comment of their own in
// the entry: work that must not be lost even when the entry holds no text.
func (m *Message) HasNotes() bool {
	return len(m.Notes) > 0 || len(m.KeyNotes) > 0 || len(m.LineNotes) > 0 || len(m.TailNotes) > 0
}

// keepNotes copies the translator's comments of old into m.
func (m *Message) keepNotes(old *Message) {
	m.Notes = old.Notes
	m.KeyNotes, m.LineNotes, m.TailNotes = old.KeyNotes, old.LineNotes, old.TailNotes
}

// Catalog is one locale's catalogue file.
type Catalog struct {
	// Moved records, after Sync, the entries of renamed or moved articles
	// that moved to their units' new IDs: old ID → new ID (so that the
	// old file's notes follow them).
	Moved       map[string]string
	Locale      language.Tag // from the file name, as go-i18n reads it
	Path        string       // the file
	Header      []string     // tilmash's comment block at the top, rewritten on sync
	HeaderNotes []string     // other comment lines before the first table ("" between blocks), kept verbatim
	// FileNotes are, for a catalogue read from several files (one per
	// article, see Merge), the translator's comment lines at the top of
	// each, by file: Split writes each back to its file. A file without
	// an entry here gets HeaderNotes (a locale's one file's notes, when it
	// is split in the new layout).
	FileNotes map[string][]string
	// Place, when set, names the file an entry with an ID belongs in (its
	// article's, package catpath); FileOf asks it for an entry not there.
	Place func(id string) string
	// Formerly records, by file, the names its article had before it was
	// renamed, oldest first (FormerlyLine): kept in a source catalogue's
	// files, where extract writes them.
	Formerly map[string][]string
	// Completed are the files whose article was once complete in the
	// locale (CompletedLine), kept in a translated catalogue's files.
	Completed map[string]bool
	// DerivedFrom is, for a derived locale (kk-Latn), the locale whose
	// catalogue its text is computed from (kk); und otherwise. A derived
	// catalogue is never written: Path is its source's file, so that its
	// positions point where the text can be changed.
	DerivedFrom language.Tag
	Transform   string // the transform's name (kk-Latn-2021), for a derived catalogue
	// Stale are a derived catalogue's overrides (locales/kk-Latn.toml)
	// made for other English than the unit's now: not applied.
	Stale    []*Message
	Messages []*Message // in file order
	index    map[string]*Message

	// Overrides are a derived catalogue's overrides that are applied, as
	// their file has them (with their own positions and comments): the
	// checks hold them to everything a translation is held to.
	Overrides []*Message
}

// generatedHeader reports whether a comment block at the top of a file is
// the one tilmash writes (a source or a target catalogue's).
func generatedHeader(block []string) bool {
	return len(block) > 0 && (strings.HasPrefix(block[0], "# tilmash catalogue:") || strings.HasPrefix(block[0], "# Code generated by tilmash"))
}

// addHeaderBlock files a comment block standing before the first table:
// tilmash's header, or a translator's notes.
func (c *Catalog) addHeaderBlock(block []string) {
	if len(block) == 0 {
		return
	}
	if c.Header == nil && generatedHeader(block) {
		c.Header = block
		return
	}
	if len(c.HeaderNotes) > 0 {
		c.HeaderNotes = append(c.HeaderNotes, "")
	}
	c.HeaderNotes = append(c.HeaderNotes, block...)
}

// addTail files a comment block after an entry's last key.
func (m *Message) addTail(block []string) {
	if len(block) == 0 {
		return
	}
	if len(m.TailNotes) > 0 {
		m.TailNotes = append(m.TailNotes, "")
	}
	m.TailNotes = append(m.TailNotes, block...)
}

// addKeyNotes files the comment lines standing above one of the entry's keys.
func (m *Message) addKeyNotes(key string, lines []string) {
	if len(lines) == 0 {
		return
	}
	if m.KeyNotes == nil {
		m.KeyNotes = map[string][]string{}
	}
	m.KeyNotes[key] = append(m.KeyNotes[key], lines...)
}

// addLineNote files the comment after a key's value.
func (m *Message) addLineNote(key, note string) {
	if note == "" {
		return
	}
	if m.LineNotes == nil {
		m.LineNotes = map[string]string{}
	}
	m.LineNotes[key] = note
}

// Lookup returns the message with the ID, or nil.
func (c *Catalog) Lookup(id string) *Message {
	if c.index == nil {
		c.index = make(map[string]*Message, len(c.Messages))
		for _, m := range c.Messages {
			c.index[m.ID] = m
		}
	}
	return c.index[id]
}

// FileOf is the file that holds, or would hold, the entry id: where it
// was read, else where Place puts it, else the catalogue's Path.
func (c *Catalog) FileOf(id string) string {
	if m := c.Lookup(id); m != nil && m.Pos.File != "" {
		return m.Pos.File
	}
	if c.Place != nil {
		return c.Place(id)
	}
	return c.Path
}

// Add appends a message.
func (c *Catalog) Add(m *Message) {
	c.Messages = append(c.Messages, m)
	if c.index != nil {
		c.index[m.ID] = m
	}
}

// Error is a problem in a catalogue file, at a position.
type Error struct {
	Pos  Pos    // where it is
	Msg  string // what is wrong
	Hint string // what to do, if known
}

// Error formats the problem as file:line:col: message (hint).
func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

var reserved = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true,
}

// Parse reads a catalogue. The locale comes from the file name, as go-i18n
// takes it ("locales/ru.toml" is Russian). Errors are *Error values with the
// file, line and column. A catalogue another tool rewrote (translate-
// toolkit's go-i18n TOML store, which Weblate saves through; goi18n merge)
// is refused in one error naming the tool (foreign.go), not read as
// missing, obsolete or stale entries.
func Parse(path string, data []byte) (*Catalog, error) {
	base := path[strings.LastIndexByte(path, '/')+1:]
	tag, ok := catpath.Tag(base)
	if !ok {
		return nil, &Error{Pos: Pos{File: path, Line: 1, Col: 1}, Msg: fmt.Sprintf("%q is not named after a locale", base), Hint: "name catalogues <article>.<BCP 47 tag>.toml, such as the-conscript.ru.toml or the-conscript.uz-Latn.toml"}
	}
	if !utf8.Valid(data) {
		line, col := badUTF8(data)
		return nil, &Error{Pos: Pos{File: path, Line: line, Col: col}, Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}
	}
	c, ok := parseFast(path, data, tag)
	if !ok {
		// The general decoder spent minutes and gigabytes on 16,000 nested
		// inline tables; a catalogue has none.
		if e := bound.TOMLDepth(path, 1, data); e != nil {
			return nil, &Error{Pos: Pos{File: e.File, Line: e.Line, Col: e.Col}, Msg: e.Msg, Hint: "a catalogue holds [tables] of text keys only"}
		}
		var err error
		if c, err = parseGeneral(path, data, tag); err != nil {
			return nil, err
		}
	}
	// Another tool's rewrite, named as such: read as go-i18n reads it, it
	// would be every unit missing and twice as many obsolete (foreign.go).
	if e := rewritten(c); e != nil {
		return nil, e
	}
	c.takeMarks()
	if v, line := formatOf(c.Header); v > catpath.Format {
		return nil, &Error{Pos: Pos{File: path, Line: line, Col: 1}, Msg: fmt.Sprintf("a catalogue of format %d, written by a newer tilmash: this one reads formats up to %d", v, catpath.Format), Hint: "upgrade tilmash (tilmash version says which you have); nothing was read or written"}
	}
	if e := goi18nHashed(c, data); e != nil {
		return nil, e
	}
	for _, m := range c.Messages {
		for _, f := range locale.Forms {
			if text, ok := m.Forms[f]; ok && len(text) > MaxText {
				pos := m.Pos
				if p, ok := m.FormPos[f]; ok {
					pos = p
				}
				return nil, &Error{Pos: pos, Msg: fmt.Sprintf("message %q: a text of %d bytes, longer than any unit of an article (at most %d)", m.ID, len(text), MaxText), Hint: "was something pasted by mistake?"}
			}
		}
	}
	return c, nil
}

// MaxText is the longest text a catalogue entry may hold, in bytes: far
// beyond any paragraph, and a bound on what every later step costs.
const MaxText = segment.MaxUnit

// parseGeneral reads any TOML through the general decoder, with a second
// scan for positions and comments.
func parseGeneral(path string, data []byte, tag language.Tag) (*Catalog, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := tomlpos.Position(data, pe)
			e := &Error{Pos: Pos{File: path, Line: line, Col: col}, Msg: "TOML: " + pe.Message, Hint: "fix the syntax; nothing was written"}
			if straightQuoteInside(data, line) {
				e.Msg = "a straight \" inside the text ends it early (" + pe.Message + ")"
				e.Hint = "inside a text, write \\\" for a straight quotation mark, or use the language's own quotes « »"
			}
			if strings.Contains(pe.Message, "has already been defined") {
				if r := rewrittenThenExtracted(path, data); r != nil {
					return nil, r
				}
				e.Hint = "the same key or table is written twice: keep one"
				if first := firstDefinition(data, e.Pos.Line); first > 0 {
					e.Hint += fmt.Sprintf(" (the first is at line %d)", first)
				}
			}
			return nil, e
		}
		return nil, &Error{Pos: Pos{File: path, Line: 1, Col: 1}, Msg: "TOML: " + err.Error()}
	}
	lay := scan(path, data)
	c := &Catalog{Locale: tag, Path: path, Header: lay.top.Header, HeaderNotes: lay.top.HeaderNotes}
	if err := collect(c, raw, "", lay); err != nil {
		return nil, err
	}
	sort.SliceStable(c.Messages, func(i, j int) bool { return c.Messages[i].Pos.Line < c.Messages[j].Pos.Line })
	return c, nil
}

func collect(c *Catalog, v map[string]any, prefix string, lay *layout) error {
	hasReserved, hasOther := false, ""
	for k, val := range v {
		if _, isStr := val.(string); !isStr && reserved[strings.ToLower(k)] {
			if _, isTable := val.(map[string]any); !isTable {
				return &Error{Pos: lay.keyPos(prefix, k), Msg: fmt.Sprintf("%q of message %q is %v, not text", k, prefix, val), Hint: fmt.Sprintf("write text in quotes: %s = %s", k, Quote(fmt.Sprint(val)))}
			}
		}
	}
	for k, val := range v {
		if _, isStr := val.(string); isStr && reserved[strings.ToLower(k)] {
			hasReserved = true
		} else {
			hasOther = k
		}
	}
	if hasReserved && hasOther != "" {
		pos := lay.keyPos(prefix, hasOther)
		return &Error{Pos: pos, Msg: fmt.Sprintf("message %q has key %q, which go-i18n does not accept", prefix, hasOther), Hint: "a message may hold only description, hash and the plural forms zero, one, two, few, many, other; put notes in # comments"}
	}
	if hasReserved && prefix == "" {
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return lay.keyPos(prefix, keys[i]).Line < lay.keyPos(prefix, keys[j]).Line })
		return &Error{Pos: lay.keyPos(prefix, keys[0]), Msg: fmt.Sprintf("%q stands outside any table", keys[0]), Hint: "a message is a table named after its ID, such as [article.title], holding hash and other"}
	}
	if hasReserved {
		m := &Message{ID: prefix, Forms: map[locale.Form]string{}, FormPos: map[locale.Form]Pos{}, Pos: lay.tablePos(prefix)}
		m.Notes, m.Comments = lay.comments(prefix)
		if in := lay.inner[prefix]; in != nil {
			m.KeyNotes, m.LineNotes, m.TailNotes = in.KeyNotes, in.LineNotes, in.TailNotes
		}
		for k, val := range v {
			s := val.(string)
			switch k := strings.ToLower(k); k {
			case "description":
				m.Description = s
			case "hash":
				m.Hash = s
			case "id", "leftdelim", "rightdelim":
				return &Error{Pos: lay.keyPos(prefix, k), Msg: fmt.Sprintf("message %q sets %q, which tilmash does not support", prefix, k), Hint: "the ID is the table name; templates use {{ }}"}
			default:
				m.Forms[locale.Form(k)] = s
				m.FormPos[locale.Form(k)] = lay.keyPos(prefix, k)
				if rv, ok := lay.delims[prefix+"\x00"+k]; ok {
					if m.raw == nil {
						m.raw = map[locale.Form]rawValue{}
					}
					m.raw[locale.Form(k)] = rv
				}
			}
		}
		c.Add(m)
		return nil
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		switch val := v[k].(type) {
		case string: // go-i18n's short form: id = "text"
			m := &Message{ID: id, Forms: map[locale.Form]string{locale.Other: val}, Pos: lay.keyPos(prefix, k)}
			m.FormPos = map[locale.Form]Pos{locale.Other: m.Pos}
			c.Add(m)
		case map[string]any:
			if err := collect(c, val, id, lay); err != nil {
				return err
			}
		default:
			return &Error{Pos: lay.keyPos(prefix, k), Msg: fmt.Sprintf("%q is a %T, not a message", id, val), Hint: "a message is a table of strings or a string"}
		}
	}
	return nil
}

// layout records where tables and keys stand in a catalogue file, and the
// comment lines above each table: what the TOML decoder does not tell.
type layout struct {
	path   string
	top    Catalog             // the header block and the notes before the first table
	tables map[string]int      // table path → line
	keys   map[string]Pos      // table path + "\x00" + key → value position
	delims map[string]rawValue // the same → how the value is written, if not as a basic string
	notes  map[string][]string
	gen    map[string][]string
	inner  map[string]*Message // table path → the translator's comments inside its entry
}

// innerOf returns the holder of the comments inside a table's entry.
func (l *layout) innerOf(table string) *Message {
	m := l.inner[table]
	if m == nil {
		m = &Message{}
		l.inner[table] = m
	}
	return m
}

var (
	tableRe = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$`)
	keyRe   = regexp.MustCompile(`^\s*("[^"]*"|[A-Za-z0-9_-]+)\s*=\s*`)
)

// sectionMark starts the rule Format writes above each article's entries.
const sectionMark = "# ─── "

// generated reports whether a comment line is one tilmash writes.
func generated(line string) bool {
	for _, p := range []string{"#:", "#.", "#>", "#,", "#|"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

func scan(path string, data []byte) *layout {
	lay := &layout{path: path, tables: map[string]int{}, keys: map[string]Pos{}, delims: map[string]rawValue{}, notes: map[string][]string{}, gen: map[string][]string{}, inner: map[string]*Message{}}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	var pending []string
	seenTable := false
	table := ""
	inMulti := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if inMulti {
			if strings.Count(line, `"""`)%2 == 1 || strings.Count(line, `'''`)%2 == 1 {
				inMulti = false
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			if !seenTable {
				lay.top.addHeaderBlock(pending)
			} else {
				lay.innerOf(table).addTail(pending)
			}
			pending = nil
		case strings.HasPrefix(trimmed, sectionMark):
			// a section rule that Format writes; not anyone's note
		case strings.HasPrefix(trimmed, "#"):
			pending = append(pending, trimmed)
		case tableRe.MatchString(line):
			m := tableRe.FindStringSubmatch(line)
			table = normKey(m[1])
			lay.tables[table] = n
			for _, c := range pending {
				if generated(c) {
					lay.gen[table] = append(lay.gen[table], c)
				} else {
					lay.notes[table] = append(lay.notes[table], c)
				}
			}
			pending, seenTable = nil, true
		default:
			if m := keyRe.FindStringSubmatchIndex(line); m != nil {
				key := normKey(line[m[2]:m[3]])
				lay.keys[table+"\x00"+key] = Pos{File: path, Line: n, Col: utf8.RuneCountInString(line[:m[1]]) + 1}
				rest := line[m[1]:]
				in := lay.innerOf(table)
				in.addKeyNotes(key, pending)
				in.addLineNote(key, trailingComment(rest))
				if (strings.HasPrefix(rest, `"""`) && strings.Count(rest, `"""`) == 1) || (strings.HasPrefix(rest, `'''`) && strings.Count(rest, `'''`) == 1) {
					inMulti = true
				}
				switch {
				case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
					lay.delims[table+"\x00"+key] = rawValue{delim: rest[:3], newline: strings.TrimRight(rest[3:], " \t\r") == ""}
				case strings.HasPrefix(rest, `'`):
					lay.delims[table+"\x00"+key] = rawValue{delim: "'"}
				}
			}
			pending = nil
		}
	}
	if seenTable {
		lay.innerOf(table).addTail(pending) // the file's last lines
	} else {
		lay.top.addHeaderBlock(pending)
	}
	return lay
}

// trailingComment returns the comment after a one-line string value (the
// rest of its line after the key's "="), or "".
func trailingComment(rest string) string {
	var end int
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		return "" // a multi-line string: its comments are not kept
	case strings.HasPrefix(rest, `"`):
		_, e, ok := basicString(rest, 1)
		if !ok {
			return ""
		}
		end = e
	case strings.HasPrefix(rest, `'`):
		e := strings.IndexByte(rest[1:], '\'')
		if e < 0 {
			return ""
		}
		end = e + 2
	default:
		return ""
	}
	after := strings.TrimSpace(rest[end:])
	if !strings.HasPrefix(after, "#") {
		return ""
	}
	return after
}

// normKey turns a TOML key as written ("a . b", "\"x\".y") into a dotted path.
func normKey(k string) string {
	var parts []string
	for _, p := range splitKey(k) {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return strings.Join(parts, ".")
}

func splitKey(k string) []string {
	var parts []string
	var b strings.Builder
	quote := rune(0)
	for _, r := range k {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
			b.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
			b.WriteRune(r)
		case r == '.':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	return append(parts, b.String())
}

func (l *layout) tablePos(table string) Pos {
	if n, ok := l.tables[table]; ok {
		return Pos{File: l.path, Line: n, Col: 1}
	}
	return Pos{File: l.path, Line: 1, Col: 1}
}

func (l *layout) keyPos(table, key string) Pos {
	if p, ok := l.keys[table+"\x00"+key]; ok {
		return p
	}
	return l.tablePos(table)
}

func (l *layout) comments(table string) (notes, gen []string) {
	return l.notes[table], l.gen[table]
}

func badUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return
}

// ValuePos returns the file position of the character at byte offset off in
// the text of form f, counting the escapes that Quote writes, so that a
// finding points at the offending word, not just at its line.
func (m *Message) ValuePos(f locale.Form, off int) Pos {
	p, ok := m.FormPos[f]
	if !ok {
		return m.Pos
	}
	s := m.Forms[f]
	if off > len(s) {
		off = len(s)
	}
	rv, ok := m.raw[f]
	if !ok { // a basic string, escaped as Quote escapes it
		p.Col += utf8.RuneCountInString(Quote(s[:off])) - 1
		return p
	}
	before := s[:off]
	if rv.newline {
		p.Line, p.Col = p.Line+1, 1
	} else {
		p.Col += len(rv.delim)
	}
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		p.Line += strings.Count(before, "\n")
		p.Col = 1
		before = before[i+1:]
	}
	p.Col += utf8.RuneCountInString(before)
	return p
}

// firstDefinition finds, for the duplicate key or table at line, the line
// of its first definition: the same table header earlier, or the same key
// earlier in the same table. 0 if not found.
func firstDefinition(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	dup := strings.TrimSpace(lines[line-1])
	if m := tableRe.FindStringSubmatch(dup); m != nil {
		want := normKey(m[1])
		for i := 0; i < line-1; i++ {
			if t := tableRe.FindStringSubmatch(lines[i]); t != nil && normKey(t[1]) == want {
				return i + 1
			}
		}
		return 0
	}
	k := keyRe.FindStringSubmatch(lines[line-1])
	if k == nil {
		return 0
	}
	key := normKey(k[1])
	for i := line - 2; i >= 0; i-- {
		if tableRe.MatchString(lines[i]) {
			return 0 // the table's start: not found in it
		}
		if m := keyRe.FindStringSubmatch(lines[i]); m != nil && normKey(m[1]) == key {
			return i + 1
		}
	}
	return 0
}

// straightQuoteInside reports whether line of data is a key = "text" line
// whose text holds an unescaped straight quotation mark: what a translator
// writes for «нет» on a keyboard without guillemets.
func straightQuoteInside(data []byte, line int) bool {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return false
	}
	l := strings.TrimRight(lines[line-1], " \t\r")
	m := keyRe.FindStringIndex(l)
	if m == nil {
		return false
	}
	v := l[m[1]:]
	if !strings.HasPrefix(v, `"`) || strings.HasPrefix(v, `"""`) {
		return false
	}
	quotes := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			quotes++
		}
	}
	return quotes > 2
}

// Derive computes the catalogue of locale tag from src through transform:
// every message with the same ID, hash, positions and comments, its text
// transformed (tags and placeholders kept). It is complete and up to date
// exactly when src is.
func Derive(src *Catalog, tag language.Tag, transform string, text func(string) string) *Catalog {
	out := &Catalog{Locale: tag, Path: src.Path, Place: src.Place, DerivedFrom: src.Locale, Transform: transform}
	for _, m := range src.Messages {
		dm := &Message{ID: m.ID, Description: m.Description, Hash: m.Hash, Notes: m.Notes, Comments: m.Comments, Pos: m.Pos, FormPos: m.FormPos, Forms: make(map[locale.Form]string, len(m.Forms))}
		for f, s := range m.Forms {
			dm.Forms[f] = text(s)
		}
		out.Add(dm)
	}
	return out
}

// Derived reports whether the catalogue is computed from another locale's.
func (c *Catalog) Derived() bool { return c.DerivedFrom != language.Und }

// Override replaces the computed text of a derived catalogue's units with
// the translations of overrides (locales/kk-Latn.toml: a foreign name or an
// abbreviation the transform gets wrong), each where its hash is that of
// the unit's English in src now, as any translation's. It returns the
// overrides that are stale (made for other English), which are not
// applied. overrides may be nil.
func (c *Catalog) Override(overrides, src *Catalog) []*Message {
	if overrides == nil || src == nil {
		return nil
	}
	var stale []*Message
	for _, om := range overrides.Messages {
		m, sm := c.Lookup(om.ID), src.Lookup(om.ID)
		if m == nil || sm == nil || !om.Translated() {
			continue
		}
		if om.Hash != sm.Hash {
			stale = append(stale, om)
			continue
		}
		forms := make(map[locale.Form]string, len(m.Forms))
		for f, s := range m.Forms {
			forms[f] = s
		}
		for f, s := range om.Forms {
			if s != "" {
				forms[f] = s
			}
		}
		m.Forms, m.Pos, m.FormPos = forms, om.Pos, om.FormPos
		c.Overrides = append(c.Overrides, om)
	}
	return stale
}

// formatOf reads the format a tilmash header declares (catpath.FormatLine),
// and the line that says it: 1, the format before there was one, when it
// says none.
func formatOf(header []string) (v, line int) {
	for i, h := range header {
		rest, ok := strings.CutPrefix(h, catpath.FormatLine)
		if !ok {
			continue
		}
		digits := rest[:len(rest)-len(strings.TrimLeft(rest, "0123456789"))]
		if n, err := strconv.Atoi(digits); err == nil {
			return n, i + 1
		}
	}
	return 1, 1
}
