package inflect

// Lexicon is a fixed list of words (a project's word list, a glossary's
// renderings) that says whether a word of a text is one of them or an
// inflected form of one: what the spelling check asks of every word the
// dictionary does not know. Each lemma is folded once and filed under its
// initial, so a question costs one fold and the matches against the lemmas
// that begin as the word does (a form begins as its lemma, as Index relies
// on), not a fold and a match per lemma. A Lexicon keeps no memory of the
// words it was asked about, and is safe for concurrent use.
type Lexicon struct {
	m       Matcher
	byFirst map[rune][]string // folded lemmas, by initial
}

// NewLexicon prepares m to tell the forms of lemmas, single words each.
func NewLexicon(m Matcher, lemmas []string) *Lexicon {
	lx := &Lexicon{m: m, byFirst: map[rune][]string{}}
	seen := map[string]bool{}
	for _, l := range lemmas {
		f := fold(l)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		lx.byFirst[initial(f)] = append(lx.byFirst[initial(f)], f)
	}
	return lx
}

// Has reports whether form is one of the lexicon's words or a form of one,
// as the Matcher's Match would say of some lemma.
func (lx *Lexicon) Has(form string) bool {
	f := fold(form)
	fm, folds := lx.m.(folded)
	for _, l := range lx.byFirst[initial(f)] {
		if folds && fm.matchFolded(f, l) || !folds && lx.m.Match(f, l) {
			return true
		}
	}
	return false
}
