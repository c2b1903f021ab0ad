package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/words"
)

// kazakhLetters are the letters of Kazakh that Russian has not: what
// tilmash.toml's required-letters and forbidden-letters name.
const kazakhLetters = "әғқңөұүһі"

// scheme is a transliteration of English letters into Cyrillic: the
// letter groups, longest first, and the single letters.
type scheme struct {
	groups  map[byte][]string // letter groups by first letter, longest first
	group   map[string]string // letter group → Cyrillic
	single  map[byte]string   // a–z → Cyrillic
	soft    map[byte]string   // c, g, k before e, i, y (or a, o, u for Kazakh) when it differs
	softOn  string            // the vowels that select soft
	yStart  string            // y at the start of a word
	yEnd    string            // y at the end of a word, after a consonant
	lEnd    string            // l at the end of a word
	inner   [2]string         // the inner quotation marks ‘ ’ become
	kazakh  bool              // every unit of min-words words or more must hold a Kazakh letter
	dropEnd bool              // a silent final e after a consonant is dropped
}

func newScheme(groups map[string]string, single string, mod func(*scheme)) *scheme {
	s := &scheme{group: groups, groups: map[byte][]string{}, single: map[byte]string{}, soft: map[byte]string{}}
	for g := range groups {
		s.groups[g[0]] = append(s.groups[g[0]], g)
	}
	for _, list := range s.groups {
		// Longest first, then alphabetical: the order must not depend on the map.
		sort.Slice(list, func(i, j int) bool {
			if len(list[i]) != len(list[j]) {
				return len(list[i]) > len(list[j])
			}
			return list[i] < list[j]
		})
	}
	letters := strings.Fields(single)
	for i, l := range letters {
		s.single[byte('a'+i)] = l
	}
	mod(s)
	return s
}

var russian = newScheme(map[string]string{
	"tion": "ция", "shch": "щ", "sch": "щ", "igh": "ай",
	"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я", "yu": "ю", "yo": "ё",
	"ye": "е", "th": "т", "ph": "ф", "ck": "к", "ee": "и", "oo": "у", "qu": "кв", "ou": "ау",
	"ea": "и", "ai": "ей", "ay": "ей", "oy": "ой", "ey": "ей", "wh": "в",
}, "а б к д е ф г х и дж к л м н о п к р с т у в в кс ы з", func(s *scheme) {
	s.soft['c'] = "с"
	s.softOn = "eiy"
	s.yStart, s.yEnd, s.lEnd = "й", "и", "ль"
	s.inner = [2]string{"„", "“"}
	s.dropEnd = true
})

var kazakh = newScheme(map[string]string{
	"tion": "ция", "igh": "әй",
	"sh": "ш", "ch": "ш", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я", "yu": "ю", "th": "т",
	"ph": "ф", "ck": "қ", "ee": "і", "oo": "ұ", "qu": "қу", "ou": "ау", "ea": "і", "ai": "әй",
	"ay": "әй", "oy": "ой", "ey": "ей", "ng": "ң", "wh": "у", "oe": "ө", "ue": "ү", "gh": "ғ",
}, "а б к д е ф г һ і ж к л м н о п қ р с т ұ в у кс ы з", func(s *scheme) {
	s.soft['g'], s.soft['k'] = "ғ", "қ"
	s.softOn = "aou"
	s.yStart, s.yEnd, s.lEnd = "й", "ы", "л"
	s.inner = [2]string{"“", "”"}
	s.kazakh = true
})

// schemeFor is Kazakh for kk, and Russian for every other locale.
func schemeFor(tag language.Tag) *scheme {
	if base, _ := tag.Base(); base.String() == "kk" {
		return kazakh
	}
	return russian
}

// Pseudo returns a pseudo-translation of msg, a message in tilmash's form
// (English text with <tags> and {{.Placeholders}}), into tag: every English
// letter written in Cyrillic by a fixed transliteration (Russian letters for
// ru, Kazakh ones, ә ғ қ ң ө ұ ү һ і among them, for kk), “ ” as « », the
// inner ‘ ’ as the language's inner quotation marks, 18-30 as 18–30, 3.5 as
// 3,5. Placeholders, tags and every number are kept as they are, so the
// result passes tilmash's checks. The same input always gives the same
// output.
func Pseudo(tag language.Tag, msg string) string { return newPseudo(tag).message(msg) }

