package handoff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// XLIFFNamespace is the namespace of XLIFF 2.0 core.
const XLIFFNamespace = "urn:oasis:names:tc:xliff:document:2.0"

// WriteXLIFF writes units as an XLIFF 2.0 document for tag, valid against
// the OASIS core schema: one <unit> per unit (its ID as id), its context,
// the English a stale translation was made from ("previous-source"), the
// translation memory's suggestions and the hashes import checks as
// <note>s; one <segment> per plural form; tags as <pc>, self-closing codes
// and {{.Placeholders}} as <ph>. A missing or stale unit's segment is
// state="initial" (a stale one keeps its old text as the target, to
// revise), an up-to-date one "final": import takes the segments a
// translator set to translated, reviewed or final.
func WriteXLIFF(tag language.Tag, units []Unit) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, "<xliff xmlns=%s version=\"2.0\" srcLang=\"en\" trgLang=%s>\n", xmlAttr(XLIFFNamespace), xmlAttr(tag.String()))
	fmt.Fprintf(&b, "  <file id=\"f1\" original=%s>\n", xmlAttr("tilmash:"+tag.String()))
	b.WriteString("    <notes>\n      <note category=\"tilmash\">Translate the targets and set each segment's state to translated; keep each unit's id and its \"tilmash\" note. Bring the file back with tilmash import.</note>\n    </notes>\n")
	for _, u := range units {
		fmt.Fprintf(&b, "    <unit id=%s canResegment=\"no\">\n", xmlAttr(u.ID))
		b.WriteString("      <notes>\n")
		note := func(category, text string) {
			fmt.Fprintf(&b, "        <note category=%s>%s</note>\n", xmlAttr(category), xmlText(text))
		}
		for _, w := range u.Where {
			note("location", w)
		}
		for _, c := range u.Context {
			note("description", c)
		}
		if u.Stale && u.Previous != nil {
			for _, f := range locale.Forms {
				if s, ok := u.Previous[f]; ok {
					note("previous-source", formLabel(u.Previous, f)+s)
				}
			}
		}
		for _, s := range u.Rejected {
			note("check", "tilmash check rejects it: "+s)
		}
		for _, s := range u.Terms {
			note("glossary", s)
		}
		for _, s := range u.Suggestions {
			note("tm", s)
		}
		meta := "hash " + u.Hash
		if u.Base != "" {
			meta += " base " + u.Base
		}
		note("tilmash", meta)
		b.WriteString("      </notes>\n")
		for _, seg := range segments(tag, u) {
			state := "initial"
			if u.Translated() && !u.Stale && len(u.Rejected) == 0 {
				state = "final"
			}
			fmt.Fprintf(&b, "      <segment id=%s state=%s>\n", xmlAttr(seg.form), xmlAttr(state))
			prefix := ""
			if plural(u.English) {
				prefix = seg.form + "-" // inline ids are unique within the unit
			}
			fmt.Fprintf(&b, "        <source>%s</source>\n", inline(seg.english, prefix))
			if seg.text != "" {
				fmt.Fprintf(&b, "        <target>%s</target>\n", inline(seg.text, prefix))
			}
			b.WriteString("      </segment>\n")
		}
		b.WriteString("    </unit>\n")
	}
	b.WriteString("  </file>\n</xliff>\n")
	return b.Bytes()
}

type segment struct {
	form          string
	english, text string
}

// segments are a unit's segments: its one text, or for a plural unit one
// per plural form the target language has, the English of "one" for one
// and of "other" for the rest.
func segments(tag language.Tag, u Unit) []segment {
	if !plural(u.English) {
		return []segment{{string(locale.Other), u.English[locale.Other], u.Text[locale.Other]}}
	}
	var out []segment
	for _, f := range locale.PluralForms(tag) {
		en, ok := u.English[f]
		if !ok {
			en = u.English[locale.Other]
		}
		out = append(out, segment{string(f), en, u.Text[f]})
	}
	return out
}

func formLabel(forms map[locale.Form]string, f locale.Form) string {
	if len(forms) > 1 {
		return string(f) + ": "
	}
	return ""
}

