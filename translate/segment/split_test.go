package segment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/xmlchar"
)

func mustSplit(t *testing.T, file, src string) *Article {
	t.Helper()
	a, err := Split(file, []byte(src))
	if err != nil {
		t.Fatalf("Split(%s): %v", file, err)
	}
	return a
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type unitWant struct {
	kind Kind
	text string
}

func TestSplitArticles(t *testing.T) {
	tests := []struct {
		file string
		want []unitWant
	}{
		{"field-notes.md", []unitWant{
			{Headline, "Field Notes from the Steppe"},
			{Note, "Photographs by the author."},
			{Heading, "A <em>wide</em> country"},
			{Paragraph, "Kazakhstan is the ninth-largest country in the world, with about {{.Number1}} people. See the <a1>official statistics</a1> and the <code1/> locale code."},
			{LinkTitle, "Bureau of National Statistics"},
			{Quote, "The steppe is not empty; it is full of <em>wind</em>."},
			{Quote, "— a herder near Shymkent"},
			{Heading, "What to pack"},
			{Item, "A warm coat"},
			{Item, "<strong>Cash</strong> in tenge & dollars"},
			{Item, "A phrasebook: <em>Сәлеметсіз бе!</em>"},
			{Item, "water"},
			{Item, "maps"},
			{Heading, "Code"},
			{HTMLText, "advertisement"},
			{Paragraph, "Last line with a hard break<br/>and the rest © 2024."},
		}},
		{"crlf.md", []unitWant{
			{Headline, "Windows Article"},
			{Heading, "First section"},
			{Paragraph, "One paragraph with «quotes» and an\u00a0entity."},
			{Item, "item one"},
			{Item, "item two"},
			{Heading, "Deep heading"},
			{Paragraph, "Text under a level-four heading <html1/>USSR<html2/>."},
			{HTMLAttr, "Union of Soviet Socialist Republics"},
		}},
		{"interview.md", []unitWant{
			{Headline, "Two Voices"},
			{Paragraph, "Intro text."},
			{Name, "Aigerim"},
			{Profile, "{{.Name}}, {{.Age}}"},
			{Paragraph, "She studies in Almaty."},
			{Question, "“Why here?”"},
			{Answer, "“Because it is home.”"},
			{Question, "“And tomorrow?”"},
			{Answer, "“Who knows.”"},
			{Name, "Nurlan"},
			{Profile, "{{.Name}}, {{.Age}}"},
			{Question, "“Why here?”"},
			{Answer, "He laughs."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := mustSplit(t, "content/"+tt.file, readTestdata(t, tt.file))
			if len(a.Units) != len(tt.want) {
				for _, u := range a.Units {
					t.Logf("%s %s %q", u.ID, u.Kind, u.Text())
				}
				t.Fatalf("got %d units, want %d", len(a.Units), len(tt.want))
			}
			for i, w := range tt.want {
				u := a.Units[i]
				if u.Kind != w.kind || u.Text() != w.text {
					t.Errorf("unit %d = %s %q, want %s %q", i, u.Kind, u.Text(), w.kind, w.text)
				}
				if !strings.HasPrefix(u.ID, a.Slug+".") {
					t.Errorf("unit %d ID %q lacks the article prefix %q", i, u.ID, a.Slug)
				}
				for _, seg := range strings.Split(u.ID, ".") {
					if reserved[seg] {
						t.Errorf("ID %q has go-i18n reserved segment %q", u.ID, seg)
					}
				}
			}
		})
	}
}

func TestSplitDetails(t *testing.T) {
	a := mustSplit(t, "content/field-notes.md", readTestdata(t, "field-notes.md"))
	para := a.Units[3]
	if para.Vars["Number1"].Number != 20000000 {
		t.Errorf("Number1 = %+v, want 20000000", para.Vars["Number1"])
	}
	if para.Tags["a1"].Href != "https://stat.gov.kz/" || para.Tags["a1"].Title != "Bureau of National Statistics" {
		t.Errorf("a1 = %+v", para.Tags["a1"])
	}
	if para.Tags["code1"].Text != "kk-KZ" {
		t.Errorf("code1 = %+v", para.Tags["code1"])
	}
	if para.Pos.Line != 9 || para.Pos.Col != 1 {
		t.Errorf("paragraph at %s, want line 9 col 1", para.Pos)
	}
	var kinds []BlockKind
	for _, b := range a.Blocks {
		kinds = append(kinds, b.Kind)
	}
	want := "heading paragraph quote heading list list heading code html rule paragraph"
	var got []string
	for _, k := range kinds {
		got = append(got, string(k))
	}
	if strings.Join(got, " ") != want {
		t.Errorf("blocks = %v, want %s", got, want)
	}
	if a.Blocks[4].Ordered != true || a.Blocks[4].Start != 1 || a.Blocks[5].Ordered {
		t.Errorf("lists = %+v / %+v", a.Blocks[4], a.Blocks[5])
	}

	crlf := mustSplit(t, "content/crlf.md", readTestdata(t, "crlf.md"))
	if p := crlf.Units[5].Pos; p.Line != 12 || p.Col != 6 {
		t.Errorf("CRLF heading at %s, want 12:6", p)
	}

	iv := mustSplit(t, "content/interview.md", readTestdata(t, "interview.md"))
	prof := iv.Units[3]
	if prof.Count != "Age" || prof.Vars["Age"].Number != 24 || prof.Vars["Name"].Ref != iv.Units[2].ID {
		t.Errorf("profile unit = %+v", prof)
	}
	if prof.Forms[locale.One] == "" {
		t.Errorf("profile unit has no one form: %v", prof.Forms)
	}
	// The same question in two profiles: two units, each with its own ID.
	if iv.Units[5].ID == iv.Units[11].ID || iv.Units[5].Text() != iv.Units[11].Text() {
		t.Errorf("repeated question IDs %s, %s", iv.Units[5].ID, iv.Units[11].ID)
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no front matter", "# Title\n", "content/x.md:1:1: not an article: the file has no front matter"},
		{"unclosed front matter", "+++\ntitle = \"x\"\n", "content/x.md:1:1: the front matter is never closed"},
		{"broken TOML", "+++\ntitle = \"x\nnote = 1\n+++\n", "content/x.md:2:11: front matter: strings cannot contain newlines"},
		{"title not a string", "+++\nnote = \"n\"\n\ntitle = 3\n+++\n", "content/x.md:4:9: front matter: title must be a string in quotes, not a number"},
		{"date-time without date", "+++\ntitle = \"x\"\ndate = 10:30:00\n+++\n", "content/x.md:3:8: front matter: date 10:30:00 is a time of day"},
		{"month 13", "+++\ntitle = \"x\"\ndate = \"2023-13\"\n+++\n", `content/x.md:3:8: front matter: date "2023-13" is not a real date`},
		{"translate not bool", "+++\ntitle = \"x\"\ntranslate = \"no\"\n+++\n", "content/x.md:3:13: front matter: translate must be true or false, not a string"},
		{"bad required locale", "+++\ntitle = \"x\"\nrequired_locales = [\"russian!\"]\n+++\n", "content/x.md:3:21: front matter: required_locales:"},
		{"BOM keeps lines", "\uFEFF+++\ntitle = \"x\"\nnote = 1\n+++\n", "content/x.md:3:8: front matter: note must be a string"},
		{"no title", "+++\nnote = \"x\"\n+++\n", "content/x.md:1:1: the front matter has no title"},
		{"no title, a second-level heading first", "+++\nnote = \"x\"\n+++\n\n## Part one\n", "content/x.md:1:1: the front matter has no title, and the text does not start with a \"# heading\""},
		{"no title, text before the heading", "---\nnote: x\n---\n\nIntro.\n\n# Title\n", "content/x.md:1:1: the front matter has no title, and the text does not start"},
		{"bad date", "+++\ntitle = \"x\"\ndate = \"Oct 2022\"\n+++\n", `content/x.md:3:8: front matter: date "Oct 2022"`},
		{"bad profile", "+++\ntitle = \"x\"\n+++\n\n## Алия {.profile}\n", `content/x.md:5:4: profile heading "Алия" does not read`},
		{"invalid UTF-8", "+++\ntitle = \"x\"\n+++\n\nҚазақ \xff\n", "content/x.md:5:7: invalid UTF-8"},
		// Nesting is refused before the TOML decoder, which spent a minute
		// and gigabytes on 100 KB of it (and then took the article).
		{"100 KB of nested inline tables", "+++\ntitle = \"x\"\n[params]\nx = " + strings.Repeat("{a = ", 20000) + "1" + strings.Repeat("}", 20000) + "\n+++\n", "content/x.md:4:160: front matter: tables and arrays nested more than 32 deep (it holds texts, a date and a [params] table: write them with fewer levels)"},
		{"100 KB of nested arrays", "+++\ntitle = \"Алматы\"\nx = " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n+++\n", "content/x.md:3:37: front matter: tables and arrays nested more than 32 deep"},
		// A unit longer than a catalogue entry may be: extract would write
		// an en.toml it refuses to read back.
		// goldmark matches emphasis marks in time that grows with their
		// square in a paragraph: refused before it is parsed.
		{"a paragraph of 6,000 emphasis marks", "+++\ntitle = \"x\"\n+++\n\nIntro.\n\n" + strings.Repeat("*a_ ", 3000) + "\n", "content/x.md:7:1: a paragraph with 6000 emphasis marks"},
		{"many paragraphs of 4,000 marks", "+++\ntitle = \"x\"\n+++\n\n" + strings.Repeat(strings.Repeat("*a_ ", 2000)+"\n\n", 8), "content/x.md:17:1: a paragraph with 4000 emphasis marks"},
		{"a paragraph over MaxUnit", "+++\ntitle = \"x\"\n+++\n\nIntro.\n\n" + strings.Repeat("`c` ", MaxUnit/4+1) + "\n", "content/x.md:7:1: a paragraph of"},
		{"a dotted key of 100 KB", "+++\ntitle = \"x\"\n" + strings.Repeat("p.", 50000) + "q = 1\n+++\n", "content/x.md:3:66: front matter: tables and arrays nested more than 32 deep"},
		// YAML and JSON: the same fields, the same errors, at the value.
		{"YAML title not a string", "---\nnote: n\ntitle: 3\n---\n", "content/x.md:3:8: front matter: title must be a string in quotes, not a number"},
		{"YAML author a list", "---\ntitle: T\nauthor: [A, B]\n---\n", "content/x.md:3:9: front matter: author must be a string in quotes, not a list"},
		{"YAML bad date", "---\ntitle: Қ\ndate: Oct 2022\n---\n", `content/x.md:3:7: front matter: date "Oct 2022" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"YAML bad required locale", "---\ntitle: x\nrequired_locales: [ru, 'russian!']\n---\n", "content/x.md:3:24: front matter: required_locales:"},
		{"YAML no title", "---\ndescription: x\n---\n", "content/x.md:1:1: the front matter has no title, and the text does not start with a \"# heading\": add title: \"…\""},
		{"broken YAML", "---\ntitle: x\n  note: y\n---\n", "content/x.md:3:1: front matter: mapping values are not allowed in this context"},
		{"unclosed YAML", "---\ntitle: x\n", "content/x.md:1:1: the front matter is never closed: add a \"---\" line after it"},
		{"JSON translate not bool", "{\"title\": \"x\", \"translate\": \"no\"}\n", "content/x.md:1:29: front matter: translate must be true or false, not a string"},
		{"JSON no title", "{\"note\": \"x\"}\n", "content/x.md:1:1: the front matter has no title, and the text does not start with a \"# heading\": add \"title\": \"…\""},
		{"100 KB of nested YAML", "---\ntitle: x\nparams: " + strings.Repeat("{a: ", 20000) + "1" + strings.Repeat("}", 20000) + "\n---\n", "content/x.md:3:129: front matter: tables and arrays nested more than 32 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Split("content/x.md", []byte(tt.src))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			// Only a file without front matter is passed over (its code
			// says so); every other error stops the article.
			if notArticle := strings.Contains(tt.want, "not an article"); (se.Code == WarnNotArticle) != notArticle {
				t.Errorf("code = %q, want %q", se.Code, map[bool]string{true: WarnNotArticle}[notArticle])
			}
		})
	}
}

// TestFrontMatterAsNewsroomsWriteIt: TOML dates and date-times, an author, a
// [params] table and fields tilmash does not read (kept as they are, in
// Params), a byte-order mark, a "# heading" that repeats the title.
func TestFrontMatterAsNewsroomsWriteIt(t *testing.T) {
	tests := []struct {
		name, fm string
		date     string
		warnings []string
		params   string
	}{
		{"TOML date", "date = 2023-03-14", "2023-03-14", nil, "map[]"},
		{"TOML date-time", "date = 2023-03-14T09:30:00+06:00", "2023-03-14", nil, "map[]"},
		{"local date-time", "date = 2023-03-14T23:30:00", "2023-03-14", nil, "map[]"},
		{"ISO string", `date = "2023-03"`, "2023-03", nil, "map[]"},
		{"a date-time string, as JSON writes it", `date = "2023-03-14T23:30:00-05:00"`, "2023-03-14", nil, "map[]"},
		{"a date-time string, as Jekyll writes it", `date = "2023-03-14 09:30:00 +0600"`, "2023-03-14", nil, "map[]"},
		{"fields tilmash does not read stay, without a warning", "slug = \"x\"\ntags = [\"war\"]", "", nil, "map[slug:x tags:[war]]"},
		{"params table", "[params]\nslug = \"x\"", "", nil, "map[params:map[slug:x]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "\uFEFF+++\ntitle = \"The “Title”\"\nauthor = \"Jane Smith\"\n" + tt.fm + "\n+++\n\n# The \"title\"\n\nText.\n"
			a, err := Split("content/x.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if a.Meta.Date != tt.date {
				t.Errorf("date = %q, want %q", a.Meta.Date, tt.date)
			}
			var warnings []string
			for _, w := range a.Warnings {
				warnings = append(warnings, w.Error()[:strings.Index(w.Error(), ";")])
			}
			if strings.Join(warnings, "|") != strings.Join(tt.warnings, "|") {
				t.Errorf("warnings = %q, want %q", warnings, tt.warnings)
			}
			params := fmt.Sprint(a.Meta.Params)
			if a.Meta.Params == nil {
				params = "map[]"
			}
			if params != tt.params {
				t.Errorf("params = %s, want %s", params, tt.params)
			}
			author := a.Units[a.Meta.Units[Author]]
			if author.Text() != "Jane Smith" || author.ID != "x.author" || author.Pos.Line != 3 {
				t.Errorf("author unit = %+v", author)
			}
			if len(a.Units) != 3 || a.Blocks[0].Kind != ParagraphBlock {
				t.Errorf("the heading that repeats the title was kept: %d units, first block %s", len(a.Units), a.Blocks[0].Kind)
			}
		})
	}
	// A title with a grouped number: the repeated heading goes, and the
	// body's placeholders are numbered as if it had never been there.
	a, err := Split("content/x.md", []byte("+++\ntitle = \"150,000 arrive\"\n+++\n\n# 150,000 arrive\n\nSome 20,000 stayed.\n"))
	if err != nil || len(a.Blocks) != 1 || a.Units[len(a.Units)-1].Text() != "Some {{.Number1}} stayed." {
		t.Errorf("title with a number: %v, %d blocks, last unit %q", err, len(a.Blocks), a.Units[len(a.Units)-1].Text())
	}
	// A first heading that differs from the title stays.
	a, err = Split("content/x.md", []byte("+++\ntitle = \"Title\"\n+++\n\n# Another\n\nText.\n"))
	if err != nil || a.Blocks[0].Kind != HeadingBlock {
		t.Errorf("a different first heading was dropped: %v", err)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Dmitri":                       "dmitri",
		"What to pack":                 "what-to-pack",
		"The very long heading of all": "the-very-long-heading",
		"Қазақстан":                    "s",
		"Other":                        "s-other",
		"don’t stop":                   "dont-stop",
		"the-conscript":                "the-conscript",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSlugOf: an article's name is its file's, whole (the IDs of two
// Jekyll posts of one day never clash), or its page bundle's folder.
func TestSlugOf(t *testing.T) {
	tests := []struct{ file, want string }{
		{"content/the-conscript.md", "the-conscript"},
		{"content/_posts/2024-05-01-the-election-results.md", "2024-05-01-the-election-results"},
		{"content/_posts/2024-05-01-the-budget.md", "2024-05-01-the-budget"},
		{"content/posts/my-story/index.md", "my-story"},
		{"content/news/_index.md", "news"},
		{"content/index.md", "content"},
		{"index.md", "index"},
		{"content/a b c d e f g h i j k l m n.md", "a-b-c-d-e-f-g-h-i-j-k-l"},
		{"content/other.md", "s-other"},
		{"content/выборы.md", "a-" + slugHash("выборы")},
	}
	for _, tt := range tests {
		if got := SlugOf(tt.file); got != tt.want {
			t.Errorf("SlugOf(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
	if SlugOf("content/выборы.md") == SlugOf("content/бюджет.md") {
		t.Error("two Cyrillic file names share a slug")
	}
}

func slugHash(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:4])
}

func FuzzSplit(f *testing.F) {
	for _, name := range []string{"field-notes.md", "crlf.md", "interview.md"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("+++\ntitle = \"Тілмаш\"\n+++\n\n## Әлия, 21 {.profile}\n\n### «Неге?» {.question}\n\nҚазақ тілінде *жауап* [сілтеме](/x).\n"))
	f.Add([]byte("+++\ntitle = \"T\\u000B\"\n[params]\nx = \"\\uFFFE\"\n+++\n\nA\vb &#11; <span title=\"&#xFFFF;\">c</span> [d](<e\x7ff>)\n\n```\n\x1b\n```\n\n<div>&#1"))
	f.Add([]byte("\uFEFF+++\ntitle = \"Тілмаш\"\nauthor = \"Әлия\"\ndate = 2023-03-14T09:30:00+06:00\nslug = [1, 2]\nrequired_locales = [\"kk\"]\n[params]\nx = 1\n+++\n\n# Тілмаш\n\nМәтін.\n"))
	f.Add([]byte("---\ntitle: Тілмаш\nauthor: 'Әлия'\ndate: 2023-03-14T09:30:00+06:00\ndescription: >\n  Қысқа\n  сипаттама\ntags: [a, b]\nrequired_locales: [kk]\nparams:\n  subtitle: \"x\\u000B\"\n---\n\n# Тілмаш\n\nМәтін.\n"))
	f.Add([]byte("+++\ntitle = \"T\"\n+++\n\n[a](/u \"t\\\"&amp;\") [b][r] ![c](i 'd') <abbr title=\"Қ\vx\">e</abbr>\n\n> [r]: /r\n> (f\n> g)\n"))
	f.Add([]byte("{\n  \"title\": \"Тілмаш\",\n  \"summary\": \"Қ\",\n  \"params\": {\"alt\": \"A\", \"n\": 1}\n}\n\nМәтін.\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := Split("content/f.md", src)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error is not *Error: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, u := range a.Units {
			if seen[u.ID] {
				t.Fatalf("duplicate ID %s", u.ID)
			}
			seen[u.ID] = true
			if u.Pos.Line < 1 || u.Pos.Col < 1 {
				t.Fatalf("unit %s has position %s", u.ID, u.Pos)
			}
		}
		// Splitting is deterministic.
		b, _ := Split("content/f.md", src)
		for i := range a.Units {
			if a.Units[i].ID != b.Units[i].ID || a.Units[i].Text() != b.Units[i].Text() {
				t.Fatalf("second split differs at unit %d", i)
			}
		}
		// Every character no edition can carry is found, at a place in the
		// file, with a unit that holds it: none in a unit's text is missed.
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, c := range a.Chars {
			if c.Pos.File != "content/f.md" || c.Pos.Line < 1 || c.Pos.Line > lines || c.Pos.Col < 1 || c.Unit >= len(a.Units) || xmlchar.Why(c.Rune) == "" {
				t.Fatalf("char %+v", c)
			}
		}
		for i := range a.Units {
			for _, s := range a.Units[i].Forms {
				if at, _ := xmlchar.Index(s); at >= 0 && !slices.ContainsFunc(a.Chars, func(c Char) bool { return c.Unit == i }) {
					t.Fatalf("unit %s holds %s, not in Chars", a.Units[i].ID, xmlchar.Describe(s, at))
				}
			}
		}
	})
}

// TestHashIgnoresTypography: spacing, quotation marks, apostrophes and dashes
// do not change a unit's hash (its translations stay current); a word, a
// number or a letter's case does.
func TestHashIgnoresTypography(t *testing.T) {
	base := "He said “it’s 18-30 men”, then left."
	tests := []struct {
		edit string
		same bool
	}{
		{"He said  “it’s 18-30 men”,\u00a0then left.", true},
		{"He said \"it's 18–30 men\", then left.", true},
		{"He said «it’s 18—30 men», then left.", true},
		{" He said “it’s 18-30 men”, then left. ", true},
		{"He said “it’s 18-35 men”, then left.", false},
		{"He said “it’s 18-30 people”, then left.", false},
		{"he said “it’s 18-30 men”, then left.", false},
		{"He said “its 18-30 men”, then left.", false},
	}
	h := Hash(map[locale.Form]string{locale.Other: base})
	for _, tt := range tests {
		got := Hash(map[locale.Form]string{locale.Other: tt.edit}) == h
		if got != tt.same {
			t.Errorf("Hash(%q) == Hash(%q): %v, want %v", tt.edit, base, got, tt.same)
		}
	}
	if ExactHash(map[locale.Form]string{locale.Other: base}) == ExactHash(map[locale.Form]string{locale.Other: tests[0].edit}) {
		t.Errorf("ExactHash folds spacing")
	}
}

// TestManyFrontMatterKeysLinear: a front matter of thousands of keys (a
// site's own, kept as params) is read in work that grows with its length:
// each key's line was found by scanning the whole front matter again
// (110 s for 40,000 keys). Bytes allocated are counted, not time.
func TestManyFrontMatterKeysLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Keys\"\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "key%d = %d\n", i, i)
	}
	b.WriteString("+++\n\nText.\n")
	src := []byte(b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	a, err := Split("content/keys.md", src)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Meta.Params) != 5000 {
		t.Fatalf("%d params, want 5000", len(a.Meta.Params))
	}
	if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(200*len(src)); got > bound {
		t.Errorf("%d bytes allocated for a front matter of %d bytes (at most %d): the work grows faster than the text", got, len(src), bound)
	}
}

// TestEmphasisBudgetSkipsCode: marks in fenced code are not emphasis; a
// long article of ordinary paragraphs stays far inside the budget; a
// paragraph of unmatched "*a " (one kind of mark) is within it too.
func TestEmphasisBudgetSkipsCode(t *testing.T) {
	for name, body := range map[string]string{
		"fenced code":          "Intro.\n\n```\n" + strings.Repeat("snake_case_name *ptr\n", 6000) + "```\n",
		"ordinary paragraphs":  strings.Repeat("Some *emphasis* and __strong__ words, a snake_case name.\n\n", 20000),
		"a few thousand marks": strings.Repeat("*a ", 4000) + "\n",
	} {
		if err := emphasisBudget("content/x.md", []byte(body), 5); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestUnmatchedMarksLinear: a paragraph of unmatched emphasis marks is
// many pieces of text in a row; they are joined once, not each added to
// the text so far (13 s for 260 KB of "*a "). Bytes are counted, not time.
func TestUnmatchedMarksLinear(t *testing.T) {
	src := []byte("+++\ntitle = \"Marks\"\n+++\n\n" + strings.Repeat("*a ", 4000) + "\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	a, err := Split("content/marks.md", src)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Units[len(a.Units)-1].Text(); !strings.HasPrefix(got, "*a *a ") {
		t.Fatalf("the paragraph reads %.20q…, want the marks as text", got)
	}
	if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(400*len(src)); got > bound {
		t.Errorf("%d bytes allocated for an article of %d bytes (at most %d): the work grows faster than the text", got, len(src), bound)
	}
}

// TestTitleWithCode: a first heading that holds a site generator's code
// and is not the title keeps the code in its unit (a trial reading of the
// heading, to compare it with the title, gives nothing away).
func TestTitleWithCode(t *testing.T) {
	a, err := Split("content/x.md", []byte("+++\ntitle = \"T\"\n+++\n\n# Other {{< icon \"x\" >}}\n\nText.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Units[1].Text(); got != "Other <tpl1/>" {
		t.Errorf("heading = %q, want the code kept", got)
	}
}

// TestShortcodeParamsSetting: which shortcode parameters are translated is
// a setting; by default a caption and a title are, a src never.
func TestShortcodeParamsSetting(t *testing.T) {
	src := []byte("+++\ntitle = \"T\"\n+++\n\n{{< card title=\"Prices\" note=\"Ask at the stall\" src=\"x.jpg\" >}}\n")
	texts := func(o Options) string {
		a, err := SplitWith("content/x.md", src, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range a.Units[1:] {
			out = append(out, u.Text())
		}
		return strings.Join(out, "|")
	}
	if got := texts(Options{}); got != "Prices" {
		t.Errorf("by default: %q, want the title alone", got)
	}
	if got := texts(Options{ShortcodeParams: []string{"note", "title"}}); got != "Prices|Ask at the stall" {
		t.Errorf("set to note and title: %q", got)
	}
}

// TestTitleFromHeading: a front matter without a title, as Eleventy's
// pages are written, takes its headline from the first "# heading", which
// leaves the body; a site generator's code that ends the heading stays
// out of the headline and in the Markdown edition.
func TestTitleFromHeading(t *testing.T) {
	tests := []struct {
		name, src   string
		title, span string // the headline; the text the translated one replaces
		blocks      int    // the body's blocks
	}{
		{"plain", "---\nlayout: doc\n---\n\n# Custom Options\n\nText.\n", "Custom Options", "Custom Options", 1},
		{"a code at its end", "---\nlayout: doc\n---\n\n# Custom Options {% addedin \"0.9.0\" %}\n\nText.\n", "Custom Options", "Custom Options", 1},
		{"emphasis", "+++\nweight = 1\n+++\n# The *real* story\n\nText.\n", "The real story", "The *real* story", 1},
		{"a code amid its words: the heading stays", "---\nlayout: doc\n---\n\n# Options {{< icon >}} here\n\nText.\n", "Options here", "", 2},
		{"a title in the front matter wins", "---\ntitle: Given\n---\n\n# Other\n\nText.\n", "Given", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Split("content/x.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			h := a.Units[a.Meta.Units[Headline]]
			if got := h.Text(); got != tt.title || h.ID != "x.title" {
				t.Errorf("headline %s = %q, want x.title = %q", h.ID, got, tt.title)
			}
			span := ""
			if !a.TitleSpan.IsZero() {
				span = string(a.Source[a.TitleSpan.Start:a.TitleSpan.End])
			}
			if span != tt.span {
				t.Errorf("title span %q, want %q", span, tt.span)
			}
			if len(a.Blocks) != tt.blocks {
				t.Errorf("%d blocks, want %d", len(a.Blocks), tt.blocks)
			}
		})
	}
}

// TestHeadingAnchors: a heading without an id of its own gets the one
// Hugo gives it (GitHub's), unique in the article, an editor's id never
// taken; links to it then work in every locale's edition.
func TestHeadingAnchors(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n\n## Part one\n\nA.\n\n## Part one\n\nB.\n\n### What's *new*, in 2024?\n\nC.\n\n## Part one {#part-one-1}\n\nD.\n\n## Ünïcode — ok\n\nE.\n\n## 150,000 flats\n\nF.\n"
	a, err := Split("content/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range a.Blocks {
		if b.Kind == HeadingBlock {
			got = append(got, b.ID+"|"+b.Anchor)
		}
	}
	want := []string{"|part-one", "|part-one-2", "|whats-new-in-2024", "part-one-1|", "|ünïcode--ok", "|150000-flats"}
	if !slices.Equal(got, want) {
		t.Errorf("headings' id|anchor = %q, want %q", got, want)
	}
}
