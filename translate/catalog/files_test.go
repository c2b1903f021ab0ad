package catalog

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func mustParse(t *testing.T, path, data string) *Catalog {
	t.Helper()
	c, err := Parse(path, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMergeAndSplit(t *testing.T) {
	a := mustParse(t, "locales/ru/a.ru.toml", "# notes of a\n\n[a.s.p-1]\nother = \"Один.\"\n\n[a.s.p-2]\nother = \"Два.\"\n")
	b := mustParse(t, "locales/ru/sub/b.ru.toml", "[b.s.p-1]\nother = \"Три.\"\n\n# misplaced: a's entry in b's file\n[a.s.p-3]\nother = \"Четыре.\"\n")
	c, err := Merge(language.Russian, "locales/ru", []*Catalog{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Lookup("b.s.p-1"); got == nil || got.Pos.String() != "locales/ru/sub/b.ru.toml:1:1" {
		t.Errorf("b.s.p-1 at %v, want locales/ru/sub/b.ru.toml:1:1", got)
	}
	if c.FileOf("a.s.p-3") != "locales/ru/sub/b.ru.toml" || c.FileOf("z.s.p-1") != "locales/ru" {
		t.Errorf("FileOf: %s, %s", c.FileOf("a.s.p-3"), c.FileOf("z.s.p-1"))
	}
	place := func(m *Message) string {
		if strings.HasPrefix(m.ID, "a.") {
			return "locales/ru/a.ru.toml"
		}
		return "locales/ru/sub/b.ru.toml"
	}
	parts := Split(c, place)
	if len(parts) != 2 || parts[0].Path != "locales/ru/a.ru.toml" || parts[1].Path != "locales/ru/sub/b.ru.toml" {
		t.Fatalf("Split: %d parts", len(parts))
	}
	var ids []string
	for _, m := range parts[0].Messages {
		ids = append(ids, m.ID)
	}
	if strings.Join(ids, " ") != "a.s.p-1 a.s.p-2 a.s.p-3" {
		t.Errorf("a's file holds %v: the misplaced entry should move home", ids)
	}
	if got := string(Format(parts[0])); !strings.HasPrefix(got, "# notes of a\n") || !strings.Contains(got, "# misplaced: a's entry in b's file\n[a.s.p-3]") {
		t.Errorf("a's file lost its notes or the entry's:\n%s", got)
	}
	if got := string(Format(parts[1])); strings.Contains(got, "notes of a") {
		t.Errorf("b's file took a's notes:\n%s", got)
	}
}

func TestMergeRefusesAnEntryInTwoFiles(t *testing.T) {
	a := mustParse(t, "locales/ru/a.ru.toml", "[a.s.p-1]\nother = \"Один.\"\n")
	b := mustParse(t, "locales/ru/b.ru.toml", "\n[a.s.p-1]\nother = \"Раз.\"\n")
	_, err := Merge(language.Russian, "locales/ru", []*Catalog{a, b})
	if err == nil || !strings.HasPrefix(err.Error(), "locales/ru/b.ru.toml:2:1: entry \"a.s.p-1\" is also at locales/ru/a.ru.toml:1:1") {
		t.Errorf("Merge: %v", err)
	}
}

func TestNewerFormatRefused(t *testing.T) {
	header := strings.Join(TargetHeader(language.Russian), "\n")
	if _, err := Parse("locales/ru/a.ru.toml", []byte(header+"\n\n[a.s.p-1]\nother = \"Один.\"\n")); err != nil {
		t.Fatalf("this tilmash's own format: %v", err)
	}
	newer := strings.Replace(header, "# tilmash catalogue format 2:", "# tilmash catalogue format 3:", 1)
	_, err := Parse("locales/ru/a.ru.toml", []byte(newer+"\n\n[a.s.p-1]\nother = \"Один.\"\n"))
	if err == nil || !strings.Contains(err.Error(), "locales/ru/a.ru.toml:9:1: a catalogue of format 3, written by a newer tilmash") {
		t.Errorf("format 3: %v", err)
	}
	// A translator's own note saying so is not the header.
	if _, err := Parse("locales/ru/a.ru.toml", []byte("# my notes\n# tilmash catalogue format 3\n\n[a.s.p-1]\nother = \"Один.\"\n")); err != nil {
		t.Errorf("a note: %v", err)
	}
}

// TestMergeReadsAnEntryTwiceOnce: the same entry in two files (a write
// interrupted half-way) is read once, from the first.
func TestMergeReadsAnEntryTwiceOnce(t *testing.T) {
	a := mustParse(t, "locales/ru/a.ru.toml", "[a.s.p-1]\nother = \"Один.\"\n")
	flat := mustParse(t, "locales/ru.toml", "[a.s.p-1]\nother = \"Один.\"\n\n[a.s.p-2]\nother = \"Два.\"\n")
	c, err := Merge(language.Russian, "locales/ru", []*Catalog{a, flat})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Messages) != 2 || c.Lookup("a.s.p-1").Pos.File != "locales/ru/a.ru.toml" {
		t.Errorf("%d messages, a.s.p-1 from %s", len(c.Messages), c.Lookup("a.s.p-1").Pos.File)
	}
}

// TestFormerly: a source catalogue's FormerlyLines are read into Formerly
// (names only: anything that is not an article's name is dropped, never a
// path to write to), kept through Merge and Split by file, and written
// back after the header exactly as read.
func TestFormerly(t *testing.T) {
	header := strings.Join(SourceHeader, "\n")
	lines := []string{"almaty", "../../etc/passwd", "Almaty", "old/name", "almaty-2023", "almaty", "a.b", ""}
	var src strings.Builder
	src.WriteString(header + "\n")
	for _, n := range lines {
		src.WriteString(FormerlyLine + n + formerlyTail + "\n")
	}
	src.WriteString("\n[b.title]\nhash = \"sha256-1\"\nother = \"B\"\n")
	c, err := Parse("locales/en/b.en.toml", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"almaty", "almaty-2023"}
	if got := c.Formerly["locales/en/b.en.toml"]; !slices.Equal(got, want) {
		t.Fatalf("Formerly = %q, want %q", got, want)
	}
	if len(c.Header) != len(SourceHeader) {
		t.Errorf("the header keeps the FormerlyLines: %q", c.Header)
	}
	other, err := Parse("locales/en/a.en.toml", []byte(header+"\n\n[a.title]\nhash = \"sha256-2\"\nother = \"A\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := Merge(language.English, "locales/en", []*Catalog{other, c})
	if err != nil {
		t.Fatal(err)
	}
	parts := Split(all, func(m *Message) string { return "locales/en/" + strings.SplitN(m.ID, ".", 2)[0] + ".en.toml" })
	if len(parts) != 2 {
		t.Fatalf("Split: %d files", len(parts))
	}
	a, b := string(Format(parts[0])), string(Format(parts[1]))
	if strings.Contains(a, FormerlyLine) {
		t.Errorf("a.en.toml records another article's names:\n%s", a)
	}
	wantB := header + "\n" + FormerlyLine + "almaty" + formerlyTail + "\n" + FormerlyLine + "almaty-2023" + formerlyTail + "\n"
	if !strings.HasPrefix(b, wantB) {
		t.Errorf("b.en.toml:\n%s\nwant it to start\n%s", b, wantB)
	}
	again, err := Parse("locales/en/b.en.toml", []byte(b))
	if err != nil || !slices.Equal(again.Formerly["locales/en/b.en.toml"], want) {
		t.Errorf("read back: %v, %q", err, again.Formerly)
	}
}

// TestCompleted: a translated catalogue's CompletedLine is read into
// Completed, kept through Merge and Split by file, written back once.
func TestCompleted(t *testing.T) {
	header := strings.Join(TargetHeader(language.Russian), "\n")
	done, err := Parse("locales/ru/a.ru.toml", []byte(header+"\n"+CompletedLine+"\n\n[a.title]\nhash = \"sha256-1\"\nother = \"А\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	not, err := Parse("locales/ru/b.ru.toml", []byte(header+"\n\n[b.title]\nhash = \"sha256-2\"\nother = \"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := Merge(language.Russian, "locales/ru", []*Catalog{done, not})
	if err != nil {
		t.Fatal(err)
	}
	parts := Split(all, func(m *Message) string { return "locales/ru/" + strings.SplitN(m.ID, ".", 2)[0] + ".ru.toml" })
	a, b := string(Format(parts[0])), string(Format(parts[1]))
	if strings.Count(a, CompletedLine) != 1 || strings.Contains(b, CompletedLine) {
		t.Errorf("a.ru.toml:\n%s\nb.ru.toml:\n%s", a, b)
	}
}