// xmlAttr writes s as a double-quoted XML attribute value.
func xmlAttr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return `"` + strings.ReplaceAll(b.String(), `"`, "&quot;") + `"`
}

func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

type code struct {
	start, end    int
	name          string // em, a1, code1, Number1
	closing, self bool
	placeholder   bool
}

// codes lists a message's codes, as markup.Tokens reads them: tags <em>
// </em> <a1> <code1/> and placeholders {{.Name}}.
func codes(s string) []code {
	var out []code
	for t := range markup.Tokens(s) {
		if t.Code() {
			out = append(out, code{start: t.Start, end: t.End, name: t.Name, closing: t.Kind == markup.Close,
				self: t.Kind == markup.SelfClosing || t.Kind == markup.Placeholder, placeholder: t.Kind == markup.Placeholder})
		}
	}
	return out
}

// inline writes a message's text as XLIFF inline content: paired tags as
// <pc>, self-closing codes and placeholders as <ph>; when the tags do not
// nest (a broken translation), every tag as <sc>/<ec>. The k-th tag of a
// name gets the id name, name.2, name.3…, in source and target alike.
func inline(s, prefix string) string {
	if out, ok := inlineCodes(s, prefix, true); ok {
		return out
	}
	out, _ := inlineCodes(s, prefix, false)
	return out
}

func inlineCodes(s, prefix string, paired bool) (string, bool) {
	var b strings.Builder
	seen := map[string]int{}
	nextID := func(seen map[string]int, name string) string { return prefix + nextID(seen, name) }
	var open []string // names of the open <pc>s, with their ids
	var openIDs []string
	last := 0
	for _, c := range codes(s) {
		b.WriteString(xmlContent(s[last:c.start]))
		last = c.end
		switch {
		case c.placeholder, c.self:
			id := nextID(seen, c.name)
			fmt.Fprintf(&b, "<ph id=%s disp=%s/>", xmlAttr(id), xmlAttr(s[c.start:c.end]))
		case !c.closing:
			id := nextID(seen, c.name)
			if paired {
				fmt.Fprintf(&b, "<pc id=%s>", xmlAttr(id))
			} else {
				fmt.Fprintf(&b, "<sc id=%s/>", xmlAttr(id))
			}
			open, openIDs = append(open, c.name), append(openIDs, id)
		default:
			if len(open) == 0 || open[len(open)-1] != c.name {
				if paired {
					return "", false
				}
				// A close without its open: an isolated end code.
				fmt.Fprintf(&b, "<ec isolated=\"yes\" id=%s/>", xmlAttr(nextID(seen, "/"+c.name)))
				continue
			}
			id := openIDs[len(openIDs)-1]
			open, openIDs = open[:len(open)-1], openIDs[:len(openIDs)-1]
			if paired {
				b.WriteString("</pc>")
			} else {
				fmt.Fprintf(&b, "<ec startRef=%s/>", xmlAttr(id))
			}
		}
	}
	if paired && len(open) > 0 {
		return "", false
	}
	b.WriteString(xmlContent(s[last:]))
	return b.String(), true
}

// xmlContent writes s as the text of a source or target: XML character
// data, with each character XML 1.0 cannot carry (NUL and the other C0
// controls but tab, line feed and carriage return; U+FFFE, U+FFFF) as
// XLIFF 2.0's <cp hex="…"/>, which ReadXLIFF reads back as the character
// itself (xml.EscapeText would write U+FFFD instead).
func xmlContent(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r != utf8.RuneError || n > 1) && !xmlChar(r) {
			b.WriteString(xmlText(s[last:i]))
			fmt.Fprintf(&b, `<cp hex="%04X"/>`, r)
			last = i + n
		}
		i += n
	}
	b.WriteString(xmlText(s[last:]))
	return b.String()
}

// xmlChar reports whether XML 1.0 can carry r (its production Char).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func nextID(seen map[string]int, name string) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		return strings.TrimPrefix(name, "/") + "." + strconv.Itoa(n)
	}
	return strings.TrimPrefix(name, "/")
}
