package segment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"

	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/htmltext"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/sitecode"
)

// BlockKind says what a block of the document is.
type BlockKind string

// The kinds of block.
const (
	HeadingBlock   BlockKind = "heading"
	ParagraphBlock BlockKind = "paragraph"
	FigureBlock    BlockKind = "figure"
	ListBlock      BlockKind = "list"
	ItemBlock      BlockKind = "item"
	QuoteBlock     BlockKind = "quote"
	CodeBlock      BlockKind = "code"
	HTMLBlock      BlockKind = "html"
	RuleBlock      BlockKind = "rule"
	TableBlock     BlockKind = "table"     // a GFM table: its rows in Children, the first the header
	RowBlock       BlockKind = "row"       // a table row: its cells; Class "header" for the first
	CellBlock      BlockKind = "cell"      // a table cell: its text, Align
	DefListBlock   BlockKind = "deflist"   // a definition list: terms and descriptions, in order
	TermBlock      BlockKind = "term"      // a term of a definition list: its text
	DescBlock      BlockKind = "desc"      // a description: its blocks
	FootnotesBlock BlockKind = "footnotes" // the article's footnotes, at its end
	FootnoteBlock  BlockKind = "footnote"  // one footnote: Label, its blocks
	TemplateBlock  BlockKind = "template"  // a site generator's code alone in a paragraph: Literal, its translated parameters in Children
	HTMLTextBlock  BlockKind = "htmltext"  // words in an editor's HTML block (a child of the block): its text
	HTMLAttrBlock  BlockKind = "htmlattr"  // a readable attribute of an editor's HTML (alt, title): Label, its text
	ParamBlock     BlockKind = "param"     // a translated parameter of a shortcode: Label (its key), its text
	// TitleBlock is the title of a link or an image (a child of the block
	// whose text holds it, Tag naming its tag there; a figure's own
	// image's has none): its text, which the editions write as the
	// tag's title. Span, where set, is the title as a reference link's
	// definition writes it ([ref]: /u "Title"), Span.Quote its opening
	// mark.
	TitleBlock BlockKind = "title"
)

// DefaultShortcodeParams are the parameters of a shortcode (Hugo's, Zola's)
// or a tag (Liquid's, Nunjucks') whose values a reader sees, and which are
// therefore translated unless tilmash.toml says otherwise (Hugo's figure
// takes caption, alt and title; many themes' shortcodes and Jekyll's
// includes a title, a summary or a text).
var DefaultShortcodeParams = []string{"caption", "alt", "title", "summary", "text", "label"}

// Block is one block of an article's structure. Text lives in units; a block
// points at its unit by index, so units can be renamed without touching blocks.
type Block struct {
	Kind     BlockKind // what the block is
	Level    int       // heading level, 1–6
	Class    string    // "profile", "question" or "answer" where the convention applies
	Unit     int       // index in Article.Units of the block's text, or -1
	NameUnit int       // for a profile heading: index of the name unit, else -1
	Src      string    // a figure's image address (may be empty: no photograph)
	Title    string    // a figure's image title, as a reader sees it: escapes and references resolved ("" if none)
	ID       string    // a heading's own id ({#id}), for links to it
	// Anchor is the id site generators give a heading without one of its
	// own, from its English words (Hugo's and GitHub's: "Part one" is
	// part-one; a second one is part-one-1): links to it (#part-one) work in
	// every locale's edition, whose words differ.
	Anchor   string
	Align    string  // a table cell's alignment: "left", "center", "right" or ""
	Check    string  // a task list item's box: "done" or "open"; "" for none
	Label    string  // a footnote's label (the 1 of [^1]; its number is its place in FootnotesBlock), a parameter's key, an attribute's name
	Literal  string  // the text of a code or HTML block, never translated
	Info     string  // a fenced code block's info string
	Ordered  bool    // for lists: numbered
	Start    int     // for ordered lists: the first number
	Tight    bool    // for lists: items without blank lines between them
	Children []Block // the blocks inside a list, item or quote; a text's readable attributes (Tag)
	// Tag, for a readable attribute of the inline markup of its parent's
	// text (a TitleBlock, an HTMLAttrBlock of inline HTML), names the tag
	// of the parent unit's message it belongs to: "a1", "img1", "html2".
	// The editions write the attribute's text into that tag's data.
	Tag string
	// Span is where the block's text stands in Article.Source: what the
	// Markdown edition of another language replaces with the
	// translation, every byte around it kept as the editor wrote it.
	Span Span
	// Place is where the text of an HTML block's child (a run of words, a
	// readable attribute) stands in the block's Literal; for an attribute
	// of inline HTML (Tag), where its value stands in the tag's text.
	Place Span
	Pos   Pos // a figure's or an HTML block's place in the file (its warnings are there)
}

// Span is a stretch of an article's source text that a translation
// replaces: bytes [Start, End) of Article.Source (the zero Span: none).
// Cont is what a line of the text after the first starts with, where the
// text runs over several lines (a block quote's "> ", a list item's
// indentation). Whole says the stretch is the whole Markdown of the block
// (a figure's image, written anew), not only its text.
type Span struct {
	Start, End int
	Cont       string
	Whole      bool
	// Quote, when set, says the stretch is a value written inside this
	// quotation mark: a shortcode parameter's ('"' or '`'), an HTML
	// attribute's ('"' or '\''), a Markdown title's ('"', '\'' or '(');
	// the translation is written there as plain text, escaped as the
	// syntax needs.
	Quote byte
	// Param, when set, says the stretch is the value of a parameter of a
	// site generator's code (a Hugo, Liquid or Zola caption="…"), and how
	// it is quoted: the translation is written there as Param.Write says,
	// so that it cannot break the code.
	Param sitecode.Quoting
}

// IsZero reports whether the span marks nothing.
func (s Span) IsZero() bool { return s.End <= s.Start }

// Meta is an article's front matter.
type Meta struct {
	Date string // ISO 8601 date of publication: "2022", "2022-10" or "2022-10-01"
	Lang string // the language the file is written in, if it says (editions say)
	// Units holds the index in Article.Units of each front-matter text
	// (Headline, Note, Publication, Dateline, Date, Author), when present.
	Units map[Kind]int
	// Translate is false when the article is not yet for translation: only
	// its source edition is published, and no locale's gaps are reported.
	Translate bool
	// Required, when set, names the only locales in which the article must
	// be complete (front matter: required_locales = ["ru"]); elsewhere it
	// is in progress. Nil: the project's policy decides.
	Required []string
	// Params holds the top-level fields tilmash does not read itself (see
	// FrontMatterFields), as decoded: draft, slug, aliases, [params],
	// Zola's [extra]… The Markdown edition writes them as the file does,
	// where the file does (FrontMatter).
	Params map[string]any
	// FrontMatter is the front matter as parsed: its format, its text and
	// where each value stands. The Markdown edition writes it back with
	// its Rewrite, each of Fields holding its unit's translation.
	FrontMatter *frontmatter.Doc
	// Fields are the front-matter values that are units, in the order of
	// their units: the masthead's, then those Options.Translate names.
	Fields []Field
}

// Field is a front-matter value whose text is a unit.
type Field struct {
	Path string // the value's dotted path in the front matter: "title", "params.subtitle", "tags.0"
	Unit int    // the index in Article.Units of its unit
}

// Article is a content file split into structure and units.
type Article struct {
	Path   string  // the file, as given to Split
	Slug   string  // the file name without ".md": the first segment of every ID
	Meta   Meta    // front matter
	Blocks []Block // the body's structure
	Units  []Unit  // the translatable text, in reading order
	// Warnings are problems that do not stop the article from being used,
	// such as an unknown front-matter field.
	Warnings []*Error
	// Chars are the characters of the article that no edition can carry,
	// in file order: none of its editions is published while it has any.
	Chars []Char
	// Source is the file's text as Split read it (no byte-order mark,
	// LF line breaks): the Markdown editions are the source with the
	// translations spliced in at the blocks' spans.
	Source []byte
	// BodyStart is where the body starts in Source, after the front matter.
	BodyStart int
	// TitleSpan is the text of a first "# heading" repeating the title,
	// left out of Blocks: the Markdown edition writes the translated title
	// there.
	TitleSpan Span
}