// pseudo pseudo-translates messages into one locale, remembering the words
// it has written: a corpus repeats them. It is not safe for concurrent use.
type pseudo struct {
	*scheme
	words map[string]string
}

func newPseudo(tag language.Tag) *pseudo {
	return &pseudo{scheme: schemeFor(tag), words: map[string]string{}}
}

func (s *pseudo) message(msg string) string {
	out, text := s.run(msg, false)
	if s.kazakh && !strings.ContainsAny(out, kazakhLetters) && len(words.Split(text)) >= 8 {
		// A long unit must show it is Kazakh (check script-language):
		// one letter more, as a translator would have written.
		out, _ = s.run(msg, true)
	}
	return out
}

// run transliterates the text of msg, copying placeholders, tags and
// entities. It returns the result and its text alone, for counting words.
// With force, the first letter that has a Kazakh counterpart takes it.
func (s *pseudo) run(msg string, force bool) (out, text string) {
	var b, t strings.Builder
	for i := 0; i < len(msg); {
		if strings.HasPrefix(msg[i:], "{{") {
			end := strings.Index(msg[i:], "}}")
			if end < 0 {
				end = len(msg) - i - 2
			}
			b.WriteString(msg[i : i+end+2])
			t.WriteByte(' ')
			i += end + 2
			continue
		}
		if n := tagLen(msg[i:]); n > 0 {
			b.WriteString(msg[i : i+n])
			t.WriteByte(' ')
			i += n
			continue
		}
		if strings.HasPrefix(msg[i:], "&lt;") || strings.HasPrefix(msg[i:], "&amp;") {
			n := strings.IndexByte(msg[i:], ';') + 1
			b.WriteString(msg[i : i+n])
			i += n
			continue
		}
		j := i + 1
		for j < len(msg) && msg[j] != '<' && msg[j] != '&' && !strings.HasPrefix(msg[j:], "{{") {
			j++
		}
		run := s.text(msg[i:j], &force)
		b.WriteString(run)
		t.WriteString(run)
		i = j
	}
	return b.String(), t.String()
}

