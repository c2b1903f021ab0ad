package check

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/tilmash/tilmash/glossary"
	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/htmlpolicy"
	"github.com/tilmash/tilmash/translate/inflect"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
	"github.com/tilmash/tilmash/translate/placeholder"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/translit"
	"github.com/tilmash/tilmash/translate/words"
	"github.com/tilmash/tilmash/translate/xmlchar"
)

// The codes of the checks (see the package documentation).
const (
	CodeMissing         = "missing"
	CodeEmpty           = "empty"
	CodeIdentical       = "identical"
	CodeStale           = "stale"
	CodeObsolete        = "obsolete"
	CodePluralMissing   = "plural-missing"
	CodePluralExtra     = "plural-extra"
	CodePlaceholder     = "placeholder"
	CodeTemplate        = "template"
	CodeMarkup          = "markup"
	CodeNumber          = "number"
	CodeQuotes          = "typography-quotes"
	CodeGroupedNumber   = "typography-number"
	CodeSpace           = "typography-space"
	CodeDash            = "typography-dash"
	CodePercent         = "typography-percent"
	CodeDecimal         = "typography-decimal"
	CodeMixedScript     = "script-mixed"
	CodeForeignLetters  = "script-letters"
	CodeLanguageLetters = "script-language"
	CodeSpelling        = "spelling"
	CodeNFC             = "nfc"
	CodeFrontMatter     = "front-matter"
	CodeReused          = "reused"
	CodeControl         = "control-char"
	CodeInvisible       = "invisible-char"
	CodeUnsafeLink      = "unsafe-link"
	CodeImage           = "image"
	CodeSiteCode        = "site-code"
	CodeMarkdown        = "markdown"
	CodeEditorHTML      = "editor-html"
	CodeSettings        = "settings"
	CodeNotArticle      = "not-an-article"
)

// Codes are the codes of every check, the glossary's included: what
// tilmash.toml may disable or set the severity of, by full code or by the
// group before its first hyphen ("typography" covers typography-dash…).
var Codes = []string{
	CodeMissing, CodeEmpty, CodeIdentical, CodeStale, CodeObsolete,
	CodePluralMissing, CodePluralExtra, CodePlaceholder, CodeTemplate,
	CodeMarkup, CodeNumber, CodeQuotes, CodeGroupedNumber, CodeSpace,
	CodeDash, CodePercent, CodeDecimal, CodeMixedScript, CodeForeignLetters,
	CodeLanguageLetters, CodeSpelling, CodeNFC, CodeFrontMatter, CodeReused,
	CodeControl, CodeInvisible, CodeUnsafeLink, CodeImage, CodeSiteCode, CodeMarkdown, CodeEditorHTML, CodeSettings, CodeNotArticle,
	CodeGlossaryMissing, CodeGlossaryAlso, CodeGlossaryForbidden, CodeGlossaryAltered,
}

// defaultWarnings are the checks whose findings are warnings unless the
// configuration says otherwise.
var defaultWarnings = map[string]bool{CodeObsolete: true, CodeSpelling: true, CodeInvisible: true}

// Speller finds the words a dictionary does not know.
type Speller interface {
	// Unknown returns the words of words that the dictionary dict does not know.
	Unknown(dict string, words []string) ([]string, error)
}

// Input is everything a check run looks at.
type Input struct {
	Articles []*segment.Article // the articles, for units' places and markup
	// NotArticles are the content folder's Markdown files that are not
	// articles (segment.WarnNotArticle): each a warning, not-an-article.
	NotArticles []*segment.Error
	Source      *catalog.Catalog    // the English source catalogue
	Targets     []*catalog.Catalog  // the catalogues to check
	Glossary    *glossary.Glossary  // may be empty
	Config      *Config             // may be nil: every check at its default severity
	Speller     Speller             // may be nil: no spelling check
	Words       map[string][]string // the project's own words per locale, known to be right
	// IgnorePolicy reports every finding at its check's severity, whatever
	// the publication policy asks of its article and locale: what build
	// uses to decide which translations it may publish.
	IgnorePolicy bool
}

// Run checks every target catalogue and returns the findings, sorted.
func Run(in Input) []finding.Finding {
	if in.Config == nil {
		in.Config = &Config{}
	}
	units := map[string]*segment.Unit{}
	articles := map[string]*segment.Article{}
	var out []finding.Finding
	for _, e := range in.NotArticles {
		f := finding.Finding{Pos: e.Pos, Code: CodeNotArticle, Severity: finding.Warning, Message: e.Msg}
		if in.Config.decide(&f, nil) {
			out = append(out, f)
		}
	}
	for _, a := range in.Articles {
		for i := range a.Units {
			units[a.Units[i].ID] = &a.Units[i]
			articles[a.Units[i].ID] = a
		}
		for _, w := range a.Warnings {
			code := CodeFrontMatter // a warning without a code is the front matter's
			if w.Code != "" {
				code = w.Code // segment's codes are the checks' (unsafe-link, image, site-code, markdown)
			}
			f := finding.Finding{Pos: w.Pos, Code: code, Severity: finding.Warning, Message: w.Msg}
			if in.Config.decide(&f, nil) {
				out = append(out, f)
			}
		}
		for _, f := range Chars(a) {
			if in.Config.decide(&f, nil) {
				out = append(out, f)
			}
		}
		if in.Config.Publish.HTML != HTMLAsWritten {
			for _, f := range editorHTML(a) {
				if in.Config.decide(&f, nil) {
					out = append(out, f)
				}
			}
		}
	}
	// The locales are checked in parallel: each run reads what is shared
	// and writes only its own findings.
	in.Source.Lookup("") // build the index before the goroutines read it
	runs := make([]*run, len(in.Targets))
	var wg sync.WaitGroup
	for i, c := range in.Targets {
		c.Lookup("")
		runs[i] = &run{in: in, cat: c, tag: c.Locale, loc: c.Locale.String(), units: units, articles: articles, rules: in.Config.Locales[c.Locale.String()]}
		runs[i].spell = runs[i].rules.Dictionary != "" && in.Speller != nil && !in.Config.Off(CodeSpelling, runs[i].loc)
		wg.Add(1)
		go func(r *run) {
			defer wg.Done()
			if r.cat.Derived() {
				r.derived() // its source locale's checks judge the translation
				return
			}
			r.catalogue()
			if in.Glossary != nil {
				for _, f := range Glossary(in.Glossary, in.Source, r.cat) {
					r.add(f, r.cat.Lookup(f.Unit))
				}
			}
			r.spelling()
		}(runs[i])
	}
	wg.Wait()
	for _, r := range runs {
		out = append(out, r.out...)
	}
	finding.Sort(out)
	return out
}

