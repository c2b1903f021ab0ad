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
const formerlyTail = " (renamed: the old address of each edition leads here)"

// MaxFormerly bounds the names a file records (the most recent kept): a
// file is read whole, and each name is a page every build writes.
const MaxFormerly = 64

// takeFormerly moves the FormerlyLines out of c's header into c.Formerly,
// keeping the names that are article names (segment.SlugOf) and dropping
// anything else: a name read from a file is never a path to write to.
func (c *Catalog) takeFormerly() {
	var names []string
	keep := c.Header[:0:0]
	for _, h := range c.Header {
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
}

// ValidName reports whether name is one an article can have (what
// segment.SlugOf makes of a file name): lower-case letters, digits and
// hyphens, safe as a file name in every folder.
func ValidName(name string) bool {
	return name != "" && len(name) <= 200 && !strings.ContainsAny(name, "/\\.\x00") && segment.SlugOf(name+".md") == name
}

// formerlyLines are the FormerlyLines of the file c is written as.
func (c *Catalog) formerlyLines() []string {
	names := c.Formerly[c.Path]
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = FormerlyLine + n + formerlyTail
	}
	return out
}
