package conformance

import (
	"slices"
	"strings"

	"github.com/tilmash/tilmash/translate/segment"
)

// An exception is a difference the tests allow, with its reason. Every
// other finding fails; an exception that excuses nothing fails too, so
// that the list shrinks as the bugs it names are fixed.
type exception struct {
	Name   string
	Status string // decision (meant so, documented), limitation (no way to do better), bug (reported, to fix), pending (being built)
	Reason string
	Checks []string // the checks whose findings it excuses
	// Formats, Samples and Match narrow what it excuses; empty: any.
	Formats []string
	Samples []string
	Match   func(f finding, a *segment.Article) bool
}

// exceptions is the documented list (docs/editors.md, "What the tests
// hold it to", points here): keep the two in step.
var exceptions = []exception{
	{
		Name:   "no-title",
		Status: "limitation",
		Reason: "tilmash needs a headline: a `title` in the front matter or, as Eleventy's documentation writes its pages, a first `#` heading; Eleventy's blog takes its title from a `newstitle` field its own templates read, and its article starts with text: refused, naming the file",
		Checks: []string{checkAccepted}, Samples: []string{"real-eleventy-collaborative-editing"},
	},
	{
		Name:   "textarea",
		Status: "decision",
		Reason: "the content of a `<textarea>` is a form field's value, kept as written, like code (package htmltext's raw elements)",
		Checks: []string{checkLeak}, Samples: []string{"spec-171"},
	},
	{
		Name:   "emphasis-punctuation",
		Status: "bug",
		Reason: "emphasis is written back with `*` whatever stands beside it: where a translation puts punctuation at its edge (`⟦`, `«`, `“`), `*(*⟦foo⟧*)*` no longer nests as `*(*foo*)*` does",
		Checks: []string{checkUnits, checkStructure}, Samples: []string{"spec-369", "spec-373"},
	},
	{
		Name:   "emphasis-in-emphasis",
		Status: "limitation",
		Reason: "emphasis directly inside emphasis (`*_foo_*`, `_*foo*_`) has no Markdown form a translation can be written in: it reads back as strong emphasis (see `FuzzMarkdownRoundTrip`)",
		Checks: []string{checkUnits, checkStructure}, Samples: []string{"spec-461", "spec-463"},
	},
	{
		Name:   "unsafe-link",
		Status: "decision",
		Reason: "a link to an address that is not http, https, mailto, tel or relative (`irc:`, `ftp:`, made-up schemes) is published as its words only, with a warning (see Checks: `unsafe-link`); the English Markdown edition keeps the article byte for byte",
		Checks: []string{checkStructure},
		Match: func(f finding, a *segment.Article) bool {
			return slices.ContainsFunc(a.Warnings, func(w *segment.Error) bool { return strings.HasPrefix(w.Msg, segment.UnsafeLinkMsg) })
		},
	},
}
