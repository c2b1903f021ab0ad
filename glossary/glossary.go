package glossary

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/tomlpos"
	"github.com/tilmash/tilmash/translate/locale"
)

// Pos is a place in a glossary file: line and column counted from 1, the
// column in characters (not bytes). It has the fields of segment.Pos, to
// which it converts, and prints as it does: file:line:col.
type Pos struct {
	File string // path as the user gave it, with forward slashes
	Line int    // line, from 1
	Col  int    // column in characters, from 1
}

// String formats the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Entry is one term of the glossary.
type Entry struct {
	Term           string                // the English term, as the articles write it
	Variants       []string              // other English spellings (mobilization)
	POS            string                // part of speech: noun, adjective, verb, name, phrase
	Proper         bool                  // a proper name (person, place, publication)
	Loanword       bool                  // a word borrowed from another language (kvartira)
	DoNotTranslate bool                  // keep the English as it is (a publication's name)
	Note           string                // the decision and why, for translators
	Locales        map[string]*Rendering // by locale tag
	Pos            Pos                   // the entry's [[term]] line
	re             *regexp.Regexp
	needles        []string // the first word of the term and of each variant, in lower case: see mayOccur
}

// Rendering is how an entry is rendered in one locale.
type Rendering struct {
	Approved  []string // approved renderings, as lemmas; any one satisfies the entry
	Also      []string // renderings that must appear as well (a gloss)
	Forbidden []string // renderings that must not appear anywhere
	Note      string   // the locale's own decision
}

// Glossary is every entry of the glossary files.
type Glossary struct {
	Entries []*Entry

	found sync.Map // English text → []Occurrence: Find's answers, shared by the locales

	once    sync.Once
	derived *derived // what is derived from the entries, shared with Fresh copies
}

// derived is what the users of a glossary derive from its entries and
// keep for as long as the entries live, by key: the glossary check's
// index of each locale's renderings (package check), whose memory of the
// words met is what makes the check cheap, and is the language's words,
// not the archive's.
type derived struct {
	mu    sync.Mutex
	byKey map[any]any
}

// shared returns the glossary's derived values, made once.
func (g *Glossary) shared() *derived {
	g.once.Do(func() {
		if g.derived == nil {
			g.derived = &derived{byKey: map[any]any{}}
		}
	})
	return g.derived
}

// Derived returns the value g and its Fresh copies keep under key (a
// comparable value of a type of the caller's own), made by build the first
// time it is asked for: what a user of the glossary derives from its
// entries once for all of them, such as the glossary check's index of a
// locale's renderings. Calls wait for each other while build runs. Do not
// change Entries after the first call.
func Derived[T any](g *Glossary, key any, build func() T) T {
	d := g.shared()
	d.mu.Lock()
	defer d.mu.Unlock()
	if v, ok := d.byKey[key]; ok {
		return v.(T)
	}
	v := build()
	d.byKey[key] = v
	return v
}

// rawEntry is an entry as written in TOML.
type rawEntry struct {
	En       string                  `toml:"en"`
	Variants []string                `toml:"variants"`
	POS      string                  `toml:"pos"`
	Flags    []string                `toml:"flags"`
	Note     string                  `toml:"note"`
	Locales  map[string]rawRendering `toml:"-"`
}

type rawRendering struct {
	Approved  []string `toml:"approved"`
	Also      []string `toml:"also"`
	Forbidden []string `toml:"forbidden"`
	Note      string   `toml:"note"`
}

