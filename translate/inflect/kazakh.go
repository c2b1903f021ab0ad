package inflect

import (
	"strings"

	"golang.org/x/text/language"
)

type kazakhMatcher struct{}

// harmony is a vowel's class: back, front, or none (a suffix without a
// harmonising vowel, such as the instrumental -мен).
type harmony int

const (
	none harmony = iota
	back
	front
)

// kazakhSuffixes are the inflectional endings the matcher accepts after a
// lemma, each with its vowel class. Consonant alternants (-лар/-дар/-тар)
// are all listed; the matcher checks vowel harmony, not assimilation.
var kazakhSuffixes = func() map[string]harmony {
	m := map[string]harmony{}
	add := func(h harmony, ss ...string) {
		for _, s := range ss {
			m[s] = h
		}
	}
	// plural
	add(back, "лар", "дар", "тар")
	add(front, "лер", "дер", "тер")
	// possessive
	add(back, "ым", "ың", "ыңыз", "ы", "сы", "ымыз", "мыз", "ңыз")
	add(front, "ім", "ің", "іңіз", "і", "сі", "іміз", "міз", "ңіз")
	add(none, "м", "ң", "н")
	// genitive, dative, accusative, locative, ablative
	add(back, "ның", "дың", "тың", "ға", "қа", "на", "а", "ны", "ды", "ты", "да", "та", "нда", "дан", "тан", "нан")
	add(front, "нің", "дің", "тің", "ге", "ке", "не", "е", "ні", "ді", "ті", "де", "те", "нде", "ден", "тен", "нен")
	// instrumental: one form for every word
	add(none, "мен", "бен", "пен", "менен", "бенен", "пенен")
	// locative-adjectival, similative, privative, possessive-adjectival
	add(back, "дағы", "тағы", "ндағы", "дай", "тай", "сыз", "лы", "ды", "ты")
	add(front, "дегі", "тегі", "ндегі", "дей", "тей", "сіз", "лі", "ді", "ті")
	// the relational adjective and abstract noun (тыйындық, елу тыйындық
	// монета; достық): derivation, but the term is still the term
	add(back, "лық", "дық", "тық")
	add(front, "лік", "дік", "тік")
	return m
}()

// vowelClass returns the harmony class of the last vowel in s.
func vowelClass(s string) harmony {
	rs := []rune(s)
	for i := len(rs) - 1; i >= 0; i-- {
		switch rs[i] {
		case 'а', 'о', 'ұ', 'ы', 'я', 'ё':
			return back
		case 'ә', 'ө', 'ү', 'і', 'е', 'э':
			return front
		}
	}
	return none
}

// Match reads what follows the lemma in form as a chain of suffixes.
func (k kazakhMatcher) Match(form, lemma string) bool {
	return k.matchFolded(fold(form), fold(lemma))
}

// voicing is what a final voiceless consonant becomes before a vowel.
var voicing = [][2]string{{"к", "г"}, {"қ", "ғ"}, {"п", "б"}}

func (kazakhMatcher) matchFolded(f, l string) bool {
	if f == l {
		return true
	}
	h := vowelClass(l)
	if rest, ok := strings.CutPrefix(f, l); ok {
		if r, hyph := strings.CutPrefix(rest, "-"); hyph {
			rest = r
			if h == none {
				h = back
			}
		}
		if suffixChain(rest, h, 4) {
			return true
		}
	}
	// A final voiceless consonant voices before a vowel: кітап → кітабы.
	for _, v := range voicing {
		if stem, ok := strings.CutSuffix(l, v[0]); ok {
			if rest, ok := strings.CutPrefix(f, stem+v[1]); ok && rest != "" && startsWithVowel(rest) && suffixChain(rest, h, 4) {
				return true
			}
		}
	}
	return false
}

func startsWithVowel(s string) bool {
	r := []rune(s)[0]
	return strings.ContainsRune("аәеиоөуұүыіэюя", r)
}

// suffixChain reports whether s is a sequence of at most n suffixes, each in
// harmony with the vowel before it (h).
func suffixChain(s string, h harmony, n int) bool {
	if s == "" {
		return true
	}
	if n == 0 {
		return false
	}
	for suf, sh := range kazakhSuffixes {
		rest, ok := strings.CutPrefix(s, suf)
		if !ok {
			continue
		}
		if sh != none && h != none && sh != h {
			continue
		}
		next := h
		if sh != none {
			next = sh
		}
		if suffixChain(rest, next, n-1) {
			return true
		}
	}
	return false
}

// Stems returns the words a Kazakh (Cyrillic) word form may be an
// inflection of: each beginning of it (three letters at least) that the
// rest follows as a chain of the matcher's suffixes, a voiced final
// consonant put back (кітабы → кітап), longest first. For a spelling
// check: a form the dictionary lacks is right when one of its stems is in
// it (теңізінен: теңіз). Other languages have none.
func Stems(tag language.Tag, form string) []string {
	if _, ok := For(tag).(kazakhMatcher); !ok {
		return nil
	}
	f := fold(form)
	rs := []rune(f)
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for i := len(rs) - 1; i >= 3; i-- {
		stem := string(rs[:i])
		if (kazakhMatcher{}).matchFolded(f, stem) {
			add(stem)
		}
		for _, v := range voicing {
			if s, ok := strings.CutSuffix(stem, v[1]); ok && startsWithVowel(string(rs[i:])) && (kazakhMatcher{}).matchFolded(f, s+v[0]) {
				add(s + v[0])
			}
		}
	}
	return out
}
