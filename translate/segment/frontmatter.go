package segment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// FrontMatterFields are the top-level front-matter keys tilmash reads
// itself: the masthead's texts (always units), and the fields that say
// when and where the article is published. Every other field stays where
// the file has it (see Meta.Params); Options.Translate says which of them
// are translated.
var FrontMatterFields = []string{"title", "note", "publication", "dateline", "date", "date_text", "author", "lang", "translate", "required_locales"}

// DefaultTranslate is the front-matter fields translated when
// tilmash.toml does not say (its [front-matter] translate), beyond the
// masthead's: the texts site generators and their themes show to readers.
// subtitle, description, summary, excerpt: under the headline, in lists of
// articles, in search results and link previews (Hugo, Jekyll, Eleventy,
// Zola all know description; Hugo summary, Jekyll excerpt). linkTitle:
// Hugo's short title for menus and breadcrumbs. The same under params
// (Hugo's table for a theme's own fields) and extra (Zola's). *.alt and
// *.caption: an image's alternative text and caption, in whatever table
// holds the image (cover.alt, params.caption). Lists (tags, categories,
// keywords) are not: to a site generator a tag is a term with a page of
// its own, which a translation would split from the English one; name
// them here to translate them.
var DefaultTranslate = []string{
	"subtitle", "description", "summary", "excerpt", "linkTitle",
	"params.subtitle", "params.description", "params.summary", "params.excerpt",
	"extra.subtitle", "extra.description", "extra.summary",
	"*.alt", "*.caption",
}

// Options change how Split reads an article.
type Options struct {
	// Translate lists the front-matter fields, beyond the masthead's
	// (title, note, publication, dateline, date_text, author, always
	// units), whose text is translated: dotted paths (params.subtitle),
	// "*" standing for any one key (*.alt). A field that holds a list of
	// texts (tags) makes a unit of each. Nil: DefaultTranslate.
	Translate []string
	// ShortcodeParams lists the parameters whose values are translated, of
	// Hugo's and Zola's shortcodes and Liquid's and Nunjucks' tags (Hugo's
	// figure's caption, a theme's title, an include's alt…). Nil:
	// DefaultShortcodeParams.
	ShortcodeParams []string
}

// ValidPattern reports what is wrong with p as an entry of
// Options.Translate, or nil.
func ValidPattern(p string) error {
	if p == "" {
		return fmt.Errorf("an empty name: write a field's name, or its path (params.subtitle)")
	}
	for _, seg := range strings.Split(p, ".") {
		if seg == "" {
			return fmt.Errorf("%q has an empty part: write its keys joined by single dots (params.subtitle)", p)
		}
		if strings.Contains(seg, "*") && seg != "*" {
			return fmt.Errorf("%q: a * stands for a whole key (*.alt), not part of one", p)
		}
	}
	switch p {
	case "lang", "date", "translate", "required_locales":
		return fmt.Errorf("%q is not a text: tilmash reads it to know when and where the article is published", p)
	}
	return nil
}

// metaFields are the masthead's front-matter texts, which are units
// whatever Options say, with their fixed ID suffix and their context for
// translators, in the order they are extracted.
var metaFields = []struct {
	kind Kind
	key  string
	id   string
	ctx  string
}{
	{Publication, "publication", "publication", "The publication's name, in the masthead."},
	{Dateline, "dateline", "dateline", "The dateline in the masthead: where the story was filed (city, country)."},
	{Date, "date_text", "date", "The date in the masthead, as the publication prints it (%s)."},
	{Headline, "title", "title", "The article's headline."},
	{Author, "author", "author", "The byline: the author's name, written as your language writes it (the glossary may fix it)."},
	{Note, "note", "note", "The editor's note printed under the headline."},
}

