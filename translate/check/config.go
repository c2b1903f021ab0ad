package check

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/internal/tomlpos"
	"github.com/tilmash/tilmash/translate/finding"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/reader"
	"github.com/tilmash/tilmash/translate/segment"
	"github.com/tilmash/tilmash/translate/translit"
	"github.com/tilmash/tilmash/translate/xmlchar"
)

// Config is the project's settings file, tilmash.toml: what each language's
// typography allows, and which checks run at which severity, per locale and
// per unit.
type Config struct {
	// Locales holds the rules of each language, by BCP 47 tag.
	Locales map[string]LocaleRules `toml:"locales"`
	// Check says which checks run, and how severe their findings are.
	Check CheckConfig `toml:"check"`
	// Publish says what happens to translations the English has moved
	// past, and where the editions are published.
	Publish PublishConfig `toml:"publish"`
	// FrontMatter says which of the articles' front-matter fields are
	// translated.
	FrontMatter FrontMatterConfig `toml:"front-matter"`
	// Markdown says which parameters of the site generators' shortcodes
	// are translated.
	Markdown MarkdownConfig `toml:"markdown"`

	file  string         // where the settings were read from
	lines map[string]int // the line of each [locales.X] table
}

// LocalePos is where tilmash.toml sets locale tag's rules, for findings
// about them.
func (c *Config) LocalePos(tag string) segment.Pos {
	if c == nil || c.file == "" {
		return segment.Pos{File: "tilmash.toml", Line: 1, Col: 1}
	}
	line := c.lines[tag]
	if line == 0 {
		line = 1
	}
	return segment.Pos{File: c.file, Line: line, Col: 1}
}

// The stale policies: what an edition shows for a unit whose translation
// was made from English that has since changed.
const (
	// StaleKeep publishes the previous translation until it is revised,
	// as long as it still passes every check against the new English (a
	// changed number, name, link or glossary term fails, so a factual
	// correction is never papered over). The edition is marked as having
	// units under revision. The default.
	StaleKeep = "keep"
	// StaleRefuse treats a stale unit like a missing one: the edition is
	// not published without --fallback.
	StaleRefuse = "refuse"
	// StaleFallback publishes the edition with the English for stale units.
	StaleFallback = "fallback"
)

// PublishConfig is the [publish] table.
type PublishConfig struct {
	// Stale is the stale policy: "keep" (default), "refuse" or "fallback".
	Stale string `toml:"stale"`
	// BaseURL, when set, makes the editions' language links absolute
	// (https://example.org/news/ → https://example.org/news/ru/a.html)
	// and adds hreflang="x-default" for the source edition.
	BaseURL string `toml:"base-url"`
	// HTML is what the HTML and EPUB editions do with the editors' own
	// HTML: "sanitised" (the default: a safe subset kept, scripts, event
	// handlers, unsafe addresses and embeds left out, each with a warning)
	// or "as-written", for a newsroom that trusts its editors (a video
	// embed's <iframe> published). A translator can add no HTML either way.
	HTML string `toml:"html"`
	// Incomplete is what build does with an edition that has units
	// missing, rejected by the checks or (stale = "refuse") stale:
	// "refuse" (not published; a required one fails the build) or
	// "fallback": published with the English for those units, marked as
	// English, with a notice to its readers, when at least MinCoverage
	// percent of its units is translated: a correction or a paragraph
	// added to the English does not take a translated page down, and a
	// new article waits for its translation. Unset (the default), a
	// required edition falls back from DefaultMinCoverage and one in
	// progress is refused (it waits, failing nothing).
	Incomplete string `toml:"incomplete"`
	// Site is the static site generator whose content tree build also
	// writes, beside the editions: "hugo" (dist/hugo/, package site), or
	// "" for none (build --site hugo writes it all the same).
	Site string `toml:"site"`
	// SiteRoot is the folder of the site generator's own project (its
	// hugo.toml and layouts), relative to this project's root: the Hugo
	// languages file names each language's content folder from there.
	// Unset: the project's root is the site's.
	SiteRoot string `toml:"site-root"`
	// MinCoverage is the coverage from which incomplete = "fallback"
	// publishes an edition (0 to 100; DefaultMinCoverage when unset).
	MinCoverage *float64 `toml:"min-coverage"`
}

