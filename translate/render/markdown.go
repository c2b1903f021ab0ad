package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/segment"
)

// Markdown writes the edition as Markdown, in the same conventions as the
// content files, so that the English edition reads like its source: the
// front matter as the source writes it (mdFrontMatter), then the body.
func Markdown(ed *assemble.Edition) []byte {
	var b strings.Builder
	b.WriteString(mdFrontMatter(ed))
	mdBlocks(&b, ed.Blocks, "")
	return []byte(b.String())
}

// mdFrontMatter is the edition's front matter: the source's, in its
// format (TOML, YAML or JSON), every byte as written (comments, order,
// dates, the fields tilmash does not read: a site generator's draft,
// slug, aliases…), but the values of the fields that are units, each in
// the edition's language (where it is translated; the English as written
// where not), and lang, where the source sets it, naming the edition's.
// The English edition's is the source's, byte for byte.
func mdFrontMatter(ed *assemble.Edition) string {
	doc := ed.FrontMatter
	if doc == nil { // an edition not assembled from a content file
		return "+++\n+++\n"
	}
	values := map[string]any{}
	if !locale.IsSource(ed.Locale) {
		for _, f := range ed.Fields {
			if f.Text != nil && f.Text.Lang == "" {
				values[f.Path] = markup.PlainText(f.Text.Nodes)
			}
		}
		if _, _, ok := doc.String("lang"); ok {
			values["lang"] = ed.Locale.String()
		}
	}
	fm, err := doc.Rewrite(values)
	if err != nil { // segment made units of strings Rewrite can replace only
		return string(doc.Raw())
	}
	return string(fm)
}

func mdBlocks(b *strings.Builder, blocks []assemble.Block, indent string) {
	for i, bl := range blocks {
		if i > 0 || indent == "" {
			b.WriteString(strings.TrimRight(indent, " ") + "\n")
		}
		mdBlock(b, bl, indent)
	}
}

func mdBlock(b *strings.Builder, bl assemble.Block, indent string) {
	switch bl.Kind {
	case segment.HeadingBlock:
		b.WriteString(indent + strings.Repeat("#", bl.Level) + " " + headingText(mdInline(bl.Text.Nodes)))
		if bl.Class == "profile" || bl.Class == "question" {
			b.WriteString(" {." + bl.Class + "}")
		}
		b.WriteString("\n")
	case segment.ParagraphBlock:
		b.WriteString(indent + mdParagraph(bl.Text.Nodes, indent) + "\n")
	case segment.FigureBlock:
		fmt.Fprintf(b, "%s![%s](%s)\n", indent, mdInline(bl.Text.Nodes), mdURL(bl.Src))
	case segment.ListBlock:
		for i, item := range bl.Children {
			if i > 0 && !bl.Tight {
				b.WriteString(strings.TrimRight(indent, " ") + "\n")
			}
			marker := "- "
			if bl.Ordered {
				marker = strconv.Itoa(bl.Start+i) + ". "
			}
			var ib strings.Builder
			inner := indent + strings.Repeat(" ", len(marker))
			for j, c := range item.Children {
				if j > 0 {
					ib.WriteString(strings.TrimRight(inner, " ") + "\n")
				}
				mdBlock(&ib, c, inner)
			}
			b.WriteString(indent + marker + strings.TrimPrefix(ib.String(), inner))
		}
	case segment.QuoteBlock:
		var qb strings.Builder
		mdBlocks(&qb, bl.Children, "")
		for _, line := range strings.Split(strings.TrimPrefix(strings.TrimSuffix(qb.String(), "\n"), "\n"), "\n") {
			b.WriteString(strings.TrimRight(indent+"> "+line, " ") + "\n")
		}
	case segment.CodeBlock:
		fence := "```"
		for strings.Contains(bl.Literal, fence) {
			fence += "`"
		}
		b.WriteString(indent + fence + bl.Info + "\n")
		for _, line := range strings.SplitAfter(bl.Literal, "\n") {
			if line != "" {
				b.WriteString(indent + line)
			}
		}
		if !strings.HasSuffix(bl.Literal, "\n") && bl.Literal != "" {
			b.WriteString("\n")
		}
		b.WriteString(indent + fence + "\n")
	case segment.HTMLBlock:
		lit := strings.TrimSuffix(sanitize(bl.Literal), "\n") // an editor's HTML, as a page may show it
		if strings.TrimSpace(lit) == "" {
			break
		}
		for _, line := range strings.SplitAfter(lit, "\n") {
			b.WriteString(indent + line)
		}
		b.WriteString("\n")
	case segment.RuleBlock:
		b.WriteString(indent + "---\n")
	}
}

// mdParagraph writes a paragraph, escaping what would start another block.
func mdParagraph(nodes []markup.Node, indent string) string {
	s := mdInline(nodes)
	s = strings.ReplaceAll(s, "\n", "\n"+indent)
	if m := orderedStart.FindStringSubmatchIndex(s); m != nil {
		return s[:m[3]] + `\` + s[m[3]:] // "1\. " — a backslash before a digit escapes nothing
	}
	if blockStart.MatchString(s) {
		s = `\` + s
	}
	return s
}

var (
	blockStart   = regexp.MustCompile(`^(#{1,6}(\s|$)|>|[-+*]\s|=+\s*$)`)
	orderedStart = regexp.MustCompile(`^(\d{1,9})[.)]\s`)
)

func mdInline(nodes []markup.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Kind {
		case markup.Text:
			b.WriteString(mdEscape(n.Text))
		case markup.Emph:
			b.WriteString("*" + mdInline(n.Children) + "*")
		case markup.Strong:
			b.WriteString("**" + mdInline(n.Children) + "**")
		case markup.Link:
			b.WriteString("[" + mdInline(n.Children) + "](" + mdURL(n.Href))
			if n.Title != "" {
				b.WriteString(` "` + strings.ReplaceAll(n.Title, `"`, `\"`) + `"`)
			}
			b.WriteString(")")
		case markup.Code:
			ticks := "`"
			for strings.Contains(n.Text, ticks) {
				ticks += "`"
			}
			pad := ""
			if strings.HasPrefix(n.Text, "`") || strings.HasSuffix(n.Text, "`") {
				pad = " "
			}
			b.WriteString(ticks + pad + n.Text + pad + ticks)
		case markup.HTML:
			b.WriteString(sanitize(n.Text))
		case markup.Break:
			b.WriteString("\\\n")
		}
	}
	return b.String()
}

func mdURL(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

var entityLike = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// headingText keeps a heading's text from ending in what reads as an
// attribute block ({#id}, {.class}): the last "{" of a text that ends in
// "}" is escaped.
func headingText(s string) string {
	if !strings.HasSuffix(strings.TrimRight(s, " "), "}") {
		return s
	}
	i := strings.LastIndexByte(s, '{')
	if i < 0 {
		return s
	}
	slashes := 0 // an odd number before it: escaped already
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		slashes++
	}
	if slashes%2 == 1 {
		return s
	}
	return s[:i] + "\\" + s[i:]
}

// mdEscape escapes the characters that Markdown would read as markup.
func mdEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '*', '_', '[', ']', '`', '<':
			b.WriteByte('\\')
		case '\n', '\r': // a character reference's (&#10;): as written, a line break would end the paragraph or become a space
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case '&':
			if entityLike.MatchString(s[i:]) && entityLike.FindStringIndex(s[i:])[0] == 0 {
				b.WriteString("&amp;")
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