// fieldContexts tell a translator where a translated front-matter text
// is shown, by the field's last key (lower-cased).
var fieldContexts = map[string]string{
	"subtitle":    "The article's subtitle, printed under the headline",
	"description": "The article's description, shown in search results and link previews",
	"summary":     "The article's summary, shown in lists of articles and in link previews",
	"excerpt":     "The article's excerpt, shown in lists of articles",
	"linktitle":   "A short form of the headline, for menus and breadcrumbs",
	"alt":         "The alternative text of an image of the article: what a reader who cannot see the image is told",
	"caption":     "The caption of an image of the article",
	"lead":        "The article's lead, printed above its text",
	"tags":        "One of the article's tags: a topic readers follow to other articles",
	"categories":  "One of the article's categories",
	"keywords":    "One of the article's keywords, for search engines",
}

// frontMatter reads the front matter (TOML, YAML or JSON: package
// frontmatter), adds the units of its texts, and returns the body and the
// line it starts on.
func (s *splitter) frontMatter(src []byte) (body []byte, bodyLine int, err error) {
	if _, ok := frontmatter.Detect(src); !ok {
		return nil, 0, &Error{Pos: Pos{s.file, 1, 1}, Code: WarnNotArticle,
			Msg: "not an article: the file has no front matter, so tilmash leaves it alone (as Jekyll does); to translate it, start it with its fields between two \"+++\" lines (TOML: title = \"…\"), two \"---\" lines (YAML: title: \"…\"), or in a JSON object ({\"title\": \"…\"})"}
	}
	doc, err := frontmatter.Parse(s.file, src)
	if err != nil {
		if fe, ok := err.(*frontmatter.Error); ok {
			return nil, 0, &Error{Pos: Pos(fe.Pos), Msg: fe.Msg}
		}
		return nil, 0, &Error{Pos: Pos{s.file, 1, 1}, Msg: err.Error()}
	}
	fields := doc.Values()
	// key is where a top-level field is written, value where its value starts.
	key := func(k string) Pos { f, _ := doc.Field(k); return Pos(f.Key) }
	value := func(k string) Pos { f, _ := doc.Field(k); return Pos(f.Pos) }
	text := func(k string) (string, error) {
		v, ok := fields[k]
		if !ok {
			return "", nil
		}
		str, ok := v.(string)
		if !ok {
			return "", &Error{Pos: value(k), Msg: fmt.Sprintf("front matter: %s must be a string in quotes, not %s", k, typeName(v))}
		}
		return str, nil
	}
	texts := map[string]string{}
	for _, k := range []string{"title", "note", "publication", "dateline", "date_text", "author", "lang"} {
		if texts[k], err = text(k); err != nil {
			return nil, 0, err
		}
	}
	if texts["title"] == "" {
		// As Eleventy's documentation writes its pages: the headline is
		// the body's first "# heading" (headingTitle), if it has one.
		s.noTitle = fmt.Sprintf("the front matter has no title, and the text does not start with a \"# heading\": add %s", map[frontmatter.Format]string{frontmatter.TOML: `title = "…"`, frontmatter.YAML: `title: "…"`, frontmatter.JSON: `"title": "…"`}[doc.Format])
	}
	meta := &s.a.Meta
	meta.Translate = true
	meta.FrontMatter = doc
	if meta.Date, err = frontDate(fields["date"]); err != nil {
		return nil, 0, &Error{Pos: value("date"), Msg: "front matter: " + err.Error()}
	}
	if lang := texts["lang"]; lang != "" {
		if _, err := locale.Parse(lang); err != nil {
			return nil, 0, &Error{Pos: value("lang"), Msg: "front matter: lang: " + err.Error()}
		}
		meta.Lang = lang
	}
	if v, ok := fields["translate"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return nil, 0, &Error{Pos: value("translate"), Msg: fmt.Sprintf("front matter: translate must be true or false, not %s", typeName(v))}
		}
		meta.Translate = b
	}
	if v, ok := fields["required_locales"]; ok {
		list, isList := v.([]any)
		if !isList {
			return nil, 0, &Error{Pos: value("required_locales"), Msg: fmt.Sprintf("front matter: required_locales must be a list of locales, such as [\"ru\"], not %s", typeName(v))}
		}
		meta.Required = []string{}
		for i, item := range list {
			str, _ := item.(string)
			tag, err := locale.Parse(str)
			if err != nil {
				return nil, 0, &Error{Pos: value("required_locales." + strconv.Itoa(i)), Msg: "front matter: required_locales: " + err.Error()}
			}
			meta.Required = append(meta.Required, tag.String())
		}
	}
	for k, v := range fields {
		if !isMasthead(k) {
			if meta.Params == nil {
				meta.Params = map[string]any{}
			}
			meta.Params[k] = v
		}
	}
	for _, f := range metaFields {
		t := texts[f.key]
		if t == "" {
			continue
		}
		ctx := f.ctx
		if f.kind == Date {
			ctx = fmt.Sprintf(ctx, meta.Date)
		}
		u := s.unit(f.kind, []markup.Node{{Kind: markup.Text, Text: t}}, key(f.key), ctx)
		u.ID = s.a.Slug + "." + f.id
		meta.Units[f.kind] = s.add(u)
		meta.Fields = append(meta.Fields, Field{Path: f.key, Unit: meta.Units[f.kind]})
	}
	units := s.translatedFields(doc)
	s.places = append(s.places, passedThrough(doc, units)...)
	s.title = texts["title"]
	return src[doc.Body():], doc.BodyLine(), nil
}