// tagLen is the length of the tag (<em>, </a1>, <code1/>, <br/>) at the
// start of s, or 0, read as package markup reads tags.
func tagLen(s string) int {
	if len(s) < 3 || s[0] != '<' {
		return 0
	}
	i := 1
	if s[i] == '/' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == start {
		return 0
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if strings.HasPrefix(s[i:], "/>") {
		return i + 2
	}
	if strings.HasPrefix(s[i:], ">") {
		return i + 1
	}
	return 0
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// text transliterates a run of plain text. While *force is set, the first
// word that can take a Kazakh letter takes one, and *force is cleared.
func (s *pseudo) text(in string, force *bool) string {
	var b strings.Builder
	runes := []rune(in)
	letter := func(k int) bool { return k >= 0 && k < len(runes) && unicode.IsLetter(runes[k]) }
	digit := func(k int) bool { return k >= 0 && k < len(runes) && unicode.IsDigit(runes[k]) }
	for k := 0; k < len(runes); {
		c := runes[k]
		switch {
		case c < utf8.RuneSelf && isASCIILetter(byte(c)):
			end := k
			for end < len(runes) && runes[end] < utf8.RuneSelf && isASCIILetter(byte(runes[end])) {
				end++
			}
			en := string(runes[k:end])
			w, ok := s.words[en]
			if !ok {
				w = s.word(en)
				s.words[en] = w
			}
			if *force && strings.IndexFunc(w, isKazakhable) >= 0 {
				w, *force = kazakhise(w), false
			}
			b.WriteString(w)
			k = end
			continue
		case c == '“':
			b.WriteString("«")
		case c == '”':
			b.WriteString("»")
		case c == '‘':
			b.WriteString(s.inner[0])
		case c == '’' || c == '\'':
			if !letter(k-1) || !letter(k+1) { // between letters it is an apostrophe: dropped
				b.WriteString(s.inner[1])
			}
		case c == '"':
			if k == 0 || runes[k-1] == ' ' {
				b.WriteString("«")
			} else {
				b.WriteString("»")
			}
		case c == '-' && digit(k-1) && digit(k+1):
			b.WriteString("–")
		case c == '.' && digit(k-1) && digit(k+1):
			b.WriteString(",")
		default:
			b.WriteRune(c)
		}
		k++
	}
	return b.String()
}

// word transliterates one word of English letters.
func (s *scheme) word(w string) string {
	lower := strings.ToLower(w)
	allCaps := len(w) > 1 && w == strings.ToUpper(w)
	var b strings.Builder
	for i := 0; i < len(lower); {
		cyr, n := "", 1
		for _, g := range s.groups[lower[i]] {
			if strings.HasPrefix(lower[i:], g) {
				cyr, n = s.group[g], len(g)
				break
			}
		}
		if cyr == "" {
			c := lower[i]
			next := byte(0)
			if i+1 < len(lower) {
				next = lower[i+1]
			}
			isVowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
			switch {
			case c == 'y' && i == 0:
				cyr = s.yStart
			case c == 'y' && i == len(lower)-1 && i > 0 && !isVowel(lower[i-1]):
				cyr = s.yEnd
			case c == 'l' && i == len(lower)-1 && i > 0:
				cyr = s.lEnd
			case c == 'e' && s.dropEnd && i == len(lower)-1 && i > 2 && !isVowel(lower[i-1]):
				cyr = ""
			case s.soft[c] != "" && next != 0 && strings.IndexByte(s.softOn, next) >= 0:
				cyr = s.soft[c]
			default:
				cyr = s.single[c]
			}
		}
		if i == 0 && w[0] >= 'A' && w[0] <= 'Z' || allCaps {
			cyr = capitalise(cyr)
			if allCaps {
				cyr = strings.ToUpper(cyr)
			}
		}
		b.WriteString(cyr)
		i += n
	}
	if b.Len() == 0 {
		return s.single[lower[0]]
	}
	return b.String()
}

var kazakhOf = map[rune]rune{'а': 'ә', 'о': 'ө', 'у': 'ұ', 'и': 'і', 'ы': 'і', 'к': 'қ', 'н': 'ң', 'г': 'ғ', 'х': 'һ',
	'А': 'Ә', 'О': 'Ө', 'У': 'Ұ', 'И': 'І', 'Ы': 'І', 'К': 'Қ', 'Н': 'Ң', 'Г': 'Ғ', 'Х': 'Һ'}

func isKazakhable(r rune) bool { _, ok := kazakhOf[r]; return ok }

// kazakhise writes the first letter of w that has a Kazakh counterpart as that letter.
func kazakhise(w string) string {
	for i, r := range w {
		if k, ok := kazakhOf[r]; ok {
			return w[:i] + string(k) + w[i+utf8.RuneLen(r):]
		}
	}
	return w
}

// Age returns the forms of a profile heading ({{.Name}}, {{.Age}}) in tag,
// one per plural category the locale needs: «{{.Name}}, {{.Age}} год»,
// «… года», «… лет» in Russian, «{{.Name}}, {{.Age}} жаста» in Kazakh.
func Age(tag language.Tag) map[locale.Form]string {
	forms := map[locale.Form]string{}
	words := map[locale.Form]string{locale.One: "год", locale.Few: "года", locale.Many: "лет", locale.Other: "года"}
	if schemeFor(tag) == kazakh {
		words = map[locale.Form]string{locale.One: "жаста", locale.Other: "жаста"}
	}
	for _, f := range locale.PluralForms(tag) {
		w := words[f]
		if w == "" {
			w = words[locale.Other]
		}
		forms[f] = "{{.Name}}, {{.Age}} " + w
	}
	return forms
}
