package frontmatter

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Rewrite returns the front matter as the file writes it (Raw: from the
// first byte to the body, delimiters included) with the value at each
// path of values replaced: by a string (the value there must be a string
// that Rewrite can replace, see Field.Text) or by a list of strings (the
// value there must be a list of such strings). A list of as many strings
// as it holds replaces each item where it stands; a list of another
// length is written anew in brackets, which needs a list written in
// brackets, or in YAML one of "- " items under its key. A value that
// equals the new one is left as written. A list of strings at a top-level
// key the front matter does not have is added, on a line of its own at the
// top (in JSON, as the object's first member). Every other byte stays as
// it is.
//
// New strings are written as the format quotes them: a TOML basic string,
// a YAML double-quoted scalar, a JSON string, with every character that
// the format does not take as it is escaped, on one line. Invalid UTF-8 is
// written as U+FFFD.
func (d *Doc) Rewrite(values map[string]any) ([]byte, error) {
	var edits []edit
	for _, path := range slices.Sorted(maps.Keys(values)) {
		n, ok := d.byPath[path]
		if !ok {
			add, err := d.addition(path, values[path])
			if err != nil {
				return nil, err
			}
			edits = append(edits, add)
			continue
		}
		switch v := values[path].(type) {
		case string:
			if !n.text {
				return nil, fmt.Errorf("front matter: the value at %q is not a string that can be replaced", path)
			}
			if n.value != v {
				edits = append(edits, edit{n.start, n.end, d.quote(v)})
			}
		case []string:
			if !n.list || n.alias {
				return nil, fmt.Errorf("front matter: the value at %q is not a list", path)
			}
			for _, it := range n.items {
				if _, ok := it.value.(string); !ok || !it.text {
					return nil, fmt.Errorf("front matter: the list at %q holds other than strings", path)
				}
			}
			if len(v) == len(n.items) {
				for i, it := range n.items {
					if it.value != v[i] {
						edits = append(edits, edit{it.start, it.end, d.quote(v[i])})
					}
				}
				continue
			}
			quoted := make([]string, len(v))
			for i, s := range v {
				quoted[i] = d.quote(s)
			}
			list := "[" + strings.Join(quoted, ", ") + "]"
			switch {
			case n.end >= 0 && n.start < len(d.src) && d.src[n.start] == '[':
				edits = append(edits, edit{n.start, n.end, list})
			case n.colon >= 0 && len(n.items) > 0:
				edits = append(edits, edit{n.colon, n.items[len(n.items)-1].end, " " + list})
			default:
				return nil, fmt.Errorf("front matter: the list at %q cannot change its length as it is written", path)
			}
		default:
			return nil, fmt.Errorf("front matter: the new value at %q is a %T, not a string or a list of strings", path, v)
		}
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(d.body + 64)
	at := 0
	for _, e := range edits {
		if e.start < at {
			return nil, fmt.Errorf("front matter: two of the paths name the same value")
		}
		b.Write(d.src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(d.src[at:d.body])
	return []byte(b.String()), nil
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// addition is the edit that adds a list of strings at a top-level key the
// front matter does not have.
func (d *Doc) addition(key string, v any) (edit, error) {
	list, ok := v.([]string)
	if !ok || key == "" || strings.ContainsAny(key, ".\"\n") {
		return edit{}, fmt.Errorf("front matter: no value at %q", key)
	}
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = d.quote(s)
	}
	value := "[" + strings.Join(quoted, ", ") + "]"
	text := strings.TrimSpace(string(d.src[d.start:d.end]))
	switch d.Format {
	case JSON:
		sep := ", "
		if strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text, "{"), "}")) == "" {
			sep = ""
		}
		return edit{d.start + 1, d.start + 1, QuoteJSON(key) + ": " + value + sep}, nil
	case YAML:
		if strings.HasPrefix(text, "{") || strings.HasPrefix(text, "[") || len(d.values) == 0 && text != "" {
			return edit{}, fmt.Errorf("front matter: cannot add %q to YAML that is not a mapping of keys, one per line", key)
		}
		return edit{d.start, d.start, key + ": " + value + "\n"}, nil
	}
	return edit{d.start, d.start, key + " = " + value + "\n"}, nil
}

// quote writes s as the front matter's format writes a string.
func (d *Doc) quote(s string) string {
	switch d.Format {
	case JSON:
		return QuoteJSON(s)
	case YAML:
		return QuoteYAML(s)
	}
	return QuoteTOML(s)
}

// QuoteTOML writes s as a TOML basic string: in double quotes, with the
// quotation mark, the backslash and every control character escaped.
func QuoteTOML(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// QuoteYAML writes s as a YAML double-quoted scalar, on one line: the
// quotation mark, the backslash, line breaks (U+0085, U+2028 and U+2029
// too, which YAML reads as breaks) and every character YAML does not take
// as it is (controls, U+FEFF, U+FFFE, U+FFFF) escaped.
func QuoteYAML(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case 0x1b:
			b.WriteString(`\e`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		default:
			switch {
			case r < 0x20 || r >= 0x7f && r <= 0x9f:
				fmt.Fprintf(&b, `\x%02X`, r)
			case r == 0xFEFF || r == 0xFFFE || r == 0xFFFF:
				fmt.Fprintf(&b, `\u%04X`, r)
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// QuoteJSON writes s as a JSON string, HTML characters as they are.
func QuoteJSON(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(strings.ToValidUTF8(s, "\uFFFD")); err != nil { // a string always encodes
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