// translatedFields adds a unit for each text of the front matter that
// Options.Translate names (in the order of the text), and returns the
// paths that became units.
func (s *splitter) translatedFields(doc *frontmatter.Doc) map[string]bool {
	patterns := s.opts.Translate
	if patterns == nil {
		patterns = DefaultTranslate
	}
	done := map[string]bool{}
	for _, m := range metaFields {
		done[m.key] = true
	}
	for _, f := range doc.Fields() {
		if done[f.Path] || isMasthead(f.Path) || !matches(patterns, f.Path) {
			continue
		}
		if str, ok := f.Value.(string); ok && f.Text {
			kind, list := FieldText, f.Path
			if i := strings.LastIndexByte(f.Path, '.'); i > 0 {
				if parent, ok := doc.Field(f.Path[:i]); ok {
					if _, isList := parent.Value.([]any); isList { // tags.*: an item of a list
						kind, list = FieldItem, f.Path[:i]
					}
				}
			}
			if t := strings.TrimSpace(str); t != "" {
				s.fieldUnit(Field{Path: f.Path}, kind, t, Pos(f.Key), list)
			}
			done[f.Path] = true
			continue
		}
		items, pos, ok := doc.Strings(f.Path)
		if !ok {
			if v := f.Value; v != nil && v != "" && slices.Contains(patterns, f.Path) {
				s.a.Warnings = append(s.a.Warnings, &Error{Pos: Pos(f.Pos), Msg: fmt.Sprintf("front matter: %s is to be translated (tilmash.toml's [front-matter] translate, or its default), but it holds %s, not a text or a list of texts: it is kept as it is", f.Path, typeName(v))})
			}
			continue
		}
		for i, item := range items {
			path := f.Path + "." + strconv.Itoa(i)
			if t := strings.TrimSpace(item); t != "" && !done[path] {
				s.fieldUnit(Field{Path: path}, FieldItem, t, Pos(pos[i]), f.Path)
			}
			done[path] = true
		}
	}
	return done
}

// fieldUnit adds the unit of a translated front-matter text t at pos:
// of the field f, or of an item of the list list.
func (s *splitter) fieldUnit(f Field, kind Kind, t string, pos Pos, list string) {
	last := strings.ToLower(list[strings.LastIndexByte(list, '.')+1:])
	ctx, known := fieldContexts[last]
	switch {
	case !known && kind == FieldItem:
		ctx = "One of the texts of the list " + list
	case !known:
		ctx = "The front-matter field " + list + ", as the site shows it"
	}
	u := s.unit(kind, []markup.Node{{Kind: markup.Text, Text: t}}, pos, ctx+" (front matter: "+f.Path+").")
	u.ID = s.a.Slug + "." + FieldID(f.Path)
	if kind == FieldItem {
		sum := sha256.Sum256([]byte(normalizeSpace(t)))
		u.ID = s.a.Slug + "." + FieldID(list) + "-" + hex.EncodeToString(sum[:3])
	}
	f.Unit = s.add(u)
	s.a.Meta.Fields = append(s.a.Meta.Fields, f)
}