// Error is a problem in a content file, at a position.
type Error struct {
	Pos Pos    // where the problem is
	Msg string // what is wrong and what to do
	// Code names a warning for the checks, which report it and which a
	// project's settings can silence or make an error (an article's
	// warnings: the package's codes below); empty for an error.
	Code string
}

// The codes of an article's warnings.
const (
	WarnUnsafeLink = "unsafe-link" // a link, an image or an address that is not published
	WarnSiteCode   = "site-code"   // a site generator's code the HTML, text and EPUB editions leave out
	WarnMarkdown   = "markdown"    // a Markdown construct tilmash does not understand, left out of the same editions
	WarnImage      = "image"       // a figure's image that is not published (internal/workspace)
	// WarnNotArticle is a Markdown file without front matter: not an
	// article (as Jekyll copies such a file as it is), so tilmash leaves it
	// alone; SplitWith returns it as its error, which the caller reports
	// and passes over.
	WarnNotArticle = "not-an-article"
)

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

var (
	isoDate   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	grouped   = regexp.MustCompile(`\b[1-9]\d{0,2}(?:,\d{3})+\b`) // 150,000; not 0,000 or 012,345, which are no such number
	profileRe = regexp.MustCompile(`^(.+?),\s*(\d{1,3})$`)
	// md reads Markdown as Hugo does by default: CommonMark with heading
	// attributes, GitHub's tables, strikethrough, autolinked addresses and
	// task lists, definition lists and footnotes (Hugo's typographer only
	// changes how quotes are rendered: the text is kept as written).
	md = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList, extension.Footnote,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "ftp:", "mailto:"}))),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()))
)

// SlugOf is the name of the article in file: what its IDs start with,
// known without reading it. It is the file's name, every word of it up to
// a dozen (Jekyll's posts start with their date: 2024-05-01-the-budget
// and 2024-05-01-the-election are two articles); a Hugo page bundle's
// index.md or _index.md is named after its folder (posts/my-story/index.md
// is my-story). A name with no Latin letter or digit gets one from its
// SHA-256 (a-3f2c9e1b), so two such files never share IDs.
func SlugOf(file string) string {
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if dir := path.Base(path.Dir(file)); (name == "index" || name == "_index") && dir != "." && dir != "/" {
		name = dir
	}
	slug := strings.Join(slugWords(name, 12), "-")
	switch {
	case slug == "":
		sum := sha256.Sum256([]byte(name))
		return "a-" + hex.EncodeToString(sum[:4])
	case reserved[slug]:
		return "s-" + slug
	}
	return slug
}

// Split parses the Markdown article at file (src is its content) into its
// structure and units, with the default Options. Units get IDs derived
// from their text; call Reconcile to keep the IDs of edited units.
func Split(file string, src []byte) (*Article, error) {
	return SplitWith(file, src, Options{})
}

// SplitWith is Split with opts: which front-matter fields are translated.
func SplitWith(file string, src []byte, opts Options) (*Article, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // a byte-order mark, as some Windows editors write
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		return nil, &Error{Pos: Pos{file, line, col}, Msg: "invalid UTF-8: save the file as UTF-8"}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	a := &Article{Path: file, Slug: SlugOf(file), Meta: Meta{Units: map[Kind]int{}}, Source: src}
	s := &splitter{a: a, file: file, section: "intro", opts: opts}

	body, bodyLine, err := s.frontMatter(src)
	if err != nil {
		return nil, err
	}
	s.src = body
	s.base = len(src) - len(body)
	a.BodyStart = s.base
	s.lineOffset = bodyLine - 1
	if err := emphasisBudget(file, body, bodyLine); err != nil {
		return nil, err
	}
	// The site generators' code is hidden from the Markdown parser, as Hugo
	// hides its shortcodes: the parser reads a token of the same length in
	// its place; positions hold, and the text is read from the source.
	s.codes = sitecode.Mask(body, sitecode.Find(body))
	s.emitted = map[int]bool{}
	doc := md.Parser().Parse(text.NewReader(s.codes.Text))
	s.footnotes = map[int]string{}
	s.defTitles, s.defWritten, s.tagAttrs = map[string]Span{}, map[string]bool{}, map[int][]Block{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *east.Footnote:
			if entering {
				s.footnotes[n.Index] = string(n.Ref)
			}
		case *ast.LinkReferenceDefinition:
			if entering {
				s.defTitle(n)
			}
		}
		return ast.WalkContinue, nil
	})
	if s.noTitle != "" {
		if err := s.headingTitle(doc); err != nil {
			return nil, err
		}
	}
	s.dropRepeatedTitle(doc)
	a.Blocks, err = s.blocks(doc, "")
	if err != nil {
		return nil, err
	}
	dedupeIDs(a)
	dedupeAnchors(a.Blocks)
	for _, u := range a.Units {
		for _, text := range u.Forms {
			if len(text) > MaxUnit {
				return nil, &Error{Pos: u.Pos, Msg: fmt.Sprintf("a %s of %d bytes, longer than any unit tilmash translates (%d): split it into paragraphs", u.Kind, len(text), MaxUnit)}
			}
		}
	}
	a.Chars = chars(src, a.Units, s.places, s.tagAttrs)
	return a, nil
}

// The emphasis marks (runs of * or _) goldmark can read in reasonable
// time. Its delimiter matching scans, for each mark that can close, every
// mark before it in the paragraph: the work grows with the square of the
// marks in a paragraph ("*a_ " 65,000 times took 20 s). A real paragraph
// holds tens; a paragraph over maxMarks, or an article whose paragraphs'
// squares add up past markBudget (a few tenths of a second of matching),
// is refused before it is parsed.
const (
	maxMarks   = 5000
	markBudget = 100_000_000
)

// emphasisBudget refuses a body whose emphasis marks would cost goldmark
// more than the bounds above; line is the body's first line in the file.
// Blocks are told apart by blank lines, and fenced code is skipped: an
// estimate from above, in one pass.
func emphasisBudget(file string, body []byte, line int) error {
	marks, start, total := 0, line, 0
	fence := ""
	check := func() error {
		if marks > maxMarks || total+marks*marks > markBudget {
			return &Error{Pos: Pos{file, start, 1}, Msg: fmt.Sprintf("a paragraph with %d emphasis marks (* or _), more than Markdown can be read with in reasonable time (at most %d in a paragraph, fewer in many): write the literal ones as \\* and \\_, or put the text in a code block", marks, maxMarks)}
		}
		total += marks * marks
		marks = 0
		return nil
	}
	for i, l := range bytes.Split(body, []byte("\n")) {
		t := bytes.TrimLeft(l, " ")
		switch {
		case fence != "":
			if bytes.HasPrefix(t, []byte(fence)) {
				fence = ""
			}
			continue
		case bytes.HasPrefix(t, []byte("```")), bytes.HasPrefix(t, []byte("~~~")):
			fence = string(t[:3])
			continue
		case len(bytes.TrimSpace(l)) == 0:
			if err := check(); err != nil {
				return err
			}
			start = line + i + 1
			continue
		}
		for j := 0; j < len(l); j++ {
			if c := l[j]; c == '*' || c == '_' || c == '~' {
				marks++
				for j+1 < len(l) && l[j+1] == c {
					j++
				}
			}
		}
	}
	return check()
}

// MaxUnit is the longest text a unit may hold, in bytes: far beyond any
// paragraph, and what a catalogue entry may hold (catalog.MaxText), so that
// extract never writes a catalogue it cannot read back.
const MaxUnit = 1 << 20

