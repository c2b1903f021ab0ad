package check

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
)

// FuzzCheckedRenders: whatever translation the checks pass (no error
// finding) assembles into the edition as it is, with no fallback; and
// whatever they reject is never executed. Rendering is bounded: every
// translation's length is, and no template code runs.
func FuzzCheckedRenders(f *testing.F) {
	for _, s := range []string{
		"В 2014 году <em>около</em> {{.Number1}} человек <a1>уехали</a1>.",
		"{{range 100000000}}x{{end}}",
		"<em>не закрыт",
		"{{.Number1}} {{.Number1}} <a1></a1><em></em>",
		`{{"{{"}}{{.Number1}}<a1>x</a1>`,
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