// Error is a problem in a glossary file.
type Error struct {
	Pos Pos    // where
	Msg string // what is wrong and what to do
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

var (
	knownPOS   = map[string]bool{"noun": true, "adjective": true, "verb": true, "name": true, "phrase": true}
	knownFlags = map[string]bool{"proper": true, "loanword": true, "do-not-translate": true}
)

// Parse reads one glossary file.
func Parse(file string, data []byte) (*Glossary, error) {
	var doc struct {
		Term []map[string]any `toml:"term"`
	}
	if e := bound.TOMLDepth(file, 1, data); e != nil { // before the decoder, which takes minutes on it
		return nil, &Error{Pos{File: e.File, Line: e.Line, Col: e.Col}, e.Msg + " (a glossary holds [[term]] tables of texts and lists of texts: write them with fewer levels)"}
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := tomlpos.Position(data, pe)
			return nil, &Error{Pos{File: file, Line: line, Col: col}, "TOML: " + pe.Message}
		}
		line, msg := tomlpos.Decoding(err) // a value of the wrong type
		return nil, &Error{Pos{File: file, Line: max(line, 1), Col: 1}, msg + ": entries are [[term]] tables"}
	}
	for _, k := range md.Undecoded() {
		if k[0] != "term" {
			return nil, &Error{Pos{File: file, Line: 1, Col: 1}, fmt.Sprintf("unknown key %q: entries are [[term]] tables", k)}
		}
	}
	lines := termLines(data)
	g := &Glossary{}
	for i, raw := range doc.Term {
		pos := Pos{File: file, Line: 1, Col: 1}
		if i < len(lines) {
			pos.Line = lines[i]
		}
		e, err := entry(raw, pos)
		if err != nil {
			return nil, err
		}
		g.Entries = append(g.Entries, e)
	}
	return g, nil
}

// termLines returns the line of each [[term]] header.
func termLines(data []byte) []int {
	var lines []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "[[term]]" {
			lines = append(lines, i+1)
		}
	}
	return lines
}

func entry(raw map[string]any, pos Pos) (*Entry, error) {
	e := &Entry{Pos: pos, Locales: map[string]*Rendering{}}
	fail := func(format string, args ...any) (*Entry, error) {
		return nil, &Error{pos, fmt.Sprintf(format, args...)}
	}
	str := func(k string) (string, error) {
		v, ok := raw[k]
		if !ok {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", &Error{pos, fmt.Sprintf("%s must be a string", k)}
		}
		return s, nil
	}
	strs := func(m map[string]any, k string) ([]string, error) {
		v, ok := m[k]
		if !ok {
			return nil, nil
		}
		list, ok := v.([]any)
		if !ok {
			return nil, &Error{pos, fmt.Sprintf("%s must be a list of strings, such as [\"квартира\"]", k)}
		}
		var out []string
		for _, x := range list {
			s, ok := x.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, &Error{pos, fmt.Sprintf("%s must hold non-empty strings", k)}
			}
			out = append(out, s)
		}
		return out, nil
	}
	var err error
	for k, v := range raw {
		switch k {
		case "en":
			e.Term, err = str(k)
		case "note":
			e.Note, err = str(k)
		case "pos":
			e.POS, err = str(k)
			if err == nil && !knownPOS[e.POS] {
				return fail("pos %q is not one of noun, adjective, verb, name, phrase", e.POS)
			}
		case "variants":
			e.Variants, err = strs(raw, k)
		case "flags":
			var flags []string
			if flags, err = strs(raw, k); err == nil {
				for _, f := range flags {
					switch f {
					case "proper":
						e.Proper = true
					case "loanword":
						e.Loanword = true
					case "do-not-translate":
						e.DoNotTranslate = true
					default:
						return fail("flag %q is not one of proper, loanword, do-not-translate", f)
					}
				}
			}
		default:
			tag, perr := locale.Parse(k)
			m, ok := v.(map[string]any)
			if perr != nil || !ok {
				return fail("unknown key %q: an entry has en, variants, pos, flags, note, and a table per locale ([term.ru])", k)
			}
			r := &Rendering{}
			for rk := range m {
				switch rk {
				case "approved", "also", "forbidden", "note":
				default:
					return fail("[term.%s] has unknown key %q (approved, also, forbidden, note)", k, rk)
				}
			}
			if r.Approved, err = strs(m, "approved"); err != nil {
				return nil, err
			}
			if r.Also, err = strs(m, "also"); err != nil {
				return nil, err
			}
			if r.Forbidden, err = strs(m, "forbidden"); err != nil {
				return nil, err
			}
			if n, ok := m["note"].(string); ok {
				r.Note = n
			}
			e.Locales[tag.String()] = r
		}
		if err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(e.Term) == "" {
		return fail("entry has no English term: add en = \"…\"")
	}
	if e.POS == "" {
		return fail("entry %q has no part of speech: add pos = \"noun\" (or adjective, verb, name, phrase)", e.Term)
	}
	e.re = englishPattern(e)
	for _, f := range append([]string{e.Term}, e.Variants...) {
		first, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(f)), " ")
		e.needles = append(e.needles, first)
	}
	return e, nil
}

