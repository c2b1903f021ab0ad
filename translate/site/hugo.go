package site

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/segment"
)

// HugoPage is what Hugo needs of an edition beyond the edition itself.
type HugoPage struct {
	// Key links the editions of one article (Hugo's translationKey): the
	// article's name, the same in every language.
	Key string
	// Image gives the address, inside the page's bundle, of the image a
	// figure shows (src as the article writes it): "media/photos/x.jpg";
	// false when the image is not published (the caption stands alone).
	// An address with a scheme or a leading slash is the site's and is
	// not asked about. Nil: no image is published.
	Image func(src string) (string, bool)
}

// Hugo writes ed as the index.md of a Hugo page bundle (see the package
// documentation), with notes on what it could not carry as written (a
// date Hugo cannot read).
func Hugo(ed *assemble.Edition, p HugoPage) (page []byte, notes []string) {
	fm, notes := hugoFrontMatter(ed, p.Key)
	body := render.MarkdownBody(ed, func(f render.Figure) string { return hugoFigure(f, p.Image) })
	return append(fm, body...), notes
}

// LanguageKey is the key Hugo gives a language in its settings and
// content folders: the tag lower-cased (kk-latn), as Hugo lower-cases
// every key of its configuration. A site whose key differs from it drops
// that language's pages without a word.
func LanguageKey(tag language.Tag) string { return strings.ToLower(tag.String()) }

// hugoReserved are the front-matter names Hugo reads itself (lower-case:
// Hugo's keys are not case-sensitive), and the default taxonomies; every
// other field goes under params, where Hugo keeps a page's own.
var hugoReserved = map[string]bool{
	"aliases": true, "audio": true, "build": true, "cascade": true, "date": true, "description": true,
	"draft": true, "expirydate": true, "headless": true, "images": true, "iscjklanguage": true,
	"keywords": true, "lastmod": true, "layout": true, "linktitle": true, "markup": true, "menu": true,
	"menus": true, "outputs": true, "params": true, "publishdate": true, "resources": true, "series": true,
	"sitemap": true, "slug": true, "summary": true, "title": true, "translationkey": true, "type": true,
	"url": true, "videos": true, "weight": true, "tags": true, "categories": true,
}

// hugoDates are the reserved fields that hold a date.
var hugoDates = []string{"date", "publishdate", "lastmod", "expirydate"}

// hugoFrontMatter is the page's front matter: the edition's values (the
// units in its language), converted as the package documentation says.
func hugoFrontMatter(ed *assemble.Edition, key string) ([]byte, []string) {
	values := map[string]any{}
	if ed.FrontMatter != nil {
		values = deepCopy(ed.FrontMatter.Values()).(map[string]any)
	}
	if !locale.IsSource(ed.Locale) {
		for _, f := range ed.Fields {
			if f.Text != nil && f.Text.Lang == "" {
				setPath(values, f.Path, markup.PlainText(f.Text.Nodes))
			}
		}
		if _, ok := values["lang"].(string); ok {
			values["lang"] = ed.Locale.String()
		}
	}
	if len(ed.Aliases) > 0 {
		var all []any
		if had, ok := values["aliases"].([]any); ok {
			all = had
		}
		for _, a := range ed.Aliases {
			if !containsString(all, a) {
				all = append(all, a)
			}
		}
		values["aliases"] = all
	}
	out := map[string]any{}
	params := map[string]any{}
	var notes []string
	keys := slices.Sorted(maps.Keys(values))
	// The editor's params, whatever the case of its name (Hugo's keys
	// are not case-sensitive); one that is not a table is a field of its
	// own, kept under params.
	for _, k := range keys {
		if strings.EqualFold(k, "params") {
			if p, ok := values[k].(map[string]any); ok {
				for pk, pv := range p {
					params[pk] = pv
				}
			} else {
				params[k] = values[k]
				notes = append(notes, fmt.Sprintf("front matter %s is not a table: kept as params.%s", k, k))
			}
		}
	}
	// Of two names Hugo reads as one (Title, title), the lower-case one,
	// which tilmash reads and translates, stays where Hugo reads it.
	taken := map[string]string{}
	for _, k := range keys {
		lk := strings.ToLower(k)
		if hugoReserved[lk] && lk != "params" {
			if had, ok := taken[lk]; !ok || k == lk && had != lk {
				taken[lk] = k
			}
		}
	}
	for _, k := range keys {
		v := values[k]
		lk := strings.ToLower(k)
		switch {
		case lk == "params":
		case hugoReserved[lk] && taken[lk] != k:
			params[k] = v
			notes = append(notes, fmt.Sprintf("front matter %s and %s are one name to Hugo: %s kept as params.%s", k, taken[lk], k, k))
		case slices.Contains(hugoDates, lk):
			d, ok := hugoDate(v)
			if d != nil {
				out[k] = d
			}
			if !ok {
				params[k+"_original"] = v
				if d == nil {
					notes = append(notes, fmt.Sprintf("front matter %s %s is not a date Hugo reads: kept as params.%s_original; write it as 2006-01-02", k, quote(v), k))
				}
			}
		case hugoReserved[lk]:
			out[k] = v
		default:
			if _, had := params[k]; !had {
				params[k] = v
			}
		}
	}
	if t := ed.Meta[segment.Date]; t != nil && !hasKeyFold(params, "date_text") {
		// The date as the edition's language writes it (CLDR, or the
		// translated date_text), for the byline: Hugo has no month names
		// for every language (kk-Latn).
		params["date_text"] = markup.PlainText(t.Nodes)
	}
	if key != "" && !hasKeyFold(out, "translationkey") {
		out["translationKey"] = key
	}
	if len(params) > 0 {
		out["params"] = params
	}
	var b bytes.Buffer
	b.WriteString("+++\n")
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(dropNil(out)); err != nil {
		// Every value came from a parsed front matter: strings, numbers,
		// booleans, dates, lists and tables, all of which TOML writes.
		notes = append(notes, "front matter: "+err.Error())
		b.Reset()
		b.WriteString("+++\n")
	}
	b.WriteString("+++\n")
	return b.Bytes(), notes
}

