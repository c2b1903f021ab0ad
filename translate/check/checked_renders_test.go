package check

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/render"
	"github.com/tilmash/tilmash/translate/xmlchar"
)

// FuzzCheckedRenders: whatever translation the checks pass (no error
// finding) assembles into the edition as it is, with no fallback, and
// renders validly: the HTML page holds no character XML forbids, and every
// XML document of the EPUB is well-formed (a vertical tab or U+FFFE passed
// check and made a book no reader opens, issue 20). Whatever they reject
// is never executed. Rendering is bounded: every translation's length is,
// and no template code runs.
func FuzzCheckedRenders(f *testing.F) {
	for _, s := range []string{
		"В 2014 году <em>около</em> {{.Number1}} человек <a1>уехали</a1>.",
		"{{range 100000000}}x{{end}}",
		"<em>не закрыт",
		"{{.Number1}} {{.Number1}} <a1></a1><em></em>",
		`{{"{{"}}{{.Number1}}<a1>x</a1>`,
		"Около\v{{.Number1}} человек <a1>уехали</a1>\f.",
		"В 2014 году <em>около</em> {{.Number1}}\uFFFE человек <a1>уехали</a1>.",
		"\uFFFF{{.Number1}} \x1b[31m<a1>x</a1> 2014 \u0093\u007f\uFDD0",
	} {
		f.Add(s)
	}
	english := "In 2014 *about* 150,000 people [left](https://example.org)."
	f.Fuzz(func(t *testing.T, translation string) {
		if !catalogText(translation) {
			return
		}
		in := setup(t, language.Russian, english, func(m *catalog.Message) { m.Forms[locale.Other] = translation })
		in.IgnorePolicy = true // judged as for a build: errors are errors, in progress or not
		fs := Run(in)
		id := in.Source.Messages[len(in.Source.Messages)-1].ID
		passed := true
		for _, x := range fs {
			if x.Unit == id && x.Severity == finding.Error {
				passed = false
			}
		}
		ed, err := assemble.Assemble(in.Articles[0], in.Source, in.Targets[0], assemble.Options{})
		if err != nil {
			t.Fatalf("assemble: %v", err)
		}
		var got *assemble.Text
		for _, b := range ed.Blocks {
			if b.Text != nil && b.Text.Unit == id {
				got = b.Text
			}
		}
		if got == nil {
			t.Fatalf("the unit is not in the edition")
		}
		if passed && got.Lang != "" {
			t.Fatalf("check passed %q, but the edition shows the English for it", translation)
		}
		if !passed {
			return
		}
		if i, r := xmlchar.Index(string(render.HTML(ed, render.Page{}))); i >= 0 {
			t.Fatalf("check passed %q, but the HTML edition holds %U", translation, r)
		}
		book, _ := render.EPUB(ed, render.Page{})
		z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range z.File {
			if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			d := xml.NewDecoder(rc)
			for err == nil {
				_, err = d.Token()
			}
			rc.Close()
			if !errors.Is(err, io.EOF) {
				t.Fatalf("check passed %q, but the EPUB's %s is not XML: %v", translation, f.Name, err)
			}
		}
	})
}

// catalogText reports whether s can be written into a catalogue at all
// (valid UTF-8: Parse refuses the rest).
func catalogText(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' {
			return false
		}
	}
	return true
}
