package inflect

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/words"
)

// Matcher decides whether a word form is an inflection of a lemma.
type Matcher interface {
	// Match reports whether form (a word of a text) is lemma or an
	// inflected form of it. Both are single words; case is ignored.
	Match(form, lemma string) bool
}

// For returns the matcher for a language: Russian, Kazakh, or exact.
func For(tag language.Tag) Matcher {
	base, _ := tag.Base()
	switch base.String() {
	case "ru":
		return russianMatcher{}
	case "kk":
		if script, _ := tag.Script(); script.String() == "Latn" {
			return exact{}
		}
		return kazakhMatcher{}
	}
	return exact{}
}

type exact struct{}

// Match compares the two words, ignoring case.
func (exact) Match(form, lemma string) bool { return fold(form) == fold(lemma) }

func (exact) matchFolded(form, lemma string) bool { return form == lemma }

// folded is a Matcher that can compare words already folded to lower
// case (fold): an Index folds each word once, not once per comparison.
type folded interface {
	matchFolded(form, lemma string) bool
}

func fold(s string) string { return strings.ToLower(s) }

type russianMatcher struct{}

// Match compares the words' Snowball stems; a hyphenated compound part
// by part, as Russian declines each (агент-провокатор, агента-провокатора).
func (r russianMatcher) Match(form, lemma string) bool {
	return r.matchFolded(fold(form), fold(lemma))
}

func (r russianMatcher) matchFolded(form, lemma string) bool {
	f, l := form, lemma
	if strings.Contains(f, "ё") {
		f = strings.ReplaceAll(f, "ё", "е")
	}
	if strings.Contains(l, "ё") {
		l = strings.ReplaceAll(l, "ё", "е")
	}
	if f == l {
		return true
	}
	if n := strings.Count(l, "-"); n > 0 && strings.Count(f, "-") == n {
		fs, ls := strings.Split(f, "-"), strings.Split(l, "-")
		for i := range ls {
			if ls[i] == "" || !r.matchFolded(fs[i], ls[i]) {
				return false
			}
		}
		return true
	}
	sf, sl := stem(f), stem(l)
	// Snowball reads a surname's -ов, -ев, -ин as an ending (каримджан),
	// which its own forms keep (Каримджанова → каримджанов): the form's
	// stem is then the lemma itself.
	if sf == sl || sf == l {
		return true
	}
	short, long := sf, sl
	if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
		short, long = long, short
	}
	return utf8.RuneCountInString(short) >= 5 && strings.HasPrefix(long, short) &&
		utf8.RuneCountInString(long)-utf8.RuneCountInString(short) == 1
}

// stems memoises the Snowball stems: a glossary check matches every word of
// every unit against every term, so the same few thousand words are
// stemmed again and again (it was most of check's and build's time).
var stems sync.Map // normalised word → stem

func stem(w string) string {
	if s, ok := stems.Load(w); ok {
		return s.(string)
	}
	s := russian.Stem(w, true)
	stems.Store(strings.Clone(w), strings.Clone(s)) // not slices of a catalogue file's text
	return s
}

func ruNorm(s string) string { return strings.ReplaceAll(fold(s), "ё", "е") }

// Span is where a match stands in a text, in bytes.
type Span struct{ Start, End int }

// Find returns every place in text where phrase occurs, each of its words
// matched by m (so every word of a multi-word term may be inflected).
func Find(m Matcher, text, phrase string) []Span {
	lemmas := words.Split(phrase)
	if len(lemmas) == 0 {
		return nil
	}
	ws := words.Split(text)
	var spans []Span
	for i := 0; i+len(lemmas) <= len(ws); i++ {
		ok := true
		for j, l := range lemmas {
			if !m.Match(ws[i+j].Text, l.Text) {
				ok = false
				break
			}
		}
		if ok {
			spans = append(spans, Span{ws[i].Start, ws[i+len(lemmas)-1].End})
		}
	}
	return spans
}

// Contains reports whether phrase occurs in text (see Find).
func Contains(m Matcher, text, phrase string) bool { return len(Find(m, text, phrase)) > 0 }