// hugoDate is the date Hugo reads for v, and whether v is it as written:
// a full date or date-time stays; a month (2022-10) or a year (2022)
// alone becomes its first day (false: the text as written is kept
// beside it); anything else is nil and false.
func hugoDate(v any) (any, bool) {
	switch d := v.(type) {
	case time.Time:
		return d, true
	case string:
		s := strings.TrimSpace(d)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
			if _, err := time.Parse(layout, s); err == nil {
				return s, s == d // Hugo 0.111 reads " 2023-01-02" as year 1
			}
		}
		for _, layout := range []string{"2006-01", "2006"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.Format("2006-01-02"), false
			}
		}
	case int64:
		if d >= 1000 && d <= 9999 { // a year written as a number
			return fmt.Sprintf("%04d-01-01", d), false
		}
	}
	return nil, false
}

// hugoFigure writes a figure as Hugo shows one: its figure shortcode
// with the image's address in the bundle (its alt text is the caption's
// words, as the shortcode derives it), or, with no image to show, the
// caption alone, emphasised (the shortcode would show an empty image).
func hugoFigure(f render.Figure, image func(string) (string, bool)) string {
	src := f.Src
	switch {
	case src == "":
	case strings.Contains(src, "://") || strings.HasPrefix(src, "/"):
		// The site's own, or another site's: as written.
	case image != nil:
		src, _ = image(src)
	default:
		src = ""
	}
	caption := strings.ReplaceAll(f.Caption, "\n", " ")
	if src == "" {
		if strings.TrimSpace(caption) == "" {
			return ""
		}
		return "*" + caption + "*"
	}
	var b strings.Builder
	b.WriteString("{{< figure src=")
	b.WriteString(shortcodeString(src, false))
	if caption != "" {
		b.WriteString(" caption=" + shortcodeString(caption, true))
	}
	if f.Title != "" {
		b.WriteString(" title=" + shortcodeString(f.Title, false))
	}
	b.WriteString(" >}}")
	return b.String()
}

// shortcodeString quotes s as a shortcode's parameter, in double quotes
// with a quotation mark escaped (\"), as Hugo reads it. Hugo (0.111)
// keeps any other backslash as it is, drops them all from a value that
// holds an escaped quote, and takes one before the closing quote for an
// escape (the shortcode never ends: the site does not build): so no
// backslash is written. In Markdown (a caption, which Hugo renders),
// each escape (\*) is written as the character's reference (&#42;), and
// {{ and }} as {&#123; and }&#125;; in plain text (a title), a backslash
// is ＼, and {{ and }} are set apart by a zero-width space. No text can
// end the shortcode or start another.
func shortcodeString(s string, markdown bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' && markdown:
			next, n := utf8.DecodeRuneInString(s[i+size:])
			if n == 0 {
				next = '\\'
			}
			fmt.Fprintf(&b, "&#%d;", next)
			i += size + n
			continue
		case r == '\\':
			b.WriteString("＼")
		case r == '"':
			b.WriteString(`\"`)
		case (r == '{' || r == '}') && strings.HasPrefix(s[i+size:], string(r)):
			if markdown {
				fmt.Fprintf(&b, "%c&#%d;", r, r)
			} else {
				b.WriteString(string(r) + "\u200b" + string(r))
			}
			i += 2 * size
			continue
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// setPath puts s at the dotted path of values (a table's key, a list's
// index), where a value of the front matter stands.
func setPath(values map[string]any, p, s string) {
	segs := strings.Split(p, ".")
	var cur any = values
	for i, seg := range segs {
		last := i == len(segs)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[seg] = s
				return
			}
			cur = c[seg]
		case []any:
			n, err := strconv.Atoi(seg)
			if err != nil || n < 0 || n >= len(c) {
				return
			}
			if last {
				c[n] = s
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}

// deepCopy copies the tables and lists of a decoded front matter, so
// that setting a value changes no other edition's.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// dropNil removes YAML's nulls, which TOML cannot write (Hugo reads a
// field that is absent as it reads a null).
func dropNil(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e != nil {
				out[k] = dropNil(e)
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if e != nil {
				out = append(out, dropNil(e))
			}
		}
		return out
	}
	return v
}

// containsString reports whether list holds the string s.
func containsString(list []any, s string) bool {
	return slices.ContainsFunc(list, func(v any) bool { return v == s })
}

// hasKeyFold reports whether m has key, in any case.
func hasKeyFold(m map[string]any, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// quote writes a front-matter value for a note.
func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}
