package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/tm"
)

// Elsewhere is what Sync takes from the rest of a locale for the units
// that need work: a translation of the same English to reuse, the entry a
// renamed article's unit moves into, and the translation memory for
// suggestions. Sync of a whole catalogue computes it from that catalogue;
// a command that works through an archive a part at a time gathers it
// from every part first (Gatherer).
type Elsewhere struct {
	reuse  func(h string) *Message // by the English's hash (reusable)
	movers map[string]*Message     // by role and the English's hash (movable)
	memory *tm.Memory
	texts  *spill // where the gathered texts are, or nil
}

// Close lets go of the file the texts gathered are kept in, if any.
func (e *Elsewhere) Close() {
	if e != nil && e.texts != nil {
		e.texts.close()
	}
}

// A Gatherer collects a locale's Elsewhere from the parts of an archive,
// in any order and from several goroutines at once, keeping for each
// entry where it was read, so that the result is the one Sync computes
// from the whole catalogue: its order is its files' path order, then
// each file's. Each file is read by one part. The texts (the archive's
// translations, hundreds of megabytes) go to a temporary file as they
// come, unlinked at once: memory keeps their places and the memory's
// words.
type Gatherer struct {
	mu      sync.Mutex
	texts   *spill
	reuse   map[string]gathered
	movers  map[string]gathered
	entries []gathered // the memory's entries: their places and texts
}

// gathered is a candidate entry, where it ranks, and where its texts are
// (a mover, rare, is kept whole in m).
type gathered struct {
	at  place
	off int64
	m   *Message
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

// NewGatherer starts gathering a locale; its texts go to a temporary
// file (in os.TempDir).
func NewGatherer() (*Gatherer, error) {
	texts, err := newSpill()
	if err != nil {
		return nil, err
	}
	return &Gatherer{texts: texts, reuse: map[string]gathered{}, movers: map[string]gathered{}}, nil
}

// Close lets go of the gatherer's file, for a gatherer whose Elsewhere
// will not be asked for.
func (g *Gatherer) Close() { g.texts.close() }

// Add gathers a part: src is the source catalogue of its articles (as
// extract makes it), old the entries read from its files. Every current
// entry of old must be one of src's units (an entry of another part's
// article would be taken for obsolete here).
func (g *Gatherer) Add(src, old *Catalog) {
	files := map[string]string{} // each file's name once, copied
	fileOf := func(m *Message) string {
		f, ok := files[m.Pos.File]
		if !ok {
			f = strings.Clone(m.Pos.File)
			files[f] = f
		}
		return f
	}
	reuse := map[string]gathered{}
	reuseCandidates(src, old, func(h string, obsolete bool, om *Message) {
		if _, ok := reuse[h]; !ok {
			// What Sync reads of it: the ID and the texts.
			texts := []string{om.ID}
			for _, f := range locale.Forms {
				if text, ok := om.Forms[f]; ok {
					texts = append(texts, string(f), text)
				}
			}
			reuse[h] = gathered{at: place{!obsolete, fileOf(om), om.Pos.Line}, off: g.texts.put(texts...)}
		}
	})
	movers := map[string]gathered{}
	moverCandidates(src, old, func(k string, om *Message) {
		if _, ok := movers[k]; !ok {
			movers[k] = gathered{at: place{false, om.Pos.File, om.Pos.Line}, m: om}
		}
	})
	var entries []gathered
	memoryCandidates(src, old, func(om *Message, e tm.Entry) {
		entries = append(entries, gathered{at: place{false, fileOf(om), om.Pos.Line}, off: g.texts.put(e.ID, e.English, e.Translation)})
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

// Elsewhere is what was gathered, as Sync of the whole locale computes
// it; Close it when done. The Gatherer is spent.
func (g *Gatherer) Elsewhere() (*Elsewhere, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := g.texts.failed(); err != nil {
		g.texts.close()
		return nil, err
	}
	texts := g.texts
	reuse := make(map[string]int64, len(g.reuse))
	for h, c := range g.reuse {
		reuse[h] = c.off
	}
	e := &Elsewhere{texts: texts, movers: make(map[string]*Message, len(g.movers))}
	e.reuse = func(h string) *Message {
		off, ok := reuse[h]
		if !ok {
			return nil
		}
		t := texts.get(off)
		if len(t) == 0 {
			return nil
		}
		m := &Message{ID: t[0], Forms: map[locale.Form]string{}}
		for i := 1; i+1 < len(t); i += 2 {
			m.Forms[locale.Form(t[i])] = t[i+1]
		}
		return m
	}
	for k, c := range g.movers {
		e.movers[k] = c.m
	}
	sort.Slice(g.entries, func(i, j int) bool { return g.entries[i].at.less(g.entries[j].at) })
	entry := func(off int64) tm.Entry {
		t := texts.get(off)
		if len(t) != 3 {
			return tm.Entry{}
		}
		return tm.Entry{ID: t[0], English: t[1], Translation: t[2]}
	}
	var kept []int64 // the offsets of the entries the memory keeps, in its order
	entries := g.entries
	e.memory = tm.NewFrom(len(entries), func(i int) tm.Entry { return entry(entries[i].off) },
		func(k int) tm.Entry { return entry(kept[k]) }, func(i int) { kept = append(kept, entries[i].off) })
	g.entries, g.reuse = nil, nil
	if err := texts.failed(); err != nil {
		texts.close()
		return nil, err
	}
	return e, nil
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

// spill keeps texts in a temporary file, out of memory, each read back by
// the offset put gave it. The file is unlinked as soon as it is made: it
// goes when the process does, whatever ends it.
type spill struct {
	mu  sync.Mutex
	f   *os.File
	end int64
	err error
	buf []byte
}

func newSpill() (*spill, error) {
	f, err := os.CreateTemp("", "tilmash-texts-*")
	if err != nil {
		return nil, fmt.Errorf("a temporary file for the translation memory: %w (set TMPDIR to a folder with room)", err)
	}
	os.Remove(f.Name())
	return &spill{f: f}, nil
}

// put writes texts as one record: its length, then each text's length and
// bytes.
func (s *spill) put(texts ...string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buf[:0]
	b = append(b, 0, 0, 0, 0)
	b = binary.AppendUvarint(b, uint64(len(texts)))
	for _, t := range texts {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	binary.LittleEndian.PutUint32(b, uint32(len(b)-4))
	s.buf = b
	off := s.end
	if s.err == nil {
		_, s.err = s.f.WriteAt(b, off)
	}
	s.end += int64(len(b))
	return off
}

// get reads back the record at off; nil if it cannot (failed says why).
func (s *spill) get(off int64) []string {
	var head [4]byte
	if _, err := s.f.ReadAt(head[:], off); err != nil {
		s.fail(err)
		return nil
	}
	b := make([]byte, binary.LittleEndian.Uint32(head[:]))
	if _, err := s.f.ReadAt(b, off+4); err != nil {
		s.fail(err)
		return nil
	}
	n, k := binary.Uvarint(b)
	b = b[k:]
	out := make([]string, 0, n)
	for range n {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l {
			s.fail(errors.New("a damaged record"))
			return nil
		}
		out = append(out, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	return out
}

func (s *spill) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// failed is the first write or read that failed, if any.
func (s *spill) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return fmt.Errorf("the translation memory's temporary file: %w (set TMPDIR to a folder with room)", s.err)
	}
	return nil
}

func (s *spill) close() { s.f.Close() }