// The policies of [publish] incomplete.
const (
	IncompleteRefuse   = "refuse"
	IncompleteFallback = "fallback"
)

// SiteHugo is [publish] site = "hugo".
const SiteHugo = "hugo"

// DefaultMinCoverage is the coverage from which incomplete = "fallback"
// publishes an edition when min-coverage is unset: an article mostly
// translated stays published; one mostly in English waits.
const DefaultMinCoverage = 50

// DefaultFallback is the coverage from which a required edition is
// published with the English for its gaps when [publish] incomplete is
// unset: min-coverage, or DefaultMinCoverage.
func (c *Config) DefaultFallback() float64 {
	if c != nil && c.Publish.MinCoverage != nil {
		return *c.Publish.MinCoverage
	}
	return DefaultMinCoverage
}

// FallbackCoverage reports whether the settings publish incomplete
// editions with the English for their gaps, and from which coverage.
func (c *Config) FallbackCoverage() (float64, bool) {
	if c == nil || c.Publish.Incomplete != IncompleteFallback {
		return 0, false
	}
	if c.Publish.MinCoverage != nil {
		return *c.Publish.MinCoverage, true
	}
	return DefaultMinCoverage, true
}

// The editor's-HTML policies of [publish] html.
const (
	HTMLSanitised = "sanitised"
	HTMLAsWritten = "as-written"
)

// StalePolicy returns the stale policy, StaleKeep when none is set.
func (c *Config) StalePolicy() string {
	if c == nil || c.Publish.Stale == "" {
		return StaleKeep
	}
	return c.Publish.Stale
}

// FrontMatterConfig is the [front-matter] table.
type FrontMatterConfig struct {
	// Translate lists the front-matter fields, beyond the masthead's,
	// whose text is translated: dotted paths (params.subtitle), "*" for
	// any one key (*.alt); a list of texts (tags) makes a unit of each
	// item. It replaces segment.DefaultTranslate; unset, that applies.
	Translate []string `toml:"translate"`
}

// MarkdownConfig is the [markdown] table: how the articles' site-generator
// code is read.
type MarkdownConfig struct {
	// ShortcodeParams lists the parameters whose values are translated, of
	// Hugo's and Zola's shortcodes and Liquid's and Nunjucks' tags; unset,
	// segment.DefaultShortcodeParams.
	ShortcodeParams []string `toml:"shortcode-params"`
}

// SplitOptions returns how the articles are split under these settings.
func (c *Config) SplitOptions() segment.Options {
	if c == nil {
		return segment.Options{}
	}
	return segment.Options{Translate: c.FrontMatter.Translate, ShortcodeParams: c.Markdown.ShortcodeParams}
}

// LocaleRules is what a language's text must look like. Adding a locale
// means adding its rules here, not changing code.
type LocaleRules struct {
	// Quotes lists the quotation marks the language uses («»„“ for Russian);
	// any other quotation mark, straight quotes included, is a typography
	// finding. Empty: quotation marks are not checked.
	Quotes string `toml:"quotes"`
	// ForbiddenLetters are letters that do not belong to the language
	// (Kazakh letters in Russian text).
	ForbiddenLetters string `toml:"forbidden-letters"`
	// RequiredLetters are letters of which a unit of MinWords words or more
	// must hold at least one (a long "Kazakh" unit with no Kazakh letter is
	// Russian passed off as Kazakh).
	RequiredLetters string `toml:"required-letters"`
	// MinWords is the length from which RequiredLetters applies (default 8).
	MinWords int `toml:"min-words"`
	// Dash is the dash the language sets between words ("—" in Russian
	// and Kazakh); a hyphen or another dash standing alone between spaces
	// is then a typography finding. Empty: dashes are not checked.
	Dash string `toml:"dash"`
	// Dictionary names the hunspell dictionary for spelling (ru_RU, kk_KZ).
	Dictionary string `toml:"dictionary"`
	// From makes the locale a derived one: its text is computed from this
	// locale's catalogue (kk-Latn from kk) through Transform; it has no
	// catalogue of its own. Numbers, dates and plural rules are From's,
	// dates transformed too.
	From      string `toml:"from"`
	Transform string `toml:"transform"` // the transform's name (kk-Latn-2021; package translit)
	// Required makes every article's edition in this locale a must: any
	// missing, stale or broken string in it fails check and build. A
	// locale that is not required is in progress: its gaps are reported
	// as information and its incomplete editions are not published.
	Required bool `toml:"required"`
	// Reader holds the project's own words to this language's readers,
	// by key (package reader: fallback, moved), for a language tilmash
	// has none for: they stand on its pages instead of the English.
	Reader map[string]string `toml:"reader"`
}

