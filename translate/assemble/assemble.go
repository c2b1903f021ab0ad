package assemble

import (
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/datefmt"
	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/htmltext"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/placeholder"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/translit"
)

// Text is a unit's text in an edition.
type Text struct {
	Unit  string        // the unit's ID
	Nodes []markup.Node // the text with its inline markup
	Lang  string        // "" when in the edition's language, else the fallback's tag ("en")
	Stale bool          // the translation was made from older English

	rejected *Error // why the translation is not shown, if it was rejected
}

// Block is a block of an edition: the article's block with its text.
type Block struct {
	segment.Block         // the structure: kind, level, class…
	Text          *Text   // the block's text, if it has one
	Children      []Block // the blocks inside a list, item or quote
}

// HTML is an editor's HTML block as the edition has it: its literal, with
// each run of words and each readable attribute (the block's children,
// package htmltext) written in the edition's language at its place, every
// other byte as the editor wrote it. mark, when not nil, wraps the words
// written for a run of a unit (the preview marks them).
func (b Block) HTML(mark func(unit, words string) string) string {
	if len(b.Children) == 0 {
		return b.Literal
	}
	var out strings.Builder
	at := 0
	for _, c := range b.Children {
		start, end := c.Place.Start, c.Place.End
		if c.Text == nil || start < at || end > len(b.Literal) {
			continue
		}
		out.WriteString(b.Literal[at:start])
		switch {
		case c.Kind == segment.HTMLAttrBlock:
			out.WriteString(htmltext.Attr{Quote: c.Span.Quote}.Write(markup.PlainText(c.Text.Nodes)))
		case mark != nil && c.Text.Unit != "":
			out.WriteString(mark(c.Text.Unit, htmltext.Text(c.Text.Nodes)))
		default:
			out.WriteString(htmltext.Text(c.Text.Nodes))
		}
		at = end
	}
	out.WriteString(b.Literal[at:])
	return out.String()
}

// Stats counts an edition's units by state.
type Stats struct {
	Units      int // translatable units
	Translated int // in the edition's language and up to date
	Stale      int // translated from older English (shown in English or under revision)
	// UnderRevision counts the stale units shown in their earlier
	// translation (the "keep" stale policy), awaiting revision.
	UnderRevision int
	Fallback      int      // missing: shown in English
	Words         int      // words of the edition's text
	Missing       []string // the IDs of the units with no translation (shown in English)
	StaleUnits    []string // the IDs of the units whose translation is stale
	// Rejected are the units whose translation cannot be published (a
	// check rejected it, or it does not render): shown in English, like
	// missing ones, each with what is wrong at its catalogue position.
	Rejected []*Error
}

// Incomplete reports whether any unit is shown in English instead of the
// edition's language.
func (s Stats) Incomplete() bool { return s.Fallback > 0 }

// Edition is one article in one locale, ready to render.
type Edition struct {
	Locale language.Tag           // the edition's language
	Slug   string                 // the article's slug: the file name of every format
	Date   string                 // ISO 8601 date of publication
	Meta   map[segment.Kind]*Text // masthead, headline, byline and note, by kind
	Params map[string]any         // front-matter fields tilmash does not read, as decoded (for the checks)
	// FrontMatter is the article's front matter as its file writes it;
	// the Markdown edition writes it back with Fields in place
	// (FrontMatter.Rewrite).
	FrontMatter *frontmatter.Doc
	Fields      []Field // the front-matter values that are units, with their text in this edition
	// Aliases are the names the article had before it was renamed: the
	// Markdown edition adds them to its front matter's aliases, which a
	// site generator (Hugo) makes into pages that lead to this one.
	Aliases []string
	// Reader are the project's own words to this language's readers
	// (tilmash.toml's [locales.X.reader]), over tilmash's (package reader).
	Reader reader.Words
	Blocks []Block // the body
	Stats  Stats   // how complete the edition is
	// Source is the article's file as the editor wrote it, and BodyStart
	// where its body starts: the Markdown edition is the source with each
	// block's text (at its Span) replaced by the edition's.
	Source    []byte
	BodyStart int
	TitleSpan segment.Span // a first heading repeating the title, which takes the headline
}

