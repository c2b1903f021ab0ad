package tm

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/translate/markup"
)

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max int
	}{
		{"Why did you come to Almaty?", "Why did you come to Almaty?", 100, 100},
		{"Why did you come to Almaty?", "why did you come to almaty", 100, 100}, // case and punctuation
		{"Why did you come to Almaty?", "Why did you stay in Almaty?", 70, 75},
		{"Why did you come to Almaty?", "What do you think about the war in Ukraine?", 0, 30},
		{"He lives in a flat in the centre.", "He lives in a flat.", 50, 60},
	}
	for _, tt := range tests {
		a, b := Words(tt.a), Words(tt.b)
		got := wordSimilarity(a, b)
		if got < tt.min || got > tt.max {
			t.Errorf("similarity(%q, %q) = %d, want %d–%d", tt.a, tt.b, got, tt.min, tt.max)
		}
		if back := wordSimilarity(b, a); back != got {
			t.Errorf("not symmetric: %d and %d", got, back)
		}
	}
}

// wordSimilarity is similarity of two lists of words, numbered as a
// memory numbers them.
func wordSimilarity(a, b []string) int {
	ids := map[string]int32{}
	number := func(ws []string) (n, l []int32) {
		for _, w := range ws {
			if _, ok := ids[w]; !ok {
				ids[w] = int32(len(ids))
			}
			n = append(n, ids[w])
			l = append(l, int32(utf8.RuneCountInString(w)))
		}
		return n, l
	}
	an, al := number(a)
	bn, bl := number(b)
	return similarity(an, al, chars(a), bn, bl, chars(b))
}

var memory = []Entry{
	{"a.dmitri.q-1", "Why did you come to Almaty?", "Почему вы приехали в Алматы?"},
	{"a.vasily.q-2", "What do you think about the war in Ukraine?", "Что вы думаете о войне в Украине?"},
	{"b.old.q-3", "Why did you leave Russia?", "Почему вы уехали из России?"},
	{"c.p-4", "Read <a1>the report</a1> on {{.Number1}} men.", "Читайте <a1>отчёт</a1> о {{.Number1}} мужчинах."},
}

func TestLookupRanks(t *testing.T) {
	m := New(memory)
	got := m.Lookup("Why did you stay in Almaty?", "", 3)
	if len(got) == 0 || got[0].ID != "a.dmitri.q-1" || got[0].Score < 70 {
		t.Fatalf("Lookup = %+v, want a.dmitri.q-1 first at 70%% or more", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not ranked: %+v", got)
		}
	}
	for _, x := range got {
		if x.ID == "a.vasily.q-2" {
			t.Errorf("an unrelated question suggested: %+v", x)
		}
	}
	// A renamed unit: the same English scores 100.
	if got := m.Lookup("Why did you leave Russia?", "new.q-9", 1); len(got) != 1 || got[0].Score != 100 || got[0].Translation != "Почему вы уехали из России?" {
		t.Errorf("renamed: %+v", got)
	}
	// The unit's own earlier translation is not suggested to it.
	if got := m.Lookup("Why did you leave Russia?", "b.old.q-3", 3); len(got) > 0 && got[0].ID == "b.old.q-3" {
		t.Errorf("its own translation suggested: %+v", got)
	}
	if got := m.Lookup("Completely different words here.", "", 3); len(got) != 0 {
		t.Errorf("suggestions for unrelated text: %+v", got)
	}
}

func TestAdaptRenumbersCodes(t *testing.T) {
	m := New(memory)
	got := m.Lookup("Read <a2>the full report</a2> on {{.Number3}} men.", "", 1)
	if len(got) != 1 {
		t.Fatalf("Lookup = %+v", got)
	}
	if want := "Читайте <a2>отчёт</a2> о {{.Number3}} мужчинах."; got[0].Translation != want {
		t.Errorf("adapted %q, want %q", got[0].Translation, want)
	}
	tests := []struct{ matchEN, en, tr, want string }{
		{"<em>x</em> <code1/> and <code2/>", "<code2/> then <code3/>", "<code2/> и <code1/>", "<code3/> и <code2/>"},
		{"no codes", "no codes", "без кодов", "без кодов"},
		{"<a1>x</a1>", "plain", "<a1>x</a1>", "<a1>x</a1>"}, // the unit has none: left for check
		{"{{ .Number1 }} <a1>x</a1>", "<a2>y</a2> {{.Number2}}", "<a1>икс</a1> {{ .Number1 }}", "<a2>икс</a2> {{ .Number2 }}"},
		// Only what markup.Tokens reads as a code is renumbered (the
		// regular expression Adapt used renumbered the first three too).
		{"<code1/> {{.Number1}}", "<code2/> {{.Number2}}", "</code1/> {{\t.Number1}} {{{.Number1}}}", "</code1/> {{\t.Number1}} {{{.Number1}}}"},
		// A placeholder whose name holds "_" is numbered too (it was
		// not a code to that expression).
		{"{{.Number_1}}", "{{.Number_2}}", "Около {{.Number_1}}", "Около {{.Number_2}}"},
	}
	for _, tt := range tests {
		if got := Adapt(tt.matchEN, tt.en, tt.tr); got != tt.want {
			t.Errorf("Adapt(%q, %q, %q) = %q, want %q", tt.matchEN, tt.en, tt.tr, got, tt.want)
		}
	}
}

