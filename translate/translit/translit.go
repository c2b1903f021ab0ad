// Package translit computes the text of a derived locale from another's:
// a named transform turns, say, Kazakh in Cyrillic into Kazakh in the Latin
// alphabet. Only the words change: tags (<em>, <a1>, <code1/>),
// {{.Placeholders}} and any other template action of a message (as
// markup.Verbatim reads them), and the punctuation, are left as they are.
//
// # kk-Latn-2021: Kazakh in the Latin alphabet of January 2021
//
// Source: the alphabet the Government of Kazakhstan published on 28 January
// 2021 (31 letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū
// Ü V Y Z), as tabulated in "Kazakh alphabets" (Wikipedia, Latin script,
// the January 2021 table) with its transliterated sample text. Each Kazakh
// Cyrillic letter:
//
//	А A   Ә Ä   Б B   В V   Г G   Ғ Ğ   Д D   Е E   Ж J   З Z
//	И İ   Й İ   К K   Қ Q   Л L   М M   Н N   Ң Ñ   О O   Ө Ö
//	П P   Р R   С S   Т T   У U   Ұ Ū   Ү Ü   Ф F   Х H   Һ H
//	І I   Ш Ş   Ы Y
//
// The capital of і is I (no dot) and its small letter ı; the capital of и
// and й is İ (with a dot), their small letter i — as in Turkish, which is
// why Go's unicode.TurkishCase is not used: the pairs are set here.
//
// Where the 2021 table is silent or ambiguous (letters used only in Russian
// loanwords), this package chooses, following the 2018 official version and
// the practice of Kazakh Latin-script outlets:
//
//	Ц → Ts    Ч → Ch    Щ → Şş    Ё → Io    Ю → Iu    Я → Ia    Э → E
//	Ъ, Ь → dropped (they mark no sound of their own)
//
// The i of ё, ю, я is the dotted i of и, so their capitals are İo, İu, İa.
// Letters are transliterated one by one: ия gives iia (Ілияс → Iliias),
// as the table says, though some writers simplify it to ia.
//
// A digraph takes its case from the letter and the word: all capitals in a
// word written in capitals (ЧЕЧНЯ → CHECHNİA, КСРО → KSRO), a capital and
// a small letter at the start of a capitalised word (Чехия → Chehiia).
package translit

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/markup"
)

// Transform computes a derived locale's text from its source locale's.
type Transform interface {
	// Name is the transform's name in tilmash.toml (kk-Latn-2021).
	Name() string
	// Text transforms a message's text, leaving its tags and placeholders.
	Text(s string) string
	// From is the language and script whose text the transform reads
	// (Kazakh in Cyrillic, kk-Cyrl): a locale derived through it is
	// computed from a catalogue of From's (see Fits).
	From() language.Tag
	// To is the language and script the transform writes (kk-Latn): only a
	// locale of To's may be derived through it.
	To() language.Tag
}