// Rules turns checks off and changes their severity. A code names one check
// ("stale") or, followed by nothing more, every check whose code starts with
// it and a hyphen ("typography" covers "typography-quotes").
type Rules struct {
	Disable  []string          `toml:"disable"`  // checks that do not run
	Severity map[string]string `toml:"severity"` // code → "error", "warning" or "info" (a note, listed with --notes)
}

// CheckConfig is the [check] table: rules for the whole project, per locale
// and per unit. The narrowest rule wins.
type CheckConfig struct {
	Rules
	Locales map[string]Rules `toml:"locales"`
	Units   map[string]Rules `toml:"units"`
}

// ParseConfig reads tilmash.toml.
func ParseConfig(file string, data []byte) (*Config, error) {
	var c Config
	if e := bound.TOMLDepth(file, 1, data); e != nil { // before the decoder, which takes minutes on it
		return nil, &segment.Error{Pos: segment.Pos{File: e.File, Line: e.Line, Col: e.Col}, Msg: e.Msg + " (settings are tables of texts, numbers and lists: see docs/configuration.md)"}
	}
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := tomlpos.Position(data, pe)
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: col}, Msg: "TOML: " + pe.Message}
		}
		line, msg := tomlpos.Decoding(err) // a value of the wrong type
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: max(line, 1), Col: 1}, Msg: msg + " (see docs/configuration.md)"}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, und[0][len(und[0])-1]), Col: 1}, Msg: fmt.Sprintf("unknown setting %q (see docs/configuration.md)", und[0].String())}
	}
	switch c.Publish.Stale {
	case "", StaleKeep, StaleRefuse, StaleFallback:
	default:
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "stale"), Col: 1}, Msg: fmt.Sprintf("[publish] stale = %q: write \"keep\", \"refuse\" or \"fallback\"", c.Publish.Stale)}
	}
	switch c.Publish.Incomplete {
	case "", IncompleteRefuse, IncompleteFallback:
	default:
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "incomplete"), Col: 1}, Msg: fmt.Sprintf("[publish] incomplete = %q: write \"refuse\" or \"fallback\" (unset: required editions fall back)", c.Publish.Incomplete)}
	}
	if m := c.Publish.MinCoverage; m != nil {
		switch {
		case *m < 0 || *m > 100 || *m != *m:
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "min-coverage"), Col: 1}, Msg: fmt.Sprintf("[publish] min-coverage = %v: write a percentage, 0 to 100", *m)}
		case c.Publish.Incomplete == IncompleteRefuse:
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "min-coverage"), Col: 1}, Msg: "[publish] min-coverage applies to editions published with fallback, which incomplete = \"refuse\" turns off: remove one of them"}
		}
	}
	if st := c.Publish.Site; st != "" && st != SiteHugo {
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "site"), Col: 1}, Msg: fmt.Sprintf("[publish] site = %q: write \"hugo\" (a Hugo content tree in dist/hugo/), or leave it out; Zola and Jekyll read the Markdown editions as they are", st)}
	}
	if r := c.Publish.SiteRoot; r != "" && (!filepath.IsLocal(filepath.FromSlash(r)) || strings.ContainsAny(r, "\\\x00")) {
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "site-root"), Col: 1}, Msg: fmt.Sprintf("[publish] site-root = %q: name a folder inside the project, relative to its root (\"site\")", r)}
	}
	if h := c.Publish.HTML; h != "" && h != HTMLSanitised && h != HTMLAsWritten {
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "html"), Col: 1}, Msg: fmt.Sprintf("[publish] html = %q: write \"sanitised\" (the default) or \"as-written\"", h)}
	}
	if u := c.Publish.BaseURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "/") {
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "base-url"), Col: 1}, Msg: fmt.Sprintf("[publish] base-url = %q: write an absolute address, such as \"https://example.org/news/\"", u)}
	}
	if i := strings.IndexFunc(c.Publish.BaseURL, func(r rune) bool { return r <= ' ' || xmlchar.Why(r) != "" }); i >= 0 {
		// Every page and book links through it: it must not hold what no edition can carry.
		return nil, &segment.Error{Pos: segment.Pos{File: file, Line: keyLine(data, "base-url"), Col: 1}, Msg: fmt.Sprintf("[publish] base-url = %q: an address holds no space or control character (%s): write it percent-encoded", c.Publish.BaseURL, xmlchar.Describe(c.Publish.BaseURL, i))}
	}
	for _, p := range c.FrontMatter.Translate {
		if err := segment.ValidPattern(p); err != nil {
			l, col := settingPos(data, "front-matter", "translate")
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: "[front-matter] translate: " + err.Error() + " (see docs/configuration.md)"}
		}
	}
	c.file, c.lines = file, map[string]int{}
	canonical := map[string]LocaleRules{}
	tables := tableLines(data) // once: thousands of tables must not each scan the file
	for key, rules := range c.Locales {
		line := max(tables["locales."+key], 1)
		tag, err := locale.Parse(key)
		if err != nil {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s]: %v", key, err)}
		}
		if locale.IsSource(tag) && (rules.From != "" || rules.Transform != "") {
			// The English editions are the articles: no setting computes
			// them from a translation (en from = "kk" published Kazakh as
			// the English edition).
			name, val := "from", rules.From
			if rules.From == "" {
				name, val = "transform", rules.Transform
			}
			l, col := settingPos(data, "locales."+key, name)
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: fmt.Sprintf("[locales.%s] %s = %q: %s the source language, and its editions are the articles as written: they cannot be derived from another locale or transformed; delete %s (a Latin-alphabet Kazakh edition is [locales.kk-Latn] with from = \"kk\")", key, name, val, sourceName(tag), name)}
		}
		if _, dup := canonical[tag.String()]; dup {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s] is %s, which another table sets already: merge them", key, tag)}
		}
		canonical[tag.String()], c.lines[tag.String()] = rules, line // pt-br is pt-BR
	}
	c.Locales = canonical
	for key, rules := range c.Locales {
		for k, v := range rules.Reader {
			l, col := settingPos(data, "locales."+key+".reader", k)
			switch {
			case !slices.Contains(reader.Keys, k):
				return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: fmt.Sprintf("[locales.%s.reader] %s: no words of tilmash's have that name: write %s", key, k, strings.Join(reader.Keys, " or "))}
			case strings.TrimSpace(v) == "" || len(v) > 500 || strings.ContainsFunc(v, func(r rune) bool { return r < ' ' || xmlchar.Why(r) != "" }):
				return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: fmt.Sprintf("[locales.%s.reader] %s: write one line of text, 500 bytes at most, without control characters (the English: %q)", key, k, reader.English(k))}
			}
		}
	}
	for key, rules := range c.Locales {
		line := c.lines[key]
		if (rules.From == "") != (rules.Transform == "") {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s]: a derived locale needs both from and transform (from = \"kk\", transform = \"kk-Latn-2021\")", key)}
		}
		if rules.From == "" {
			continue
		}
		from, err := locale.Parse(rules.From)
		if err != nil {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s] from = %q: %v", key, rules.From, err)}
		}
		if from.String() == key || c.Locales[from.String()].From != "" {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s] from = %q: derive from a locale with a catalogue of its own", key, rules.From)}
		}
		t, err := translit.Lookup(rules.Transform)
		if err != nil {
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: line, Col: 1}, Msg: fmt.Sprintf("[locales.%s] transform: %v", key, err)}
		}
		// A transform reads one language and script and writes another:
		// it cannot make any other locale's edition (en-US, ru) out of
		// Kazakh, nor read the English.
		if tag, _ := locale.Parse(key); !translit.Fits(tag, t.To()) {
			l, col := settingPos(data, "locales."+key, "transform")
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: fmt.Sprintf("[locales.%s] transform = %q: the transform writes %s, %s, not %s, %s: name it in the [locales.%s] table, or derive %s with a transform of its own", key, rules.Transform, t.To(), locale.EnglishName(t.To()), tag, locale.EnglishName(tag), t.To(), key)}
		}
		if locale.IsSource(from) || !translit.Fits(from, t.From()) {
			l, col := settingPos(data, "locales."+key, "from")
			return nil, &segment.Error{Pos: segment.Pos{File: file, Line: l, Col: col}, Msg: fmt.Sprintf("[locales.%s] from = %q: the transform %s reads %s, %s, not %s, %s: write from = %q", key, rules.From, rules.Transform, t.From(), locale.EnglishName(t.From()), from, locale.EnglishName(from), baseOf(t.From()))}
		}
	}
	for _, r := range c.rules() {
		names := slices.Clone(r.Disable)
		for code := range r.Severity {
			names = append(names, code)
		}
		for _, name := range names {
			if !knownCheck(name) {
				msg := fmt.Sprintf("unknown check %q", name)
				if near := nearestCheck(name); near != "" {
					msg += fmt.Sprintf(": did you mean %q?", near)
				} else {
					msg += " (docs/checks.md lists the codes; a group such as \"typography\" covers all of its own)"
				}
				return nil, &segment.Error{Pos: segment.Pos{File: file, Line: nameLine(data, name), Col: 1}, Msg: msg}
			}
		}
		for code, sev := range r.Severity {
			if sev != "error" && sev != "warning" && sev != "info" {
				return nil, &segment.Error{Pos: segment.Pos{File: file, Line: nameLine(data, code), Col: 1}, Msg: fmt.Sprintf("severity of %q is %q: write \"error\", \"warning\" or \"info\" (a note, listed with --notes)", code, sev)}
			}
		}
	}
	return &c, nil
}