// TestLookupCostIsBounded: however many entries share the query's common
// words, a lookup reads at most postingBudget postings, beyond its first
// word's.
func TestLookupCostIsBounded(t *testing.T) {
	var es []Entry
	for i := range 2 * postingBudget { // more entries share each common word than a lookup reads
		es = append(es, Entry{fmt.Sprintf("x.%d", i), fmt.Sprintf("the men of the city %d", i), fmt.Sprintf("мужчины города %d", i)})
	}
	es = append(es, Entry{"y.1", "the men of the city went to Almaty", "мужчины города уехали в Алматы"})
	m := New(es)
	got := m.Lookup("the men of the city moved to Almaty", "", 1)
	if len(got) != 1 || got[0].ID != "y.1" {
		t.Errorf("Lookup = %+v, want y.1 (found through its rare word)", got)
	}
	if !reflect.DeepEqual(Words("<a1>Hi</a1>, {{.Name}} 2022!"), []string{"hi", "2022"}) {
		t.Errorf("Words = %q", Words("<a1>Hi</a1>, {{.Name}} 2022!"))
	}
}

// TestNewForLooksUpAsNew: a memory indexed for given texts only, its
// entries fetched as a lookup scores them, suggests for those texts
// exactly what the whole memory suggests, with a common word's entries
// far over the lookup's budget (and postings kept for far fewer words).
func TestNewForLooksUpAsNew(t *testing.T) {
	mem := sentences(20000, 3)
	qs := queries(mem, 4)[:40]
	whole := New(mem)
	var kept []Entry
	part := NewFor(len(mem), func(i int) Entry { return mem[i] }, func(k int) Entry { return kept[k] }, func(i int) { kept = append(kept, mem[i]) }, qs)
	found := 0
	for k, q := range qs {
		exclude := mem[k].ID
		a, b := whole.Lookup(q, exclude, 3), part.Lookup(q, exclude, 3)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("query %d %q:\nwhole:  %v\nfor it: %v", k, q, a, b)
		}
		found += len(a)
	}
	postings := func(m *Memory) (n int) {
		for _, p := range m.index {
			n += len(p)
		}
		return n
	}
	if found == 0 || postings(part) >= postings(whole)/3 {
		t.Errorf("%d suggestions; postings kept: %d for the queries, %d whole", found, postings(part), postings(whole))
	}
	t.Logf("%d suggestions; postings kept: %d for the queries, %d whole", found, postings(part), postings(whole))
}

// TestNewForNoQueries: with no text to look up (no unit needs work), the
// memory reads no entry, keeps none, and a lookup finds nothing.
func TestNewForNoQueries(t *testing.T) {
	mem := sentences(100, 3)
	read := 0
	m := NewFor(len(mem), func(i int) Entry { read++; return mem[i] }, func(int) Entry { t.Fatal("an entry fetched"); return Entry{} },
		func(int) { t.Error("an entry kept") }, nil)
	if read != 0 || m.Len() != 0 {
		t.Errorf("%d entries read, %d kept", read, m.Len())
	}
	if got := m.Lookup(mem[0].English, "", 3); len(got) != 0 {
		t.Errorf("Lookup = %v, want nothing", got)
	}
}

