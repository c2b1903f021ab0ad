package catalog

import (
	"slices"
	"strings"

	"github.com/tilmash/tilmash/translate/segment"
)

// FormerlyLine opens a line of a source catalogue's header that records a
// name its article had before it was renamed ("# tilmash formerly:
// almaty …"): extract writes it when it sees the rename, and build makes
// the old address of each of the article's editions lead to the new one.
const FormerlyLine = "# tilmash formerly: "

// formerlyTail ends each FormerlyLine, for a reader of the file.
const formerlyTail = " (old name of this article; its old web addresses now redirect to the new ones)"

// CompletedLine, in a translated catalogue's header, says that every unit
// of its article was once translated in its locale: extract writes it, and
// build then keeps the edition published (with the English for what the
// English changed since) even in a locale in progress, as it does in a
// required one. Deleting it is harmless: the edition waits until complete.
const CompletedLine = "# tilmash: this translation was once complete, so it stays published; parts changed in English since then are shown in English."

// MaxFormerly bounds the names a file records (the most recent kept): a
// file is read whole, and each name is a page every build writes.
const MaxFormerly = 64

// takeMarks moves the FormerlyLines out of c's header into c.Formerly,
// keeping the names that are article names (segment.SlugOf) and dropping
// anything else: a name read from a file is never a path to write to.
func (c *Catalog) takeMarks() {
	var names []string
	keep := c.Header[:0:0]
	completed := false
	for _, h := range c.Header {
		if h == CompletedLine {
			completed = true
			continue
		}
		rest, ok := strings.CutPrefix(h, FormerlyLine)
		if !ok {
			keep = append(keep, h)
			continue
		}
		name, _, _ := strings.Cut(rest, " ")
		if ValidName(name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	if len(keep) == len(c.Header) {
		return
	}
	c.Header = keep
	if len(names) > MaxFormerly {
		names = names[len(names)-MaxFormerly:]
	}
	if len(names) > 0 {
		c.Formerly = map[string][]string{c.Path: names}
	}
	if completed {
		c.Completed = map[string]bool{c.Path: true}
	}
}

// ValidName reports whether name is one an article can have (what
// segment.SlugOf makes of a file name): lower-case letters, digits and
// hyphens, safe as a file name in every folder.
func ValidName(name string) bool {
	return name != "" && len(name) <= 200 && !strings.ContainsAny(name, "/\\.\x00") && segment.SlugOf(name+".md") == name
}

// markLines are the header lines after tilmash's own that say what is
// known of the file c is written as: its article's former names
// (FormerlyLine), that it was once complete (CompletedLine).
func (c *Catalog) markLines() []string {
	var out []string
	for _, n := range c.Formerly[c.Path] {
		out = append(out, FormerlyLine+n+formerlyTail)
	}
	if c.Completed[c.Path] {
		out = append(out, CompletedLine)
	}
	return out
}

// MarkCompleted records that the article whose file is path was complete
// in c's locale (CompletedLine).
func (c *Catalog) MarkCompleted(path string) {
	if c.Completed == nil {
		c.Completed = map[string]bool{}
	}
	c.Completed[path] = true
}