// headingTitle makes the headline of an article whose front matter has no
// title from its first "# heading", as Eleventy's pages are written:
// dropRepeatedTitle then takes the heading out of the body, and the
// Markdown edition writes the translated headline in its place (the front
// matter gains no field).
func (s *splitter) headingTitle(doc ast.Node) error {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return &Error{Pos: Pos{s.file, 1, 1}, Msg: s.noTitle}
	}
	numbers, emitted, warnings := s.numbers, maps.Clone(s.emitted), len(s.a.Warnings)
	nodes, err := s.inlines(h)
	s.numbers, s.emitted, s.a.Warnings = numbers, emitted, s.a.Warnings[:warnings]
	title := strings.Join(strings.Fields(withNumbers(nodes)), " ")
	if err != nil || title == "" {
		return &Error{Pos: Pos{s.file, 1, 1}, Msg: s.noTitle}
	}
	u := s.unit(Headline, []markup.Node{{Kind: markup.Text, Text: title}}, s.pos(h), "The article's headline.")
	u.ID = s.a.Slug + ".title"
	s.a.Meta.Units[Headline] = s.add(u)
	s.title = title
	return nil
}

// dropRepeatedTitle removes a first "# heading" that repeats the title, as
// many editors write one: the editions print the title once, from the front
// matter.
func (s *splitter) dropRepeatedTitle(doc ast.Node) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return
	}
	numbers, emitted, warnings := s.numbers, maps.Clone(s.emitted), len(s.a.Warnings)
	nodes, err := s.inlineText(h)
	// A trial: the heading's numbers must not shift the body's placeholders,
	// nor its codes and warnings count as given.
	s.numbers, s.emitted, s.a.Warnings = numbers, emitted, s.a.Warnings[:warnings]
	if err == nil && foldTitle(withNumbers(nodes)) == foldTitle(s.title) {
		span, ok := s.titleSpan(h)
		if !ok {
			return // a site generator's code amid its words: the heading stays a unit of the body
		}
		s.a.TitleSpan = span
		doc.RemoveChild(doc, h)
	}
}

// titleSpan is the text of the heading h that the translated headline
// replaces: its words, without a site generator's code that ends it (#
// Options {% addedin "0.9.0" %}), which every edition keeps. A code before
// or amid the words has no place in a headline: not ok.
func (s *splitter) titleSpan(h ast.Node) (Span, bool) {
	span := s.textSpan(h)
	for _, c := range s.codes.Codes {
		cs, ce := s.base+c.Start, s.base+c.End
		if ce <= span.Start || cs >= span.End {
			continue
		}
		rest := []byte(string(s.a.Source[cs:span.End]))
		for _, d := range s.codes.Codes {
			if ds, de := s.base+d.Start, s.base+d.End; ds >= cs && de <= span.End {
				copy(rest[ds-cs:de-cs], bytes.Repeat([]byte(" "), de-ds))
			}
		}
		end := cs
		for end > span.Start && (s.a.Source[end-1] == ' ' || s.a.Source[end-1] == '\t') {
			end--
		}
		if len(bytes.TrimSpace(rest)) > 0 || end == span.Start {
			return Span{}, false
		}
		span.End = end
		break
	}
	return span, true
}

// destination is a link's or an image's address as a browser reads it:
// backslash escapes and character references resolved (foo\)\: is
// foo):, f&ouml;o is föo), as Hugo's renderer resolves them; one that
// holds a site generator's code is kept as written, for the site
// generator to make.
func (s *splitter) destination(raw []byte) string {
	dest := s.codes.Unmask(string(raw))
	if strings.Contains(dest, "{{") || strings.Contains(dest, "{%") {
		return dest
	}
	return s.titleText([]byte(dest))
}

// anchorize makes a heading's words an id as Hugo's default (GitHub's)
// does: lower-case; letters, digits, "-" and "_" kept; a space a "-";
// anything else dropped.
func anchorize(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

// dedupeAnchors makes the headings' anchors unique in the article, as Hugo
// does: the first "part", then "part-1", "part-2"; an editor's own id is
// never taken.
func dedupeAnchors(blocks []Block) {
	seen := map[string]bool{}
	var walk func([]Block, func(*Block))
	walk = func(bs []Block, f func(*Block)) {
		for i := range bs {
			if bs[i].Kind == HeadingBlock {
				f(&bs[i])
			}
			walk(bs[i].Children, f)
		}
	}
	walk(blocks, func(b *Block) {
		if b.ID != "" {
			seen[b.ID] = true
		}
	})
	walk(blocks, func(b *Block) {
		if b.Anchor == "" {
			return
		}
		a := b.Anchor
		for k := 1; seen[a]; k++ {
			a = b.Anchor + "-" + strconv.Itoa(k)
		}
		b.Anchor = a
		seen[a] = true
	})
}

// withNumbers is the plain text of nodes with each number placeholder
// written back as the English wrote it (150,000).
func withNumbers(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.Var:
			v, _ := strconv.ParseInt(n.Href, 10, 64)
			b.WriteString(groupThousands(v))
		case markup.Emph, markup.Strong, markup.Link:
			b.WriteString(withNumbers(n.Children))
		default:
			b.WriteString(markup.PlainText([]markup.Node{n}))
		}
	}
	return b.String()
}

func groupThousands(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// foldTitle is a title compared loosely: case, spacing and typographic
// quotes aside.
func foldTitle(t string) string {
	t = strings.NewReplacer("“", "\"", "”", "\"", "’", "'", "‘", "'", "«", "\"", "»", "\"").Replace(t)
	return strings.ToLower(normalizeSpace(t))
}

type splitter struct {
	a          *Article
	opts       Options
	file       string
	src        []byte
	lineOffset int
	section    string // the slug of the current section, for IDs
	sectionNum map[string]int
	title      string // the headline, from the front matter
	noTitle    string // the front matter has no title: the error to give if the text has no "# heading" either
	inAnswer   bool   // after a question heading, until the next heading
	numbers    int
	newlines   []int            // the offsets of src's line breaks, found once for pos
	base       int              // the offset of src (the body) in the file
	places     []place          // text in no unit that reaches an edition, for chars
	footnotes  map[int]string   // each footnote's label, by its number
	codes      *sitecode.Masked // the site generators' code in the body, masked for the Markdown parser
	emitted    map[int]bool     // the codes (by start) already given to a unit, for one that runs over lines
	marks      inlineMarks      // where the links, images and inline HTML of the text being read start
	defTitles  map[string]Span  // each reference definition's title, by its label (util.ToLinkReference); zero: none
	defWritten map[string]bool  // the definitions whose title a unit's block writes already
	tagAttrs   map[int][]Block  // by unit, the blocks of its tags' readable attributes (attrs), for chars
	col        column           // the last column posAt counted, to count on from
}

// placeOf records the text of node n (an HTML block, a figure's address)
// for chars: it reaches the editions without being a unit's.
func (s *splitter) placeOf(n ast.Node, text string) {
	start, end := 0, 0
	if lines := n.Lines(); lines.Len() > 0 {
		start, end = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	}
	s.places = append(s.places, place{pos: s.pos(n), start: s.base + start, end: s.base + end, text: text})
}

func (s *splitter) add(u Unit) int {
	s.a.Units = append(s.a.Units, u)
	return len(s.a.Units) - 1
}

func (s *splitter) unit(kind Kind, nodes []markup.Node, pos Pos, ctx string) Unit {
	msg, tags := markup.Encode(nodes)
	u := Unit{Kind: kind, Forms: map[locale.Form]string{locale.Other: msg}, Tags: tags, Context: ctx, Pos: pos}
	for _, v := range collectVars(nodes) {
		if u.Vars == nil {
			u.Vars = map[string]Var{}
		}
		u.Vars[v.name] = Var{Number: v.n}
	}
	if len(u.Tags) == 0 {
		u.Tags = nil
	}
	u.ID = textID(s.a.Slug, s.section, kind, msg)
	return u
}

type numVar struct {
	name string
	n    int64
}

func collectVars(nodes []markup.Node) []numVar {
	var vars []numVar
	var walk func([]markup.Node)
	walk = func(ns []markup.Node) {
		for _, n := range ns {
			if n.Kind == markup.Var {
				num, _ := strconv.ParseInt(n.Href, 10, 64)
				vars = append(vars, numVar{n.Text, num})
			}
			walk(n.Children)
		}
	}
	walk(nodes)
	return vars
}

func (s *splitter) pos(n ast.Node) Pos {
	offset := -1
	for c := n; c != nil && offset < 0; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			offset = c.Lines().At(0).Start
		} else if t, ok := c.(*ast.Text); ok {
			offset = t.Segment.Start
		}
	}
	if offset < 0 {
		if p := n.Pos(); p >= 0 {
			offset = p
		} else {
			offset = 0
		}
	}
	return s.posAt(offset)
}

