package catalog

import (
	"sort"
	"strings"
	"sync"

	"github.com/tilmash/tilmash/translate/tm"
)

// Elsewhere is what Sync takes from the rest of a locale for the units
// that need work: a translation of the same English to reuse, the entry a
// renamed article's unit moves into, and the translation memory for
// suggestions. Sync of a whole catalogue computes it from that catalogue;
// a command that works through an archive a part at a time gathers it
// from every part first (Gatherer).
type Elsewhere struct {
	reuse  map[string]*Message // by the English's hash (reusable)
	movers map[string]*Message // by role and the English's hash (movable)
	memory *tm.Memory
}

// A Gatherer collects a locale's Elsewhere from the parts of an archive,
// in any order and from several goroutines at once, keeping for each
// entry where it was read, so that the result is the one Sync computes
// from the whole catalogue: its order is its files' path order, then
// each file's. Each file is read by one part.
type Gatherer struct {
	mu      sync.Mutex
	reuse   map[string]gathered
	movers  map[string]gathered
	entries []gatheredEntry
}

// gathered is a candidate entry and where it ranks.
type gathered struct {
	at place
	m  *Message
}

type gatheredEntry struct {
	at place
	e  tm.Entry
}

// place is an entry's rank in its locale's catalogue: reuse takes the
// obsolete entries first (later false), then the file, then the line.
type place struct {
	later bool
	file  string
	line  int
}

func (a place) less(b place) bool {
	if a.later != b.later {
		return !a.later
	}
	if a.file != b.file {
		return a.file < b.file
	}
	return a.line < b.line
}

// NewGatherer starts gathering a locale.
func NewGatherer() *Gatherer {
	return &Gatherer{reuse: map[string]gathered{}, movers: map[string]gathered{}}
}

// Add gathers a part: src is the source catalogue of its articles (as
// extract makes it), old the entries read from its files. Every current
// entry of old must be one of src's units (an entry of another part's
// article would be taken for obsolete here).
func (g *Gatherer) Add(src, old *Catalog) {
	reuse := map[string]gathered{}
	reuseCandidates(src, old, func(h string, obsolete bool, om *Message) {
		if _, ok := reuse[h]; !ok {
			// What Sync reads of it: the ID, the texts, where it was.
			reuse[h] = gathered{place{!obsolete, om.Pos.File, om.Pos.Line}, &Message{ID: om.ID, Forms: om.Forms, Pos: om.Pos}}
		}
	})
	movers := map[string]gathered{}
	moverCandidates(src, old, func(k string, om *Message) {
		if _, ok := movers[k]; !ok {
			movers[k] = gathered{place{false, om.Pos.File, om.Pos.Line}, om}
		}
	})
	var entries []gatheredEntry
	memoryCandidates(src, old, func(om *Message, e tm.Entry) {
		entries = append(entries, gatheredEntry{place{false, om.Pos.File, om.Pos.Line}, e})
	})
	g.mu.Lock()
	defer g.mu.Unlock()
	for h, c := range reuse {
		if cur, ok := g.reuse[h]; !ok || c.at.less(cur.at) {
			g.reuse[h] = c
		}
	}
	for k, c := range movers {
		if cur, ok := g.movers[k]; !ok || c.at.less(cur.at) {
			g.movers[k] = c
		}
	}
	g.entries = append(g.entries, entries...)
}

// Want is a unit of a part that has no translation in its part: Sync
// fills it from elsewhere if it can.
type Want struct {
	hash string // its English's hash: what reuse is keyed by
	move string // its role and that hash: what a move is keyed by
}

// Wants lists the units of src that have no translation in old.
func Wants(src, old *Catalog) []Want {
	var out []Want
	for _, sm := range src.Messages {
		if om := old.Lookup(sm.ID); om == nil || !om.Translated() {
			out = append(out, Want{hash: sm.Hash, move: unitRole(sm.ID) + "\x00" + sm.Hash})
		}
	}
	return out
}

// From lists the files of the obsolete entries a unit that wants work
// may take (an entry to move into, or an obsolete one to reuse): the
// part that reads each must be synced with the unit's, as the entries
// they take are placed with it.
func (g *Gatherer) From(w Want) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	if c, ok := g.movers[w.move]; ok {
		out = append(out, c.at.file)
	}
	if c, ok := g.reuse[w.hash]; ok && !c.at.later {
		out = append(out, c.at.file)
	}
	return out
}

// Elsewhere is what was gathered, as Sync of the whole locale computes it.
func (g *Gatherer) Elsewhere() *Elsewhere {
	g.mu.Lock()
	defer g.mu.Unlock()
	e := &Elsewhere{reuse: make(map[string]*Message, len(g.reuse)), movers: make(map[string]*Message, len(g.movers))}
	for h, c := range g.reuse {
		e.reuse[h] = c.m
	}
	for k, c := range g.movers {
		e.movers[k] = c.m
	}
	sort.Slice(g.entries, func(i, j int) bool { return g.entries[i].at.less(g.entries[j].at) })
	entries := make([]tm.Entry, len(g.entries))
	for i, x := range g.entries {
		entries[i] = x.e
	}
	g.entries = nil
	e.memory = tm.New(entries)
	return e
}

// ReusedFrom is the ID a "reused from" note of m names, if any.
func ReusedFrom(m *Message) []string {
	var out []string
	for _, n := range m.Notes {
		if rest, ok := strings.CutPrefix(n, ReusedDirective); ok {
			from, _, _ := strings.Cut(rest, " ")
			out = append(out, from)
		}
	}
	return out
}