// Field is a front-matter value that is a unit, with its text in an
// edition.
type Field struct {
	Path string // the value's dotted path in the front matter (segment.Field)
	Text *Text  // its text in the edition
}

// Error is a message that cannot be rendered, at its catalogue position.
type Error struct {
	Pos  catalog.Pos // the translation's position in its catalogue
	Unit string      // the unit's ID
	Err  error       // what went wrong
}

// Error formats the problem as file:line:col: unit: what went wrong.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s: %v", e.Pos, e.Unit, e.Err) }

// Unwrap returns what went wrong.
func (e *Error) Unwrap() error { return e.Err }

// Options change how an edition is assembled.
type Options struct {
	// SourceForStale shows the English for a unit whose translation is
	// stale, marked like a missing one, instead of the outdated translation.
	SourceForStale bool
	// Reject names units whose translation must not be published (the
	// checks found an error in it), with what is wrong: they are shown in
	// English and listed in Stats.Rejected.
	Reject map[string]*Error
}

// Assemble builds the article's edition in target's locale. src is the source
// catalogue; target may be src itself, for the English edition.
func Assemble(a *segment.Article, src, target *catalog.Catalog, opts Options) (*Edition, error) {
	asm := &assembler{
		opts:   opts,
		art:    a,
		src:    newLocalizer(src, a),
		target: newLocalizer(target, a),
		tag:    target.Locale,
		cache:  map[string]*Text{},
		attrs:  inlineAttrs(a.Blocks),
	}
	ed := &Edition{Locale: target.Locale, Slug: a.Slug, Date: a.Meta.Date, Params: a.Meta.Params, FrontMatter: a.Meta.FrontMatter, Meta: map[segment.Kind]*Text{}, Source: a.Source, BodyStart: a.BodyStart, TitleSpan: a.TitleSpan}
	for kind, i := range a.Meta.Units {
		t, err := asm.text(i)
		if err != nil {
			return nil, err
		}
		ed.Meta[kind] = t
	}
	for _, f := range a.Meta.Fields {
		t, err := asm.text(f.Unit)
		if err != nil {
			return nil, err
		}
		ed.Fields = append(ed.Fields, Field{Path: f.Path, Text: t})
	}
	if ed.Meta[segment.Date] == nil && a.Meta.Date != "" {
		// No date_text: the date as the edition's language writes it (CLDR).
		if s, err := datefmt.Format(formatTag(target), a.Meta.Date); err == nil {
			if target.Derived() { // the source locale's date, transformed
				if t, err := translit.Lookup(target.Transform); err == nil {
					s = t.Text(s)
				}
			}
			ed.Meta[segment.Date] = &Text{Nodes: []markup.Node{{Kind: markup.Text, Text: s}}}
		}
	}
	var err error
	if ed.Blocks, err = asm.blocks(a.Blocks); err != nil {
		return nil, err
	}
	for i := range a.Units {
		u := &a.Units[i]
		t, err := asm.text(i)
		if err != nil {
			return nil, err
		}
		ed.Stats.Units++
		if u.Kind != segment.Name { // a name is counted where its heading uses it
			ed.Stats.Words += CountWords(markup.PlainText(t.Nodes))
		}
		switch {
		case t.rejected != nil:
			ed.Stats.Fallback++
			ed.Stats.Rejected = append(ed.Stats.Rejected, t.rejected)
		case t.Stale:
			ed.Stats.Stale++
			ed.Stats.StaleUnits = append(ed.Stats.StaleUnits, u.ID)
			if t.Lang != "" {
				ed.Stats.Fallback++
			} else {
				ed.Stats.UnderRevision++
			}
		case t.Lang != "":
			ed.Stats.Fallback++
			ed.Stats.Missing = append(ed.Stats.Missing, u.ID)
		default:
			ed.Stats.Translated++
		}
	}
	return ed, nil
}

// formatTag is the locale whose CLDR data formats a catalogue's numbers,
// dates and plurals: its own, or for a derived locale (kk-Latn, which CLDR
// lacks) its source locale's (kk).
func formatTag(c *catalog.Catalog) language.Tag {
	if c.Derived() {
		return c.DerivedFrom
	}
	return c.Locale
}

type localizer struct {
	cat *catalog.Catalog
	loc *i18n.Localizer
}

