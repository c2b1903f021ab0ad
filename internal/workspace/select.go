package workspace

import (
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/segment"
)

// Selection picks some of a project's articles, so that a site too big for
// one machine can check and build in shards (a CI matrix) and merge the
// shards' reports. The zero value selects every article.
type Selection struct {
	// Shard and Shards pick shard Shard of Shards (1 ≤ Shard ≤ Shards):
	// every article falls in exactly one shard, by a hash of its name, so
	// adding or removing an article never moves another between shards.
	Shard, Shards int
	// Articles, if any, are the only articles selected (by name: the file
	// name without .md).
	Articles []string
	// Names, if any, are the only names selected, unchecked: articles,
	// and the names of catalogue files no article has any more (their
	// entries are obsolete). A part of an archive (Project.Parts).
	Names []string
}

// ParseShard reads "K/N", as in --shard 3/8.
func ParseShard(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	if !ok || kerr != nil || nerr != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: write K/N, the shard K of N shards, with 1 ≤ K ≤ N (such as 3/8)", s)
	}
	return k, n, nil
}

// All reports whether the selection selects every article.
func (s Selection) All() bool { return s.Shards <= 1 && len(s.Articles) == 0 && len(s.Names) == 0 }

// String is the selection as the command line gives it ("" for all).
func (s Selection) String() string {
	var parts []string
	if s.Shards > 1 {
		parts = append(parts, fmt.Sprintf("shard %d/%d", s.Shard, s.Shards))
	}
	if len(s.Articles) > 0 {
		parts = append(parts, "articles "+strings.Join(s.Articles, ","))
	}
	return strings.Join(parts, ", ")
}

// Has reports whether the selection holds the article named slug.
func (s Selection) Has(slug string) bool {
	if len(s.Articles) > 0 && !slices.Contains(s.Articles, slug) || len(s.Names) > 0 && !slices.Contains(s.Names, slug) {
		return false
	}
	return s.Shards <= 1 || ShardOf(slug, s.Shards) == s.Shard
}

// ShardOf is the shard (1 to n) that holds the article named slug.
func ShardOf(slug string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(slug))
	return int(h.Sum32()%uint32(n)) + 1
}

// Select keeps only the selected articles, and only the catalogue entries
// of those articles (an entry belongs to the article its ID starts with,
// so the entries of a deleted article are judged obsolete in the one shard
// that holds its name). Every step after it (check, status, build) then
// works on the selection alone; extract, which rewrites whole catalogues,
// must not run on a selected workspace. An article named in Articles that
// the project does not have is an error.
func (w *Workspace) Select(s Selection) error {
	if s.All() {
		return nil
	}
	for _, name := range s.Articles {
		if !slices.ContainsFunc(w.Articles, func(a *segment.Article) bool { return a.Slug == name }) {
			return fmt.Errorf("--article %s: no article %s.md in %s/", name, name, w.Layout.Content)
		}
	}
	w.Articles = slices.DeleteFunc(w.Articles, func(a *segment.Article) bool { return !s.Has(a.Slug) })
	keep := func(c *catalog.Catalog) *catalog.Catalog {
		if c == nil {
			return nil
		}
		// Everything the catalogue is (a derived one's source, transform
		// and overrides too), its entries those of the selection.
		mine := func(ms []*catalog.Message) []*catalog.Message {
			var out []*catalog.Message
			for _, m := range ms {
				if s.Has(w.ownerOf(m)) {
					out = append(out, m)
				}
			}
			return out
		}
		out := &catalog.Catalog{Locale: c.Locale, Path: c.Path, Place: c.Place, Header: c.Header, HeaderNotes: c.HeaderNotes, FileNotes: c.FileNotes, Formerly: c.Formerly, Completed: c.Completed,
			DerivedFrom: c.DerivedFrom, Transform: c.Transform, Stale: mine(c.Stale), Overrides: mine(c.Overrides)}
		for _, m := range mine(c.Messages) {
			out.Add(m)
		}
		return out
	}
	w.Source = keep(w.Source)
	for i, c := range w.Targets {
		w.Targets[i] = keep(c)
	}
	w.selected = s
	return nil
}

// Names are the names the workspace's selection holds: its articles', and
// those of catalogue files without an article it was given (Names); every
// article's when nothing was selected.
func (w *Workspace) Names() []string {
	if len(w.selected.Names) > 0 {
		return w.selected.Names
	}
	var out []string
	for _, a := range w.Articles {
		out = append(out, a.Slug)
	}
	return out
}

// ownerOf is the name of the article an entry is judged with: its file's
// (a renamed article's obsolete entries moved into its new file are
// judged there, in the one part that reads that file), or, read from the
// old layout's one file, its ID's first part.
func (w *Workspace) ownerOf(m *catalog.Message) string {
	if f, ok := catpath.Parse(w.Layout.Locales, m.Pos.File); ok && !f.Flat {
		return segment.SlugOf(path.Join(w.Layout.Content, f.Article))
	}
	slug, _, _ := strings.Cut(m.ID, ".")
	return slug
}
