package catalog

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/translate/locale"
)

// Format writes the catalogue as go-i18n v2 TOML: the header, then each
// message's comment lines and table, keys in a fixed order (description,
// hash, plural forms in CLDR order). The same catalogue always gives the same
// bytes.
func Format(c *Catalog) []byte {
	// Comments are one line each, free of what TOML forbids in them
	// (control characters but tab): commentSafe shows those as \uXXXX.
	var b bytes.Buffer
	b.Grow(formatSize(c))
	for _, h := range c.Header {
		b.WriteString(commentSafe(h) + "\n")
	}
	for _, h := range c.markLines() {
		b.WriteString(commentSafe(h) + "\n")
	}
	if len(c.HeaderNotes) > 0 {
		if len(c.Header) > 0 {
			b.WriteString("\n")
		}
		for _, h := range c.HeaderNotes {
			b.WriteString(commentSafe(h) + "\n")
		}
	}
	section := ""
	for _, m := range c.Messages {
		if s := sectionOf(m); s != section {
			section = s
			b.WriteString("\n" + sectionMark + commentSafe(section) + " ───\n")
		}
		b.WriteString("\n")
		for _, l := range m.Notes {
			b.WriteString(commentSafe(l) + "\n")
		}
		for _, l := range m.Comments {
			b.WriteString(commentSafe(l) + "\n")
		}
		b.WriteString("[" + Key(m.ID) + "]\n")
		written := map[string]bool{}
		key := func(k, v string) {
			for _, l := range m.KeyNotes[k] {
				b.WriteString(commentSafe(l) + "\n")
			}
			b.WriteString(k + " = " + Quote(v))
			if n := m.LineNotes[k]; n != "" {
				b.WriteString(" " + commentSafe(n))
			}
			b.WriteString("\n")
			written[k] = true
		}
		if m.Description != "" {
			key("description", m.Description)
		}
		if m.Hash != "" {
			key("hash", m.Hash)
		}
		for _, f := range locale.Forms {
			if s, ok := m.Forms[f]; ok {
				key(string(f), s)
			}
		}
		// Notes of keys the entry no longer has stay, after its keys.
		for _, l := range orphanNotes(m, written) {
			b.WriteString(commentSafe(l) + "\n")
		}
		for _, l := range m.TailNotes {
			b.WriteString(commentSafe(l) + "\n")
		}
	}
	return b.Bytes()
}

// orphanNotes are the translator's comments that stood above or beside a key
// the entry no longer has (a plural form tilmash dropped, a hash removed),
// in key order: kept, as lines after the entry's keys.
func orphanNotes(m *Message, written map[string]bool) []string {
	var keys []string
	for k := range m.KeyNotes {
		if !written[k] {
			keys = append(keys, k)
		}
	}
	for k := range m.LineNotes {
		if !written[k] && m.KeyNotes[k] == nil {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, m.KeyNotes[k]...)
		if n := m.LineNotes[k]; n != "" {
			out = append(out, n)
		}
	}
	return out
}

// formatSize estimates the size of the formatted catalogue, so that the
// buffer is allocated once.
func formatSize(c *Catalog) int {
	n := 0
	for _, m := range c.Messages {
		n += 64 + len(m.ID) + len(m.Description) + len(m.Hash)
		for _, l := range m.Notes {
			n += len(l) + 1
		}
		for _, l := range m.Comments {
			n += len(l) + 1
		}
		for _, s := range m.Forms {
			n += len(s) + 16
		}
	}
	return n + n/16
}

// sectionOf names the group a message is listed under: its article, or
// "obsolete" for entries whose unit no longer exists.
func sectionOf(m *Message) string {
	for _, c := range m.Comments {
		if strings.HasPrefix(c, "#, obsolete") {
			return "obsolete: no longer in any article; kept so that no translation is lost"
		}
	}
	for _, c := range m.Comments { // "#: content/culture/a.md:12 (paragraph)": the article's file
		if rest, ok := strings.CutPrefix(c, "#: "); ok {
			where, _, _ := strings.Cut(rest, " (") // content/culture/a.md:12
			if i := strings.LastIndexByte(where, ':'); i > 0 {
				return where[:i]
			}
		}
	}
	art, _, _ := strings.Cut(m.ID, ".")
	return "content/" + art + ".md"
}

// plain reports whether s needs no escape at all (the common case).
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == 0x7f || c >= 0x80 && !plainRunes(s[i:]) {
			return false
		}
		if c >= 0x80 {
			return true // plainRunes checked the rest
		}
	}
	return true
}

// plainRunes reports whether the rest of s, from its first non-ASCII byte,
// has no character Quote escapes.
func plainRunes(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == 0x7f || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Key writes a dotted message ID as a TOML table key, quoting any segment
// that is not a bare key.
func Key(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		if !bareKey.MatchString(p) {
			parts[i] = Quote(p)
		}
	}
	return strings.Join(parts, ".")
}

// Quote writes s as a TOML basic string. Letters of every script, and the
// no-break spaces of Russian and Kazakh typography, are written as they are;
// control characters and invisible format characters are escaped so that a
// translator can see them.
func Quote(s string) string {
	if plain(s) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029':
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// commentSafe writes the control characters TOML forbids in a comment
// (all but tab), line and paragraph separators and invalid UTF-8 as
// visible escapes, so that a comment stays one valid line whatever an
// article's text or file name holds.
func commentSafe(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		ok = (s[i] >= 0x20 || s[i] == '\t') && s[i] != 0x7f
	}
	if ok && !strings.ContainsAny(s, "\u2028\u2029") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02X", s[i])
		case c < 0x20 && c != '\t' || c == 0x7f || c == 0x2028 || c == 0x2029:
			fmt.Fprintf(&b, "\\u%04X", c)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
