package corpus

import (
	"embed"
	"hash/fnv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/inflect"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/words"
)

// kazakhLetters are the letters of Kazakh that Russian has not: what
// tilmash.toml's required-letters and forbidden-letters name.
const kazakhLetters = "әғқңөұүһі"

// The vocabularies translations are drawn from: the words of the
// newsroom's own ru and kk catalogues that hunspell knows (bench/vocab
// wrote them; see their first lines).
//
//go:embed vocab/ru.txt vocab/kk.txt
var vocabFiles embed.FS

// vocabulary is the words of one locale, most frequent first.
var vocabulary = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, loc := range []string{"ru", "kk"} {
		data, err := vocabFiles.ReadFile("vocab/" + loc + ".txt")
		if err != nil {
			panic("corpus: " + err.Error()) // embedded: cannot happen
		}
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				out[loc] = append(out[loc], l)
			}
		}
	}
	return out
})

// Vocabulary returns the words translations into tag are made of (ru or
// kk; any other locale is given the Russian words).
func Vocabulary(tag language.Tag) []string { return slicesClone(vocabulary()[vocabLocale(tag)]) }

func slicesClone(s []string) []string { return append([]string(nil), s...) }

func vocabLocale(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() == "kk" {
		return "kk"
	}
	return "ru"
}

// Pseudo returns a pseudo-translation of msg, a message in tilmash's form
// (English text with <tags> and {{.Placeholders}}), into tag, without a
// glossary: see pseudo.
func Pseudo(tag language.Tag, msg string) string { return newPseudo(tag, nil).message(msg) }

// pseudo pseudo-translates messages into one locale: every English word
// becomes a word of the locale's vocabulary (a real word, which hunspell
// knows), chosen by a hash of the word and of where it stands, so that the
// same English gives the same translation and an English word is rendered
// by one of a few words, as inflection varies a real translation's. Where
// the English uses a glossary term, the translation has one of its approved
// renderings, now and then inflected (Казахстана, Қазақстанда), with the
// renderings the glossary wants alongside (also), and a do-not-translate
// term as it is. “ ” become « », the inner ‘ ’ the language's inner
// quotation marks, 18-30 becomes 18–30 and 3.5 becomes 3,5; placeholders,
// tags and every number are kept. A Kazakh unit of 8 words or more holds a
// Kazakh letter (check's required-letters); no Russian one does. It is safe
// for concurrent use.
type pseudo struct {
	tag     language.Tag
	loc     string // the locale's tag, as the glossary names it
	kazakh  bool
	inner   [2]string // the inner quotation marks ‘ ’ become
	vocab   []string  // the words to draw from
	kzWords []string  // those of vocab with a Kazakh letter (kk)
	gloss   *glossary.Glossary
	match   inflect.Matcher
}

// newPseudo returns the translator into tag. With a glossary, the words
// of its forbidden renderings in the locale are left out of the vocabulary
// (a word drawn at random must not be one), and its terms are rendered as
// it says.
func newPseudo(tag language.Tag, g *glossary.Glossary) *pseudo {
	p := &pseudo{tag: tag, loc: tag.String(), kazakh: vocabLocale(tag) == "kk", gloss: g, match: inflect.For(tag)}
	p.inner = [2]string{"„", "“"}
	if p.kazakh {
		p.inner = [2]string{"“", "”"}
	}
	var forbidden []string
	if g != nil {
		for _, e := range g.Entries {
			if r := e.Locales[p.loc]; r != nil {
				for _, f := range r.Forbidden {
					forbidden = append(forbidden, words.Strings(f)...)
				}
			}
		}
	}
	for _, w := range vocabulary()[vocabLocale(tag)] {
		bad := false
		for _, f := range forbidden {
			if p.match.Match(w, f) {
				bad = true
				break
			}
		}
		if bad {
			continue
		}
		p.vocab = append(p.vocab, w)
		if strings.ContainsAny(w, kazakhLetters) {
			p.kzWords = append(p.kzWords, w)
		}
	}
	return p
}

func (p *pseudo) message(msg string) string {
	out := p.run(msg, false)
	// Counted as check counts them, tag names and all (more words, never fewer).
	if p.kazakh && len(words.Split(out)) >= 8 && !strings.ContainsAny(strings.ToLower(out), kazakhLetters) {
		// A long unit must show it is Kazakh (check script-language): a
		// word with a Kazakh letter, as a translator would have written.
		out = p.run(msg, true)
	}
	return out
}

