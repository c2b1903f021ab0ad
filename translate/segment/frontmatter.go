package segment

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/tomlpos"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// FrontMatterFields are the front-matter keys tilmash reads. Any other
// top-level key is kept (see Meta.Params) with a warning; [params] is the
// table for fields that are meant for templates and other tools.
var FrontMatterFields = []string{"title", "note", "publication", "dateline", "date", "date_text", "author", "lang", "translate", "required_locales", "params"}

// metaFields are the front-matter texts that become units, with their fixed
// ID suffix and their context for translators, in the order they are
// extracted.
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

// frontMatter reads the TOML between the "+++" lines, adds the units of its
// texts, and returns the body and the line it starts on.
func (s *splitter) frontMatter(src []byte) (body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(src, []byte("+++\n")) {
		return nil, 0, &Error{Pos{s.file, 1, 1}, "no front matter: start the file with a \"+++\" line, the TOML fields (title = \"…\"), and another \"+++\" line"}
	}
	end := bytes.Index(src[4:], []byte("\n+++\n"))
	if end < 0 {
		if bytes.HasSuffix(src, []byte("\n+++")) {
			end = len(src) - 4 - 4
		} else {
			return nil, 0, &Error{Pos{s.file, 1, 1}, "the front matter is never closed: add a \"+++\" line after it"}
		}
	}
	fm := src[4 : 4+end+1]
	// at is the position of a key in the file: the front matter starts on line 2.
	keyLines := keyLineIndex(fm) // once: a front matter of many keys must not be scanned once per key
	at := func(key string) Pos { return Pos{s.file, 2 + keyLines[key], 1} }
	fields := map[string]any{}
	if e := bound.TOMLDepth(s.file, 2, fm); e != nil { // before the decoder, which takes minutes on it
		return nil, 0, &Error{Pos{e.File, e.Line, e.Col}, "front matter: " + e.Msg + " (it holds texts, a date and a [params] table: write them with fewer levels)"}
	}
	if _, err := toml.Decode(string(fm), &fields); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := tomlpos.Position(fm, pe)
			return nil, 0, &Error{Pos{s.file, line + 1, col}, "front matter: " + pe.Message}
		}
		return nil, 0, &Error{Pos{s.file, 2, 1}, "front matter: " + err.Error()}
	}
	text := func(key string) (string, error) {
		v, ok := fields[key]
		if !ok {
			return "", nil
		}
		str, ok := v.(string)
		if !ok {
			return "", &Error{at(key), fmt.Sprintf("front matter: %s must be a string in quotes, not %s", key, tomlType(v))}
		}
		return str, nil
	}
	texts := map[string]string{}
	for _, key := range []string{"title", "note", "publication", "dateline", "date_text", "author", "lang"} {
		if texts[key], err = text(key); err != nil {
			return nil, 0, err
		}
	}
	if texts["title"] == "" {
		return nil, 0, &Error{Pos{s.file, 1, 1}, "the front matter has no title: add title = \"…\""}
	}
	meta := &s.a.Meta
	meta.Translate = true
	if meta.Date, err = frontDate(fields["date"]); err != nil {
		return nil, 0, &Error{at("date"), "front matter: " + err.Error()}
	}
	if lang := texts["lang"]; lang != "" {
		if _, err := locale.Parse(lang); err != nil {
			return nil, 0, &Error{at("lang"), "front matter: lang: " + err.Error()}
		}
		meta.Lang = lang
	}
	if v, ok := fields["translate"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return nil, 0, &Error{at("translate"), fmt.Sprintf("front matter: translate must be true or false, not %s", tomlType(v))}
		}
		meta.Translate = b
	}
	if v, ok := fields["required_locales"]; ok {
		list, _ := v.([]any)
		if _, isList := v.([]any); !isList {
			return nil, 0, &Error{at("required_locales"), fmt.Sprintf("front matter: required_locales must be a list of locales, such as [\"ru\"], not %s", tomlType(v))}
		}
		meta.Required = []string{}
		for _, item := range list {
			str, _ := item.(string)
			tag, err := locale.Parse(str)
			if err != nil {
				return nil, 0, &Error{at("required_locales"), "front matter: required_locales: " + err.Error()}
			}
			meta.Required = append(meta.Required, tag.String())
		}
	}
	if v, ok := fields["params"]; ok {
		table, isTable := v.(map[string]any)
		if !isTable {
			return nil, 0, &Error{at("params"), fmt.Sprintf("front matter: params must be a table ([params]), not %s", tomlType(v))}
		}
		meta.Params = table
	}
	var unknown []string
	for key := range fields {
		if !slices.Contains(FrontMatterFields, key) {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		if meta.Params == nil {
			meta.Params = map[string]any{}
		}
		if _, taken := meta.Params[key]; !taken {
			meta.Params[key] = fields[key]
		}
		s.a.Warnings = append(s.a.Warnings, &Error{at(key), fmt.Sprintf("front matter: tilmash does not know the field %q; it is kept and passed through to the Markdown editions (put such fields under [params] to silence this; known: %s)", key, strings.Join(FrontMatterFields, ", "))})
	}
	for key, v := range meta.Params { // passed through to the Markdown editions
		s.places = append(s.places, place{pos: at(key), start: 4, end: 4 + end + 1, text: paramTexts(v)})
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
		u := s.unit(f.kind, []markup.Node{{Kind: markup.Text, Text: t}}, at(f.key), ctx)
		u.ID = s.a.Slug + "." + f.id
		meta.Units[f.kind] = s.add(u)
	}
	s.title = texts["title"]
	bodyStart := 4 + end + 5
	if bodyStart > len(src) {
		bodyStart = len(src)
	}
	return src[bodyStart:], bytes.Count(src[:bodyStart], []byte("\n")) + 1, nil
}

// frontDate reads the date field: an ISO 8601 string ("2022", "2022-10",
// "2022-10-01") or a TOML date or date-time (date = 2023-03-14), of which
// the date is kept.
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
		if !isoDate.MatchString(d) {
			return "", fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD (a TOML date such as date = 2023-03-14 works too)", d)
		}
		layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(d)]
		if _, err := time.Parse(layout, d); err != nil {
			return "", fmt.Errorf("date %q is not a real date", d)
		}
		return d, nil
	default:
		return "", fmt.Errorf("date must be a date (date = 2023-03-14) or a string (\"2023-03\"), not %s", tomlType(v))
	}
}

// tomlType names a decoded TOML value's type for an error message.
func tomlType(v any) string {
	switch v.(type) {
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
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
