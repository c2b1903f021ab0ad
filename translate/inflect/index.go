package inflect

import (
	"strings"
	"sync"

	"github.com/tilmash/tilmash/translate/words"
)

// Index finds a fixed set of phrases in many texts. Each distinct word it
// meets is matched against every word of every phrase once, and the answer
// kept, so checking a catalogue against a glossary costs about one map
// look-up per word of text, not a Snowball stem or a suffix-chain parse per
// word per term. An Index is not safe for concurrent use: make one per
// An Index is safe for concurrent use: the parts of an archive checked
// at once share one per locale, and its memory of words.
type Index struct {
	m       Matcher
	lemmas  []string         // every word of every phrase, once
	folded  []string         // each lemma folded to lower case
	first   []rune           // each folded lemma's first letter (initial)
	phrases map[string][]int // phrase → its words, as indexes into lemmas
	mu      sync.Mutex
	memo    map[string][]bool
}

// NewIndex prepares m to find phrases.
func NewIndex(m Matcher, phrases []string) *Index {
	ix := &Index{m: m, phrases: map[string][]int{}, memo: map[string][]bool{}}
	ids := map[string]int{}
	for _, p := range phrases {
		if _, done := ix.phrases[p]; done {
			continue
		}
		var seq []int
		for _, w := range words.Split(p) {
			id, ok := ids[w.Text]
			if !ok {
				id = len(ix.lemmas)
				ids[w.Text] = id
				ix.lemmas = append(ix.lemmas, w.Text)
			}
			seq = append(seq, id)
		}
		ix.phrases[p] = seq
	}
	for _, l := range ix.lemmas {
		ix.folded = append(ix.folded, fold(l))
		ix.first = append(ix.first, initial(fold(l)))
	}
	return ix
}

// initial is the first letter of a folded word, ё read as е: a form of a
// lemma begins as the lemma does in every matcher (a Snowball stem and a
// suffix chain both keep the beginning), so a word is matched only
// against the lemmas with its initial (most of check's glossary time was
// matching every new word against every term).
func initial(w string) rune {
	for _, r := range w {
		if r == 'ё' {
			return 'е'
		}
		return r
	}
	return 0
}

// row says which lemmas word is a form of.
func (ix *Index) row(word string) []bool {
	ix.mu.Lock()
	r, ok := ix.memo[word]
	ix.mu.Unlock()
	if ok {
		return r
	}
	r = make([]bool, len(ix.lemmas))
	w := fold(word)
	in := initial(w)
	if fm, ok := ix.m.(folded); ok {
		for i, l := range ix.folded {
			r[i] = ix.first[i] == in && fm.matchFolded(w, l)
		}
	} else {
		for i, l := range ix.lemmas {
			r[i] = ix.first[i] == in && ix.m.Match(word, l)
		}
	}
	ix.mu.Lock()
	ix.memo[strings.Clone(word)] = r // a word is a slice of a whole catalogue file's text: not kept alive by the memory
	ix.mu.Unlock()
	return r
}

// Text is a text split into words once, to look for many phrases in.
type Text struct {
	ix    *Index
	text  string
	words []words.Word
	rows  [][]bool // each word's row (Index.row), read once, at the first Find
}

// Text prepares text for Find and Contains.
func (ix *Index) Text(text string) *Text {
	return &Text{ix: ix, text: text, words: words.Split(text)}
}

// Find returns every place where phrase occurs in the text, as the package
// function Find does. A phrase the Index was not made with is matched
// without it.
func (t *Text) Find(phrase string) []Span {
	seq, ok := t.ix.phrases[phrase]
	if !ok {
		return Find(t.ix.m, t.text, phrase)
	}
	if len(seq) == 0 {
		return nil
	}
	if t.rows == nil {
		// A text is searched for every forbidden rendering of a glossary:
		// each word's row once, not once a phrase (the memo's map and lock
		// were most of check's glossary time).
		t.rows = make([][]bool, len(t.words))
		for i, w := range t.words {
			t.rows[i] = t.ix.row(w.Text)
		}
	}
	var spans []Span
	for i := 0; i+len(seq) <= len(t.words); i++ {
		match := true
		for j, id := range seq {
			if !t.rows[i+j][id] {
				match = false
				break
			}
		}
		if match {
			spans = append(spans, Span{t.words[i].Start, t.words[i+len(seq)-1].End})
		}
	}
	return spans
}

// Contains reports whether phrase occurs in the text.
func (t *Text) Contains(phrase string) bool { return len(t.Find(phrase)) > 0 }
