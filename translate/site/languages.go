package site

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/frontmatter"
	"github.com/tilmash/tilmash/translate/locale"
)

// HugoLanguage is one language of a Hugo site.
type HugoLanguage struct {
	Tag        language.Tag
	ContentDir string // where its pages are, relative to the site's root
}

// HugoLanguages writes the languages of a Hugo site as a settings file
// that Hugo merges with the site's own (hugo --config
// hugo.toml,dist/hugo/languages.toml): each under [languages.<key>]
// (LanguageKey), with its content folder, its BCP 47 code (the page's
// lang and hreflang), its name in itself (and its script, where the site
// has the language in two: locale.Name, as the HTML editions' switcher
// names it), its direction and its place in the language switcher (the
// order given: the source first).
func HugoLanguages(langs []HugoLanguage) []byte {
	var all []language.Tag
	for _, l := range langs {
		all = append(all, l.Tag)
	}
	var b strings.Builder
	b.WriteString("# The site's languages, as tilmash build writes their pages (dist/hugo/content/).\n")
	b.WriteString("# Hugo reads it with the site's own settings: hugo --config hugo.toml,dist/hugo/languages.toml\n")
	for i, l := range langs {
		fmt.Fprintf(&b, "\n[languages.%s]\n", tomlKey(LanguageKey(l.Tag)))
		fmt.Fprintf(&b, "contentDir = %s\n", frontmatter.QuoteTOML(l.ContentDir))
		fmt.Fprintf(&b, "languageCode = %s\n", frontmatter.QuoteTOML(l.Tag.String()))
		fmt.Fprintf(&b, "languageDirection = %s\n", frontmatter.QuoteTOML(locale.Dir(l.Tag)))
		fmt.Fprintf(&b, "languageName = %s\n", frontmatter.QuoteTOML(locale.Name(l.Tag, all)))
		fmt.Fprintf(&b, "weight = %d\n", i+1)
	}
	return []byte(b.String())
}

// tomlKey writes a key bare when TOML takes it so (kk-latn), else quoted.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return frontmatter.QuoteTOML(k)
		}
	}
	return k
}