// newLocalizer makes a go-i18n Localizer for the messages of c that
// article a uses: only those, so that an edition costs the size of its
// article, not of the whole catalogue.
func newLocalizer(c *catalog.Catalog, a *segment.Article) *localizer {
	bundle := i18n.NewBundle(formatTag(c))
	for i := range a.Units {
		m := c.Lookup(a.Units[i].ID)
		if m == nil || !m.Translated() || codeIn(m) != nil {
			continue // a message with template code is never executed
		}
		msg := &i18n.Message{ID: m.ID, Hash: m.Hash, Description: m.Description,
			Zero: m.Forms[locale.Zero], One: m.Forms[locale.One], Two: m.Forms[locale.Two],
			Few: m.Forms[locale.Few], Many: m.Forms[locale.Many], Other: m.Forms[locale.Other]}
		_ = bundle.AddMessages(formatTag(c), msg) // only fails for a tag without plural rules
	}
	return &localizer{cat: c, loc: i18n.NewLocalizer(bundle, formatTag(c).String())}
}

type assembler struct {
	opts        Options
	art         *segment.Article
	src, target *localizer
	tag         language.Tag
	cache       map[string]*Text
	attrs       map[int][]segment.Block // the readable attributes of each unit's inline markup (inlineAttrs)
}

// inlineAttrs finds, for each unit of blocks, the blocks of the readable
// attributes of its inline markup (a link's title, the alt of inline
// HTML: the children with a Tag), those of one tag last place first.
func inlineAttrs(blocks []segment.Block) map[int][]segment.Block {
	out := map[int][]segment.Block{}
	var walk func([]segment.Block)
	walk = func(bs []segment.Block) {
		for _, b := range bs {
			for _, c := range b.Children {
				if c.Tag != "" && b.Unit >= 0 && c.Unit >= 0 {
					out[b.Unit] = append(out[b.Unit], c)
				}
			}
			walk(b.Children)
		}
	}
	walk(blocks)
	for _, kids := range out {
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].Place.Start > kids[j].Place.Start })
	}
	return out
}

// tags are the tags of unit i's message, each with its readable
// attributes in the edition's language: a link's or an image's title,
// the values of inline HTML's alt, title, aria-label…, each a unit of its
// own (its text, or the English where it has none).
func (asm *assembler) tags(i int) (markup.Tags, error) {
	u := &asm.art.Units[i]
	kids := asm.attrs[i]
	if len(kids) == 0 {
		return u.Tags, nil
	}
	tags := maps.Clone(u.Tags)
	for _, k := range kids {
		t, err := asm.text(k.Unit)
		if err != nil {
			return nil, err
		}
		value := markup.PlainText(t.Nodes)
		n, ok := tags[k.Tag]
		switch {
		case !ok:
		case k.Kind == segment.TitleBlock && (n.Kind == markup.Link || n.Kind == markup.Image):
			n.Title = value
		case k.Kind == segment.HTMLAttrBlock && n.Kind == markup.HTML && k.Place.Start <= k.Place.End && k.Place.End <= len(n.Text):
			n.Text = n.Text[:k.Place.Start] + htmltext.Attr{Quote: k.Span.Quote}.Write(value) + n.Text[k.Place.End:]
		}
		tags[k.Tag] = n
	}
	return tags, nil
}

func (asm *assembler) blocks(bs []segment.Block) ([]Block, error) {
	var out []Block
	for _, b := range bs {
		eb := Block{Block: b}
		if b.Unit >= 0 {
			t, err := asm.text(b.Unit)
			if err != nil {
				return nil, err
			}
			eb.Text = t
		} else if b.Kind == segment.FigureBlock {
			eb.Text = &Text{} // a photograph without a caption: no words to show
		}
		kids, err := asm.blocks(b.Children)
		if err != nil {
			return nil, err
		}
		eb.Children = kids
		if b.Kind == segment.FigureBlock {
			for _, k := range kids { // the photo's title, in the edition's language
				if k.Kind == segment.TitleBlock && k.Tag == "" && k.Text != nil {
					eb.Title = markup.PlainText(k.Text.Nodes)
				}
			}
		}
		out = append(out, eb)
	}
	return out, nil
}