func (s *splitter) blocks(parent ast.Node, container BlockKind) ([]Block, error) {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		b, ok, err := s.block(n, container)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, b)
		}
	}
	return out, nil
}

func (s *splitter) block(n ast.Node, container BlockKind) (Block, bool, error) {
	none := Block{Unit: -1, NameUnit: -1}
	switch n := n.(type) {
	case *ast.Heading:
		return s.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		if codes, ok := s.onlyCodes(n); ok {
			return s.template(n, codes)
		}
		if img, ok := soleImage(n); ok {
			nodes, err := s.inlineText(img)
			if err != nil {
				return none, false, err
			}
			b := none
			b.Kind, b.Src, b.Title = FigureBlock, s.codes.Unmask(string(img.Destination)), s.titleText(img.Title)
			b.Span = s.textSpan(n)
			b.Span.Whole = true // the image is written anew, its caption translated
			caption := quoteWords(markup.PlainText(nodes))
			if caption != "" {
				b.Unit = s.add(s.unit(Caption, nodes, s.pos(n), "A photo caption."))
				b.Children = s.attrs(b.Unit, nodes, &s.marks)
			} // no alt text: a photograph without a caption, nothing to translate
			if strings.TrimSpace(b.Title) != "" && !s.holdsCode(img.Title) {
				what := "a photo"
				if caption != "" {
					what = "the photo captioned «" + caption + "»"
				}
				ref := ""
				if img.Reference != nil {
					ref = util.ToLinkReference(img.Reference.Value)
				}
				b.Children = append(b.Children, s.titleBlock(b.Title, s.pos(n), "The title of "+what+", shown when a reader points at it.", "", ref))
			}
			b.Pos = s.pos(n)
			s.placeOf(n, xhtml.UnescapeString(b.Src))
			if !SafeURL(b.Src) {
				s.unsafeLink(n, b.Src)
				b.Src = "" // the caption alone, as for a photograph not available
			}
			return b, true, nil
		}
		// A line of the site generator's code alone, first or last (a
		// paired shortcode's ends, a kramdown attribute list): kept where it
		// is, out of the paragraph's text; its readable parameters
		// translated.
		edges, params := s.codeLines(n)
		nodes, err := s.inlineText(n)
		if err != nil {
			return none, false, err
		}
		if edges != [2]int{} {
			nodes = trimText(nodes)
		}
		kind, ctx := Paragraph, "Body text"
		switch {
		case container == ItemBlock:
			kind, ctx = Item, "A list item"
		case container == QuoteBlock:
			kind, ctx = Quote, "Text in a block quote"
		case container == DescBlock:
			kind, ctx = Definition, "A definition, of the term above it"
		case container == FootnoteBlock:
			kind, ctx = FootnoteText, "A footnote"
		case s.inAnswer:
			kind, ctx = Answer, "The answer to the question above it, with the reporter's narration"
		}
		if s.alertMarker(n) {
			nodes = stripAlertMarker(nodes)
		}
		if len(nodes) == 0 {
			return none, false, nil // a task's box alone, an alert's marker alone: no text
		}
		u := s.unit(kind, nodes, s.pos(n), s.context(ctx))
		b := none
		b.Kind, b.Unit, b.Span = ParagraphBlock, s.add(u), s.textSpan(n)
		s.trimSpan(n, &b.Span)
		if edges != [2]int{} {
			lines := n.Lines()
			b.Span.Start = s.base + lines.At(edges[0]).Start
			end := lines.At(lines.Len() - 1 - edges[1]).Stop
			for end > 0 && strings.IndexByte(" \t\n", s.src[end-1]) >= 0 {
				end--
			}
			b.Span.End = s.base + end
		}
		b.Children = append(params, s.attrs(b.Unit, nodes, &s.marks)...)
		if kind == Answer {
			b.Class = "answer"
		}
		return b, true, nil
	case *ast.List:
		b := none
		b.Kind, b.Ordered, b.Start, b.Tight = ListBlock, n.IsOrdered(), n.Start, n.IsTight
		var err error
		b.Children, err = s.blocks(n, ListBlock)
		return b, true, err
	case *ast.ListItem:
		b := none
		b.Kind = ItemBlock
		if first := n.FirstChild(); first != nil {
			if box, ok := first.FirstChild().(*east.TaskCheckBox); ok {
				b.Check = "open"
				if box.IsChecked {
					b.Check = "done"
				}
			}
		}
		var err error
		b.Children, err = s.blocks(n, ItemBlock)
		return b, true, err
	case *ast.Blockquote:
		b := none
		b.Kind = QuoteBlock
		if kind := s.alert(n); kind != "" {
			// GitHub's alert (> [!NOTE]): its title is a unit, its marker
			// stays in the source.
			b.Class = "alert-" + kind
			title := strings.ToUpper(kind[:1]) + kind[1:]
			u := s.unit(AlertTitle, []markup.Node{{Kind: markup.Text, Text: title}}, s.pos(n), fmt.Sprintf("The title of a callout box (GitHub's and Hugo's [!%s] alert).", strings.ToUpper(kind)))
			b.Unit = s.add(u)
		}
		var err error
		b.Children, err = s.blocks(n, QuoteBlock)
		return b, true, err
	case *east.Table:
		b := none
		b.Kind = TableBlock
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			r := none
			r.Kind = RowBlock
			if _, ok := row.(*east.TableHeader); ok {
				r.Class = "header"
			}
			col := 0
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				c, ok := cell.(*east.TableCell)
				if !ok {
					continue
				}
				col++
				cb := none
				cb.Kind, cb.Span = CellBlock, s.textSpan(c)
				switch c.Alignment {
				case east.AlignLeft:
					cb.Align = "left"
				case east.AlignCenter:
					cb.Align = "center"
				case east.AlignRight:
					cb.Align = "right"
				}
				nodes, err := s.inlineText(c)
				if err != nil {
					return none, false, err
				}
				if strings.TrimSpace(markup.PlainText(nodes)) != "" || len(nodes) > 0 && nodes[0].Kind != markup.Text {
					where := "A table cell"
					if r.Class == "header" {
						where = "A table's column heading"
					}
					cb.Unit = s.add(s.unit(Cell, nodes, s.pos(c), s.context(fmt.Sprintf("%s (column %d)", where, col))))
					cb.Children = s.attrs(cb.Unit, nodes, &s.marks)
				}
				r.Children = append(r.Children, cb)
			}
			b.Children = append(b.Children, r)
		}
		return b, true, nil
	case *east.DefinitionList:
		b := none
		b.Kind = DefListBlock
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *east.DefinitionTerm:
				nodes, err := s.inlineText(c)
				if err != nil {
					return none, false, err
				}
				t := none
				t.Kind, t.Span = TermBlock, s.textSpan(c)
				t.Unit = s.add(s.unit(Term, nodes, s.pos(c), s.context("A term of a definition list, defined below it")))
				t.Children = s.attrs(t.Unit, nodes, &s.marks)
				b.Children = append(b.Children, t)
			case *east.DefinitionDescription:
				d := none
				d.Kind = DescBlock
				var err error
				if d.Children, err = s.blocks(c, DescBlock); err != nil {
					return none, false, err
				}
				b.Children = append(b.Children, d)
			}
		}
		return b, true, nil
	case *east.FootnoteList:
		b := none
		b.Kind = FootnotesBlock
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			fn, ok := c.(*east.Footnote)
			if !ok {
				continue
			}
			f := none
			f.Kind, f.Label = FootnoteBlock, string(fn.Ref)
			var err error
			if f.Children, err = s.blocks(fn, FootnoteBlock); err != nil {
				return none, false, err
			}
			b.Children = append(b.Children, f)
		}
		return b, true, nil
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		b := none
		b.Kind, b.Literal = CodeBlock, string(linesOf(n, s.src))
		if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
			b.Info = string(f.Info.Segment.Value(s.src))
		}
		return b, true, nil
	case *ast.HTMLBlock:
		b := none
		lit := linesOf(n, s.src)
		if n.HasClosure() {
			lit = append(lit, n.ClosureLine.Value(s.src)...)
		}
		b.Kind, b.Literal, b.Pos = HTMLBlock, string(lit), s.pos(n)
		rest := s.htmlText(n, &b)
		s.placeOf(n, xhtml.UnescapeString(rest))
		s.rawLinks(n, b.Literal)
		return b, true, nil
	case *ast.ThematicBreak:
		b := none
		b.Kind = RuleBlock
		return b, true, nil
	case *ast.LinkReferenceDefinition:
		// Invisible: its links carry their address; the Markdown editions
		// keep it as written.
		return none, false, nil
	}
	// A construct not understood stops nothing and does not vanish in
	// silence: the Markdown editions keep it as written; the others leave
	// it out, with a warning at its line.
	s.a.Warnings = append(s.a.Warnings, &Error{Pos: s.pos(n), Msg: fmt.Sprintf("Markdown block %s is not understood: kept as written in the Markdown editions, left out of the HTML, text and EPUB editions", n.Kind()), Code: WarnMarkdown})
	return none, false, nil
}

