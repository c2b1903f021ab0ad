package handoff

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/tm"
)

// WriteTMX writes a translation memory as TMX 1.4, for a CAT tool's TM:
// a <tu> per translation (its unit ID as tuid), the English and the
// translation as <tuv>s, tags as <bpt>/<ept> pairs and codes and
// placeholders as <ph>, each holding the native code.
func WriteTMX(tag language.Tag, entries []tm.Entry, version string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<tmx version="1.4">` + "\n")
	fmt.Fprintf(&b, "  <header creationtool=\"tilmash\" creationtoolversion=%s segtype=\"paragraph\" o-tmf=\"tilmash\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n", xmlAttr(version))
	b.WriteString("  <body>\n")
	for _, e := range entries {
		if e.ID == "" {
			b.WriteString("    <tu>\n") // a memory's own entry, brought in without one
		} else {
			fmt.Fprintf(&b, "    <tu tuid=%s>\n", xmlAttr(e.ID))
		}
		fmt.Fprintf(&b, "      <tuv xml:lang=\"en\"><seg>%s</seg></tuv>\n", tmxInline(e.English))
		fmt.Fprintf(&b, "      <tuv xml:lang=%s><seg>%s</seg></tuv>\n", xmlAttr(tag.String()), tmxInline(e.Translation))
		b.WriteString("    </tu>\n")
	}
	b.WriteString("  </body>\n</tmx>\n")
	return b.Bytes()
}

// tmxInline writes a message's text as TMX segment content: a tag and its
// close as <bpt i="n">/<ept i="n">, a self-closing code or a placeholder
// as <ph>, each with the code itself as content (TMX's native data). A
// close without its open is an <it pos="end">, an open never closed an
// <it pos="begin">.
func tmxInline(s string) string {
	var b strings.Builder
	n, x := 0, 0
	last := 0
	cs := codes(s)
	// Which opens are closed, and by which close: a first pass.
	closedBy := map[int]int{}
	{
		var st []int
		for k, c := range cs {
			switch {
			case c.placeholder || c.self:
			case !c.closing:
				st = append(st, k)
			default:
				if len(st) > 0 && cs[st[len(st)-1]].name == c.name {
					closedBy[st[len(st)-1]] = k
					st = st[:len(st)-1]
				}
			}
		}
	}
	pair := map[int]int{} // close index → i of its open
	for k, c := range cs {
		b.WriteString(xmlText(s[last:c.start]))
		last = c.end
		native := xmlText(s[c.start:c.end])
		x++
		switch {
		case c.placeholder || c.self:
			fmt.Fprintf(&b, `<ph x="%d">%s</ph>`, x, native)
		case !c.closing:
			if end, ok := closedBy[k]; ok {
				n++
				pair[end] = n
				fmt.Fprintf(&b, `<bpt i="%d" x="%d">%s</bpt>`, n, x, native)
			} else {
				fmt.Fprintf(&b, `<it pos="begin" x="%d">%s</it>`, x, native)
			}
		default:
			if i, ok := pair[k]; ok {
				b.WriteString(`<ept i="` + strconv.Itoa(i) + `">` + native + `</ept>`)
			} else {
				fmt.Fprintf(&b, `<it pos="end" x="%d">%s</it>`, x, native)
			}
		}
	}
	b.WriteString(xmlText(s[last:]))
	return b.String()
}
