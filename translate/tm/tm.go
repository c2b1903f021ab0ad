// Package tm is the translation memory: every translation already made in
// a locale (obsolete and stale entries included: they are earlier work),
// indexed by the words of its English, so that a new or changed unit gets
// the nearest ones as suggestions, ranked by a similarity score as CAT
// tools show them ("Why did you come to Almaty?" ~ "Why did you stay in
// Almaty?", 71%).
//
// Lookups stay near-linear in the size of the memory: an inverted index
// from words to entries, read from the query's rarest words up to a fixed
// budget of postings, gives a few candidates; only those are scored.
package tm

import (
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/translate/markup"
)

// Entry is one translation: the English it was made from and its text.
type Entry struct {
	ID          string // the unit the translation was made for
	English     string // the English it translates (the "other" form)
	Translation string // the translation (the "other" form)
}

// Match is a suggestion for a unit: an entry of the memory and how near its
// English is to the unit's, in percent (100: the same words).
type Match struct {
	Entry
	Score int
}

// Memory is a searchable set of translations of one locale. Each word
// is kept once, by number: an archive's memory holds hundreds of
// thousands of entries.
type Memory struct {
	entries []entry
	ids     map[string]int32 // each word's number
	lens    []int32          // each word's length in characters, by number
	index   [][]int32        // the entries holding each word, in order, by number (NewFor: the words lookups read)
	df      []int32          // how many entries hold each word, by number
	words   [][]int32        // each entry's words, by number (New); nil: taken from the English fetched (NewFor)
	fetch   func(i int) Entry
	scratch sync.Pool // *scratch: lookups may run in parallel
}

// scratch is one lookup's working memory, kept between lookups: a count
// per entry (all zero between lookups) and the entries it touched.
type scratch struct {
	shared  []uint16
	touched []int32
	count   []uint16 // by word number: a candidate's words, for sharedChars
}

type entry struct {
	id    uint64 // the unit's ID, hashed (idHash): what a lookup excludes
	chars int32  // the English's words' length in characters
}

// idHash is a unit ID as an entry keeps it.
func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// New indexes entries. Entries without English or translation are left out.
func New(entries []Entry) *Memory {
	var kept []Entry
	return build(len(entries), func(i int) Entry { return entries[i] }, func(k int) Entry { return kept[k] }, func(i int) { kept = append(kept, entries[i]) }, true)
}

// NewFrom indexes n entries got one at a time (get), keeping only their
// words' index: an archive's memory, whose texts are kept elsewhere (a
// file). keep is told each entry it indexes (entries without English or
// translation are left out); fetch gives back the k-th of those, when a
// lookup scores it.
func NewFrom(n int, get func(i int) Entry, fetch func(k int) Entry, keep func(i int)) *Memory {
	return build(n, get, fetch, keep, false)
}

// NewFor indexes n entries for the lookups of the given texts only (the
// units that need work: a few among an archive's hundreds of thousands),
// keeping each entry's hashed ID and length, every word's count, and the
// postings of the words those lookups read (Lookup reads a budget of
// them, the query's rarest words first): what an archive's memory needs,
// its texts kept elsewhere. get is called twice per entry, in order; keep
// is told each entry indexed (entries without English or translation are
// left out); fetch gives back the k-th of those when a lookup scores it.
// A lookup of another text than those given may miss matches; with no
// texts given (no unit needs work: an extract that changes nothing), no
// entry is read, and every lookup finds nothing.
func NewFor(n int, get func(i int) Entry, fetch func(k int) Entry, keep func(i int), queries []string) *Memory {
	m := newMemory(fetch)
	if len(queries) == 0 {
		return m // counting every entry's words was a tenth of such an extract
	}
	// The words and their counts.
	var kept []int
	seen := map[int32]int{} // word → the last entry counted
	for j := range n {
		e := get(j)
		ws := indexable(e)
		if ws == nil {
			continue
		}
		i := len(m.entries)
		for _, w := range ws {
			id := m.number(w)
			if int(id) == len(m.df) {
				m.df = append(m.df, 0)
			}
			if last, ok := seen[id]; !ok || last != i {
				seen[id] = i
				m.df[id]++
			}
		}
		keep(j)
		kept = append(kept, j)
		m.entries = append(m.entries, entry{id: idHash(e.ID), chars: int32(chars(ws))})
	}
	// The words the lookups read, and their postings.
	needed := map[int32]bool{}
	for _, q := range queries {
		for _, w := range m.reads(m.numbers(Words(q))) {
			needed[w] = true
		}
	}
	m.index = make([][]int32, len(m.lens))
	for i, j := range kept {
		if len(needed) == 0 {
			break
		}
		for _, w := range Words(get(j).English) {
			id := m.ids[w]
			if p := m.index[id]; needed[id] && (len(p) == 0 || p[len(p)-1] != int32(i)) {
				m.index[id] = append(p, int32(i))
			}
		}
	}
	return m
}

