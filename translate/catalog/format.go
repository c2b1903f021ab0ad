package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/tilmash/tilmash/translate/locale"
)

// Format writes the catalogue as go-i18n v2 TOML: the header, then each
// message's comment lines and table, keys in a fixed order (description,
// hash, plural forms in CLDR order). The same catalogue always gives the same
// bytes.
func Format(c *Catalog) []byte {
	var b strings.Builder
	for _, h := range c.Header {
		b.WriteString(h + "\n")
	}
	section := ""
	for _, m := range c.Messages {
		if s := sectionOf(m); s != section {
			section = s
			fmt.Fprintf(&b, "\n%s%s ───\n", sectionMark, section)
		}
		b.WriteString("\n")
		for _, l := range m.Notes {
			b.WriteString(l + "\n")
		}
		for _, l := range m.Comments {
			b.WriteString(l + "\n")
		}
		fmt.Fprintf(&b, "[%s]\n", Key(m.ID))
		if m.Description != "" {
			fmt.Fprintf(&b, "description = %s\n", Quote(m.Description))
		}
		if m.Hash != "" {
			fmt.Fprintf(&b, "hash = %s\n", Quote(m.Hash))
		}
		for _, f := range locale.Forms {
			if s, ok := m.Forms[f]; ok {
				fmt.Fprintf(&b, "%s = %s\n", f, Quote(s))
			}
		}
	}
	return []byte(b.String())
}

// sectionOf names the group a message is listed under: its article, or
// "obsolete" for entries whose unit no longer exists.
func sectionOf(m *Message) string {
	for _, c := range m.Comments {
		if strings.HasPrefix(c, "#, obsolete") {
			return "obsolete: no longer in any article; kept so that no translation is lost"
		}
	}
	art, _, _ := strings.Cut(m.ID, ".")
	return "content/" + art + ".md"
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