// text renders unit i in the edition's locale, falling back to English for
// a unit that is missing, rejected, or stale when the options say so.
func (asm *assembler) text(i int) (*Text, error) {
	u := &asm.art.Units[i]
	if t, ok := asm.cache[u.ID]; ok {
		return t, nil
	}
	src := asm.src.cat.Lookup(u.ID)
	if src == nil {
		return nil, &Error{Pos: catalog.Pos(u.Pos), Unit: u.ID, Err: fmt.Errorf("not in the source catalogue %s: run tilmash extract", asm.src.cat.Path)}
	}
	t := &Text{Unit: u.ID}
	if m := asm.target.cat.Lookup(u.ID); asm.target != asm.src && m != nil && m.Translated() {
		t.Stale = src.Hash != m.Hash
		switch rej := asm.opts.Reject[u.ID]; {
		case rej != nil:
			t.rejected = rej
		case codeIn(m) != nil:
			t.rejected = codeIn(m)
		case t.Stale && asm.opts.SourceForStale:
		case t.Stale && catalog.NumberChange(formatTag(asm.target.cat), m.Previous(), src) != "":
			// Made for a number in another plural category: its noun's
			// form is wrong now (1 321 «домохозяйств»), whatever the
			// stale policy. The English until it is revised.
		default:
			nodes, err := asm.render(asm.target, m, u, i)
			if err == nil {
				t.Nodes = nodes
				asm.cache[u.ID] = t
				return t, nil
			}
			t.rejected = err
		}
	}
	nodes, err := asm.render(asm.src, src, u, i)
	if err != nil {
		return nil, err
	}
	t.Nodes = nodes
	if asm.target != asm.src {
		t.Lang = locale.Source.String()
	}
	asm.cache[u.ID] = t
	return t, nil
}

// codeIn returns an *Error for the first plural form of m that holds
// template code (anything but {{.Name}} placeholders), or nil.
func codeIn(m *catalog.Message) *Error {
	for _, f := range locale.Forms {
		text, ok := m.Forms[f]
		if !ok {
			continue
		}
		if _, err := placeholder.Scan(text); err != nil {
			pos := m.Pos
			if p, ok := m.FormPos[f]; ok {
				pos = p
			}
			return &Error{Pos: pos, Unit: m.ID, Err: err}
		}
	}
	return nil
}

// render executes message m of unit u (the article's unit i) through l's
// go-i18n Localizer and decodes its markup, its tags' readable attributes
// in the edition's language. A failure is an *Error at the message's
// position.
func (asm *assembler) render(l *localizer, m *catalog.Message, u *segment.Unit, i int) ([]markup.Node, *Error) {
	data := map[string]any{}
	for name, v := range u.Vars {
		if v.Ref != "" {
			j := asm.unitIndex(v.Ref)
			if j < 0 {
				return nil, &Error{Pos: catalog.Pos(u.Pos), Unit: u.ID, Err: fmt.Errorf("{{.%s}} refers to unknown unit %s", name, v.Ref)}
			}
			ref, err := asm.text(j)
			if err != nil {
				return nil, &Error{Pos: catalog.Pos(u.Pos), Unit: u.ID, Err: err}
			}
			data[name] = markup.Escape(markup.PlainText(ref.Nodes))
			continue
		}
		data[name] = locale.FormatInt(formatTag(l.cat), v.Number)
	}
	cfg := &i18n.LocalizeConfig{MessageID: u.ID, TemplateData: data}
	if u.Count != "" {
		cfg.PluralCount = int(u.Vars[u.Count].Number)
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return nil, &Error{Pos: m.Pos, Unit: u.ID, Err: err}
	}
	tags, terr := asm.tags(i)
	if terr != nil {
		return nil, &Error{Pos: catalog.Pos(u.Pos), Unit: u.ID, Err: terr}
	}
	nodes, err := markup.Decode(s, tags)
	if err != nil {
		pos := m.Pos
		if p, ok := m.FormPos[locale.Other]; ok {
			pos = p
		}
		return nil, &Error{Pos: pos, Unit: u.ID, Err: err}
	}
	return nodes, nil
}

func (asm *assembler) unitIndex(id string) int {
	for i := range asm.art.Units {
		if asm.art.Units[i].ID == id {
			return i
		}
	}
	return -1
}