func newMemory(fetch func(k int) Entry) *Memory {
	m := &Memory{ids: map[string]int32{}, fetch: fetch}
	m.scratch.New = func() any { return &scratch{} }
	return m
}

// number is a word's number, a new one (the next) for a word the memory
// has not seen.
func (m *Memory) number(w string) int32 {
	id, ok := m.ids[w]
	if !ok {
		id = int32(len(m.lens))
		m.ids[strings.Clone(w)] = id
		m.lens = append(m.lens, int32(utf8.RuneCountInString(w)))
	}
	return id
}

// indexable are the words of an entry the memory indexes; nil for one
// without English words or translation.
func indexable(e Entry) []string {
	if strings.TrimSpace(e.English) == "" || strings.TrimSpace(e.Translation) == "" {
		return nil
	}
	return Words(e.English)
}

func build(n int, get func(i int) Entry, fetch func(k int) Entry, keep func(i int), withWords bool) *Memory {
	m := newMemory(fetch)
	var nums []int32
	for j := range n {
		e := get(j)
		ws := indexable(e)
		if ws == nil {
			continue
		}
		i := int32(len(m.entries))
		nums = nums[:0]
		for _, w := range ws {
			id := m.number(w)
			if int(id) == len(m.index) {
				m.index = append(m.index, nil)
			}
			nums = append(nums, id)
			if p := m.index[id]; len(p) == 0 || p[len(p)-1] != i {
				m.index[id] = append(p, i)
			}
		}
		keep(j)
		m.entries = append(m.entries, entry{id: idHash(e.ID), chars: int32(chars(ws))})
		if withWords {
			m.words = append(m.words, slices.Clone(nums))
		}
	}
	m.df = make([]int32, len(m.index))
	for id, p := range m.index {
		m.df[id] = int32(len(p))
	}
	// The postings in one block, each list its exact length (append
	// leaves up to half of each unused).
	total := 0
	for _, p := range m.index {
		total += len(p)
	}
	block := make([]int32, 0, total)
	for id, p := range m.index {
		start := len(block)
		block = append(block, p...)
		m.index[id] = block[start:len(block):len(block)]
	}
	return m
}

// reads are the words whose entries a lookup of the query (its words by
// number) reads: its distinct known words, rarest first, as long as their
// entries stay within the budget (the rarest one whatever its count).
func (m *Memory) reads(qn []int32) []int32 {
	var distinct []int32
	has := map[int32]bool{}
	for _, id := range qn {
		if id >= 0 && !has[id] {
			has[id] = true
			distinct = append(distinct, id)
		}
	}
	sort.SliceStable(distinct, func(i, j int) bool { return m.df[distinct[i]] < m.df[distinct[j]] })
	read := 0
	for k, w := range distinct {
		if read > 0 && read+int(m.df[w]) > postingBudget {
			return distinct[:k]
		}
		read += int(m.df[w])
	}
	return distinct
}

