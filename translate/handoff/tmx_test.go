package handoff

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/tm"
)

// TestTMX: the TMX is well-formed XML (xmllint), each <seg>'s text content
// is the message exactly (codes are their own native data), and tags pair
// as <bpt>/<ept> with the same i.
func TestTMX(t *testing.T) {
	entries := []tm.Entry{
		{ID: "a.p-1", English: "Read <a1>the <em>full</em> report</a1> on {{.Number1}} men & <code1/>.", Translation: "Читайте <a1>полный <em>отчёт</em></a1> о {{.Number1}} мужчинах и <code1/>."},
		{ID: "a.p-2", English: "A <em>b</em> c", Translation: "А <em>б c"},
		{ID: "a.p-3", English: "x", Translation: "y</em> z"},
	}
	data := WriteTMX(language.Russian, entries, "v1")
	f := filepath.Join(t.TempDir(), "ru.tmx")
	os.WriteFile(f, data, 0o644)
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint is not installed: scripts/deps test (libxml2-utils)")
	}
	if out, err := exec.Command("xmllint", "--noout", "--nonet", f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s\n%s", err, out, data)
	}
	var doc struct {
		Body struct {
			TU []struct {
				ID  string `xml:"tuid,attr"`
				TUV []struct {
					Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
					Seg  struct {
						Inner string `xml:",innerxml"`
					} `xml:"seg"`
				} `xml:"tuv"`
			} `xml:"tu"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Body.TU) != len(entries) {
		t.Fatalf("%d <tu>, want %d", len(doc.Body.TU), len(entries))
	}
	for i, tu := range doc.Body.TU {
		if tu.ID != entries[i].ID || len(tu.TUV) != 2 || tu.TUV[0].Lang != "en" || tu.TUV[1].Lang != "ru" {
			t.Fatalf("tu %d = %+v", i, tu)
		}
		for k, want := range []string{entries[i].English, entries[i].Translation} {
			if got := textContent(t, tu.TUV[k].Seg.Inner); got != want {
				t.Errorf("%s/%s: seg text %q, want %q", tu.ID, tu.TUV[k].Lang, got, want)
			}
		}
	}
	s := string(data)
	for _, want := range []string{`<bpt i="1" x="1">&lt;a1&gt;</bpt>`, `<ept i="1">&lt;/a1&gt;</ept>`, `<ph x="5">{{.Number1}}</ph>`, `<it pos="begin" x="1">&lt;em&gt;</it>`, `<it pos="end" x="1">&lt;/em&gt;</it>`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
}

// textContent is the character data of an XML fragment, markup removed.
func textContent(t *testing.T, fragment string) string {
	d := xml.NewDecoder(strings.NewReader("<x>" + fragment + "</x>"))
	var b bytes.Buffer
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
	}
	return b.String()
}

// TestReadTMX: tilmash's own TMX reads back as the messages it was written
// from, codes and all; TMX 1.1 as OmegaT writes it (lang, not xml:lang)
// and a BOM are read; what is not TMX is refused at its place.
func TestReadTMX(t *testing.T) {
	entries := []tm.Entry{
		{ID: "a.p-1", English: "Read <a1>the <em>full</em> report</a1> on {{.Number1}} men & <code1/>.", Translation: "Читайте <a1>полный <em>отчёт</em></a1> о {{.Number1}} мужчинах и <code1/>."},
		{ID: "a.p-2", English: "A <em>b</em> c", Translation: "А <em>б c"},
		{ID: "a.p-3", English: "x < y", Translation: "y</em> z"},
	}
	x, err := ReadTMX("ru.tmx", WriteTMX(language.Russian, entries, "v1"))
	if err != nil {
		t.Fatal(err)
	}
	if x.SrcLang != "en" || len(x.Units) != len(entries) {
		t.Fatalf("srclang %q, %d units", x.SrcLang, len(x.Units))
	}
	for i, e := range entries {
		u := x.Units[i]
		want := []TMXVariant{{"en", e.English}, {"ru", e.Translation}}
		if u.ID != e.ID || !reflect.DeepEqual(u.Variants, want) {
			t.Errorf("unit %d = %+v, want %s %+v", i, u, e.ID, want)
		}
	}
	omegat := "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx11.dtd\">\n<tmx version=\"1.1\">\n  <header creationtool=\"OmegaT\" srclang=\"EN-US\" segtype=\"sentence\"/>\n  <body>\n    <tu>\n      <tuv lang=\"EN-US\"><seg>Rents <bpt i=\"1\">&lt;b0&gt;</bpt>doubled<ept i=\"1\">&lt;/b0&gt;</ept>.</seg></tuv>\n      <tuv lang=\"RU\"><seg>Аренда выросла вдвое.</seg></tuv>\n    </tu>\n  </body>\n</tmx>\n"
	x, err = ReadTMX("project_save.tmx", []byte(omegat))
	if err != nil {
		t.Fatal(err)
	}
	want := []TMXUnit{{Line: 6, Variants: []TMXVariant{{"EN-US", "Rents <b0>doubled</b0>."}, {"RU", "Аренда выросла вдвое."}}}}
	if x.SrcLang != "EN-US" || !reflect.DeepEqual(x.Units, want) {
		t.Errorf("OmegaT's TMX = %q %+v, want %+v", x.SrcLang, x.Units, want)
	}
	for _, tt := range []struct{ data, err string }{
		{"<xliff/>", "x.tmx:1:9: <xliff>: not a TMX document"},
		{"<tmx>\n<body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>", "x.tmx:2:16: <tuv> without xml:lang"},
		{"<tmx>\n<body><tu><tuv xml:lang=\"en\"><seg>a</tuv></tu></body></tmx>", "x.tmx:2:"},
		{"<?xml version=\"1.0\" encoding=\"UTF-16\"?><tmx/>", "x.tmx:1:"},
		{"", "x.tmx:1:1: not a TMX document"},
		{"<tmx><body><tu><tuv xml:lang=\"en\"><seg>" + strings.Repeat("<hi>", 40) + "a", "x.tmx:1:"},
	} {
		if _, err := ReadTMX("x.tmx", []byte(tt.data)); err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("ReadTMX(%q) = %v, want %q", tt.data, err, tt.err)
		}
	}
	if !IsTMX([]byte(omegat)) || IsTMX([]byte("<xliff/>")) || IsTMX([]byte("msgid \"\"")) || IsTMX([]byte("<tmxx/>")) {
		t.Error("IsTMX tells TMX from what is not")
	}
	// Nested deeper than bound.MaxDepth: refused as it is read, with why.
	if _, err := ReadTMX("x.tmx", []byte("<tmx><body><tu><tuv xml:lang=\"en\"><seg>"+strings.Repeat("<hi>", 40)+"a")); err == nil || !strings.Contains(err.Error(), "nest more than 32 deep") {
		t.Errorf("a deep TMX: %v", err)
	}
	// A TMX in UTF-16 is a TMX, refused with what to do.
	utf16 := "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!-- a memory -->\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"/>"
	if !IsTMX([]byte(utf16)) {
		t.Error("IsTMX: a TMX declared UTF-16 is a TMX")
	}
	if _, err := ReadTMX("x.tmx", []byte(utf16)); err == nil || !strings.Contains(err.Error(), "save it as UTF-8") {
		t.Errorf("a TMX in UTF-16: %v", err)
	}
}
