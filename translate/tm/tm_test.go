package tm

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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

// wordsRe is Words as a regular expression and the standard library
// give it: what the one-pass scanner must give, byte for byte.
func wordsRe(s string) []string {
	s = regexp.MustCompile(`<[^<>]*>|\{\{[^{}]*\}\}`).ReplaceAllString(s, " ")
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// FuzzWords: the one-pass Words gives what the regular expression gives.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"Why did you come to <a1>Almaty</a1>?", "{{.Number1}} trucks, {{.Number2}}%", "{{{a}}", "{{a}b}}", "<<b>>", "a<b", "x{{y",
		"ÄÖÜ İstanbul ǅemal Σίσυφος", "a\xffb\xc3", "<code1/> 12:00 — «кавычки» WhatsApp-та", "ΑΒΓ\u0307x", "{{}}<>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Words(s), wordsRe(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, want %q", s, got, want)
		}
	})
}
