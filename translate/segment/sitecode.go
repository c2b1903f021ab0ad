package segment

import (
	"bytes"
	"strings"

	"github.com/tilmash/tilmash/translate/sitecode"
)

// The site generators' code that Split reads beyond a placeholder: how a
// context names a tag, and the code blocks of paired codes whose body is
// code.

// tagHead is how a context names code c if it is a Liquid or Nunjucks tag
// (not Zola's {% name(…) %}): its name, and for an include or a render
// the file it names (include figure.html).
func tagHead(c sitecode.Code, code []byte) (string, bool) {
	f := strings.Fields(strings.Trim(string(code), "{}%-"))
	if c.Kind != sitecode.Tag || len(f) == 0 || strings.Contains(f[0], "(") || len(f) > 1 && strings.HasPrefix(f[1], "(") {
		return "", false
	}
	if (c.Name == "include" || c.Name == "include_relative" || c.Name == "render") && len(f) > 1 && !strings.Contains(f[1], "=") {
		return c.Name + " " + strings.Trim(f[1], `"',`), true
	}
	return c.Name, true
}

// pairedCode is the block of a paragraph that is one paired code whose
// body is code (a highlight, a raw, a code-toggle): a code block of its
// body, as written, in every edition (the Markdown editions keep the whole
// code as written). The body's lines lose the marks of the quote or the
// indentation of the list item the code is in, and a raw or a fenced code
// block that is the whole body gives its own (Eleventy's highlight of
// Liquid, Jekyll's raw around fenced code).
func (s *splitter) pairedCode(c sitecode.Code) Block {
	b := Block{Kind: CodeBlock, Unit: -1, NameUnit: -1, Info: c.Lang}
	lineStart := bytes.LastIndexByte(s.src[:c.Start], '\n') + 1
	marks := string(s.src[lineStart:c.Start])
	if strings.Trim(marks, " \t>") != "" {
		marks = ""
	}
	lines := codeLines(string(s.src[c.BodyStart:c.BodyEnd]), marks)
	for range 2 { // a raw in a highlight, a fence in a raw
		inner := strings.Join(lines, "")
		if codes := sitecode.Find([]byte(inner)); len(codes) == 1 && codes[0].BodyEnd > 0 && (codes[0].Name == "raw" || codes[0].Name == "verbatim") &&
			strings.TrimSpace(inner[:codes[0].Start]) == "" && strings.TrimSpace(inner[codes[0].End:]) == "" {
			lines = codeLines(inner[codes[0].BodyStart:codes[0].BodyEnd], "")
		}
	}
	if info, inner, ok := fenced(lines); ok {
		lines = inner
		if b.Info == "" {
			b.Info = info
		}
	}
	b.Literal = strings.Join(lines, "")
	return b
}

// codeLines are the lines of a paired code's body, each ending in a line
// break: marks taken from the start of each line after the first that has
// them, the rest of its opening tag's line and what stands before its
// closing tag dropped where blank.
func codeLines(body, marks string) []string {
	lines := strings.SplitAfter(body, "\n")
	for i, l := range lines[1:] {
		switch {
		case marks == "":
		case strings.HasPrefix(l, marks):
			lines[i+1] = l[len(marks):]
		case strings.HasPrefix(l, strings.TrimRight(marks, " \t")):
			lines[i+1] = l[len(strings.TrimRight(marks, " \t")):]
		}
	}
	if len(lines) > 1 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "\n") {
		if strings.TrimSpace(last) == "" {
			lines = lines[:len(lines)-1]
		} else {
			lines[len(lines)-1] += "\n"
		}
	}
	return lines
}

// fenced reports whether lines are one fenced code block: its info string
// and its lines.
func fenced(lines []string) (string, []string, bool) {
	if len(lines) < 2 {
		return "", nil, false
	}
	first := strings.TrimLeft(lines[0], " ")
	if len(lines[0])-len(first) > 3 || !strings.HasPrefix(first, "```") && !strings.HasPrefix(first, "~~~") {
		return "", nil, false
	}
	n := len(first) - len(strings.TrimLeft(first, first[:1]))
	if !strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), first[:n]) || strings.Trim(strings.TrimSpace(lines[len(lines)-1]), first[:1]) != "" {
		return "", nil, false
	}
	info, _, _ := strings.Cut(strings.TrimSpace(first[n:]), " ")
	return info, lines[1 : len(lines)-1], true
}