// Chars are the findings on the characters of an article's English that
// no edition can carry (segment.Article.Chars), before any configuration:
// none of the article's editions is published while they are there,
// whatever tilmash.toml turns off.
func Chars(a *segment.Article) []finding.Finding {
	var out []finding.Finding
	for _, c := range a.Chars {
		f := finding.Finding{Pos: c.Pos, Locale: locale.Source.String(), Code: CodeControl, Severity: finding.Error,
			Message: fmt.Sprintf("%s in the article: no edition can carry it (XML 1.0 forbids it, so the EPUB would not open), and none of the article's editions is published", xmlchar.Describe(string(c.Rune), 0)),
			Hint:    "delete it from the article (retype the text around it if you cannot see it); write a line break as a new line"}
		if c.Unit >= 0 {
			f.Unit = a.Units[c.Unit].ID
		}
		out = append(out, f)
	}
	return out
}

// derived checks a derived locale's text (kk-Latn from kk) for what the
// transform may get wrong: a letter of the source script left over, a
// character no edition can carry that the source's text does not hold (a
// glossary rendering's); its overrides for staleness; and every override
// applied (locales/kk-Latn.toml) as a translation is checked, by the
// derived locale's rules. Missing, stale and broken strings of the
// source locale, and the typography the transform leaves as it is, are
// the source locale's findings (they make the derived edition incomplete
// too): reported once.
func (r *run) derived() {
	for _, m := range r.cat.Stale {
		r.report(m, m.Pos, CodeStale, fmt.Sprintf("this override was made for other English than %s's unit has now: the computed text is used", r.cat.DerivedFrom), "revise the override, then set its hash to the "+r.cat.DerivedFrom.String()+" entry's")
	}
	overridden := map[string]bool{}
	for _, om := range r.cat.Overrides {
		overridden[om.ID] = true
	}
	from := map[string]*catalog.Message{}
	for _, c := range r.in.Targets {
		if c.Locale == r.cat.DerivedFrom {
			for _, m := range c.Messages {
				from[m.ID] = m
			}
		}
	}
	for _, m := range r.cat.Messages {
		for _, f := range locale.Forms {
			text, ok := m.Forms[f]
			if !ok || text == "" {
				continue
			}
			pos := func(off int) segment.Pos { return m.ValuePos(f, off) }
			if c, off, left := translit.Cyrillic(stripCode(text)); left {
				r.report(m, pos(off), CodeForeignLetters, fmt.Sprintf("the Cyrillic %q is left in the %s text (transform %s)", string(c), r.loc, r.cat.Transform), "write the letter in the "+r.cat.DerivedFrom.String()+" catalogue as the transform knows it, or report the transform's gap")
			}
			if off, c := xmlchar.Index(text); off >= 0 && !overridden[m.ID] && (from[m.ID] == nil || !strings.ContainsRune(from[m.ID].Forms[f], c)) {
				r.report(m, pos(0), CodeControl, xmlchar.Describe(text, off)+fmt.Sprintf(" in the %s text, not in the %s text it is computed from: no edition can carry it", r.loc, r.cat.DerivedFrom), "look for it in the glossary's "+r.loc+" renderings")
			}
		}
	}
	r.overrides()
}

// overrides checks the overrides applied to a derived catalogue
// (locales/kk-Latn.toml) as translations are checked: placeholders, tags,
// template code, numbers, characters, the derived locale's typography
// and script rules, the glossary's renderings for it, spelling. Only the
// forms an override gives are its own; the others are computed.
func (r *run) overrides() {
	if len(r.cat.Overrides) == 0 {
		return
	}
	mine := &catalog.Catalog{Locale: r.tag, Path: r.cat.Overrides[0].Pos.File}
	for _, om := range r.cat.Overrides {
		sm := r.in.Source.Lookup(om.ID)
		if sm == nil {
			continue
		}
		mine.Add(om)
		u := r.units[sm.ID]
		var tags markup.Tags
		if u != nil {
			tags = u.Tags
		}
		srcVars, srcTags, srcNumbers := varSet(sm.Forms[locale.Other]), tagCounts(sm.Forms[locale.Other]), numbers(sm.Forms[locale.Other])
		for _, f := range locale.Forms {
			text, ok := om.Forms[f]
			if !ok || text == "" {
				continue // not applied: the computed form stands
			}
			pos := func(off int) segment.Pos { return om.ValuePos(f, off) }
			r.text(om, f, text, sm, srcVars, srcTags, srcNumbers, tags, pos)
		}
	}
	if r.in.Glossary != nil {
		for _, f := range Glossary(r.in.Glossary, r.in.Source, mine) {
			r.add(f, mine.Lookup(f.Unit))
		}
	}
	r.spelling()
}

type run struct {
	in       Input
	cat      *catalog.Catalog
	tag      language.Tag
	loc      string
	units    map[string]*segment.Unit
	articles map[string]*segment.Article // the article of each unit
	rules    LocaleRules
	out      []finding.Finding
	spell    bool // gather words for the speller: there is one, with a dictionary, and spelling is on
	// The speller is asked once per locale, about the distinct words
	// (vocab); the texts holding them are read again for the positions of
	// the words it does not know, if any. A list of every occurrence was a
	// quarter of check's memory at 1,000 articles (bench/PROFILE.md).
	vocab      map[string]struct{}
	spellTexts []spellText
	// stripped is the last text plain was asked for and its answer: the
	// checks of one translation ask for it about eight times, and a copy
	// each time was a sixth of check's allocations (bench/PROFILE.md).
	stripped struct{ in, out string }
}

// plain is stripCode(text), kept for the next check of the same text.
func (r *run) plain(text string) string {
	if r.stripped.in != text {
		r.stripped.in, r.stripped.out = text, stripCode(text)
	}
	return r.stripped.out
}

// spellText is a translation's text as the spelling check reads it (code
// and addresses blanked out, offsets kept).
type spellText struct {
	m    *catalog.Message
	form locale.Form
	text string
}

// spellable reports whether the spelling check asks about a word: one
// with a letter and no digit.
func spellable(w string) bool { return hasLetters(w) && !strings.ContainsAny(w, "0123456789") }