func (c *Config) rules() []Rules {
	rs := []Rules{c.Check.Rules}
	for _, r := range c.Check.Locales {
		rs = append(rs, r)
	}
	for _, r := range c.Check.Units {
		rs = append(rs, r)
	}
	return rs
}

// covers reports whether the rule name covers the code.
func covers(name, code string) bool {
	return name == code || strings.HasPrefix(code, name+"-")
}

// Off reports whether the configuration turns the check code off for the
// whole of locale loc (in [check] or [check.locales.<loc>]), so that its
// work need not be done at all.
func (c *Config) Off(code, loc string) bool {
	for _, r := range []Rules{c.Check.Rules, c.Check.Locales[loc]} {
		for _, d := range r.Disable {
			if covers(d, code) {
				return true
			}
		}
	}
	return false
}

// decide applies the configuration and the entry's own directives to a
// finding: ok is false if the check is off for it.
func (c *Config) decide(f *finding.Finding, directives []string) (ok bool) {
	for _, d := range directives {
		if covers(d, f.Code) {
			return false
		}
	}
	layers := []Rules{c.Check.Rules, c.Check.Locales[f.Locale], c.Check.Units[f.Unit]}
	for _, r := range layers {
		for _, d := range r.Disable {
			if covers(d, f.Code) {
				return false
			}
		}
	}
	for _, r := range layers { // the narrowest layer comes last and wins
		best := ""
		for name, sev := range r.Severity {
			if covers(name, f.Code) && len(name) > len(best) {
				best = name
				switch sev {
				case "warning":
					f.Severity = finding.Warning
				case "info":
					f.Severity = finding.Info
				default:
					f.Severity = finding.Error
				}
			}
		}
	}
	return true
}