// numbers are the numbers of words the memory has (-1 for one it has not).
func (m *Memory) numbers(ws []string) []int32 {
	out := make([]int32, len(ws))
	for k, w := range ws {
		id, ok := m.ids[w]
		if !ok {
			id = -1
		}
		out[k] = id
	}
	return out
}

// Len is the number of entries indexed.
func (m *Memory) Len() int { return len(m.entries) }

// Threshold is the lowest score a suggestion may have (as CAT tools'
// default fuzzy threshold, a little lower).
const Threshold = 60

// postingBudget bounds the postings one lookup reads: the rarest words of
// the query first. It keeps a lookup's cost independent of the memory's
// size once the memory is large.
const postingBudget = 4000

// candidates is how many entries, by shared rare words, are scored.
const candidates = 24

// Lookup returns up to n entries whose English is nearest to english,
// best first, scoring at least Threshold; entries of the unit exclude (its
// own earlier translation) are left out. The match's tags and placeholders
// are renumbered as the unit's English numbers them (Adapt).
func (m *Memory) Lookup(english, exclude string, n int) []Match {
	q := Words(english)
	if len(q) == 0 || n <= 0 {
		return nil
	}
	excluded := idHash(exclude)
	// The query's words by number; a word no entry has gets a number of
	// its own, below zero, that matches none.
	qn, ql := make([]int32, len(q)), make([]int32, len(q))
	unknown := map[string]int32{}
	for k, w := range q {
		id, ok := m.ids[w]
		if !ok {
			if id, ok = unknown[w]; !ok {
				id = -1 - int32(len(unknown))
				unknown[w] = id
			}
		}
		qn[k], ql[k] = id, int32(utf8.RuneCountInString(w))
	}
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	if len(sc.shared) < len(m.entries) {
		sc.shared = make([]uint16, len(m.entries))
	}
	touched := sc.touched[:0]
	for _, w := range m.reads(qn) {
		for _, i := range m.index[w] {
			if sc.shared[i] == 0 {
				touched = append(touched, i)
			}
			if sc.shared[i] < 0xffff {
				sc.shared[i]++
			}
		}
	}
	// The entries sharing most words: the lowest count that still gives
	// enough candidates, by a histogram, then a sort of those only.
	var hist [65]int
	for _, i := range touched {
		hist[min(int(sc.shared[i]), 64)]++
	}
	floor, have := 1, 0
	for c := 64; c >= 1; c-- {
		have += hist[c]
		if have >= candidates {
			floor = c
			break
		}
	}
	type cand struct {
		i      int32
		shared uint16
	}
	var cs []cand
	for _, i := range touched {
		if int(sc.shared[i]) >= floor && m.entries[i].id != excluded {
			cs = append(cs, cand{i, sc.shared[i]})
		}
		sc.shared[i] = 0 // clean for the next lookup
	}
	sc.touched = touched
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].shared != cs[b].shared {
			return cs[a].shared > cs[b].shared
		}
		return cs[a].i < cs[b].i
	})
	if len(cs) > candidates {
		cs = cs[:candidates]
	}
	qc := chars(q)
	var out []Match
	var el []int32
	for _, c := range cs {
		e := m.entries[c.i]
		if similarityAtMost(qc, int(e.chars)) < Threshold {
			continue // too much longer or shorter to score: not read, not compared
		}
		var words []int32
		if m.words != nil {
			words = m.words[c.i]
		}
		var fetched *Entry
		if words == nil {
			x := m.fetch(int(c.i))
			fetched, words = &x, m.numbers(Words(x.English))
		}
		el = el[:0]
		for _, id := range words {
			el = append(el, m.lens[max(id, 0)])
		}
		if len(sc.count) < len(m.lens) {
			sc.count = make([]uint16, len(m.lens))
		}
		if longer := max(qc, int(e.chars)); longer > 0 && 100*sharedChars(qn, ql, words, sc.count)/longer < Threshold {
			continue // too few words in common to score: not compared word by word
		}
		score := similarity(qn, ql, qc, words, el, int(e.chars))
		if score < Threshold {
			continue
		}
		if fetched == nil {
			x := m.fetch(int(c.i))
			fetched = &x
		}
		match := Match{Entry: *fetched, Score: score}
		match.Translation = Adapt(match.English, english, match.Translation)
		out = append(out, match)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].ID < out[b].ID
	})
	// One suggestion per distinct translation.
	seen := map[string]bool{}
	var kept []Match
	for _, x := range out {
		if !seen[x.Translation] {
			seen[x.Translation] = true
			kept = append(kept, x)
		}
	}
	if len(kept) > n {
		kept = kept[:n]
	}
	return kept
}