// alertRe is GitHub's alert marker, the first line of a block quote.
var alertRe = regexp.MustCompile(`^\[!(?i:(note|tip|important|warning|caution))\][ \t]*$`)

// alert returns the kind of GitHub alert quote q is ("note", "tip"…), or "".
func (s *splitter) alert(q *ast.Blockquote) string {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return ""
	}
	first := p.Lines().At(0)
	m := alertRe.FindSubmatch(bytes.TrimRight(first.Value(s.src), "\n"))
	if m == nil {
		return ""
	}
	return strings.ToLower(string(m[1]))
}

// alertMarker reports whether n is an alert's first paragraph, whose first
// line is the marker.
func (s *splitter) alertMarker(n ast.Node) bool {
	q, ok := n.Parent().(*ast.Blockquote)
	return ok && q.FirstChild() == n && s.alert(q) != ""
}

// stripAlertMarker removes "[!NOTE]" and the line break after it from the
// start of a paragraph's text.
func stripAlertMarker(nodes []markup.Node) []markup.Node {
	if len(nodes) == 0 || nodes[0].Kind != markup.Text {
		return nodes
	}
	rest := strings.TrimLeft(alertPrefix.ReplaceAllString(nodes[0].Text, ""), " \n")
	if rest == "" {
		return nodes[1:]
	}
	out := append([]markup.Node{{Kind: markup.Text, Text: rest}}, nodes[1:]...)
	return out
}

var alertPrefix = regexp.MustCompile(`^\[![A-Za-z]+\]`)

// trimSpan narrows a paragraph's span to its text: past a task's box
// ("[x] ") and an alert's marker line, which the editions keep.
func (s *splitter) trimSpan(n ast.Node, sp *Span) {
	if _, ok := n.FirstChild().(*east.TaskCheckBox); ok {
		rest := s.src[sp.Start-s.base : sp.End-s.base]
		if m := taskBox.Find(rest); m != nil {
			sp.Start += len(m)
		}
	}
	if s.alertMarker(n) && n.Lines().Len() > 1 {
		sp.Start = s.base + n.Lines().At(1).Start
	}
}

var taskBox = regexp.MustCompile(`^\[[ xX]\][ \t]*`)

