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

// kazakhVerbal are the endings of Kazakh verbs, each a whole sequence
// (negation, tense or mood, person) that follows a verb's root and may be
// followed by nominal suffixes (a participle or the verbal noun declined:
// келгендер, баруға). A glossary term is a noun or a name, so the matcher
// leaves them out; the spelling check reads them (Stems): the Debian kk_KZ
// dictionary lists verbs by their root (іш, жау, бол) and few of their
// forms. Whole sequences, not single suffixes chained freely: a free chain
// of verbal suffixes read most misspellings as some form of some root (a
// letter dropped from жазушылар gives жаз+шы+лар), and the spelling check
// then found a third fewer misprints. Taken from the grammar, not from a
// text the check is measured on.
var kazakhVerbal = func() map[string]harmony {
	m := map[string]harmony{}
	add := func(h harmony, ss ...string) {
		for _, s := range ss {
			m[s] = h
			if h == back { // its negative: бармайды, бармады, бармаған
				m["ма"+s], m["ба"+s], m["па"+s] = h, h, h
			} else if h == front {
				m["ме"+s], m["бе"+s], m["пе"+s] = h, h, h
			}
		}
	}
	// the present-future, in every person
	add(back, "ады", "амын", "асың", "асыз", "амыз", "йды", "ймын", "йсың", "йсыз", "ймыз")
	add(front, "еді", "емін", "есің", "есіз", "еміз", "йді", "ймін", "йсің", "йсіз", "йміз")
	// the past, in every person
	add(back, "ды", "дым", "дың", "дыңыз", "дық", "ты", "тым", "тың", "тыңыз", "тық")
	add(front, "ді", "дім", "дің", "діңіз", "дік", "ті", "тім", "тің", "тіңіз", "тік")
	// participles and the verbal noun, which nominal suffixes may follow
	add(back, "ған", "қан", "атын", "йтын", "ар", "мақ", "у", "ушы")
	add(front, "ген", "кен", "етін", "йтін", "ер", "мек", "уші")
	// converbs, the conditional, the imperative and optative
	add(back, "ып", "а", "й", "са", "сын", "ғалы", "қалы", "ғанша", "қанша", "йын", "айын")
	add(front, "іп", "е", "се", "сін", "гелі", "келі", "генше", "кенше", "йін", "ейін")
	// the negative's own: бармау, келмей, бармасын
	add(back, "мау", "бау", "пау", "май", "бай", "пай", "масын", "басын", "пасын")
	add(front, "меу", "беу", "пеу", "мей", "бей", "пей", "месін", "бесін", "песін")
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
		if suffixChain(kazakhSuffixes, rest, h, 4) {
			return true
		}
	}
	// A final voiceless consonant voices before a vowel: кітап → кітабы.
	for _, v := range voicing {
		if stem, ok := strings.CutSuffix(l, v[0]); ok {
			if rest, ok := strings.CutPrefix(f, stem+v[1]); ok && rest != "" && startsWithVowel(rest) && suffixChain(kazakhSuffixes, rest, h, 4) {
				return true
			}
		}
	}
	return false
}

// wordOf reports whether the form f is the stem l followed by nominal
// suffixes, or by a verbal ending (kazakhVerbal) and nominal suffixes, a
// final voiceless consonant voiced before a vowel: what Stems asks.
func wordOf(f, l string) bool {
	h := vowelClass(l)
	if rest, ok := strings.CutPrefix(f, l); ok {
		if r, hyph := strings.CutPrefix(rest, "-"); hyph { // WhatsApp-та
			rest = r
			if h == none {
				h = back
			}
		}
		if inflected(rest, h) {
			return true
		}
	}
	for _, v := range voicing {
		if stem, ok := strings.CutSuffix(l, v[0]); ok {
			if rest, ok := strings.CutPrefix(f, stem+v[1]); ok && rest != "" && startsWithVowel(rest) && inflected(rest, h) {
				return true
			}
		}
	}
	return false
}

// verbOf reports whether the form f is the root l (of two letters: іш,
// ал, же) followed by a verbal ending and nominal suffixes: a two-letter
// beginning read as a noun's stem would take too many misprints for words.
func verbOf(f, l string) bool {
	rest, ok := strings.CutPrefix(f, l)
	return ok && rest != "" && verbal(rest, vowelClass(l))
}

// inflected reports whether rest, after a stem whose last vowel is of
// class h, is a chain of nominal suffixes, or a verbal ending and one.
func inflected(rest string, h harmony) bool {
	return suffixChain(kazakhSuffixes, rest, h, 4) || verbal(rest, h)
}

// verbal reports whether rest, after a root whose last vowel is of class
// h, is a verbal ending followed by nominal suffixes.
func verbal(rest string, h harmony) bool {
	for end, eh := range kazakhVerbal {
		tail, ok := strings.CutPrefix(rest, end)
		if !ok || eh != none && h != none && eh != h {
			continue
		}
		next := h
		if eh != none {
			next = eh
		}
		if suffixChain(kazakhSuffixes, tail, next, 3) {
			return true
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
func suffixChain(suffixes map[string]harmony, s string, h harmony, n int) bool {
	if s == "" {
		return true
	}
	if n == 0 {
		return false
	}
	for suf, sh := range suffixes {
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
		if suffixChain(suffixes, rest, next, n-1) {
			return true
		}
	}
	return false
}

// Stems returns the words a Kazakh (Cyrillic) word form may be an
// inflection of: each beginning of it (three letters at least, or two
// before a verbal ending: ішетін) that the rest follows as a chain of
// nominal suffixes or a verbal ending and them, a voiced final
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
	for i := len(rs) - 1; i >= 2; i-- {
		stem := string(rs[:i])
		if i >= 3 && wordOf(f, stem) || i == 2 && verbOf(f, stem) {
			add(stem)
		}
		for _, v := range voicing {
			if s, ok := strings.CutSuffix(stem, v[1]); ok && startsWithVowel(string(rs[i:])) && wordOf(f, s+v[0]) {
				add(s + v[0])
			}
		}
	}
	return out
}