// mayOccur reports whether lower (a text in lower case) may hold the term:
// it holds the first word of the term or of a variant. A cheap filter
// before the regular expression, which most texts fail.
func (e *Entry) mayOccur(lower string) bool {
	for _, n := range e.needles {
		if strings.Contains(lower, n) {
			return true
		}
	}
	return false
}

// englishPattern matches the term and its variants in English text, with
// plural and possessive endings, at word boundaries, ignoring case.
func englishPattern(e *Entry) *regexp.Regexp {
	forms := append([]string{e.Term}, e.Variants...)
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	var alts []string
	for _, f := range forms {
		alts = append(alts, strings.ReplaceAll(regexp.QuoteMeta(f), `\ `, `\s+`))
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)(?:s|es|'s|’s)?\b`)
}

// Merge adds the entries of other, failing on a term defined twice.
func (g *Glossary) Merge(other *Glossary) error {
	seen := map[string]*Entry{}
	for _, e := range g.Entries {
		seen[strings.ToLower(e.Term)] = e
	}
	for _, e := range other.Entries {
		if prev, dup := seen[strings.ToLower(e.Term)]; dup {
			return &Error{e.Pos, fmt.Sprintf("%q is already defined at %s: merge the two entries", e.Term, prev.Pos)}
		}
		seen[strings.ToLower(e.Term)] = e
		g.Entries = append(g.Entries, e)
	}
	return nil
}

// Occurrence is a glossary term found in English text.
type Occurrence struct {
	Entry      *Entry
	Start, End int // byte offsets in the text
}

// Find returns the glossary terms in English text, longest first where
// terms overlap, in text order.
//
// The answer for a text is kept: every locale's check asks about the same
// English. Do not change Entries after the first call.
func (g *Glossary) Find(text string) []Occurrence {
	if occ, ok := g.found.Load(text); ok {
		return occ.([]Occurrence)
	}
	occ := g.find(text)
	g.found.Store(text, occ)
	return occ
}

func (g *Glossary) find(text string) []Occurrence {
	var all []Occurrence
	lower := strings.ToLower(text)
	for _, e := range g.Entries {
		if !e.mayOccur(lower) {
			continue // the regular expression would find nothing: skip it
		}
		for _, loc := range e.re.FindAllStringIndex(text, -1) {
			all = append(all, Occurrence{e, loc[0], loc[1]})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		li, lj := all[i].End-all[i].Start, all[j].End-all[j].Start
		if li != lj {
			return li > lj
		}
		return all[i].Start < all[j].Start
	})
	var kept []Occurrence
	for _, o := range all {
		overlap := false
		for _, k := range kept {
			if o.Start < k.End && k.Start < o.End {
				overlap = true
				break
			}
		}
		if !overlap {
			kept = append(kept, o)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}

// Sorted returns the entries in the alphabetical order of tag's language:
// by the first approved rendering in that locale (entries without one by
// their English term), collated by x/text, so Kazakh sorts ә after а and
// ғ after г as a Kazakh dictionary does.
func (g *Glossary) Sorted(tag language.Tag) []*Entry {
	key := func(e *Entry) string {
		if r := e.Locales[tag.String()]; r != nil && len(r.Approved) > 0 {
			return r.Approved[0]
		}
		return e.Term
	}
	col := collate.New(tag, collate.IgnoreCase)
	out := append([]*Entry(nil), g.Entries...)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(key(out[i]), key(out[j])) < 0 })
	return out
}

// Load reads every *.toml file of a glossary folder through read, in name
// order, and merges them.
func Load(names []string, read func(string) ([]byte, error)) (*Glossary, error) {
	g := &Glossary{}
	sort.Strings(names)
	for _, n := range names {
		if path.Ext(n) != ".toml" {
			continue
		}
		data, err := read(n)
		if err != nil {
			return nil, err
		}
		part, err := Parse(n, data)
		if err != nil {
			return nil, err
		}
		if err := g.Merge(part); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Fresh returns a glossary of the same entries with an empty memory of
// Find's answers: one for each part of an archive (package archive), so
// that the memory holds one part's texts, not the archive's. What is
// Derived from the entries (the indexes of renderings, whose memory is of
// words) is shared.
func (g *Glossary) Fresh() *Glossary {
	return &Glossary{Entries: g.Entries, derived: g.shared()}
}