// textSpan is where the text of block n stands in the source: from its
// first line's text to its last line's, trailing blanks aside, with the
// continuation of its first line (its prefix, list markers blanked, block
// quote markers kept) for a text that needs more lines.
func (s *splitter) textSpan(n ast.Node) Span {
	lines := n.Lines()
	if lines.Len() == 0 {
		return Span{}
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	end := last.Stop
	for end > first.Start && strings.IndexByte(" \t\n", s.src[end-1]) >= 0 {
		end--
	}
	ls := bytes.LastIndexByte(s.src[:first.Start], '\n') + 1
	cont := []byte(string(s.src[ls:first.Start]))
	for i, c := range cont {
		if c != '>' && c != ' ' && c != '\t' {
			cont[i] = ' '
		}
	}
	return Span{Start: s.base + first.Start, End: s.base + end, Cont: string(cont)}
}

func (s *splitter) context(base string) string {
	if s.section == "intro" {
		return base + ", before the first section heading."
	}
	return base + ", in section “" + s.section + "”."
}

func linesOf(n ast.Node, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

func soleImage(n ast.Node) (*ast.Image, bool) {
	c := n.FirstChild()
	if c == nil || c.NextSibling() != nil {
		return nil, false
	}
	img, ok := c.(*ast.Image)
	return img, ok
}

func (s *splitter) heading(n *ast.Heading) (Block, bool, error) {
	b := Block{Kind: HeadingBlock, Level: n.Level, Unit: -1, NameUnit: -1, Span: s.textSpan(n)}
	if v, ok := n.AttributeString("class"); ok {
		if cls, ok := v.([]byte); ok {
			b.Class = string(cls)
		}
	}
	if v, ok := n.AttributeString("id"); ok {
		if id, ok := v.([]byte); ok {
			b.ID = string(id)
		}
	}
	nodes, err := s.inlineText(n)
	if err != nil {
		return b, false, err
	}
	pos := s.pos(n)
	plain := markup.PlainText(nodes)
	if b.ID == "" {
		b.Anchor = anchorize(withNumbers(nodes))
	}
	if strings.TrimSpace(plain) == "" && b.Class != "profile" {
		return b, false, nil // an empty heading ("#"): nothing to translate or show, as if absent
	}
	s.inAnswer = false
	switch b.Class {
	case "profile":
		m := profileRe.FindStringSubmatch(strings.TrimSpace(plain))
		if m == nil {
			return b, false, &Error{Pos: pos, Msg: fmt.Sprintf("profile heading %q does not read \"Name, Age\" (for example \"Dmitri, 31\")", plain)}
		}
		age, _ := strconv.ParseInt(m[2], 10, 64)
		s.setSection(m[1])
		name := s.unit(Name, []markup.Node{{Kind: markup.Text, Text: m[1]}}, pos, "The name of the person profiled in this section; write it as the glossary gives it.")
		name.ID = s.a.Slug + "." + s.section + ".name"
		b.NameUnit = s.add(name)
		prof := Unit{
			ID:      s.a.Slug + "." + s.section + ".heading",
			Kind:    Profile,
			Forms:   map[locale.Form]string{locale.One: "{{.Name}}, {{.Age}}", locale.Other: "{{.Name}}, {{.Age}}"},
			Count:   "Age",
			Vars:    map[string]Var{"Name": {Ref: name.ID}, "Age": {Number: age}},
			Context: fmt.Sprintf("A profile heading: the person's name and age in years (here %s, %d). Give every plural form your language needs.", m[1], age),
			Pos:     pos,
		}
		b.Unit = s.add(prof)
		return b, true, nil
	case "question":
		u := s.unit(Question, nodes, pos, s.context("The interviewer's question"))
		b.Unit = s.add(u)
		b.Children = s.attrs(b.Unit, nodes, &s.marks)
		s.inAnswer = true
		return b, true, nil
	}
	if n.Level <= 2 {
		s.setSection(plain)
	}
	u := s.unit(Heading, nodes, pos, fmt.Sprintf("A level-%d section heading.", n.Level))
	b.Unit = s.add(u)
	b.Children = s.attrs(b.Unit, nodes, &s.marks)
	return b, true, nil
}

func (s *splitter) setSection(title string) {
	slug := Slug(title)
	if s.sectionNum == nil {
		s.sectionNum = map[string]int{}
	}
	s.sectionNum[slug]++
	if k := s.sectionNum[slug]; k > 1 {
		slug += "-" + strconv.Itoa(k)
	}
	s.section = slug
}

// inlineText converts the inline children of block n, the text of one
// unit: where its links, images and inline HTML start is in s.marks.
func (s *splitter) inlineText(n ast.Node) ([]markup.Node, error) {
	s.marks = inlineMarks{}
	return s.inlines(n)
}

// inlines converts the inline children of n.
func (s *splitter) inlines(n ast.Node) ([]markup.Node, error) {
	var out []markup.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			out = s.textOf(out, c)
			if inner := s.codes.At(c.Segment.Stop, c.Segment.Stop+1); len(inner) > 0 && inner[0].Start < c.Segment.Stop {
				continue // a line break inside a code is the code's
			}
			switch {
			case c.HardLineBreak():
				out = append(out, markup.Node{Kind: markup.Break})
			case c.SoftLineBreak():
				out = s.appendText(out, " ")
			}
		case *ast.String:
			out = s.appendText(out, string(c.Value))
		case *ast.Emphasis:
			kids, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			kind := markup.Emph
			if c.Level >= 2 {
				kind = markup.Strong
			}
			out = append(out, markup.Node{Kind: kind, Children: kids})
		case *ast.Link:
			mark := s.mark(&s.marks.links, c.Pos(), c.Reference, c.Title)
			kids, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			dest := s.destination(c.Destination)
			if !SafeURL(dest) {
				s.marks.links = slices.Delete(s.marks.links, mark, mark+1)
				s.unsafeLink(n, dest)
				out = append(out, kids...) // the words, without the link
				continue
			}
			if dest != string(c.Destination) {
				s.a.Warnings = append(s.a.Warnings, &Error{Pos: s.pos(n), Msg: fmt.Sprintf("the link to %s is the site generator's to make: the Markdown editions keep it, the HTML, text and EPUB editions show its words only", shortCode([]byte(dest))), Code: WarnSiteCode})
			}
			out = append(out, markup.Node{Kind: markup.Link, Href: dest, Title: s.titleText(c.Title), Children: kids})
		case *ast.AutoLink:
			url := string(c.URL(s.src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url // <me@example.org> is a link to write to
			}
			if label := string(c.Label(s.src)); strings.HasPrefix(url, "http://") && strings.HasPrefix(strings.ToLower(label), "www.") && !strings.Contains(strings.ToLower(label), "://") {
				url = "https://" + label // a bare www. address, as Hugo links it (linkifyProtocol = "https")
			}
			label := markup.Node{Kind: markup.Text, Text: string(c.Label(s.src))}
			if !SafeURL(url) {
				s.unsafeLink(n, url)
				out = append(out, label)
				continue
			}
			s.mark(&s.marks.links, -1, nil, nil)
			out = append(out, markup.Node{Kind: markup.Link, Href: url, Children: []markup.Node{label}})
		case *ast.CodeSpan:
			var b strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(s.src))
				} else if st, ok := t.(*ast.String); ok {
					b.Write(st.Value)
				}
			}
			// A line break in a code span is a space (CommonMark): kept, it
			// would end the span's line when the span is written again.
			out = append(out, markup.Node{Kind: markup.Code, Text: strings.ReplaceAll(b.String(), "\n", " ")})
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(s.src))
			}
			s.rawLinks(n, b.String())
			s.mark(&s.marks.html, c.Segments.At(0).Start, nil, nil)
			out = append(out, markup.Node{Kind: markup.HTML, Text: b.String()})
		case *ast.Image:
			// An image inside running text: its description translated.
			mark := s.mark(&s.marks.images, c.Pos(), c.Reference, c.Title)
			alt, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			dest := s.destination(c.Destination)
			if !SafeURL(dest) {
				s.marks.images = slices.Delete(s.marks.images, mark, mark+1)
				s.unsafeLink(n, dest)
				out = append(out, alt...) // its words, without the image
				continue
			}
			out = append(out, markup.Node{Kind: markup.Image, Href: dest, Title: s.titleText(c.Title), Children: alt})
		case *east.Strikethrough:
			kids, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			out = append(out, markup.Node{Kind: markup.Strike, Children: kids})
		case *east.FootnoteLink:
			out = append(out, markup.Node{Kind: markup.Footnote, Href: s.footnotes[c.Index], Text: strconv.Itoa(c.Index)})
		case *east.FootnoteBacklink, *east.TaskCheckBox:
			// A footnote's way back, drawn by the editions; a task's box,
			// kept by its list item.
		default:
			return nil, &Error{Pos: s.pos(n), Msg: fmt.Sprintf("unsupported inline Markdown %s", c.Kind())}
		}
	}
	return joinText(out), nil
}

// codeLines finds the lines of paragraph n, from its start and from its
// end, that hold the site generator's code alone: how many there are at
// each end (none if every line is such), their codes marked as given (they
// are no part of the paragraph's text), their readable parameters as
// blocks.
func (s *splitter) codeLines(n ast.Node) ([2]int, []Block) {
	lines := n.Lines()
	only := func(i int) []sitecode.Code {
		seg := lines.At(i)
		codes := s.codes.At(seg.Start, seg.Stop)
		if len(codes) == 0 || codes[0].Start < seg.Start {
			return nil
		}
		at := seg.Start
		for _, c := range codes {
			if len(bytes.TrimSpace(s.src[at:c.Start])) > 0 || c.End > seg.Stop {
				return nil
			}
			at = c.End
		}
		if len(bytes.TrimSpace(s.src[at:seg.Stop])) > 0 {
			return nil
		}
		return codes
	}
	var edges [2]int
	var edgeCodes []sitecode.Code
	for i := 0; i < lines.Len(); i++ {
		c := only(i)
		if c == nil {
			break
		}
		edges[0]++
		edgeCodes = append(edgeCodes, c...)
	}
	if edges[0] == lines.Len() {
		return [2]int{}, nil
	}
	for i := lines.Len() - 1; i > edges[0]; i-- {
		c := only(i)
		if c == nil {
			break
		}
		edges[1]++
		edgeCodes = append(edgeCodes, c...)
	}
	var params []Block
	for _, c := range edgeCodes {
		s.emitted[c.Start] = true
		s.leftOut(c)
		params = append(params, s.params(c, false)...)
	}
	return edges, params
}

// leftOut warns, at its place, of a site generator's code that only the
// Markdown editions carry.
func (s *splitter) leftOut(c sitecode.Code) {
	s.a.Warnings = append(s.a.Warnings, &Error{Pos: s.posAt(c.Start), Msg: fmt.Sprintf("%s is the site generator's own: kept in the Markdown editions, left out of the HTML, text and EPUB editions", shortCode(s.src[c.Start:c.End])), Code: WarnSiteCode})
}