// run translates the text of msg, copying placeholders, tags and
// entities. With force, the first word drawn from the vocabulary has a
// Kazakh letter.
func (p *pseudo) run(msg string, force bool) string {
	var occ []glossary.Occurrence
	if p.gloss != nil {
		occ = p.gloss.Find(msg)
	}
	t := &text{p: p, msg: msg, occ: occ, force: force, salt: hash(msg)}
	for tk := range markup.Tokens(msg) {
		if tk.Kind != markup.Plain {
			t.b.WriteString(msg[tk.Start:tk.End]) // a tag, a placeholder or an escape
			continue
		}
		// The text in runs that end before each sign of markup ("&",
		// "<", "{{") that starts nothing (AT&T is two runs), as the
		// corpus has always been translated.
		for i := tk.Start; i < tk.End; {
			j := i + 1
			for j < tk.End && msg[j] != '<' && msg[j] != '&' && !strings.HasPrefix(msg[j:], "{{") {
				j++
			}
			t.translate(i, j)
			i = j
		}
	}
	return t.b.String()
}

// text is the translation of one message under way.
type text struct {
	p     *pseudo
	msg   string
	occ   []glossary.Occurrence // the glossary terms of msg, in order
	force bool
	salt  uint64 // a hash of msg: which of its few words an English word becomes
	b     strings.Builder
	nth   int // the words drawn from the vocabulary so far
}

func isASCIILetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// translate writes the translation of the plain text msg[from:to].
func (t *text) translate(from, to int) {
	s := t.msg
	letter := func(i int) bool { // a letter ends before i
		r, _ := utf8.DecodeLastRuneInString(s[from:i])
		return i > from && unicode.IsLetter(r)
	}
	letterAt := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(s[i:to])
		return i < to && unicode.IsLetter(r)
	}
	digit := func(i int) bool {
		r, _ := utf8.DecodeLastRuneInString(s[from:i])
		return i > from && unicode.IsDigit(r)
	}
	digitAt := func(i int) bool { r, _ := utf8.DecodeRuneInString(s[i:to]); return i < to && unicode.IsDigit(r) }
	for i := from; i < to; {
		for len(t.occ) > 0 && t.occ[0].Start < i {
			t.occ = t.occ[1:] // a term across a tag: its words are translated one by one
		}
		if len(t.occ) > 0 && t.occ[0].Start == i && t.occ[0].End <= to {
			o := t.occ[0]
			t.occ = t.occ[1:]
			if r, ok := t.render(o.Entry, s[o.Start:o.End]); ok {
				t.b.WriteString(r)
				i = o.End
				continue
			}
		}
		c, size := utf8.DecodeRuneInString(s[i:to])
		switch {
		case isASCIILetter(c):
			// A word: letters, with an apostrophe or a hyphen inside
			// (It’s, part-time), which the translation writes as one word.
			end := i
			for end < to {
				r, n := utf8.DecodeRuneInString(s[end:to])
				if isASCIILetter(r) {
					end += n
					continue
				}
				if (r == '\'' || r == '’' || r == '-') && end+n < to && isASCIILetter(rune(s[end+n])) {
					end += n
					continue
				}
				break
			}
			t.b.WriteString(t.word(s[i:end]))
			i = end
			continue
		case c == '“':
			t.b.WriteString("«")
		case c == '”':
			t.b.WriteString("»")
		case c == '‘':
			t.b.WriteString(t.p.inner[0])
		case c == '’' || c == '\'':
			if !letter(i) || !letterAt(i+size) { // between letters it is an apostrophe: dropped
				t.b.WriteString(t.p.inner[1])
			}
		case c == '"':
			if i == from || s[i-1] == ' ' {
				t.b.WriteString("«")
			} else {
				t.b.WriteString("»")
			}
		case c == '-' && digit(i) && digitAt(i+1):
			t.b.WriteString("–")
		case c == '.' && digit(i) && digitAt(i+1):
			t.b.WriteString(",")
		default:
			t.b.WriteRune(c)
		}
		i += size
	}
}