// similarity is 100 × (1 − the word-level edit distance between a and b,
// each word weighing its length in characters, over the longer text's
// characters), rounded down. Same words in the same order score 100.
func similarity(a, al []int32, ac int, b, bl []int32, bc int) int {
	longer := max(ac, bc)
	if longer == 0 {
		return 100
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + int(bl[j-1])
	}
	for i := 1; i <= len(a); i++ {
		la := int(al[i-1])
		cur[0] = prev[0] + la
		for j := 1; j <= len(b); j++ {
			lb := int(bl[j-1])
			sub := 0
			if a[i-1] != b[j-1] {
				sub = max(la, lb)
			}
			cur[j] = min(prev[j]+la, cur[j-1]+lb, prev[j-1]+sub)
		}
		prev, cur = cur, prev
	}
	d := prev[len(b)]
	return max(0, 100*(longer-d)/longer)
}

// similarityAtMost is the highest similarity two texts of ac and bc
// characters can have: each edit changes the characters by no more than
// it costs, so the distance is at least |ac − bc|.
func similarityAtMost(ac, bc int) int {
	longer := max(ac, bc)
	if longer == 0 {
		return 100
	}
	return 100 * (longer - max(ac-bc, bc-ac)) / longer
}

// sharedChars is the characters of the words a and b have in common,
// each word as often as both have it (al gives a's words' lengths; count,
// zero on entry and on return, has a place for every word number of b).
// The edit distance is at least the longer text's characters less these:
// a word of either text not matched by an equal word costs at least its
// length (deleted, inserted, or one side of a substitution), so
// 100 × sharedChars / longer bounds the similarity from above.
func sharedChars(a, al, b []int32, count []uint16) int {
	for _, id := range b {
		if id >= 0 && count[id] < 0xffff {
			count[id]++
		}
	}
	shared := 0
	for k, id := range a {
		if id >= 0 && int(id) < len(count) && count[id] > 0 {
			count[id]--
			shared += int(al[k])
		}
	}
	for _, id := range b {
		if id >= 0 {
			count[id] = 0
		}
	}
	return shared
}

// Words are the words of an English text as the memory compares them:
// lower-cased letters and digits, without tags, placeholders and escapes
// (&lt;, &amp;) as markup.Tokens reads them. One pass over the text: an
// archive's memory splits every translation's English twice (a test
// compares it with the standard library's lower-casing and splitting).
func Words(s string) []string {
	var out []string
	var word []byte // the word under way, its buffer kept from one to the next
	for t := range markup.Tokens(s) {
		if t.Kind == markup.Plain { // a word ends with its piece of text
			out, word = appendWords(out, word, s[t.Start:t.End])
		}
	}
	return out
}