// params are the blocks of a shortcode's readable parameters, each a unit
// (in a figure, a caption's unit is a caption's).
func (s *splitter) params(c sitecode.Code, fig bool) []Block {
	var out []Block
	for _, p := range c.Params {
		keys := s.opts.ShortcodeParams
		if keys == nil {
			keys = DefaultShortcodeParams
		}
		if !slices.Contains(keys, p.Key) || strings.TrimSpace(p.Value) == "" {
			continue
		}
		what := fmt.Sprintf("a %q shortcode", c.Name)
		if head, ok := tagHead(c, s.src[c.Start:c.End]); ok {
			what = "a {% " + head + " %} tag"
		}
		ctx := fmt.Sprintf("The %s parameter of %s (a site generator's code; the rest of it stays as it is).", p.Key, what)
		if fig {
			ctx = map[string]string{"caption": "A photo caption.", "alt": "A photo's description, for readers who cannot see it.", "title": "A photo's title, shown when the pointer rests on it."}[p.Key]
		}
		pb := Block{Kind: ParamBlock, Unit: -1, NameUnit: -1, Label: p.Key, Span: Span{Start: s.base + p.Start, End: s.base + p.End, Quote: p.Quoting.Mark, Param: p.Quoting}}
		kind := Param
		if fig && p.Key == "caption" {
			kind = Caption
		}
		pb.Unit = s.add(s.unit(kind, []markup.Node{{Kind: markup.Text, Text: p.Value}}, s.posAt(p.Start), ctx))
		out = append(out, pb)
	}
	return out
}

// trimText removes the blanks at the start and the end of a text.
func trimText(nodes []markup.Node) []markup.Node {
	if len(nodes) > 0 && nodes[0].Kind == markup.Text {
		nodes[0].Text = strings.TrimLeft(nodes[0].Text, " \t\n")
		if nodes[0].Text == "" {
			nodes = nodes[1:]
		}
	}
	if k := len(nodes) - 1; k >= 0 && nodes[k].Kind == markup.Text {
		nodes[k].Text = strings.TrimRight(nodes[k].Text, " \t\n")
		if nodes[k].Text == "" {
			nodes = nodes[:k]
		}
	}
	return nodes
}

// htmlText makes units of the words a reader sees in an HTML block (see
// package htmltext): each a child of b, with its place in the source and
// in the block's literal (Block.Place). It returns the block's HTML without
// them: what reaches an edition in no unit. An HTML block inside a quote or
// a list item has its lines after its container's marks: a child's span
// runs from its first byte to its last in the source, the marks between
// included (a translation is one line, or its breaks are written with the
// marks, Span.Cont).
func (s *splitter) htmlText(n *ast.HTMLBlock, b *Block) string {
	lines := n.Lines()
	if lines.Len() == 0 {
		return b.Literal
	}
	// Where each line of the literal stands in the source.
	type piece struct{ lit, src, n int }
	var pieces []piece
	segs := lines.Sliced(0, lines.Len())
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	at := 0
	for _, seg := range segs {
		part := s.src[seg.Start:seg.Stop]
		if seg.Padding != 0 || !strings.HasPrefix(b.Literal[at:], string(part)) {
			return b.Literal // a tab split by a container's marks: the words stay as written
		}
		pieces = append(pieces, piece{at, seg.Start, len(part)})
		at += len(part)
	}
	if at != len(b.Literal) {
		return b.Literal
	}
	src := func(lit int) int { // the source offset of the literal's byte lit (or its end)
		i := sort.Search(len(pieces), func(i int) bool { return pieces[i].lit+pieces[i].n > lit })
		if i == len(pieces) {
			last := pieces[len(pieces)-1]
			return last.src + last.n
		}
		return pieces[i].src + lit - pieces[i].lit
	}
	end := func(lit int) int { return src(lit-1) + 1 } // the source offset after the literal's byte lit-1
	start := pieces[0].src
	// The marks a line of the block starts with, past the first: what a
	// line break in a tag the translation keeps is written with.
	cont := ""
	if len(pieces) > 1 {
		line := bytes.LastIndexByte(s.src[:pieces[1].src], '\n') + 1
		cont = string(s.src[line:pieces[1].src])
	}
	b.Span = Span{Start: s.base + start, End: s.base + end(len(b.Literal))}
	runs, attrs := htmltext.Find(b.Literal)
	// Units in reading order: the runs and the attributes as they stand.
	type item struct {
		at  int
		run *htmltext.Run
		att *htmltext.Attr
	}
	var items []item
	for i := range runs {
		items = append(items, item{at: runs[i].Start, run: &runs[i]})
	}
	for i := range attrs {
		items = append(items, item{at: attrs[i].Start, att: &attrs[i]})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].at < items[j].at })
	var kids []Block
	for _, it := range items {
		if r := it.run; r != nil {
			in := "the article's own HTML"
			if r.Element != "" {
				in = "<" + r.Element + "> in the article's own HTML"
			}
			unit := s.add(s.unit(HTMLText, r.Nodes, s.posAt(src(r.Start)), s.context("Text in "+in)))
			kids = append(kids, Block{Kind: HTMLTextBlock, Unit: unit, NameUnit: -1,
				Span:     Span{Start: s.base + src(r.Start), End: s.base + end(r.End), Cont: cont},
				Place:    Span{Start: r.Start, End: r.End},
				Children: s.attrs(unit, r.Nodes, nil)})
			continue
		}
		a := it.att
		u := s.unit(HTMLAttr, []markup.Node{{Kind: markup.Text, Text: a.Value}}, s.posAt(src(a.Start)), fmt.Sprintf("The %s of a <%s> in the article's own HTML: what a reader who cannot see it hears, or sees on pointing at it.", a.Name, a.Element))
		kids = append(kids, Block{Kind: HTMLAttrBlock, Unit: s.add(u), NameUnit: -1, Label: a.Name,
			Span:  Span{Start: s.base + src(a.Start), End: s.base + end(a.End), Quote: a.Quote, Cont: cont},
			Place: Span{Start: a.Start, End: a.End}})
	}
	sort.SliceStable(kids, func(i, j int) bool { return kids[i].Place.Start < kids[j].Place.Start })
	b.Children = kids
	var rest strings.Builder
	at = 0
	for _, k := range kids {
		from, to := k.Place.Start, k.Place.End
		if from >= at {
			rest.WriteString(b.Literal[at:from])
			at = to
		}
	}
	rest.WriteString(b.Literal[at:])
	return rest.String()
}

// onlyCodes returns the site generators' codes of paragraph n if the
// paragraph holds nothing else (blanks aside).
func (s *splitter) onlyCodes(n ast.Node) ([]sitecode.Code, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return nil, false
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	codes := s.codes.At(start, end)
	if len(codes) == 0 {
		return nil, false
	}
	at := start
	for _, c := range append(codes, sitecode.Code{Start: end, End: end}) {
		if c.Start > at && len(bytes.TrimSpace(s.src[at:c.Start])) > 0 {
			return nil, false
		}
		at = max(at, c.End)
	}
	return codes, true
}

// template makes the block of a paragraph that is a site generator's code
// alone: kept as written in the Markdown editions, its readable parameters
// translated; Hugo's figure shortcode is a figure in every edition.
func (s *splitter) template(n ast.Node, codes []sitecode.Code) (Block, bool, error) {
	if len(codes) == 1 && codes[0].BodyEnd > 0 && codes[0].Kind != sitecode.Comment {
		return s.pairedCode(codes[0]), true, nil
	}
	b := Block{Kind: TemplateBlock, Unit: -1, NameUnit: -1, Pos: s.pos(n)}
	lines := n.Lines()
	b.Literal = string(s.src[lines.At(0).Start:lines.At(lines.Len()-1).Stop])
	fig := len(codes) == 1 && codes[0].Kind == sitecode.Shortcode && codes[0].Name == "figure" && !codes[0].Closing
	for _, c := range codes {
		b.Children = append(b.Children, s.params(c, fig)...)
	}
	if fig {
		b.Kind = FigureBlock
		if src, ok := codes[0].Param("src"); ok {
			b.Src = src.Value
		}
		for _, key := range []string{"caption", "title", "alt"} {
			if i := slices.IndexFunc(b.Children, func(c Block) bool { return c.Label == key }); i >= 0 {
				b.Unit, b.Span = b.Children[i].Unit, b.Children[i].Span
				b.Children = slices.Delete(b.Children, i, i+1)
				break
			}
		}
		if !SafeURL(b.Src) {
			s.unsafeLink(n, b.Src)
			b.Src = ""
		}
		return b, true, nil
	}
	for _, c := range codes {
		s.leftOut(c)
	}
	return b, true, nil
}