// word is the vocabulary's word for the English word en: one of three,
// chosen by where en stands in its message, in en's case.
func (t *text) word(en string) string {
	p := t.p
	lower := strings.ToLower(en)
	alt := newRNG(t.salt, uint64(t.nth)).intn(3)
	list := p.vocab
	if t.force && len(p.kzWords) > 0 {
		list, t.force = p.kzWords, false
	}
	w := list[hash(lower, string(rune('0'+alt)))%uint64(len(list))]
	t.nth++
	switch {
	case len(en) > 1 && en == strings.ToUpper(en):
		return strings.ToUpper(w)
	case en[0] >= 'A' && en[0] <= 'Z':
		return capitalise(w)
	}
	return w
}

// render is the glossary's rendering of the English term en (an
// occurrence of e), or false if the glossary has none for the locale.
func (t *text) render(e *glossary.Entry, en string) (string, bool) {
	if e.DoNotTranslate {
		return en, true
	}
	r := e.Locales[t.p.loc]
	if r == nil || len(r.Approved) == 0 {
		return "", false
	}
	h := hash(en, t.msg)
	out := r.Approved[h%uint64(len(r.Approved))]
	if h>>8%3 == 0 { // a third of the time, inflected
		out = t.p.inflect(out, h>>16)
	}
	if first, _ := utf8.DecodeRuneInString(en); unicode.IsUpper(first) {
		out = capitalise(out)
	}
	for _, a := range r.Also {
		out += " (" + a + ")"
	}
	return out, true
}

// inflect returns a case form of a one-word lemma that the glossary's
// matcher reads as the lemma (Казахстана, Москве, Грузии; Қазақстанда,
// Мәскеуге), or the lemma: a phrase, an abbreviation or a word this
// simple rule cannot decline stays as it is.
func (p *pseudo) inflect(lemma string, h uint64) string {
	if strings.ContainsAny(lemma, " -") || lemma == strings.ToUpper(lemma) {
		return lemma
	}
	rs := []rune(lemma)
	last := rs[len(rs)-1]
	stem := string(rs[:len(rs)-1])
	var forms []string
	if p.kazakh {
		front := strings.ContainsRune("әөүіеэ", lastVowel(rs))
		voiceless := strings.ContainsRune("кқпстфхшщцч", last)
		switch {
		case front && voiceless:
			forms = []string{"те", "ке"}
		case front:
			forms = []string{"де", "ге"}
		case voiceless:
			forms = []string{"та", "қа"}
		default:
			forms = []string{"да", "ға"}
		}
		for i := range forms {
			forms[i] = lemma + forms[i]
		}
	} else {
		switch {
		case strings.HasSuffix(lemma, "ия"):
			forms = []string{stem + "и", stem + "ю"}
		case last == 'а' && strings.ContainsRune("кгхжшщч", rs[len(rs)-2]):
			forms = []string{stem + "и", stem + "е", stem + "у"}
		case last == 'а':
			forms = []string{stem + "ы", stem + "е", stem + "у"}
		case last == 'я':
			forms = []string{stem + "и", stem + "е", stem + "ю"}
		case last == 'й':
			forms = []string{stem + "я", stem + "ю", stem + "ем"}
		case last == 'ь':
			forms = []string{stem + "и"}
		case strings.ContainsRune("бвгджзклмнпрстфхцчшщ", last):
			forms = []string{lemma + "а", lemma + "е", lemma + "ом"}
		}
	}
	if len(forms) == 0 {
		return lemma
	}
	form := forms[h%uint64(len(forms))]
	if !p.match.Match(form, lemma) {
		return lemma
	}
	return form
}

// lastVowel returns the last vowel of a word, or 0.
func lastVowel(rs []rune) rune {
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune("аоұыяёәөүіеэ", unicode.ToLower(rs[i])) { // the vowels of harmony (inflect's)
			return unicode.ToLower(rs[i])
		}
	}
	return 0
}

// hash is FNV-1a of the parts, each followed by a zero byte.
func hash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, s := range parts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// Age returns the forms of a profile heading ({{.Name}}, {{.Age}}) in tag,
// one per plural category the locale needs: «{{.Name}}, {{.Age}} год»,
// «… года», «… лет» in Russian, «{{.Name}}, {{.Age}} жаста» in Kazakh.
func Age(tag language.Tag) map[locale.Form]string {
	forms := map[locale.Form]string{}
	words := map[locale.Form]string{locale.One: "год", locale.Few: "года", locale.Many: "лет", locale.Other: "года"}
	if vocabLocale(tag) == "kk" {
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