// Directives reads a translator's marks in the comments above an entry:
//
//	# tilmash: identical               the translation is meant to equal the English
//	# tilmash: ignore number, spelling  these checks do not apply to this entry
func Directives(notes []string) []string {
	var out []string
	for _, n := range notes {
		rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(n, "#")), "tilmash:")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if rest == "identical" {
			out = append(out, CodeIdentical)
			continue
		}
		if list, ok := strings.CutPrefix(rest, "ignore"); ok {
			for _, c := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
				out = append(out, c)
			}
		}
	}
	return out
}

// tableLine returns the line of the table header [name], or 1.
func tableLine(data []byte, name string) int {
	return max(tableLines(data)[name], 1)
}

// tableLines maps the name of each table header ([name], written as a
// line of its own) to its first line, from 1: one pass over the text.
func tableLines(data []byte) map[string]int {
	lines := map[string]int{}
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' {
			if _, seen := lines[t[1:len(t)-1]]; !seen {
				lines[t[1:len(t)-1]] = i + 1
			}
		}
	}
	return lines
}

// settingPos is where tilmash.toml sets key in the table named table
// (such as "locales.EN", spelt as the file spells it): the line and the
// column of the key, in characters. It reads the forms a person writes,
// [locales.EN] then from = …, a dotted key (locales.EN.from = …, or
// EN.from = … under [locales]) and an inline table (EN = { from = … });
// failing those, the table's line, or 1:1.
func settingPos(data []byte, table, key string) (line, col int) {
	norm := func(s string) string {
		return strings.NewReplacer(" ", "", "\t", "", `"`, "", "'", "").Replace(s)
	}
	want := norm(table + "." + key)
	current := ""
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			current = norm(strings.Trim(strings.TrimSpace(strings.SplitN(t, "#", 2)[0]), "[]"))
			continue
		}
		name, value, ok := strings.Cut(t, "=")
		if !ok || strings.HasPrefix(t, "#") {
			continue
		}
		full := norm(name)
		if current != "" {
			full = current + "." + full
		}
		col := utf8.RuneCountInString(l[:len(l)-len(strings.TrimLeft(l, " \t"))]) + 1
		switch {
		case full == want:
			if j := strings.LastIndex(name, key); j >= 0 {
				col += utf8.RuneCountInString(name[:j])
			}
			return i + 1, col
		case full == norm(table) && strings.HasPrefix(strings.TrimSpace(value), "{"):
			if j := strings.Index(value, key); j >= 0 {
				return i + 1, utf8.RuneCountInString(l[:strings.Index(l, "=")+1+j]) + 1
			}
		}
	}
	return tableLine(data, table), 1
}

