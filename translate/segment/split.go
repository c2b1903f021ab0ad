package segment

import (
	"bytes"
	"fmt"
	"html"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"

	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
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
)

// Block is one block of an article's structure. Text lives in units; a block
// points at its unit by index, so units can be renamed without touching blocks.
type Block struct {
	Kind     BlockKind // what the block is
	Level    int       // heading level, 1–6
	Class    string    // "profile", "question" or "answer" where the convention applies
	Unit     int       // index in Article.Units of the block's text, or -1
	NameUnit int       // for a profile heading: index of the name unit, else -1
	Src      string    // a figure's image address (may be empty: no photograph)
	Literal  string    // the text of a code or HTML block, never translated
	Info     string    // a fenced code block's info string
	Ordered  bool      // for lists: numbered
	Start    int       // for ordered lists: the first number
	Tight    bool      // for lists: items without blank lines between them
	Children []Block   // the blocks inside a list, item or quote
}

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
}

// Error is a problem in a content file, at a position.
type Error struct {
	Pos Pos    // where the problem is
	Msg string // what is wrong and what to do
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

var (
	isoDate   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	grouped   = regexp.MustCompile(`\b[1-9]\d{0,2}(?:,\d{3})+\b`) // 150,000; not 0,000 or 012,345, which are no such number
	profileRe = regexp.MustCompile(`^(.+?),\s*(\d{1,3})$`)
	md        = goldmark.New(goldmark.WithParserOptions(parser.WithHeadingAttribute()))
)

// SlugOf is the name of the article in file: what its IDs start with,
// known without reading it.
func SlugOf(file string) string {
	return Slug(strings.TrimSuffix(path.Base(file), path.Ext(file)))
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
		return nil, &Error{Pos{file, line, col}, "invalid UTF-8: save the file as UTF-8"}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	a := &Article{Path: file, Slug: SlugOf(file), Meta: Meta{Units: map[Kind]int{}}}
	s := &splitter{a: a, file: file, section: "intro", opts: opts}

	body, bodyLine, err := s.frontMatter(src)
	if err != nil {
		return nil, err
	}
	s.src = body
	s.base = len(src) - len(body)
	s.lineOffset = bodyLine - 1
	if err := emphasisBudget(file, body, bodyLine); err != nil {
		return nil, err
	}
	doc := md.Parser().Parse(text.NewReader(body))
	s.dropRepeatedTitle(doc)
	a.Blocks, err = s.blocks(doc, "")
	if err != nil {
		return nil, err
	}
	dedupeIDs(a)
	for _, u := range a.Units {
		for _, text := range u.Forms {
			if len(text) > MaxUnit {
				return nil, &Error{u.Pos, fmt.Sprintf("a %s of %d bytes, longer than any unit tilmash translates (%d): split it into paragraphs", u.Kind, len(text), MaxUnit)}
			}
		}
	}
	a.Chars = chars(src, a.Units, s.places)
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
			return &Error{Pos{file, start, 1}, fmt.Sprintf("a paragraph with %d emphasis marks (* or _), more than Markdown can be read with in reasonable time (at most %d in a paragraph, fewer in many): write the literal ones as \\* and \\_, or put the text in a code block", marks, maxMarks)}
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
			if c := l[j]; c == '*' || c == '_' {
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

// dropRepeatedTitle removes a first "# heading" that repeats the title, as
// many editors write one: the editions print the title once, from the front
// matter.
func (s *splitter) dropRepeatedTitle(doc ast.Node) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return
	}
	numbers := s.numbers
	nodes, err := s.inlines(h)
	s.numbers = numbers // a trial: the heading's numbers must not shift the body's placeholders
	if err == nil && foldTitle(withNumbers(nodes)) == foldTitle(s.title) {
		doc.RemoveChild(doc, h)
	}
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
	inAnswer   bool   // after a question heading, until the next heading
	numbers    int
	newlines   []int   // the offsets of src's line breaks, found once for pos
	base       int     // the offset of src (the body) in the file
	places     []place // text in no unit that reaches an edition, for chars
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
	// The line by binary search over the line breaks, found once: counting
	// them from the start for every unit was quadratic in the article.
	if s.newlines == nil {
		s.newlines = []int{}
		for i, c := range s.src {
			if c == '\n' {
				s.newlines = append(s.newlines, i)
			}
		}
	}
	before := sort.SearchInts(s.newlines, offset) // line breaks before offset
	lineStart := 0
	if before > 0 {
		lineStart = s.newlines[before-1] + 1
	}
	col := utf8.RuneCount(s.src[lineStart:offset]) + 1
	return Pos{s.file, before + 1 + s.lineOffset, col}
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
		if img, ok := soleImage(n); ok {
			nodes, err := s.inlines(img)
			if err != nil {
				return none, false, err
			}
			u := s.unit(Caption, nodes, s.pos(n), "A photo caption.")
			b := none
			b.Kind, b.Src, b.Unit = FigureBlock, string(img.Destination), s.add(u)
			s.placeOf(n, xhtml.UnescapeString(b.Src))
			if !SafeURL(b.Src) {
				s.unsafeLink(n, b.Src)
				b.Src = "" // the caption alone, as for a photograph not available
			}
			return b, true, nil
		}
		nodes, err := s.inlines(n)
		if err != nil {
			return none, false, err
		}
		kind, ctx := Paragraph, "Body text"
		switch {
		case container == ItemBlock:
			kind, ctx = Item, "A list item"
		case container == QuoteBlock:
			kind, ctx = Quote, "Text in a block quote"
		case s.inAnswer:
			kind, ctx = Answer, "The answer to the question above it, with the reporter's narration"
		}
		u := s.unit(kind, nodes, s.pos(n), s.context(ctx))
		b := none
		b.Kind, b.Unit = ParagraphBlock, s.add(u)
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
		var err error
		b.Children, err = s.blocks(n, ItemBlock)
		return b, true, err
	case *ast.Blockquote:
		b := none
		b.Kind = QuoteBlock
		var err error
		b.Children, err = s.blocks(n, QuoteBlock)
		return b, true, err
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
		b.Kind, b.Literal = HTMLBlock, string(lit)
		s.placeOf(n, xhtml.UnescapeString(b.Literal))
		s.rawLinks(n, b.Literal)
		return b, true, nil
	case *ast.ThematicBreak:
		b := none
		b.Kind = RuleBlock
		return b, true, nil
	}
	return none, false, &Error{s.pos(n), fmt.Sprintf("unsupported Markdown block %s", n.Kind())}
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
	b := Block{Kind: HeadingBlock, Level: n.Level, Unit: -1, NameUnit: -1}
	if v, ok := n.AttributeString("class"); ok {
		if cls, ok := v.([]byte); ok {
			b.Class = string(cls)
		}
	}
	nodes, err := s.inlines(n)
	if err != nil {
		return b, false, err
	}
	pos := s.pos(n)
	plain := markup.PlainText(nodes)
	if strings.TrimSpace(plain) == "" && b.Class != "profile" {
		return b, false, nil // an empty heading ("#"): nothing to translate or show, as if absent
	}
	s.inAnswer = false
	switch b.Class {
	case "profile":
		m := profileRe.FindStringSubmatch(strings.TrimSpace(plain))
		if m == nil {
			return b, false, &Error{pos, fmt.Sprintf("profile heading %q does not read \"Name, Age\" (for example \"Dmitri, 31\")", plain)}
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
		s.inAnswer = true
		return b, true, nil
	}
	if n.Level <= 2 {
		s.setSection(plain)
	}
	u := s.unit(Heading, nodes, pos, fmt.Sprintf("A level-%d section heading.", n.Level))
	b.Unit = s.add(u)
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

// inlines converts the inline children of n.
func (s *splitter) inlines(n ast.Node) ([]markup.Node, error) {
	var out []markup.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(s.src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			out = s.appendText(out, string(v))
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
			kids, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			if !SafeURL(string(c.Destination)) {
				s.unsafeLink(n, string(c.Destination))
				out = append(out, kids...) // the words, without the link
				continue
			}
			out = append(out, markup.Node{Kind: markup.Link, Href: string(c.Destination), Title: string(c.Title), Children: kids})
		case *ast.AutoLink:
			url := string(c.URL(s.src))
			label := markup.Node{Kind: markup.Text, Text: string(c.Label(s.src))}
			if !SafeURL(url) {
				s.unsafeLink(n, url)
				out = append(out, label)
				continue
			}
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
			out = append(out, markup.Node{Kind: markup.Code, Text: b.String()})
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(s.src))
			}
			s.rawLinks(n, b.String())
			out = append(out, markup.Node{Kind: markup.HTML, Text: b.String()})
		case *ast.Image:
			// An image inside running text: kept as HTML, its alt text untranslated.
			alt, err := s.inlines(c)
			if err != nil {
				return nil, err
			}
			if !SafeURL(string(c.Destination)) {
				s.unsafeLink(n, string(c.Destination))
				out = append(out, alt...) // its words, without the image
				continue
			}
			out = append(out, markup.Node{Kind: markup.HTML, Text: fmt.Sprintf(`<img src="%s" alt="%s">`, html.EscapeString(string(c.Destination)), html.EscapeString(markup.PlainText(alt)))})
		default:
			return nil, &Error{s.pos(n), fmt.Sprintf("unsupported inline Markdown %s", c.Kind())}
		}
	}
	return joinText(out), nil
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
	if i < 0 || u[i] != ':' {
		return true // no scheme: a relative address
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

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
	s.a.Warnings = append(s.a.Warnings, &Error{s.pos(n), fmt.Sprintf("%s %q is not published, only its words: links go to http, https, mailto or tel addresses, or relative ones", UnsafeLinkMsg, shown)})
}