// wordsRe is Words as markup.Tokens and the standard library give it:
// the codes and escapes blanked out, then strings.ToLower and
// strings.FieldsFunc. The one-pass Words must give it byte for byte.
func wordsRe(s string) []string {
	b := []byte(s)
	for t := range markup.Tokens(s) {
		if t.Kind != markup.Plain {
			for i := t.Start; i < t.End; i++ {
				b[i] = ' '
			}
		}
	}
	return strings.FieldsFunc(strings.ToLower(string(b)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// FuzzWords: the one-pass Words gives what the standard library gives.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"Why did you come to <a1>Almaty</a1>?", "{{.Number1}} trucks, {{.Number2}}%", "{{{a}}", "{{a}b}}", "<<b>>", "a<b", "x{{y",
		"ÄÖÜ İstanbul ǅemal Σίσυφος", "a\xffb\xc3", "<code1/> 12:00 — «кавычки» WhatsApp-та", "ΑΒΓ\u0307x", "{{}}<>",
		"AT&amp;T &lt;3 {{ .Name }}", "{{range .X}}Қазақ{{end}}", "a&lt\xff;b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Words(s), wordsRe(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestWordsSkipsWhatDecodeReads: Words skips the tags, placeholders and
// escapes markup.Tokens reads, and nothing else. The rows marked "was"
// are where its own reading of <…> and {{…}} disagreed with markup.Decode
// and package placeholder.
func TestWordsSkipsWhatDecodeReads(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<a1>Hi</a1>, {{.Name}} 2022!", "hi 2022"},
		{"Около {{ .Number1 }} <em>мужчин</em><br/>", "около мужчин"},
		{"a &lt; b, AT&amp;T", "a b at t"},                // was a lt b at amp t
		{"a <3 and 5> b", "a 3 and 5 b"},                  // was a b: Decode reads no tag there
		{"<http://example.org> x", "http example org x"},  // was x
		{"{{range .X}}Қазақ{{end}}", "range x қазақ end"}, // was қазақ: not placeholders, template code check reports
		{"<a1 href=\"x\">link</a1>", "a1 href x link"},    // was link
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFormat: a suggestion is one line of what the memory holds, escaped
// (a line break, ESC, a C1 control, a bidi override), and a long text is
// cut.
func TestFormat(t *testing.T) {
	tests := []struct {
		m    Match
		want string
	}{
		{Match{Entry{ID: "a.p-1", Translation: "Почему вы остались?"}, 87}, "#, tm 87% a.p-1: Почему вы остались?"},
		{Match{Entry{ID: "tmx:\u009b2J", Translation: "a\nb\x1b[31m\u202ec"}, 60}, `#, tm 60% tmx:\x9b2J: a\nb\x1b[31m\u202ec`},
		{Match{Entry{ID: "x", Translation: strings.Repeat("я", FormatMax+5)}, 70}, "#, tm 70% x: " + strings.Repeat("я", FormatMax) + "…"},
	}
	for _, tt := range tests {
		if got := Format(tt.m); got != tt.want {
			t.Errorf("Format(%+v) =\n%q, want\n%q", tt.m.Entry.ID, got, tt.want)
		}
	}
}

// TestSimilarityAtMost: the bounds Lookup skips candidates by (the
// lengths, the words in common) are never below the similarity itself,
// so no suggestion is lost to them; and the first does skip what is too
// long or too short.
func TestSimilarityAtMost(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	var length [6]int32 // a word's length: the same word, the same length
	words := func() ([]int32, []int32, int) {
		n := r.IntN(12)
		ids, lens, chars := make([]int32, n), make([]int32, n), 0
		for k := range ids {
			ids[k] = int32(r.IntN(len(length)))
			lens[k] = length[ids[k]]
			chars += int(lens[k])
		}
		return ids, lens, chars
	}
	for range 20_000 {
		for k := range length {
			length[k] = int32(1 + r.IntN(9))
		}
		a, al, ac := words()
		b, bl, bc := words()
		if s, most := similarity(a, al, ac, b, bl, bc), similarityAtMost(ac, bc); s > most {
			t.Fatalf("similarity %d > its bound %d (%v/%v against %v/%v)", s, most, a, al, b, bl)
		}
		if longer := max(ac, bc); longer > 0 {
			count := make([]uint16, len(length))
			s, most := similarity(a, al, ac, b, bl, bc), 100*sharedChars(a, al, b, count)/longer
			if s > most {
				t.Fatalf("similarity %d > its bound by shared words %d (%v/%v against %v/%v)", s, most, a, al, b, bl)
			}
			if slices.ContainsFunc(count, func(c uint16) bool { return c != 0 }) {
				t.Fatalf("sharedChars left its counts dirty: %v", count)
			}
		}
	}
	if got := similarityAtMost(100, 30); got >= Threshold {
		t.Errorf("similarityAtMost(100, 30) = %d: a text of a third the length is not skipped", got)
	}
}