// sourceName says that tag is the source language: "en is", or "en-Latn
// is en," for another spelling of it.
func sourceName(tag language.Tag) string {
	if tag == locale.Source {
		return tag.String() + " is"
	}
	return tag.String() + " is " + locale.Source.String() + ","
}

// baseOf is tag without the script it is written in by default: kk for
// kk-Cyrl, as catalogues are named.
func baseOf(tag language.Tag) string {
	if c, err := language.SuppressScript.Canonicalize(tag); err == nil {
		return c.String()
	}
	return tag.String()
}

// keyLine returns the line on which key is set, or 1.
func keyLine(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 1
}

// knownCheck reports whether name is a check's code or the group of some
// ("typography", "glossary", "script", "plural").
func knownCheck(name string) bool {
	for _, c := range Codes {
		if covers(name, c) {
			return true
		}
	}
	return false
}

// nearestCheck is the code or group closest to a misspelt name, within
// three edits, or "".
func nearestCheck(name string) string {
	best, bestD := "", 4
	seen := map[string]bool{}
	for _, c := range Codes {
		group, _, _ := strings.Cut(c, "-")
		for _, cand := range []string{c, group} {
			if seen[cand] {
				continue
			}
			seen[cand] = true
			if d := editDistance(name, cand); d < bestD {
				best, bestD = cand, d
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes (the
// codes are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// nameLine is the line of tilmash.toml that names a check, quoted in a
// list or as a key, or 1.
func nameLine(data []byte, name string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, `"`+name+`"`) || strings.HasPrefix(strings.TrimSpace(l), name) && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), name)), "=") {
			return i + 1
		}
	}
	return 1
}

// Derived lists the derived locales (those with from and transform), by
// tag, sorted.
func (c *Config) Derived() []string {
	var out []string
	for key, r := range c.Locales {
		if r.From != "" {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}
