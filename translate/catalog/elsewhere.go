package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/tm"
)

// Elsewhere is what Sync takes from the rest of a locale for the units
// that need work: a translation of the same English to reuse, the entry a
// renamed article's unit moves into, and the translation memory for
// suggestions. Sync of a whole catalogue computes it from that catalogue;
// a command that works through an archive a part at a time gathers it
// from every part first (Gatherer).
type Elsewhere struct {
	reuse func(h string) *Message // by the English's hash (reusable)
	// obsolete reports the file of the reuse candidate for an English,
	// and whether it is an obsolete entry (From); nil: none gathered.
	obsolete func(h string) (string, bool)
	movers   map[string]*Message // by role and the English's hash (movable)
	memory   *tm.Memory
	texts    *spill // where the gathered texts are, or nil
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
// each file's. Each file is read by one part.
//
// Its memory does not grow with the archive's translations: their texts
// (hundreds of megabytes) go to a temporary file as they come, unlinked
// at once; memory keeps a run per file, the hashes of the units that
// want a translation, the English of those that may ask for
// suggestions, and the few obsolete entries a renamed article's units
// may move into. Elsewhere then reads the file back: for the reuse
// candidates of the units that want one, and for the translation
// memory's postings of the words those units' lookups read (tm.NewFor).
type Gatherer struct {
	mu      sync.Mutex
	texts   *spill
	runs    []run               // the memory's entries, a run per file
	reuse   []span              // the reuse candidates, a span per part
	wanted  map[string]bool     // the English hashes of the units with no translation
	queries []string            // the English of the units that may ask for suggestions
	movers  map[string]gathered // by role and English hash
}

// run is the memory's entries of one file, one after another in the
// temporary file.
type run struct {
	file string
	off  int64
	n    int
}

// span is records one after another in the temporary file.
type span struct {
	off int64
	n   int
}

// gathered is a candidate entry: where it ranks, and where its texts are
// (a mover, rare, is kept whole in m).
type gathered struct {
	at  place
	off int64
	m   *Message
}

// place is an entry's rank in its locale's catalogue: reuse takes the
// obsolete entries first (later false), then the file, then the line.
type place struct {
	file  string
	line  int32
	later bool
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
	return &Gatherer{texts: texts, wanted: map[string]bool{}, movers: map[string]gathered{}}, nil
}

// Close lets go of the gatherer's file, for a gatherer whose Elsewhere
// will not be asked for.
func (g *Gatherer) Close() { g.texts.close() }

// Add gathers a part: src is the source catalogue of its articles (as
// extract makes it), old the entries read from its files. It returns the
// part's units that have no translation in it (Want). Every current
// entry of old must be one of src's units (an entry of another part's
// article would be taken for obsolete here).
func (g *Gatherer) Add(src, old *Catalog) []Want {
	// The reuse candidates: the first of each English in the part, with
	// where it ranks.
	var reuse [][]string
	first := map[string]bool{}
	reuseCandidates(src, old, func(h string, obsolete bool, om *Message) {
		if !first[h] {
			first[h] = true
			later := "0"
			if !obsolete {
				later = "1"
			}
			r := []string{h, later, om.Pos.File, strconv.Itoa(om.Pos.Line), om.ID}
			for _, f := range locale.Forms {
				if text, ok := om.Forms[f]; ok {
					r = append(r, string(f), text)
				}
			}
			reuse = append(reuse, r)
		}
	})
	movers := map[string]gathered{}
	moverCandidates(src, old, func(k string, om *Message) {
		if _, ok := movers[k]; !ok {
			movers[k] = gathered{at: place{om.Pos.File, int32(om.Pos.Line), false}, m: om}
		}
	})
	// The memory's entries, in the part's order: its files' in path
	// order, each file's in its order.
	var entries [][]string
	var files []string
	var counts []int
	memoryCandidates(src, old, func(om *Message, e tm.Entry) {
		if len(files) == 0 || files[len(files)-1] != om.Pos.File {
			files, counts = append(files, strings.Clone(om.Pos.File)), append(counts, 0)
		}
		counts[len(counts)-1]++
		entries = append(entries, []string{e.ID, e.English, e.Translation})
	})
	// What the part's units want from elsewhere: a translation, or
	// suggestions (a stale unit, or one made stale by a number's plural
	// category: as Sync decides).
	var wants []Want
	var queries []string
	for _, sm := range src.Messages {
		om := old.Lookup(sm.ID)
		switch {
		case om == nil || !om.Translated():
			wants = append(wants, Want{hash: sm.Hash, move: unitRole(sm.ID) + "\x00" + sm.Hash})
			queries = append(queries, strings.Clone(sm.Forms[locale.Other]))
		case om.Hash != sm.Hash && om.Hash != segment.ExactHash(sm.Forms) && !om.Revised(sm.Hash), pluralMoved(old.Locale, om, sm) != nil:
			queries = append(queries, strings.Clone(sm.Forms[locale.Other]))
		}
	}
	reuseAt := g.texts.putAll(reuse)
	entriesAt := g.texts.putAll(entries)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(reuse) > 0 {
		g.reuse = append(g.reuse, span{reuseAt, len(reuse)})
	}
	off := entriesAt
	for i, f := range files {
		g.runs = append(g.runs, run{f, off, counts[i]})
		for range counts[i] {
			off = g.texts.next(off)
		}
	}
	for k, c := range movers {
		if cur, ok := g.movers[k]; !ok || c.at.less(cur.at) {
			g.movers[k] = c
		}
	}
	for _, w := range wants {
		g.wanted[w.hash] = true
	}
	g.queries = append(g.queries, queries...)
	return wants
}

// importedRun is the file name the entries AddMemory gathers are kept
// under: after every catalogue file's, as WholeElsewhere places them.
const importedRun = "\xff imported"

// AddMemory gathers translations from beyond the catalogues (a
// translator's own memory, tilmash import memory.tmx) into the locale's
// translation memory, after the catalogues' own, as WholeElsewhere does.
// Call it once.
func (g *Gatherer) AddMemory(entries []tm.Entry) {
	if len(entries) == 0 {
		return
	}
	records := make([][]string, len(entries))
	for i, e := range entries {
		records[i] = []string{e.ID, e.English, e.Translation}
	}
	at := g.texts.putAll(records)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.runs = append(g.runs, run{importedRun, at, len(entries)})
}

// Elsewhere is what was gathered, as Sync of the whole locale computes
// it; Close it when done. The Gatherer is spent.
func (g *Gatherer) Elsewhere() (*Elsewhere, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	texts := g.texts
	if err := texts.failed(); err != nil {
		texts.close()
		return nil, err
	}
	// The reuse candidates of the English the units want: the first by
	// rank of each.
	best := map[string]gathered{}
	for _, sp := range g.reuse {
		off := sp.off
		for range sp.n {
			r := texts.get(off)
			if len(r) >= 5 && g.wanted[r[0]] {
				line, _ := strconv.Atoi(r[3])
				c := gathered{at: place{r[2], int32(line), r[1] == "1"}, off: off}
				if cur, ok := best[r[0]]; !ok || c.at.less(cur.at) {
					best[r[0]] = c
				}
			}
			off = texts.next(off)
		}
	}
	e := &Elsewhere{texts: texts, movers: make(map[string]*Message, len(g.movers))}
	e.reuse = func(h string) *Message {
		c, ok := best[h]
		if !ok {
			return nil
		}
		r := texts.get(c.off)
		if len(r) < 5 {
			return nil
		}
		m := &Message{ID: r[4], Forms: map[locale.Form]string{}}
		for i := 5; i+1 < len(r); i += 2 {
			m.Forms[locale.Form(r[i])] = r[i+1]
		}
		return m
	}
	e.obsolete = func(h string) (string, bool) {
		c, ok := best[h]
		return c.at.file, ok && !c.at.later
	}
	for k, c := range g.movers {
		e.movers[k] = c.m
	}
	// The memory, its entries in the catalogue's order.
	sort.Slice(g.runs, func(i, j int) bool { return g.runs[i].file < g.runs[j].file })
	var offs []int64
	for _, r := range g.runs {
		off := r.off
		for range r.n {
			offs = append(offs, off)
			off = texts.next(off)
		}
	}
	entry := func(off int64) tm.Entry {
		t := texts.get(off)
		if len(t) != 3 {
			return tm.Entry{}
		}
		return tm.Entry{ID: t[0], English: t[1], Translation: t[2]}
	}
	var kept []int64 // the offsets of the entries the memory keeps, in its order
	e.memory = tm.NewFor(len(offs), func(i int) tm.Entry { return entry(offs[i]) },
		func(k int) tm.Entry { return entry(kept[k]) }, func(i int) { kept = append(kept, offs[i]) }, g.queries)
	g.runs, g.reuse, g.queries, g.wanted = nil, nil, nil, nil
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

// From lists the files of the obsolete entries a unit that wants work
// may take (an entry to move into, or an obsolete one to reuse): the
// part that reads each must be synced with the unit's, as the entries
// they take are placed with it.
func (e *Elsewhere) From(w Want) []string {
	var out []string
	if m, ok := e.movers[w.move]; ok {
		out = append(out, m.Pos.File)
	}
	if e.obsolete != nil {
		if file, ok := e.obsolete(w.hash); ok {
			out = append(out, file)
		}
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

// putAll writes records one after another; the offset of the first.
func (s *spill) putAll(records [][]string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buf[:0]
	for _, texts := range records {
		at := len(b)
		b = append(b, 0, 0, 0, 0)
		b = binary.AppendUvarint(b, uint64(len(texts)))
		for _, t := range texts {
			b = binary.AppendUvarint(b, uint64(len(t)))
			b = append(b, t...)
		}
		binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	}
	if cap(b) <= 1<<20 {
		s.buf = b
	}
	off := s.end
	if s.err == nil && len(b) > 0 {
		_, s.err = s.f.WriteAt(b, off)
	}
	s.end += int64(len(b))
	return off
}

// next is the offset of the record after the one at off.
func (s *spill) next(off int64) int64 {
	var head [4]byte
	if _, err := s.f.ReadAt(head[:], off); err != nil {
		s.fail(err)
		return s.end
	}
	return off + 4 + int64(binary.LittleEndian.Uint32(head[:]))
}

// get reads back the record at off; nil if it cannot (failed says why).
// One read takes most records whole.
func (s *spill) get(off int64) []string {
	b := make([]byte, 2048)
	n, err := s.f.ReadAt(b, off)
	if n < 4 {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		s.fail(err)
		return nil
	}
	size := int(binary.LittleEndian.Uint32(b))
	if 4+size > n {
		more := make([]byte, 4+size)
		copy(more, b[:n])
		if _, err := s.f.ReadAt(more[n:], off+int64(n)); err != nil {
			s.fail(err)
			return nil
		}
		b = more
	}
	b = b[4 : 4+size]
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b)) {
		s.fail(errors.New("a damaged record"))
		return nil
	}
	b = b[k:]
	out := make([]string, 0, count)
	for range count {
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