// shortCode is a code as a message quotes it: on one line, at most 60
// characters.
func shortCode(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// posAt is the position of byte offset of the body: its line by binary
// search over the line breaks, found once (counting them from the start for
// every unit was quadratic in the article); its column counted on from the
// last one asked for, where that is before it on its line (positions
// asked for along one long line, a unit's for each of its links, were
// each counted from the line's start: quadratic in the line).
func (s *splitter) posAt(offset int) Pos {
	s.lines()
	before := sort.SearchInts(s.newlines, offset)
	lineStart := 0
	if before > 0 {
		lineStart = s.newlines[before-1] + 1
	}
	from, col := lineStart, 1
	if s.col.n > 0 && s.col.line == lineStart && s.col.at <= offset {
		from, col = s.col.at, s.col.n
	}
	col += utf8.RuneCount(s.src[from:offset])
	s.col.line, s.col.at, s.col.n = lineStart, offset, col
	return Pos{s.file, before + 1 + s.lineOffset, col}
}

// column is a column posAt counted: at byte at of the body, on the line
// starting at byte line, column n.
type column struct{ line, at, n int }

// lines finds the body's line breaks, once.
func (s *splitter) lines() {
	if s.newlines == nil {
		s.newlines = []int{}
		for i, c := range s.src {
			if c == '\n' {
				s.newlines = append(s.newlines, i)
			}
		}
	}
}

// textOf adds the text of t: its words, and each site generator's code in
// it as a tag of its own (a code running over several lines is given once,
// where it starts).
func (s *splitter) textOf(out []markup.Node, t *ast.Text) []markup.Node {
	start, end := t.Segment.Start, t.Segment.Stop
	words := func(from, to int) {
		if from >= to {
			return
		}
		v := s.src[from:to]
		if !t.IsRaw() {
			v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		}
		out = s.appendText(out, string(v))
	}
	at := start
	for _, c := range s.codes.At(start, end) {
		words(at, max(at, c.Start))
		if !s.emitted[c.Start] {
			s.emitted[c.Start] = true
			out = append(out, markup.Node{Kind: markup.Template, Text: string(s.src[c.Start:c.End])})
			s.leftOut(c)
		}
		at = max(at, c.End)
	}
	words(at, end)
	return out
}

// appendText adds text, turning grouped numbers (150,000) into placeholders.
func (s *splitter) appendText(out []markup.Node, t string) []markup.Node {
	for {
		loc := grouped.FindStringIndex(t)
		if loc == nil {
			break
		}
		out = appendPlain(out, t[:loc[0]])
		n, _ := strconv.ParseInt(strings.ReplaceAll(t[loc[0]:loc[1]], ",", ""), 10, 64)
		s.numbers++
		out = append(out, markup.Node{Kind: markup.Var, Text: "Number" + strconv.Itoa(s.numbers), Href: strconv.FormatInt(n, 10)})
		t = t[loc[1]:]
	}
	return appendPlain(out, t)
}

// appendPlain adds a piece of text as a node of its own; inlines joins
// neighbouring pieces once, at the end (adding each to the last node's
// string copied the text so far each time: a paragraph of 260 KB of
// unmatched "*a " took 13 s).
func appendPlain(out []markup.Node, t string) []markup.Node {
	if t == "" {
		return out
	}
	return append(out, markup.Node{Kind: markup.Text, Text: t})
}

// joinText joins each run of neighbouring text nodes into one, in one pass.
func joinText(nodes []markup.Node) []markup.Node {
	out := nodes[:0]
	for i := 0; i < len(nodes); {
		j := i + 1
		if nodes[i].Kind == markup.Text {
			for j < len(nodes) && nodes[j].Kind == markup.Text {
				j++
			}
		}
		if j == i+1 {
			out = append(out, nodes[i])
			i = j
			continue
		}
		var b strings.Builder
		for _, n := range nodes[i:j] {
			b.WriteString(n.Text)
		}
		out = append(out, markup.Node{Kind: markup.Text, Text: b.String()})
		i = j
	}
	return out
}

// dedupeIDs gives the second and later units with the same text in the
// same section IDs ending "-2", "-3"….
//
// next remembers, per ID, the suffix to try first: every smaller one was
// taken when the last was given, and IDs are never freed, so the result is
// that of trying 2, 3… each time, in linear time (100,000 identical
// paragraphs took minutes).
func dedupeIDs(a *Article) {
	seen := make(map[string]bool, len(a.Units))
	next := map[string]int{}
	for i := range a.Units {
		u := &a.Units[i]
		base := u.ID
		if seen[base] {
			k := max(next[base], 2)
			for seen[base+"-"+strconv.Itoa(k)] {
				k++
			}
			u.ID = base + "-" + strconv.Itoa(k)
			next[base] = k + 1
		}
		seen[u.ID] = true
	}
}

func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}

// SafeURL reports whether a link's address may be published: relative, or
// with the scheme http, https, mailto or tel. A javascript:, vbscript: or
// data: address runs code or shows what the article does not. The address
// is judged as its readers read it: HTML character references resolved
// (a Markdown reader resolves java&#x73;cript: and javascript&colon; in a
// link's destination, a browser in an attribute, with or without the
// semicolon, with leading zeros, in either case), again while that changes
// it (&amp;#x73; is &#x73; to the next reader); and browsers ignore tabs,
// line breaks and leading control characters in a scheme, so this does
// too.
func SafeURL(u string) bool {
	refs := strings.Contains(u, "&")
	for range 4 {
		d := xhtml.UnescapeString(u)
		if d == u {
			break
		}
		u = d
	}
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' || !refs && !schemeRe.MatchString(u[:i]) {
		// No scheme (foo): has none, as a browser reads it): a relative
		// address. Where character references made what stands before the
		// colon, readers decode them differently (java&#X73cript:): refused.
		return true
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// schemeRe is what a URL's scheme may be (WHATWG URL: a letter, then
// letters, digits, "+", "-" and "."): before a colon, anything else makes
// the address relative.
var schemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// urlAttrs are the HTML attributes that hold an address.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true, "action": true, "formaction": true, "poster": true, "background": true, "longdesc": true, "xlink:href": true}

// rawLinks warns of each address in an editor's raw HTML that SafeURL
// refuses (the sanitiser leaves it out of every edition), as it warns of a
// Markdown link's: the attribute's value as a browser reads it.
func (s *splitter) rawLinks(n ast.Node, raw string) {
	if !strings.Contains(raw, "=") {
		return
	}
	z := xhtml.NewTokenizer(strings.NewReader(raw))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if urlAttrs[strings.ToLower(key)] && !SafeURL(a.Val) {
					s.unsafeLink(n, a.Val)
				}
			}
		}
	}
}

// UnsafeLinkMsg starts the warning of a link that is not published.
const UnsafeLinkMsg = "the link to"

// unsafeLink records, as a warning of the article, a link that is not
// published.
func (s *splitter) unsafeLink(n ast.Node, url string) {
	shown := url
	if r := []rune(shown); len(r) > 40 {
		shown = string(r[:40]) + "…"
	}
	s.a.Warnings = append(s.a.Warnings, &Error{Pos: s.pos(n), Msg: fmt.Sprintf("%s %q is not published, only its words: links go to http, https, mailto or tel addresses, or relative ones", UnsafeLinkMsg, shown), Code: WarnUnsafeLink})
}