// appendWords appends the words of the plain text s to out, with word
// (empty) as their buffer, and returns the buffer for the next text. A
// word written in s as the memory compares it (lower case already, as
// most are) is s's own bytes, not a copy: the memory clones the words it
// keeps (number).
func appendWords(out []string, word []byte, s string) ([]string, []byte) {
	start, same := 0, true         // where the word under way starts in s; whether it is s[start:i]
	flush := func(end, next int) { // the word ends at end; the next may start at next
		if len(word) > 0 {
			if same {
				out = append(out, s[start:end])
			} else {
				out = append(out, string(word))
			}
			word = word[:0]
		}
		start, same = next, true
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				same = false
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				word = append(word, c)
				i++
			} else {
				flush(i, i+1)
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 && r == utf8.RuneError {
			flush(i, i+1)
			i++
			continue
		}
		if lower := unicode.ToLower(r); unicode.IsLetter(lower) || unicode.IsDigit(lower) {
			if lower != r || utf8.RuneLen(lower) != size {
				same = false
			}
			word = utf8.AppendRune(word, lower)
			i += size
		} else {
			flush(i, i+size)
			i += size
		}
	}
	flush(len(s), len(s))
	return out, word
}

func chars(ws []string) int {
	n := 0
	for _, w := range ws {
		n += utf8.RuneCountInString(w)
	}
	return n
}

// Adapt renumbers the codes of translation, made for matchEnglish, as
// english numbers them: the k-th <a…> of the match's English becomes the
// k-th <a…> of the unit's, and so for each kind of tag and placeholder.
// Codes the unit's English lacks are left as they are (check reports them).
func Adapt(matchEnglish, english, translation string) string {
	from, to := codeOrder(matchEnglish), codeOrder(english)
	rename := map[string]string{} // kind+number → number
	for kind, nums := range from {
		for k, num := range nums {
			if k < len(to[kind]) {
				rename[kind+"\x00"+num] = to[kind][k]
			}
		}
	}
	if len(rename) == 0 {
		return translation
	}
	var b strings.Builder
	last := 0
	for t := range markup.Tokens(translation) {
		kind, num, ok := numbered(t)
		if !ok {
			continue
		}
		nw, ok := rename[kind+"\x00"+num]
		if !ok {
			continue
		}
		i := t.Start + strings.LastIndex(translation[t.Start:t.End], num)
		b.WriteString(translation[last:i])
		b.WriteString(nw)
		last = i + len(num)
	}
	if last == 0 {
		return translation
	}
	b.WriteString(translation[last:])
	return b.String()
}

// codeOrder lists, per kind of code, the numbers of the text's codes in
// order of first appearance.
func codeOrder(s string) map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	for t := range markup.Tokens(s) {
		kind, num, ok := numbered(t)
		if !ok || seen[kind+"\x00"+num] {
			continue
		}
		seen[kind+"\x00"+num] = true
		out[kind] = append(out[kind], num)
	}
	return out
}

// numbered splits the name of a numbered code, a tag or a placeholder
// whose name ends in digits, into its kind and number: <a1> and </a1>
// are a 1, <code2/> code 2, {{.Number3}} {{Number 3. ok is false for any
// other token.
func numbered(t markup.Token) (kind, num string, ok bool) {
	if !t.Code() {
		return "", "", false
	}
	i := len(t.Name)
	for i > 0 && '0' <= t.Name[i-1] && t.Name[i-1] <= '9' {
		i--
	}
	if i == 0 || i == len(t.Name) {
		return "", "", false
	}
	kind, num = t.Name[:i], t.Name[i:]
	if t.Kind == markup.Placeholder {
		kind = "{{" + kind
	}
	return kind, num, true
}

// Format writes a match as the catalogue comment extract puts above a unit
// that needs work: "#, tm 87% a.dmitri.q-1a2b: Почему вы остались?". It is
// one line, whatever the memory holds (a translator's TMX brought in,
// even): line breaks, control characters and bidi controls are escaped
// as Go writes them (\n, \x1b, \u202e), and a text longer than
// FormatMax characters is cut, with "…", so that a suggestion never
// outweighs the entry it is for.
func Format(x Match) string {
	text := x.Translation
	n := 0
	for i := range text {
		if n == FormatMax {
			text = text[:i] + "…"
			break
		}
		n++
	}
	return "#, tm " + strconv.Itoa(x.Score) + "% " + escape.Line(x.ID) + ": " + escape.Line(text)
}

// FormatMax is the most characters of a match's text a suggestion line
// shows.
const FormatMax = 2000
