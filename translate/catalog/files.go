package catalog

import (
	"fmt"
	"maps"
	"sort"

	"golang.org/x/text/language"
)

// Merge makes one catalogue of a locale's files (a catalogue per article,
// package catpath): their messages in the order given, each keeping its
// own position; each file's header notes in FileNotes. path names the
// whole (the locale's folder). An ID in two files with different text or
// hash is an error at the second, naming the first: go-i18n would keep
// one of them silently. The same entry twice (what a write interrupted
// half-way leaves: a migrated file, a renamed article's) is read once,
// from the first file; the next extract removes the other.
func Merge(tag language.Tag, path string, parts []*Catalog) (*Catalog, error) {
	c := &Catalog{Locale: tag, Path: path}
	n := 0
	for _, p := range parts {
		n += len(p.Messages)
	}
	c.Messages = make([]*Message, 0, n)
	c.index = make(map[string]*Message, n)
	for _, p := range parts {
		if c.Header == nil {
			c.Header = p.Header
		}
		for f := range p.Completed {
			c.MarkCompleted(f)
		}
		for f, names := range p.Formerly {
			if c.Formerly == nil {
				c.Formerly = map[string][]string{}
			}
			c.Formerly[f] = names
		}
		if len(p.HeaderNotes) > 0 {
			if c.FileNotes == nil {
				c.FileNotes = map[string][]string{}
			}
			c.FileNotes[p.Path] = p.HeaderNotes
		}
		for _, m := range p.Messages {
			if first := c.index[m.ID]; first != nil {
				if first.Hash == m.Hash && maps.Equal(first.Forms, m.Forms) {
					continue
				}
				return nil, &Error{Pos: m.Pos, Msg: fmt.Sprintf("entry %q is also at %s: an entry belongs in one catalogue file", m.ID, first.Pos),
					Hint: "keep the one in its article's own catalogue and delete the other (merge their texts first if they differ)"}
			}
			c.Add(m)
		}
	}
	return c, nil
}

// Split divides a catalogue into the files its messages belong in, as
// place says (by package catpath's layout): one catalogue per file, in
// file order, each with c's header and its file's notes (FileNotes, else
// HeaderNotes), its messages in c's order.
func Split(c *Catalog, place func(*Message) string) []*Catalog {
	byFile := map[string]*Catalog{}
	var files []string
	for _, m := range c.Messages {
		f := place(m)
		part := byFile[f]
		if part == nil {
			notes, ok := c.FileNotes[f]
			if !ok {
				notes = c.HeaderNotes
			}
			part = &Catalog{Locale: c.Locale, Path: f, Header: c.Header, HeaderNotes: notes}
			if names := c.Formerly[f]; len(names) > 0 {
				part.Formerly = map[string][]string{f: names}
			}
			if c.Completed[f] {
				part.MarkCompleted(f)
			}
			byFile[f] = part
			files = append(files, f)
		}
		part.Messages = append(part.Messages, m)
	}
	sort.Strings(files)
	out := make([]*Catalog, len(files))
	for i, f := range files {
		out[i] = byFile[f]
	}
	return out
}
