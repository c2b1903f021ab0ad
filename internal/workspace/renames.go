package workspace

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// An article renamed keeps the addresses of its editions: extract sees the
// rename (an article gone, a new one with its units) and records the old
// name in the new one's source catalogue (catalog.FormerlyLine); build
// makes the old address of each published edition lead to the new one (a
// redirect page) and names it in the Markdown edition's aliases.

// renames finds the articles renamed since the source catalogue old was
// written: an article gone (old has its entries, content/ has no article
// of its name) to the new article (one old has no entry of) that has the
// most of its units, by role and English (catalog.RoleKey), if that is at
// least half of them; ties go to the first name. Old name → new name.
func (w *Workspace) renames(old *catalog.Catalog) map[string]string {
	if old == nil {
		return nil
	}
	gone, fresh := w.renameSides(old)
	if len(gone) == 0 {
		return nil
	}
	newBy := map[string][]string{} // a key → the new articles that have it
	for _, a := range w.Articles {
		for _, k := range fresh[a.Slug] {
			newBy[k] = append(newBy[k], a.Slug)
		}
	}
	common := func(k string) bool {
		if w.commonKeys != nil { // by parts: as the whole archive counts them
			return w.commonKeys[k]
		}
		return len(newBy[k]) > RenameKeyShare
	}
	out := map[string]string{}
	for name, keys := range gone {
		votes := map[string]int{}
		for _, k := range keys {
			if common(k) {
				continue
			}
			for _, to := range newBy[k] {
				votes[to]++
			}
		}
		best := ""
		for to, n := range votes {
			if best == "" || n > votes[best] || n == votes[best] && to < best {
				best = to
			}
		}
		if best != "" && 2*votes[best] >= len(keys) {
			out[name] = best
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// renameSides reads what renames compares: each name the source
// catalogue old has entries of and no article has now, with its entries'
// rename keys (catalog.RoleKey; "" for an entry without a role, which
// counts but matches nothing), and each new article (old has no entry of
// its name) with its distinct keys.
func (w *Workspace) renameSides(old *catalog.Catalog) (gone, fresh map[string][]string) {
	if old == nil {
		return nil, nil
	}
	known := map[string]bool{} // the names old has entries of
	gone = map[string][]string{}
	for _, m := range old.Messages {
		name, _, _ := strings.Cut(m.ID, ".")
		known[name] = true
		if !w.isArticle(name) {
			gone[name] = append(gone[name], catalog.RoleKey(m.ID, m.Hash))
		}
	}
	fresh = map[string][]string{}
	for _, a := range w.Articles {
		if known[a.Slug] {
			continue
		}
		seen := map[string]bool{}
		for _, u := range a.Units {
			if k := catalog.RoleKey(u.ID, u.Hash()); k != "" && !seen[k] {
				seen[k] = true
				fresh[a.Slug] = append(fresh[a.Slug], k)
			}
		}
	}
	return gone, fresh
}

// RenameKeyShare is how many new articles may share a rename key (a role
// and its English: catalog.RoleKey) for it to say which of them an
// article gone became: one that more share (a dateline, a headline
// repeated) tells none apart, and counting its votes cost as much as the
// articles gone times the new ones.
const RenameKeyShare = 8

// UseCommonRenameKeys gives a part of an archive the rename keys more
// than RenameKeyShare new articles of the whole archive share, so that it
// decides renames as one pass over the whole does.
func (w *Workspace) UseCommonRenameKeys(common map[string]bool) { w.commonKeys = common }

// RenameKeys are what a part of an archive tells extract so that a renamed
// article's part and its old name's are synced together (renames): the
// keys of the units of its new articles, and of its entries of articles
// gone.
func (w *Workspace) renameKeys() (fresh, gone []string) {
	if w.Source == nil {
		return nil, nil
	}
	goneBy, freshBy := w.renameSides(w.Source)
	for _, keys := range goneBy {
		for _, k := range keys {
			if k != "" {
				gone = append(gone, k)
			}
		}
	}
	for _, keys := range freshBy {
		fresh = append(fresh, keys...) // once an article: the archive counts the articles with each
	}
	return fresh, gone
}

// formerNames are the names each article had, by name, as the source
// catalogue c records them (catalog.Catalog.Formerly, by file).
func (w *Workspace) formerNames(c *catalog.Catalog) map[string][]string {
	if c == nil || len(c.Formerly) == 0 {
		return nil
	}
	out := map[string][]string{}
	for file, names := range c.Formerly {
		f, ok := catpath.Parse(w.Layout.Locales, file)
		if !ok || f.Flat {
			continue
		}
		name := w.nameOfFile(f)
		if rel, ok := w.relBySlug[name]; ok && file != catpath.Article(w.Layout.Locales, locale.Source, rel) {
			continue // a stray file of an article's name in another folder records nothing
		}
		out[name] = append(out[name], names...)
	}
	return out
}

// recordRenames gives the new source catalogue src, by file, the former
// names of each article: those old recorded, and the names of the
// articles renamed to it now (with theirs before them). A name an article
// has now is dropped: its address is that article's.
func (w *Workspace) recordRenames(old, src *catalog.Catalog, renamed map[string]string) {
	before := w.formerNames(old)
	now := map[string][]string{}
	for _, a := range w.Articles {
		now[a.Slug] = before[a.Slug]
	}
	from := make([]string, 0, len(renamed))
	for f := range renamed {
		from = append(from, f)
	}
	sort.Strings(from)
	for _, f := range from {
		to := renamed[f]
		now[to] = append(append(now[to], before[f]...), f)
	}
	for name, names := range now {
		var keep []string
		for _, n := range names {
			if catalog.ValidName(n) && !w.isArticle(n) && !slices.Contains(keep, n) {
				keep = append(keep, n)
			}
		}
		if len(keep) > catalog.MaxFormerly {
			keep = keep[len(keep)-catalog.MaxFormerly:]
		}
		if len(keep) == 0 {
			continue
		}
		if src.Formerly == nil {
			src.Formerly = map[string][]string{}
		}
		src.Formerly[catpath.Article(w.Layout.Locales, locale.Source, w.relBySlug[name])] = keep
	}
}

// nameOfFile is the name of the article a catalogue file of the new
// layout is for.
func (w *Workspace) nameOfFile(f catpath.File) string {
	return segment.SlugOf(path.Join(w.Layout.Content, f.Article))
}

// Formerly are the names the article had before it was renamed, oldest
// first, as the source catalogue records them: the old addresses of its
// editions.
func (w *Workspace) Formerly(name string) []string { return w.former[name] }