// add keeps a finding unless the configuration or the entry turns it off.
func (r *run) add(f finding.Finding, m *catalog.Message) {
	if f.Locale == "" {
		f.Locale = r.loc
	}
	var directives []string
	if m != nil && (exemptible[f.Code] || f.Code == CodeIdentical) {
		// Only what a translator may overrule: "# tilmash: ignore
		// placeholder" silences nothing, or a catalogue (or a work file
		// imported into one) could publish an edition with a placeholder
		// dropped, broken markup or a control character while check says
		// 0 errors.
		directives = Directives(m.Notes)
	}
	if f.Code == CodeReused {
		f.Severity = finding.Warning // to review, never blocks
	}
	if defaultWarnings[f.Code] || f.Code == CodeStale && r.in.Config.StalePolicy() == StaleKeep {
		f.Severity = finding.Warning
	}
	if !r.in.Config.decide(&f, directives) {
		return
	}
	if f.Severity == finding.Error && exemptible[f.Code] && f.Unit != "" {
		f.Hint += "; if the translation is right as it is, add \"# tilmash: ignore " + f.Code + "\" above the entry"
	}
	if a := r.articles[f.Unit]; a != nil && !r.in.IgnorePolicy {
		switch r.in.Config.Requirement(a, r.loc) {
		case NotForTranslation:
			if f.Code == CodeMissing {
				return // nobody is asked to translate it yet
			}
			if f.Severity == finding.Error {
				f.Severity = finding.Info
			}
		case InProgress:
			// Its gaps are notes; what its translator wrote wrong is a
			// warning: shown (that unit will not be published), never
			// failing CI.
			if f.Severity == finding.Error {
				f.Severity = finding.Warning
				if f.Code == CodeMissing {
					f.Severity = finding.Info
				}
			}
		}
	}
	r.out = append(r.out, f)
}

// exemptible are the checks whose error a translator may overrule for one
// entry (# tilmash: ignore CODE): judgements a correct translation can
// fail (a time written as 23:00, a brand with a case ending), never what
// would break an edition (a placeholder, markup, a character no format
// carries).
var exemptible = map[string]bool{
	CodeNumber: true, CodeMixedScript: true, CodeForeignLetters: true, CodeLanguageLetters: true,
	CodeQuotes: true, CodeGroupedNumber: true, CodeSpace: true, CodeDash: true, CodePercent: true, CodeDecimal: true,
	CodeSpelling: true, CodeGlossaryMissing: true, CodeGlossaryForbidden: true, CodeGlossaryAltered: true,
}

func (r *run) report(m *catalog.Message, pos segment.Pos, code, msg, hint string) {
	id := ""
	if m != nil {
		id = m.ID
	}
	r.add(finding.Finding{Pos: pos, Unit: id, Locale: r.loc, Code: code, Message: msg, Hint: hint}, m)
}

func (r *run) catalogue() {
	name := locale.EnglishName(r.tag)
	for _, sm := range r.in.Source.Messages {
		tm := r.cat.Lookup(sm.ID)
		u := r.units[sm.ID]
		if tm == nil || !tm.Translated() {
			pos := sm.Pos
			if u != nil {
				pos = u.Pos
			}
			file := r.cat.FileOf(sm.ID)
			where := "no entry in " + file
			if tm != nil {
				where = fmt.Sprintf("%s:%d is empty", file, tm.Pos.Line)
			}
			r.add(finding.Finding{Pos: pos, Unit: sm.ID, Code: CodeMissing, Message: fmt.Sprintf("no %s translation (%s)", name, where),
				Hint: "translate it in " + file + "; run tilmash extract to add the entry if it has none"}, tm)
			continue
		}
		r.message(sm, tm, u)
	}
	for _, tm := range r.cat.Messages {
		if r.in.Source.Lookup(tm.ID) == nil {
			r.report(tm, tm.Pos, CodeObsolete, "the entry's unit is no longer in any article", "delete the entry once its translation is no longer needed")
		}
	}
}

// knownHash reports whether hash is the hash of one of the versions of a
// unit's English a catalogue entry records (or the current one), as
// tilmash hashes them now or once did: a hash edited by hand is none.
func knownHash(hash string, versions ...map[locale.Form]string) bool {
	for _, v := range versions {
		if v != nil && (segment.Hash(v) == hash || segment.ExactHash(v) == hash) {
			return true
		}
	}
	return false
}

func (r *run) message(sm, tm *catalog.Message, u *segment.Unit) {
	// Filled by extract from the same English elsewhere.
	for _, n := range tm.Notes {
		if rest, ok := strings.CutPrefix(n, catalog.ReusedDirective); ok {
			from, _, _ := strings.Cut(rest, " ")
			r.report(tm, tm.Pos, CodeReused, "filled from "+from+", whose English is the same", "review the translation in its new place, then delete the \"# tilmash: reused\" line above the entry")
		}
	}
	// Stale.
	if tm.Hash != sm.Hash && !tm.Revised(sm.Hash) {
		msg := "the English changed since this was translated"
		hint := "revise the translation against the English, then delete the entry's \"" + catalog.StaleMark + "\" line"
		if !slices.ContainsFunc(tm.Comments, func(c string) bool { return strings.HasPrefix(c, catalog.StaleMark) }) {
			hint += " (tilmash extract writes it, with what changed)"
		}
		prev := tm.Previous() // "#|": the English the translation was made from, once extract marked it
		if prev == nil {
			prev = tm.Source() // "#>": before extract, still the English of the last extract
		}
		if (tm.Source() != nil || tm.Previous() != nil) && !knownHash(tm.Hash, tm.Previous(), tm.Source(), sm.Forms) {
			// Edited by hand, not by tilmash: say so, not that the
			// English changed.
			msg = fmt.Sprintf("hash = %q is the hash of no version of this unit's English: mistyped?", tm.Hash)
			hint = "do not edit the hash: when the translation is revised, delete the entry's \"" + catalog.StaleMark + "\" line, or run tilmash extract and do so"
		}
		if lines := catalog.ChangedLines(prev, sm.Forms); prev != nil && len(lines) > 0 {
			var changed []string
			for _, l := range lines {
				changed = append(changed, strings.TrimPrefix(l, "#, changed: "))
			}
			hint += "; what changed: " + strings.Join(changed, "; ")
		}
		r.report(tm, tm.Pos, CodeStale, msg, hint)
	}
	// Plural categories.
	plural := len(sm.Forms) > 1
	want := []locale.Form{locale.Other}
	if plural {
		want = locale.PluralForms(r.tag)
	}
	for _, f := range want {
		if _, ok := tm.Forms[f]; !ok {
			r.report(tm, tm.Pos, CodePluralMissing, fmt.Sprintf("no %q form: %s needs %s", f, locale.EnglishName(r.tag), formList(want)), fmt.Sprintf("add %s = \"…\"", f))
		}
	}
	for _, f := range locale.Forms {
		if _, ok := tm.Forms[f]; ok && !slices.Contains(want, f) {
			why := fmt.Sprintf("%s has no %q plural category (it has %s)", locale.EnglishName(r.tag), f, formList(want))
			if !plural {
				why = "the English has no plural forms: only \"other\" is used"
			}
			r.report(tm, tm.FormPos[f], CodePluralExtra, why, "delete "+string(f))
		}
	}
	srcVars := varSet(sm.Forms[locale.Other])
	srcTags := tagCounts(sm.Forms[locale.Other])
	srcNumbers := numbers(sm.Forms[locale.Other])
	var tags markup.Tags
	if u != nil {
		tags = u.Tags
	}
	for _, f := range locale.Forms {
		text, ok := tm.Forms[f]
		if !ok {
			continue
		}
		pos := func(off int) segment.Pos { return tm.ValuePos(f, off) }
		if strings.TrimSpace(text) == "" {
			r.report(tm, pos(0), CodeEmpty, fmt.Sprintf("the %q form is empty", f), "translate it, or delete the entry to leave the unit untranslated")
			continue
		}
		r.text(tm, f, text, sm, srcVars, srcTags, srcNumbers, tags, pos)
	}
}

