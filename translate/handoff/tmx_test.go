package handoff

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
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