// FieldID is the last segment of the ID of the unit of a translated
// front-matter field at path (after the article's name): "fm-" and the
// path in lower-case letters and digits, its keys joined with hyphens
// (params.subtitle: fm-params-subtitle), so that no ID segment is one of
// go-i18n's reserved words (the description field's unit is
// <article>.fm-description). A path with other characters (a Cyrillic
// key) gets six hex digits of its SHA-256 too, so that two such paths do
// not share an ID. An item of a list (tags) adds six hex digits of its
// text's SHA-256 to its list's: fm-tags-3a7bd3, so that the items'
// translations follow them when the list is reordered.
func FieldID(path string) string {
	var b strings.Builder
	b.WriteString("fm")
	dash, other := true, false
	for _, r := range path {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == '.' || r == '_' || r == '-':
			dash = true
		default:
			dash, other = true, true
		}
	}
	if other {
		sum := sha256.Sum256([]byte(path))
		b.WriteString("-" + hex.EncodeToString(sum[:3]))
	}
	return b.String()
}

// matches reports whether one of patterns names path, or the list path
// is an item of.
func matches(patterns []string, path string) bool {
	segs := strings.Split(path, ".")
	for _, p := range patterns {
		ps := strings.Split(p, ".")
		if len(ps) != len(segs) {
			continue
		}
		ok := true
		for i := range ps {
			ok = ok && (ps[i] == "*" || ps[i] == segs[i])
		}
		if ok {
			return true
		}
	}
	return false
}

// isMasthead reports whether path is a top-level field tilmash reads.
func isMasthead(path string) bool {
	for _, k := range FrontMatterFields {
		if path == k {
			return true
		}
	}
	return false
}

// passedThrough is the text of the front matter that reaches the Markdown
// edition as the file writes it, as places for chars: each key, and each
// string that is not a unit, at its key.
func passedThrough(doc *frontmatter.Doc, units map[string]bool) []place {
	text, offset := doc.Text()
	var out []place
	for _, f := range doc.Fields() {
		top, _, _ := strings.Cut(f.Path, ".")
		if isMasthead(top) {
			continue
		}
		t := f.Path[strings.LastIndexByte(f.Path, '.')+1:]
		if str, ok := f.Value.(string); ok && !units[f.Path] {
			t += str
		}
		out = append(out, place{pos: Pos(f.Key), start: offset, end: offset + len(text), text: t})
	}
	return out
}

// frontDate reads the date field: an ISO 8601 string ("2022", "2022-10",
// "2022-10-01", or a date and time, "2022-10-01T09:30:00+06:00" or as
// Jekyll writes it, "2022-10-01 09:30:00 +0600"), a TOML date or
// date-time (date = 2023-03-14) or a YAML timestamp, of which the date is
// kept.
func frontDate(v any) (string, error) {
	switch d := v.(type) {
	case nil:
		return "", nil
	case time.Time:
		if d.Location().String() == "time-local" {
			return "", fmt.Errorf("date %s is a time of day without a date: write date = 2023-03-14", d.Format("15:04:05"))
		}
		return d.Format("2006-01-02"), nil
	case string:
		if d == "" {
			return "", nil
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
			if t, err := time.Parse(layout, d); err == nil {
				return t.Format("2006-01-02"), nil
			}
		}
		if !isoDate.MatchString(d) {
			return "", fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD (a date such as date = 2023-03-14 works too)", d)
		}
		layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(d)]
		if _, err := time.Parse(layout, d); err != nil {
			return "", fmt.Errorf("date %q is not a real date", d)
		}
		return d, nil
	default:
		return "", fmt.Errorf("date must be a date (2023-03-14) or a string (\"2023-03\"), not %s", typeName(v))
	}
}

// typeName names a decoded front-matter value's type for an error message.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