func formList(fs []locale.Form) string {
	var s []string
	for _, f := range fs {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

func varSet(s string) map[string]bool {
	set := map[string]bool{}
	for t := range markup.Tokens(s) {
		if t.Kind == markup.Placeholder {
			set[t.Name] = true
		}
	}
	return set
}

func tagCounts(s string) map[string]int {
	n := map[string]int{}
	for _, t := range markup.TagNames(s) {
		n[t]++
	}
	return n
}

func (r *run) text(tm *catalog.Message, f locale.Form, text string, sm *catalog.Message, srcVars map[string]bool, srcTags map[string]int, srcNumbers []string, tags markup.Tags, pos func(int) segment.Pos) {
	// NFC.
	if !isNFC(text) {
		off := 0
		for i := range text {
			if !norm.NFC.IsNormalString(text[:i]) {
				break
			}
			off = i
		}
		r.report(tm, pos(off), CodeNFC, "the text is not in Unicode normalisation form C (a letter is written as base + combining mark)", "retype the letter, or normalise the file to NFC")
	}
	// Characters no edition can carry (package xmlchar), whatever the
	// English holds: an error, where they stand.
	if off, _ := xmlchar.Index(text); off >= 0 {
		r.report(tm, pos(off), CodeControl, xmlchar.Describe(text, off)+": no edition can carry it (XML 1.0 forbids it, so the EPUB would not open)", "delete it: retype the text around it if you cannot see it")
	}
	// Characters no reader should get: line breaks (a newline would make
	// Markdown structure), bidi overrides that reorder what is shown, and
	// invisible ones, where the English has none.
	for off, c := range text {
		if why := invisible(c); why != "" && xmlchar.Why(c) == "" && !strings.ContainsRune(sm.Text(), c) {
			code := CodeControl
			if strings.HasPrefix(why, "an invisible") {
				code = CodeInvisible
			}
			r.report(tm, pos(off), code, fmt.Sprintf("%s (%U) the English does not have", why, c), "delete it: retype the text around it if you cannot see it")
			break
		}
	}
	// Identical to the English.
	if text == sm.Forms[f] || text == sm.Text() {
		// The escapes &lt; and &amp; stand for a sign, not for letters.
		if hasLetters(unescapeSigns(r.plain(text))) && !r.onlyKeptTerms(text) {
			r.report(tm, pos(0), CodeIdentical, "the translation is the English text", "translate it; if it is meant to stay as it is, add the comment \"# tilmash: identical\" above the entry")
		}
	} else if off, s := EnglishLeft(text, cmp.Or(sm.Forms[f], sm.Text())); off >= 0 && !r.onlyKeptTerms(s) {
		r.report(tm, pos(off), CodeIdentical, fmt.Sprintf("a sentence of the English is left in the translation: %q", s), "translate it (a CAT tool writes a segment it had no translation for in English); if it is meant to stay as it is, add the comment \"# tilmash: ignore identical\" above the entry")
	}
	// Placeholders.
	vars := map[string]bool{}
	for t := range markup.Tokens(text) {
		if t.Kind != markup.Placeholder {
			continue
		}
		name := t.Name
		vars[name] = true
		if !srcVars[name] {
			r.report(tm, pos(t.Start), CodePlaceholder, fmt.Sprintf("{{.%s}} is not a placeholder of the English (%s)", name, varList(srcVars)), "use the English placeholders as they are")
		}
	}
	for name := range srcVars {
		if !vars[name] {
			r.report(tm, pos(0), CodePlaceholder, fmt.Sprintf("{{.%s}} of the English is missing", name), "keep every {{.Placeholder}} of the English")
		}
	}
	// Template code: only the English's placeholders, never an action.
	if _, err := placeholder.Scan(text); err != nil {
		r.report(tm, pos(err.Offset), CodeTemplate, err.Msg, "write placeholders as {{.Name}}, as the English has them; tilmash runs no template code")
	}
	// Markup.
	if _, err := markup.Decode(text, tags); err != nil {
		off := 0
		if me, ok := err.(*markup.Error); ok {
			off = byteOffset(text, me.Col-1)
			err = fmt.Errorf("%s", me.Msg)
		}
		r.report(tm, pos(off), CodeMarkup, err.Error(), "keep the English's tags, each opened and closed around the words it marks")
	} else {
		got := tagCounts(text)
		for t, n := range srcTags {
			if got[t] < n && !strings.HasPrefix(t, "/") {
				what, hint := tagRole(t)
				r.report(tm, pos(0), CodeMarkup, fmt.Sprintf("the English's <%s> (%s) is missing", t, what), hint)
			}
		}
		for t, n := range got {
			if srcTags[t] < n && !strings.HasPrefix(t, "/") {
				r.report(tm, pos(tagOffset(text, t)), CodeMarkup, fmt.Sprintf("<%s> is not in the English", t), "use only the English's tags")
			}
		}
	}
	// Numbers. A 12-hour time of the English (11 p.m.) may be written on
	// the 24-hour clock (23:00), as Russian and Kazakh write times.
	have := numbersIn(r.plain(text))
	hours := clockHours(sm.Forms[locale.Other])
	for _, n := range srcNumbers {
		if i := slices.Index(have, n); i >= 0 {
			have = slices.Delete(have, i, i+1)
			continue
		}
		if alt, ok := hours[n]; ok {
			// The hour as the clock writes it: 23, 07, 00.
			if i := slices.IndexFunc(have, func(h string) bool {
				v, err := strconv.Atoi(h)
				return err == nil && len(h) <= 2 && (v == alt || v == alt-12 && alt >= 12)
			}); i >= 0 {
				have = slices.Delete(have, i, i+1)
				continue
			}
		}
		r.report(tm, pos(0), CodeNumber, fmt.Sprintf("the English's number %s is missing", n), "keep the number, written in the language's style")
	}
	r.decimals(tm, text, decimalNumbers(sm.Forms[locale.Other]), pos)
	r.typography(tm, text, pos)
	r.script(tm, text, pos)
	if r.spell {
		clean, any := stripAddresses(r.plain(text)), false
		for _, w := range words.Split(clean) {
			if spellable(w.Text) {
				if r.vocab == nil {
					r.vocab = map[string]struct{}{}
				}
				r.vocab[w.Text], any = struct{}{}, true
			}
		}
		if any {
			r.spellTexts = append(r.spellTexts, spellText{tm, f, clean})
		}
	}
}

func varList(set map[string]bool) string {
	if len(set) == 0 {
		return "it has none"
	}
	var s []string
	for v := range set {
		s = append(s, "{{."+v+"}}")
	}
	sort.Strings(s)
	return "it has " + strings.Join(s, ", ")
}

func byteOffset(s string, runes int) int {
	for i := range s {
		if runes == 0 {
			return i
		}
		runes--
	}
	return len(s)
}

// stripCode blanks out placeholders and tags, keeping byte offsets.
func stripCode(s string) string {
	if !strings.ContainsAny(s, "{<") {
		return s
	}
	var b []byte
	for t := range markup.Tokens(s) {
		if !t.Code() {
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		for j := t.Start; j < t.End; j++ {
			b[j] = ' '
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// tagOffset is the byte offset of the first tag of text written as name
// is in markup.TagNames ("em", "/em", "code1/"), or 0.
func tagOffset(text, name string) int {
	kind, tag := tagKind(name), strings.Trim(name, "/")
	for t := range markup.Tokens(text) {
		if t.Kind == kind && t.Name == tag {
			return t.Start
		}
	}
	return 0
}

// tagKind is the kind of a tag written as in markup.TagNames.
func tagKind(name string) markup.TokenKind {
	switch {
	case strings.HasPrefix(name, "/"):
		return markup.Close
	case strings.HasSuffix(name, "/"):
		return markup.SelfClosing
	}
	return markup.Open
}

func hasLetters(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// unescapeSigns writes the message escapes &lt; and &amp; as the signs
// they stand for.
func unescapeSigns(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&lt;", "<", "&amp;", "&").Replace(s)
}

// onlyKeptTerms reports whether the text is made only of glossary terms
// that are kept as they are (do-not-translate), so that it may equal the English.
func (r *run) onlyKeptTerms(text string) bool {
	if r.in.Glossary == nil {
		return false
	}
	rest := text
	for _, e := range r.in.Glossary.Entries {
		if e.DoNotTranslate {
			rest = strings.ReplaceAll(rest, e.Term, "")
		}
	}
	return !hasLetters(rest)
}

// clockRe is a 12-hour time in English: 11 p.m., 7:30am, 12 A.M.
var clockRe = regexp.MustCompile(`(?i)\b(1[0-2]|0?[1-9])(?::[0-5]\d)?\s?([ap])\.?m\b\.?`)

// clockHours maps the hour of each 12-hour time in an English text, as
// the number check lists numbers, to the same hour on the 24-hour clock
// ("11" → 23 for 11 p.m.; "12" → 0 for 12 a.m.).
func clockHours(english string) map[string]int {
	out := map[string]int{}
	if !mayTellTime(english) {
		return out // the expression's backtracking was 5% of a cold check
	}
	for _, m := range clockRe.FindAllStringSubmatch(english, -1) {
		h, err := strconv.Atoi(m[1])
		if err != nil {
			continue
		}
		h %= 12
		if m[2] == "p" || m[2] == "P" {
			h += 12
		}
		out[normalNumber(m[1])] = h
	}
	return out
}

// mayTellTime reports whether s may hold a 12-hour time (clockRe): a digit
// followed, after digits, colons and spaces, by am or pm, a dot or none
// between.
func mayTellTime(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ':' || s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && (s[j]|0x20 == 'a' || s[j]|0x20 == 'p') {
			k := j + 1
			if k < len(s) && s[k] == '.' {
				k++
			}
			if k < len(s) && s[k]|0x20 == 'm' {
				return true
			}
		}
		i = j - 1
	}
	return false
}

// numbers lists the numbers in text, grouping removed (150,000 and
// 150 000 are both 150000), placeholders and tags left out.
func numbers(text string) []string { return numbersIn(stripCode(text)) }

// numbersIn is numbers of a text whose code is blanked out already.
func numbersIn(plain string) []string {
	var out []string
	for _, m := range scanNumbers(plain) {
		out = append(out, normalNumber(m))
	}
	return out
}

// normalNumber is a number as the number check compares it: without its
// thousands separators, with "." before its decimals (3,5 in Russian is 3.5
// in English; 150 000 is 150000).
func normalNumber(m string) string {
	n := m
	for _, sep := range []string{",", "\u00a0", "\u202f", " "} {
		if strings.Count(n, sep) > 0 && groupedBy(n, sep) {
			n = strings.ReplaceAll(n, sep, "")
		}
	}
	n = strings.TrimRight(strings.TrimRight(n, "."), ",")
	return strings.ReplaceAll(n, ",", ".")
}

// groupedBy reports whether sep separates groups of three digits in n.
func groupedBy(n, sep string) bool {
	parts := strings.Split(n, sep)
	for _, p := range parts[1:] {
		if len(p) < 3 {
			return false
		}
	}
	return true
}

// decimals holds the decimal numbers of the English (3.5, 37.8) to the
// locale's CLDR decimal separator where the translation writes them (3,5 in
// Russian and Kazakh). Only numbers the English has as decimals are judged
// (srcDecimals, from decimalNumbers): a date (12.03) or a version (1.2) of
// the translation's own, or a version the English names (Attribution 3.0),
// is left alone. A percentage is the percentage check's.
func (r *run) decimals(tm *catalog.Message, text string, srcDecimals []string, pos func(int) segment.Pos) {
	if len(srcDecimals) == 0 {
		return
	}
	sep := locale.DecimalSeparator(r.tag)
	plain := r.plain(text)
	for _, m := range scanNumberSpans(plain) {
		n := normalNumber(plain[m[0]:m[1]])
		dot := strings.LastIndexByte(n, '.')
		if dot < 0 || !slices.Contains(srcDecimals, n) || strings.HasPrefix(strings.TrimLeft(plain[m[1]:], " \u00a0\u202f"), "%") {
			continue
		}
		frac := len(n) - dot - 1
		at := m[1] - frac - 1 // the separator as written
		if at <= m[0] {
			continue
		}
		if got := text[at : at+1]; got != sep {
			num := text[m[0]:m[1]]
			r.report(tm, pos(at), CodeDecimal, fmt.Sprintf("%q: %s writes the decimal separator as %q", num, locale.EnglishName(r.tag), sep), fmt.Sprintf("write %q", num[:at-m[0]]+sep+num[at-m[0]+1:]))
		}
	}
}

// tagRole says what a tag of a message stands for, and where a translation
// keeps it: the words of a check's finding about it.
func tagRole(t string) (what, hint string) {
	name := strings.TrimSuffix(t, "/")
	n := strings.TrimLeft(name, "abcdefghijklmnopqrstuvwxyz")
	kind := strings.TrimSuffix(name, n)
	switch kind {
	case "fn":
		return "the mark of footnote " + n, "put <" + t + "> where the note's number belongs, after the words it comments on, as the English does"
	case "a":
		return "link " + n, "put <" + name + ">…</" + name + "> around the words that carry the link"
	case "img":
		return "image " + n, "keep <" + name + ">…</" + name + "> around the image's alternative text"
	case "code":
		return "code " + n + ", shown as written", "put <" + t + "> where the code stands in your sentence"
	case "html":
		return "the article's HTML tag " + n, "keep <" + t + "> where the English has it, around or beside the same words"
	case "tpl":
		return "the site generator's code " + n, "keep <" + t + "> where the code's output belongs in your sentence"
	case "em", "strong", "s":
		return map[string]string{"em": "emphasis", "strong": "strong emphasis", "s": "struck-out text"}[kind], "put <" + kind + ">…</" + kind + "> around the words your language stresses"
	case "br":
		return "a line break", "keep the line break where your sentence breaks"
	}
	return "a tag of the English", "keep every tag of the English"
}

// decimalNumbers returns the English's numbers with a decimal point (as
// numbers returns them), but for versions: a number with two points or
// more (1.2.3), one after "version", "v" or "release" (version 2.1, v3.0),
// or one after a name (a capitalised word: Attribution 3.0, Web 2.0) that
// no magnitude follows (May 3.5 million is a quantity).
func decimalNumbers(src string) []string {
	plain := stripCode(src)
	var out []string
	for _, m := range scanNumberSpans(plain) {
		n := normalNumber(plain[m[0]:m[1]])
		if !strings.Contains(n, ".") || strings.Count(n, ".") > 1 {
			continue
		}
		before := words.Strings(plain[max(0, m[0]-40):m[0]])
		after := words.Strings(plain[m[1]:min(len(plain), m[1]+40)])
		prev, next := "", ""
		if len(before) > 0 && strings.HasSuffix(strings.TrimRight(plain[:m[0]], " \u00a0"), before[len(before)-1]) {
			prev = before[len(before)-1] // the word just before, spaces between
		}
		if len(after) > 0 {
			next = strings.ToLower(after[0])
		}
		switch {
		case slices.Contains([]string{"version", "v", "release", "versions"}, strings.ToLower(prev)):
			continue
		case prev != "" && unicode.IsUpper([]rune(prev)[0]) && !magnitudes[next] && !strings.HasPrefix(strings.TrimLeft(plain[m[1]:], " \u00a0"), "%"):
			continue
		}
		out = append(out, n)
	}
	return out
}

// magnitudes are the words after a number that make it a quantity.
var magnitudes = map[string]bool{"thousand": true, "million": true, "millions": true, "billion": true, "billions": true, "trillion": true, "percent": true, "per": true, "times": true, "m": true, "bn": true, "km": true, "kg": true}

// addressRe matches what is an address, not words to spell: a URL, an
// e-mail address, a domain name (Kloop.kg, www.streetjournal.org).
var addressRe = regexp.MustCompile(`(?i)(?:https?://|mailto:|www\.)[^\s<>«»"“”„]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\b`)

// stripAddresses blanks out the addresses in s (see addressRe), offsets
// kept.
func stripAddresses(s string) string {
	if !mayHoldAddress(s) {
		return s // most texts: the regular expression was 15% of check's time when run on every one
	}
	return addressRe.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// mayHoldAddress reports whether s has what every match of addressRe has:
// an "@", a "://", or a dot between a Latin letter or digit and a Latin
// letter (Kloop.kg; a sentence's full stop is followed by a space).
func mayHoldAddress(s string) bool {
	letter := func(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '@':
			return true
		case ':':
			if strings.HasPrefix(s[i:], "://") || i >= 6 && strings.EqualFold(s[i-6:i], "mailto") {
				return true
			}
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				return true
			}
			if b := s[max(i-1, 0)]; i > 0 && i+1 < len(s) && (letter(b) || '0' <= b && b <= '9' || b == '-') && letter(s[i+1]) {
				return true
			}
		}
	}
	return false
}

// quoteMarks are the characters the quotation check knows.
const quoteMarks = "\"'«»„“”‘’‚‹›"

// isQuoteMark reports whether c is one of quoteMarks.
func isQuoteMark(c rune) bool {
	switch c {
	case '"', '\'', '«', '»', '„', '“', '”', '‘', '’', '‚', '‹', '›':
		return true
	}
	return false
}

func (r *run) typography(tm *catalog.Message, text string, pos func(int) segment.Pos) {
	if r.rules.Quotes != "" {
		for off, c := range text {
			if !isQuoteMark(c) || strings.ContainsRune(r.rules.Quotes, c) {
				continue
			}
			// An apostrophe between letters is a letter, not a quotation mark.
			before, _ := utf8.DecodeLastRuneInString(text[:off])
			after, _ := utf8.DecodeRuneInString(text[off+utf8.RuneLen(c):])
			apostrophe := (c == '\'' || c == '’') && off > 0 && off+utf8.RuneLen(c) < len(text) && unicode.IsLetter(before) && unicode.IsLetter(after)
			if !apostrophe || !strings.ContainsRune(r.rules.Quotes, '’') && c == '\'' {
				r.report(tm, pos(off), CodeQuotes, fmt.Sprintf("%q is not a quotation mark of %s (%s)", string(c), locale.EnglishName(r.tag), r.rules.Quotes), "use "+r.rules.Quotes)
			}
		}
	}
	// Grouped numbers: the locale's own separator only.
	sep := groupSeparator(r.tag)
	for _, m := range scanGrouped(r.plain(text)) {
		num := text[m[0]:m[1]]
		if !strings.Contains(num, sep) || strings.ContainsAny(strings.ReplaceAll(num, sep, ""), ", \u202f\u00a0") {
			r.report(tm, pos(m[0]), CodeGroupedNumber, fmt.Sprintf("%q is not grouped as %s groups digits (%s)", num, locale.EnglishName(r.tag), locale.FormatInt(r.tag, 150000)), "separate the thousands with "+describe(sep))
		}
	}
	// Every one: a translator fixes them all in one pass.
	for i := 0; ; {
		j := strings.Index(text[i:], "  ")
		if j < 0 {
			break
		}
		r.report(tm, pos(i+j), CodeSpace, "a double space", "use one space")
		for i += j + 2; i < len(text) && text[i] == ' '; i++ {
		}
	}
	// Percentages as the locale's CLDR pattern writes them (37,8 % in
	// Russian, 37,8% in Kazakh): the decimal separator and the space.
	for _, p := range scanPercents(r.plain(text)) {
		got := text[p.start:p.end]
		if want := locale.FormatPercent(r.tag, p.value, p.decimals); got != want {
			r.report(tm, pos(p.start), CodePercent, fmt.Sprintf("%q is not how %s writes a percentage", got, locale.EnglishName(r.tag)), fmt.Sprintf("write %q", want))
		}
	}
	// A hyphen (or another dash) alone between words, where the language
	// sets its dash.
	if d := r.rules.Dash; d != "" {
		for _, bad := range []string{"-", "–", "—", "―"} {
			if bad == d {
				continue
			}
			for _, before := range []string{" ", "\u00a0"} {
				for i := 0; ; {
					j := strings.Index(text[i:], before+bad+" ")
					if j < 0 {
						break
					}
					r.report(tm, pos(i+j+len(before)), CodeDash, fmt.Sprintf("%q between words: %s sets %q there", bad, locale.EnglishName(r.tag), d), "write "+d+", with a no-break space before it")
					i += j + len(before) + len(bad)
				}
			}
		}
	}
	if strings.TrimLeftFunc(text, unicode.IsSpace) != text {
		r.report(tm, pos(0), CodeSpace, "the text starts with a space", "delete it")
	}
	if t := strings.TrimRightFunc(text, unicode.IsSpace); t != text {
		r.report(tm, pos(len(t)), CodeSpace, "the text ends with a space", "delete it")
	}
}

// groupSeparator is the locale's thousands separator, as x/text writes it.
func groupSeparator(tag language.Tag) string {
	s := locale.FormatInt(tag, 1000)
	return strings.TrimSuffix(strings.TrimPrefix(s, "1"), "000")
}

func describe(sep string) string {
	switch sep {
	case "\u00a0":
		return "a no-break space (U+00A0)"
	case "\u202f":
		return "a narrow no-break space (U+202F)"
	case "":
		return "nothing"
	}
	return fmt.Sprintf("%q", sep)
}

// compound reports whether a word that holds Latin and Cyrillic letters
// is parts joined by hyphens, each in one script: a Latin name with a
// Cyrillic case ending or word (WhatsApp-та, iPhone-ның, PDF-файл), as
// Russian and Kazakh write them, not a look-alike letter typed in the
// wrong script (Алмaты).
func compound(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		var cyr, lat bool
		for _, c := range p {
			cyr = cyr || unicode.Is(unicode.Cyrillic, c)
			lat = lat || unicode.Is(unicode.Latin, c)
		}
		if cyr && lat {
			return false
		}
	}
	return true
}

func (r *run) script(tm *catalog.Message, text string, pos func(int) segment.Pos) {
	clean, nwords := r.plain(text), 0
	words.Each(clean, func(w words.Word) {
		nwords++
		var cyr, lat bool
		for _, c := range w.Text {
			switch {
			case c < 0x80:
				lat = lat || 'a' <= c|0x20 && c|0x20 <= 'z'
			case 0x400 <= c && c <= 0x482 || 0x48a <= c && c <= 0x4ff: // the Cyrillic block's letters (its marks are partly Inherited)
				cyr = true
			default:
				cyr = cyr || unicode.Is(unicode.Cyrillic, c)
				lat = lat || unicode.Is(unicode.Latin, c)
			}
		}
		if cyr && lat && !compound(w.Text) {
			off := w.Start
			for i, c := range w.Text {
				if unicode.Is(unicode.Latin, c) != unicode.Is(unicode.Latin, []rune(w.Text)[0]) {
					off = w.Start + i
					break
				}
			}
			r.report(tm, pos(off), CodeMixedScript, fmt.Sprintf("%q mixes Latin and Cyrillic letters (they look alike: a/а, e/е, o/о, p/р, c/с, x/х, i/і)", w.Text), "retype the word in one script (a Latin name with a Cyrillic ending, WhatsApp-та, is fine: join them with a hyphen)")
		}
	})
	if fl := r.rules.ForbiddenLetters; fl != "" {
		if i := indexLetter(clean, fl); i >= 0 {
			c, _ := utf8.DecodeRuneInString(clean[i:])
			r.report(tm, pos(i), CodeForeignLetters, fmt.Sprintf("%q is not a letter of %s", string(c), locale.EnglishName(r.tag)), "is this text in another language?")
		}
	}
	if rl := r.rules.RequiredLetters; rl != "" {
		min := r.rules.MinWords
		if min == 0 {
			min = 8
		}
		if nwords >= min && indexLetter(clean, rl) < 0 {
			r.report(tm, pos(0), CodeLanguageLetters, fmt.Sprintf("%d words and not one of %s's letters %s: is this %s at all?", nwords, locale.EnglishName(r.tag), rl, locale.EnglishName(r.tag)), "translate it into "+locale.EnglishName(r.tag))
		}
	}
}

// indexLetter is the offset of the first rune of s that, in lower case, is
// one of letters, or -1. Letters of a language's own alphabet are not
// ASCII, so ASCII text is passed over at once.
func indexLetter(s, letters string) int {
	ascii := true
	for i := 0; i < len(letters); i++ {
		ascii = ascii && letters[i] < utf8.RuneSelf
	}
	for i, c := range s {
		if c < utf8.RuneSelf && !ascii {
			continue
		}
		if strings.ContainsRune(letters, unicode.ToLower(c)) {
			return i
		}
	}
	return -1
}

// spelling asks the speller about every word gathered, at once.
func (r *run) spelling() {
	if len(r.vocab) == 0 {
		return
	}
	known := map[string]bool{}
	for _, w := range r.in.Words[r.loc] {
		known[strings.ToLower(w)] = true
	}
	ask := make([]string, 0, len(r.vocab))
	for w := range r.vocab {
		ask = append(ask, w)
	}
	sort.Strings(ask) // the same question whatever the map's order
	unknown, err := r.in.Speller.Unknown(r.rules.Dictionary, ask)
	if err != nil {
		r.add(finding.Finding{Pos: segment.Pos{File: r.cat.Path, Line: 1, Col: 1}, Code: CodeSpelling, Message: "spelling not checked: " + err.Error(),
			Hint: "install hunspell and the " + r.rules.Dictionary + " dictionary (Debian: apt-get install hunspell " + DictionaryPackage(r.rules.Dictionary) + ")"}, nil)
		return
	}
	bad := map[string]bool{}
	var knownByStem func(string) bool
	for _, u := range unknown {
		if known[strings.ToLower(u)] {
			continue
		}
		if knownByStem == nil {
			knownByStem = r.knownByStem()
		}
		if !knownByStem(u) {
			bad[u] = true
		}
	}
	r.knownInflected(bad)
	if len(bad) == 0 {
		return
	}
	// One finding per unknown word per article, at its first place, with
	// how many times the article has it: a word the dictionary lacks is
	// one thing to decide, not one warning per sentence.
	type seen struct {
		t     spellText
		start int
		n     int
	}
	var order []string
	first := map[string]*seen{}
	for _, t := range r.spellTexts {
		article := ""
		if a := r.articles[t.m.ID]; a != nil {
			article = a.Slug
		}
		for _, w := range words.Split(t.text) {
			if !bad[w.Text] || !spellable(w.Text) {
				continue
			}
			k := article + "\x00" + w.Text
			if f := first[k]; f != nil {
				f.n++
				continue
			}
			first[k] = &seen{t: t, start: w.Start, n: 1}
			order = append(order, k)
		}
	}
	for _, k := range order {
		f := first[k]
		_, word, _ := strings.Cut(k, "\x00")
		msg := fmt.Sprintf("%q is not in the %s dictionary", word, r.rules.Dictionary)
		if f.n > 1 {
			msg += fmt.Sprintf(" (%d times in this article; the first here)", f.n)
		}
		r.report(f.t.m, f.t.m.ValuePos(f.t.form, f.start), CodeSpelling, msg, "fix the spelling; if the word is right, add it to the word list: tilmash glossary add-words --locale "+r.loc+" "+word)
	}
}

// knownInflected drops from bad the words the dictionary knows the stem
// of, as a chain of inflectional suffixes reads them (Kazakh: теңізінен is
// теңіз, Инженерлер инженер): the Debian kk_KZ dictionary lists few
// inflected forms. Every candidate stem is asked in one question.
func (r *run) knownInflected(bad map[string]bool) {
	stems := map[string][]string{}
	var ask []string
	for w := range bad {
		if st := inflect.Stems(r.tag, w); len(st) > 0 {
			stems[w] = st
			ask = append(ask, st...)
		}
	}
	if len(ask) == 0 {
		return
	}
	sort.Strings(ask)
	ask = slices.Compact(ask)
	unknown, err := r.in.Speller.Unknown(r.rules.Dictionary, ask)
	if err != nil {
		return // reported by the first question's answer, if it failed
	}
	notKnown := map[string]bool{}
	for _, u := range unknown {
		notKnown[u] = true
	}
	for w, st := range stems {
		if slices.ContainsFunc(st, func(s string) bool { return !notKnown[s] }) {
			delete(bad, w)
		}
	}
}

// knownByStem returns what accepts an inflected form of a word of the
// project's list or of the glossary (Алматыдағы, Мәскеуге), or a name the
// glossary leaves untranslated. It is made once per locale and run, for
// every word the dictionary does not know: the lemmas folded once and
// filed by initial (matching each unknown word against every lemma, each
// folded again, was a tenth of a check with a real glossary).
func (r *run) knownByStem() func(word string) bool {
	lemmas := slices.Clone(r.in.Words[r.loc])
	untranslated := map[string]bool{}
	if r.in.Glossary != nil {
		for _, e := range r.in.Glossary.Entries {
			if e.DoNotTranslate {
				for _, w := range strings.Fields(e.Term) {
					untranslated[w] = true
				}
			}
			if rr := e.Locales[r.loc]; rr != nil {
				for _, a := range slices.Concat(rr.Approved, rr.Also) {
					lemmas = append(lemmas, strings.Fields(a)...)
				}
			}
		}
	}
	lx := inflect.NewLexicon(inflect.For(r.tag), lemmas)
	return func(word string) bool { return untranslated[word] || lx.Has(word) }
}

// invisible says what is wrong with a character a translation should not
// hold, or "".
func invisible(c rune) string {
	switch {
	case c == '\n' || c == '\r':
		return "a line break inside a translation"
	case c < 0x20 && c != '\t' || 0x7f <= c && c <= 0x9f:
		return "a control character"
	case 0x202a <= c && c <= 0x202e || 0x2066 <= c && c <= 0x2069:
		return "a bidirectional override"
	case 0x200b <= c && c <= 0x200d || c == 0x2060 || c == 0xfeff || c == 0xad:
		return "an invisible character"
	}
	return ""
}

// DictionaryPackage names the Debian package of a hunspell dictionary:
// hunspell-ru for ru_RU, hunspell-kk for kk_KZ, hunspell-en-us for en_US,
// hunspell-de-de for de_DE.
func DictionaryPackage(dict string) string {
	lang, region, _ := strings.Cut(strings.ReplaceAll(dict, "-", "_"), "_")
	lang, region = strings.ToLower(lang), strings.ToLower(region)
	switch lang {
	case "en", "de", "pt", "fr":
		// Debian splits these by country (hunspell-fr is the French one).
		if lang == "fr" || region == "" {
			return "hunspell-" + lang
		}
		return "hunspell-" + lang + "-" + region
	}
	return "hunspell-" + lang
}

// editorHTML reports, at their place, the parts of an article's own HTML
// that the HTML and EPUB editions leave out (package htmlpolicy): what
// build will warn of, said first.
func editorHTML(a *segment.Article) []finding.Finding {
	var out []finding.Finding
	report := func(pos segment.Pos, unit, html string) {
		if gone := htmlpolicy.LeftOut(html); len(gone) > 0 {
			out = append(out, finding.Finding{Pos: pos, Unit: unit, Code: CodeEditorHTML, Severity: finding.Warning,
				Message: "the HTML and EPUB editions leave out " + strings.Join(gone, ", ") + " of this HTML (the Markdown editions keep it)",
				Hint:    `what bluemonday's user-generated-content policy does not allow; [publish] html = "as-written" in tilmash.toml publishes editors' HTML as written`})
		}
	}
	var blocks func([]segment.Block)
	blocks = func(bs []segment.Block) {
		for _, b := range bs {
			if b.Kind == segment.HTMLBlock {
				report(b.Pos, "", b.Literal)
			}
			blocks(b.Children)
		}
	}
	blocks(a.Blocks)
	for _, u := range a.Units {
		for _, name := range slices.Sorted(maps.Keys(u.Tags)) {
			if t := u.Tags[name]; t.Kind == markup.HTML {
				report(u.Pos, u.ID, t.Text)
			}
		}
	}
	return out
}