// Lookup returns the transform named name.
func Lookup(name string) (Transform, error) {
	t, ok := registry[name]
	if !ok {
		var names []string
		for n := range registry {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("no transform %q: tilmash knows %s", name, strings.Join(names, ", "))
	}
	return t, nil
}

var registry = map[string]Transform{
	"kk-Latn-2021": table{name: "kk-Latn-2021", from: language.MustParse("kk-Cyrl"), to: language.MustParse("kk-Latn"), letters: kazakh2021},
}

// kazakh2021 maps each small Kazakh Cyrillic letter to its small Latin
// form; capitals are derived (upper below).
var kazakh2021 = map[rune]string{
	'а': "a", 'ә': "ä", 'б': "b", 'в': "v", 'г': "g", 'ғ': "ğ", 'д': "d", 'е': "e",
	'ё': "io", 'ж': "j", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'қ': "q", 'л': "l",
	'м': "m", 'н': "n", 'ң': "ñ", 'о': "o", 'ө': "ö", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'у': "u", 'ұ': "ū", 'ү': "ü", 'ф': "f", 'х': "h", 'һ': "h", 'ц': "ts",
	'ч': "ch", 'ш': "ş", 'щ': "şş", 'ъ': "", 'ы': "y", 'і': "ı", 'ь': "", 'э': "e",
	'ю': "iu", 'я': "ia",
}

// capitals of the small Latin letters whose capital is not unicode.ToUpper's.
var capitals = map[rune]rune{'ı': 'I', 'i': 'İ'}

// table is a letter-by-letter transform.
type table struct {
	name     string
	from, to language.Tag
	letters  map[rune]string
}

func (t table) Name() string       { return t.name }
func (t table) From() language.Tag { return t.from }
func (t table) To() language.Tag   { return t.to }

// Fits reports whether a locale tagged tag is written in the language and
// script of want (kk and kk-KZ are Kazakh in Cyrillic, as kk-Cyrl is; en
// and kk-Latn are not): BCP 47's likely scripts decide what a tag
// without one is written in.
func Fits(tag, want language.Tag) bool {
	b1, _ := tag.Base()
	b2, _ := want.Base()
	s1, _ := tag.Script()
	s2, _ := want.Script()
	return b1 == b2 && s1 == s2
}

// Text transforms the words of s and keeps what markup.Verbatim finds as
// written: tags, placeholders, and template actions that are no
// placeholder, which a transform must not make into one.
//
// Text that only looks like a tag (<ем>, which markup reads as text and
// the renderer refuses) is kept as written too: transformed, it could
// become a tag (<em>), and the derived edition would show markup where
// the locale it is made from refuses the unit.
func (t table) Text(s string) string {
	var b strings.Builder
	last := 0
	for start, end := range markup.Verbatim(s) {
		t.plain(&b, s[last:start])
		b.WriteString(s[start:end])
		last = end
	}
	t.plain(&b, s[last:])
	return b.String()
}

// plain writes the words of plain text transformed, and what looks like a
// tag in it (from a < to the next >, with no space between) as written.
func (t table) plain(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(t.words(s))
			return
		}
		b.WriteString(t.words(s[:i]))
		j := i + 1
		for j < len(s) && s[j] != '>' && s[j] != '<' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
			j++
		}
		if j < len(s) && s[j] == '>' {
			j++
		} else {
			j = i + 1 // a < alone: a sign, the words after it are words
		}
		b.WriteString(s[i:j])
		s = s[j:]
	}
}

// words transforms plain text, word by word (a word's case decides its
// digraphs').
func (t table) words(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsMark(rs[j])) {
			j++
		}
		b.WriteString(t.word(rs[i:j]))
		i = j
	}
	return b.String()
}

func (t table) word(w []rune) string {
	caps := 0
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	allCaps := letters > 1 && caps == letters
	var b strings.Builder
	for k, r := range w {
		lower := unicode.ToLower(r)
		latin, ok := t.letters[lower]
		if !ok {
			b.WriteRune(r) // not a letter of the table: a Latin word, a digit…
			continue
		}
		if !unicode.IsUpper(r) || latin == "" {
			b.WriteString(latin)
			continue
		}
		// A capital: its first Latin letter in capitals; a digraph's second
		// too when the word is in capitals, or the next letter is a capital.
		next := k+1 < len(w) && unicode.IsUpper(w[k+1])
		first := true
		for _, c := range latin {
			if first || allCaps || next && letters > 1 {
				b.WriteRune(upper(c))
			} else {
				b.WriteRune(c)
			}
			first = false
		}
	}
	return b.String()
}

func upper(r rune) rune {
	if c, ok := capitals[r]; ok {
		return c
	}
	return unicode.ToUpper(r)
}

// Cyrillic reports whether s holds a Cyrillic letter: what a Latin
// edition's check finds left over.
func Cyrillic(s string) (rune, int, bool) {
	for i, r := range s {
		if unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r) {
			return r, i, true
		}
	}
	return 0, 0, false
}
