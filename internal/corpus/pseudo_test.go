package corpus

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/internal/hunspell"
	"github.com/tilmash/tilmash/translate/check"
	"github.com/tilmash/tilmash/translate/inflect"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/words"
)

// testGlossary is the copy of the newsroom's glossary in testdata (see
// testdata/README.md), never the live one.
func testGlossary(t testing.TB) map[string][]byte {
	t.Helper()
	g, err := ReadGlossary(os.DirFS("testdata/glossary"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// parsedGlossary is testGlossary as tilmash reads it.
func parsedGlossary(t testing.TB) *glossary.Glossary {
	t.Helper()
	files := testGlossary(t)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	g, err := glossary.Load(names, func(n string) ([]byte, error) { return files[n], nil })
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// glossed is the corpus as bench/gencorpus writes it: 8 articles, seed 1,
// the test glossary, spelling on.
var glossed = sync.OnceValues(func() (*Corpus, error) {
	g, err := ReadGlossary(os.DirFS("testdata/glossary"))
	if err != nil {
		return nil, err
	}
	return GenerateWith(Options{Articles: 8, Seed: 1, Spelling: true, Glossary: g})
})

func glossedCorpus(t *testing.T) *Corpus {
	t.Helper()
	c, err := glossed()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// needHunspell fails (never skips) when hunspell is missing: CI installs
// it with its dictionaries (scripts/deps test).
func needHunspell(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("hunspell"); err != nil {
		t.Fatal("hunspell is not installed: scripts/deps test installs it (apt-get install hunspell hunspell-ru hunspell-kk)")
	}
}

// blankCode is msg with its tags, placeholders and escapes (as
// markup.Tokens reads them) each written as a space.
func blankCode(msg string) string {
	var b strings.Builder
	for t := range markup.Tokens(msg) {
		if t.Kind == markup.Plain {
			b.WriteString(msg[t.Start:t.End])
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// letterWords are the words of a message without digits, tags aside.
func letterWords(msg string) []string {
	var out []string
	for _, w := range words.Strings(blankCode(msg)) {
		if strings.IndexFunc(w, unicode.IsDigit) < 0 {
			out = append(out, w)
		}
	}
	return out
}

func TestPseudo(t *testing.T) {
	ru, kk := language.Russian, language.Kazakh
	// Pinned, so that a change of the generator (a hash, the vocabulary)
	// shows: the same corpus on every machine and Go version.
	if got, want := Pseudo(ru, "Shop owners in Almaty"), "Работающий чаще центу Если"; got != want {
		t.Errorf("Pseudo(ru, …) = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		tag  language.Tag
		en   string
		keep []string // what the translation keeps, in this order
	}{
		{ru, "“It’s cold,” she says. ‘The long winter’.", []string{"«", ",» ", ". „", "“."}},
		{kk, "“It’s cold,” she says. ‘The long winter’.", []string{"«", ",» ", ". “", "”."}},
		{ru, "Workers aged 18-30 earn 3.5 percent more than in 2019, {{.Number1}} of them.", []string{" 18–30 ", " 3,5 ", " 2019, {{.Number1}} ", "."}},
		{ru, "The <em>akimat</em> and <a1>a report</a1> with <code1/>.", []string{"<em>", "</em> ", " <a1>", "</a1> ", " <code1/>."}},
		{kk, "A part-time job, the children’s shoes.", []string{", ", "."}},
		{kk, "{{.Name}}, {{.Age}}", []string{"{{.Name}}, {{.Age}}"}},
		{ru, "Cold {{ .Name }} AT&T &lt; &amp; <br/>", []string{" {{ .Name }} ", "&", " &lt; &amp; <br/>"}},
		// Text to markup.Tokens, so translated: the pseudo-translator
		// once copied "{{" to the next "}}" (to the end, if none) and
		// </em/> as they were.
		{ru, "Cold {{.Name} winter", []string{"{{.", "} "}},
		{ru, "Cold {{- .Name -}} winter", []string{"{{- .", " -}} "}},
		{ru, "Cold </em/> winter", []string{"</", "/> "}},
	} {
		got := Pseudo(tc.tag, tc.en)
		rest := got
		for _, k := range tc.keep {
			i := strings.Index(rest, k)
			if i < 0 {
				t.Errorf("Pseudo(%s, %q) = %q: no %q where expected", tc.tag, tc.en, got, k)
				break
			}
			rest = rest[i+len(k):]
		}
		// One word for each English word (It’s and part-time are one).
		en, tr := letterWords(tc.en), letterWords(got)
		if len(en) != len(tr) {
			t.Errorf("Pseudo(%s, %q) = %q: %d words for %d", tc.tag, tc.en, got, len(tr), len(en))
		}
		if again := Pseudo(tc.tag, tc.en); again != got {
			t.Errorf("Pseudo(%s, %q) gives %q, then %q", tc.tag, tc.en, got, again)
		}
	}
	// Every message of the corpus: words of the vocabulary only (numbers
	// aside), no Latin letter left, Kazakh letters in Kazakh only, and in
	// every long Kazakh unit.
	c := smallCorpus(t)
	src := catalogue(t, c, "en")
	for _, tag := range Locales {
		vocab := map[string]bool{}
		for _, w := range Vocabulary(tag) {
			vocab[w] = true
		}
		for _, w := range Age(tag) {
			for _, x := range words.Strings(blankCode(w)) {
				vocab[strings.ToLower(x)] = true
			}
		}
		for _, m := range src.Messages {
			text := blankCode(Pseudo(tag, m.Text()))
			if i := strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Latin, r) }); i >= 0 {
				t.Errorf("%s %s: a Latin letter in %q", tag, m.ID, text)
			}
			for _, w := range words.Strings(text) {
				if !vocab[strings.ToLower(w)] && strings.IndexFunc(w, unicode.IsDigit) < 0 {
					t.Errorf("%s %s: %q is not a word of the vocabulary (in %q)", tag, m.ID, w, text)
				}
			}
			hasKazakh := strings.ContainsAny(strings.ToLower(text), kazakhLetters)
			if tag == ru && hasKazakh || tag == kk && !hasKazakh && len(strings.Fields(text)) >= 8 {
				t.Errorf("%s %s: %q", tag, m.ID, text)
			}
		}
	}
	if got := Age(ru); len(got) != 4 || got[locale.Many] != "{{.Name}}, {{.Age}} лет" {
		t.Errorf("Age(ru) = %v", got)
	}
	if got := Age(kk); len(got) != 2 || got[locale.One] != "{{.Name}}, {{.Age}} жаста" {
		t.Errorf("Age(kk) = %v", got)
	}
}

// TestVocabulary: hunspell knows every word of the vocabularies, in lower
// case, capitalised and in capitals (as a translation writes them), and
// no Russian word has a Kazakh letter.
func TestVocabulary(t *testing.T) {
	needHunspell(t)
	for _, tc := range []struct {
		tag  language.Tag
		dict string
	}{{language.Russian, "ru_RU"}, {language.Kazakh, "kk_KZ"}} {
		vocab := Vocabulary(tc.tag)
		if len(vocab) < 500 {
			t.Errorf("%s: %d words", tc.tag, len(vocab))
		}
		var ask []string
		for _, w := range vocab {
			if w != strings.ToLower(w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.Is(unicode.Cyrillic, r) }) >= 0 {
				t.Errorf("%s: %q is not a word of Cyrillic letters in lower case", tc.tag, w)
			}
			if tc.tag == language.Russian && strings.ContainsAny(w, kazakhLetters) {
				t.Errorf("ru: %q has a Kazakh letter", w)
			}
			ask = append(ask, w, capitalise(w), strings.ToUpper(w))
		}
		unknown, err := hunspell.Speller{}.Unknown(tc.dict, ask)
		if err != nil {
			t.Fatal(err)
		}
		if len(unknown) > 0 {
			t.Errorf("%s: hunspell -d %s does not know %d words: %q", tc.tag, tc.dict, len(unknown), unknown[:min(len(unknown), 10)])
		}
	}
}

// TestGlossaryRenderings: where the English uses a glossary term, the
// translation has an approved rendering (inflected or not), what must go
// with it, and a do-not-translate term as it is; the vocabulary loses the
// words of forbidden renderings.
func TestGlossaryRenderings(t *testing.T) {
	g := parsedGlossary(t)
	for _, tc := range []struct {
		tag  language.Tag
		en   string
		want []string // approved renderings (or the English kept), each found inflected or not; a|b: either
	}{
		{language.Russian, "Aigerim moved from Almaty to Moscow, in Russia.", []string{"Алматы|алматинский", "Москва", "Россия"}},
		{language.Kazakh, "Aigerim moved from Almaty to Moscow, in Russia.", []string{"Алматы", "Мәскеу", "Ресей"}},
		{language.Kazakh, "Everyone here dreams of a <em>kvartira</em> of their own.", []string{"квартира", "пәтер"}},
		{language.Russian, "Published by the Post Soviet Journal.", []string{"Post Soviet Journal"}},
		{language.Kazakh, "The former republics of the Soviet Union and the USSR.", []string{"бұрынғы Кеңес Одағы республикалары", "КСРО"}},
	} {
		p := newPseudo(tc.tag, g)
		got := p.message(tc.en)
		for _, w := range tc.want {
			if !slices.ContainsFunc(strings.Split(w, "|"), func(a string) bool { return inflect.Contains(inflect.For(tc.tag), got, a) }) {
				t.Errorf("%s %q = %q: no %q", tc.tag, tc.en, got, w)
			}
		}
	}
	// Forbidden renderings leave the vocabulary: «на» (на Украине) in
	// Russian, «мобилизация» in Kazakh.
	if ru := newPseudo(language.Russian, g); slices.Contains(ru.vocab, "на") || !slices.Contains(Vocabulary(language.Russian), "на") {
		t.Error("«на» (of the forbidden «на Украине») is still in the Russian vocabulary, or was never in it")
	}
}

func TestInflect(t *testing.T) {
	ru, kk := newPseudo(language.Russian, nil), newPseudo(language.Kazakh, nil)
	for _, tc := range []struct {
		p     *pseudo
		lemma string
		forms []string
	}{
		{ru, "Казахстан", []string{"Казахстана", "Казахстане", "Казахстаном"}},
		{ru, "Грузия", []string{"Грузии", "Грузию"}},
		{ru, "Москва", []string{"Москвы", "Москве", "Москву"}},
		{ru, "барахолка", []string{"барахолки", "барахолке", "барахолку"}},
		{ru, "Дмитрий", []string{"Дмитрия", "Дмитрию", "Дмитрием"}},
		{ru, "СССР", []string{"СССР"}},
		{ru, "Советский Союз", []string{"Советский Союз"}},
		{kk, "Қазақстан", []string{"Қазақстанда", "Қазақстанға"}},
		{kk, "Мәскеу", []string{"Мәскеуде", "Мәскеуге"}},
		{kk, "Америка", []string{"Америкада", "Америкаға"}},
		{kk, "Ресей", []string{"Ресейде", "Ресейге"}},
		{kk, "КСРО", []string{"КСРО"}},
	} {
		seen := map[string]bool{}
		for h := range uint64(12) {
			got := tc.p.inflect(tc.lemma, h)
			if !slices.Contains(tc.forms, got) {
				t.Errorf("inflect(%q, %d) = %q, want one of %q", tc.lemma, h, got, tc.forms)
			}
			seen[got] = true
		}
		if len(seen) != len(tc.forms) {
			t.Errorf("inflect(%q) gives %d forms, want %q", tc.lemma, len(seen), tc.forms)
		}
	}
}

// countingSpeller is hunspell, counting the words it is asked about.
type countingSpeller struct {
	mu    sync.Mutex
	asked int
}

func (s *countingSpeller) Unknown(dict string, ws []string) ([]string, error) {
	s.mu.Lock()
	s.asked += len(ws)
	s.mu.Unlock()
	return hunspell.Speller{}.Unknown(dict, ws)
}

// TestGlossedCorpus: the corpus as make bench runs it (the glossary, spelling
// on, hunspell) passes every check but for the damage: the translations
// are words hunspell knows, and render every glossary term as the glossary
// says; terms stand in a realistic share of the units.
func TestGlossedCorpus(t *testing.T) {
	needHunspell(t)
	c := glossedCorpus(t)
	for n, data := range testGlossary(t) {
		if !slices.Equal(c.Files["glossary/"+n], data) {
			t.Errorf("glossary/%s is not the glossary's", n)
		}
	}
	cfg, err := check.ParseConfig("tilmash.toml", c.Files["tilmash.toml"])
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Off(check.CodeSpelling, "ru") || cfg.Off(check.CodeSpelling, "kk") {
		t.Error("spelling is off in tilmash.toml")
	}
	sp := &countingSpeller{}
	checkReportsTheDamage(t, c, sp)
	if sp.asked < 500 {
		t.Errorf("hunspell was asked about %d words", sp.asked)
	}
	src := catalogue(t, c, "en")
	g := parsedGlossary(t)
	with := 0
	for _, m := range src.Messages {
		if len(g.Find(m.Text())) > 0 {
			with++
		}
	}
	if share := float64(with) / float64(len(src.Messages)); share < 0.1 || share > 0.5 {
		t.Errorf("%d of %d units use a glossary term: want 10–50%%", with, len(src.Messages))
	}
	// The English does not depend on the glossary: the articles are those
	// of the corpus without one.
	for p, data := range smallCorpus(t).Files {
		if strings.HasPrefix(p, "content/") && !slices.Equal(c.Files[p], data) {
			t.Errorf("%s differs with a glossary", p)
		}
	}
}
