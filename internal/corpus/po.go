package corpus

import (
	"fmt"
	"strings"

	"github.com/tilmash/tilmash/translate/catalog"
	"github.com/tilmash/tilmash/translate/locale"
)

// poDate is the creation and revision date every PO file gives: a fixed
// one, so the corpus is the same every time.
const poDate = "2024-01-01 00:00+0000"

// gettextPlural is how gettext counts a locale's plural forms: the
// Plural-Forms header and the CLDR category of each msgstr[i]. Russian has
// three in gettext (CLDR's "other" is for fractions, which ages are not).
var gettextPlural = map[string]struct {
	header string
	forms  []locale.Form
}{
	"ru": {"nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", []locale.Form{locale.One, locale.Few, locale.Many}},
	"kk": {"nplurals=2; plural=(n != 1);", []locale.Form{locale.One, locale.Other}},
}

// pot is the gettext template of the source catalogue: one entry per unit,
// msgctxt the unit's ID, msgid its English (in tilmash's message form).
func pot(src *catalog.Catalog) []byte {
	var b strings.Builder
	b.Grow(poSize(src, 1))
	b.WriteString("# The units of a generated tilmash benchmark corpus (internal/corpus), as gettext sees them.\n")
	b.WriteString("#, fuzzy\n")
	header(&b, []string{
		"Project-Id-Version: tilmash-corpus 1\n",
		"Report-Msgid-Bugs-To: \n",
		"POT-Creation-Date: " + poDate + "\n",
		"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n",
		"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n",
		"Language-Team: LANGUAGE <LL@li.org>\n",
		"Language: \n",
		"MIME-Version: 1.0\n",
		"Content-Type: text/plain; charset=UTF-8\n",
		"Content-Transfer-Encoding: 8bit\n",
		"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n",
	})
	for _, sm := range src.Messages {
		b.WriteString("\n")
		comments(&b, sm)
		keyword(&b, "msgctxt", sm.ID)
		if len(sm.Forms) > 1 {
			keyword(&b, "msgid", sm.Forms[locale.One])
			keyword(&b, "msgid_plural", sm.Text())
			keyword(&b, "msgstr[0]", "")
			keyword(&b, "msgstr[1]", "")
			continue
		}
		keyword(&b, "msgid", sm.Text())
		keyword(&b, "msgstr", "")
	}
	return []byte(b.String())
}

// po is a target catalogue as a gettext PO file: the same entries, the
// translation in msgstr; a stale entry is fuzzy, with the English it was
// made from as the previous msgid (#|); a missing one has an empty msgstr.
func po(src, t *catalog.Catalog) []byte {
	tag := t.Locale
	pl := gettextPlural[tag.String()]
	var b strings.Builder
	b.Grow(poSize(src, 3)) // Cyrillic letters take two bytes
	fmt.Fprintf(&b, "# %s translation of a generated tilmash benchmark corpus (internal/corpus).\n", locale.EnglishName(tag))
	header(&b, []string{
		"Project-Id-Version: tilmash-corpus 1\n",
		"Report-Msgid-Bugs-To: \n",
		"POT-Creation-Date: " + poDate + "\n",
		"PO-Revision-Date: " + poDate + "\n",
		"Last-Translator: Corpus Generator <corpus@example.org>\n",
		fmt.Sprintf("Language-Team: %s <%s@example.org>\n", locale.EnglishName(tag), tag),
		"Language: " + tag.String() + "\n",
		"MIME-Version: 1.0\n",
		"Content-Type: text/plain; charset=UTF-8\n",
		"Content-Transfer-Encoding: 8bit\n",
		"Plural-Forms: " + pl.header + "\n",
	})
	for _, sm := range src.Messages {
		m := t.Lookup(sm.ID)
		b.WriteString("\n")
		comments(&b, sm)
		stale := m.Translated() && m.Hash != sm.Hash
		if stale {
			b.WriteString("#, fuzzy\n")
			if prev := m.Previous(); prev != nil {
				previous(&b, sm.ID, prev[locale.Other])
			}
		}
		keyword(&b, "msgctxt", sm.ID)
		if len(sm.Forms) > 1 {
			keyword(&b, "msgid", sm.Forms[locale.One])
			keyword(&b, "msgid_plural", sm.Text())
			for i, f := range pl.forms {
				keyword(&b, fmt.Sprintf("msgstr[%d]", i), m.Forms[f])
			}
			continue
		}
		keyword(&b, "msgid", sm.Text())
		keyword(&b, "msgstr", m.Text())
	}
	return []byte(b.String())
}

// poSize estimates the size of a PO file of src's entries whose msgstr
// takes factor-1 times the bytes of the English: builders that grow in
// steps spend their time copying.
func poSize(src *catalog.Catalog, factor int) int {
	n := 4096
	for _, m := range src.Messages {
		n += 2*len(m.ID) + len(m.Description) + factor*len(m.Text()) + 128
	}
	return n
}

func header(b *strings.Builder, fields []string) {
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, f := range fields {
		b.WriteString(poQuote(f) + "\n")
	}
}

// comments writes the unit's context (#.) and place (#:).
func comments(b *strings.Builder, sm *catalog.Message) {
	if sm.Description != "" {
		b.WriteString("#. " + sm.Description + "\n")
	}
	for _, c := range sm.Comments {
		if ref, ok := strings.CutPrefix(c, "#: "); ok {
			ref, _, _ = strings.Cut(ref, " ")
			b.WriteString("#: " + ref + "\n")
		}
	}
}

func previous(b *strings.Builder, id, english string) {
	b.WriteString("#| msgctxt " + poQuote(id) + "\n")
	b.WriteString("#| msgid " + poQuote(english) + "\n")
}

func keyword(b *strings.Builder, kw, s string) {
	b.WriteString(kw + " " + poQuote(s) + "\n")
}

// poQuote writes s as a PO string literal.
func poQuote(s string) string { return `"` + poEscape.Replace(s) + `"` }

var poEscape = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`)

// po4aConfig is po4a's configuration for the same articles: the text
// module with its Markdown option, one [type: text] line per article, the
// translations in po4a/out/<lang>/, po4a's own PO files in po4a/.
func po4aConfig(paths []string) []byte {
	var b strings.Builder
	b.WriteString(`# po4a configuration of a generated tilmash benchmark corpus (internal/corpus):
# the same articles, translated the po4a way. Run it from the corpus root; the
# package documentation of internal/corpus gives the commands.
`)
	var langs []string
	for _, t := range Locales {
		langs = append(langs, t.String())
	}
	fmt.Fprintf(&b, "[po4a_langs] %s\n", strings.Join(langs, " "))
	b.WriteString("[po4a_paths] po4a/articles.pot $lang:po4a/$lang.po\n")
	b.WriteString("[options] --master-charset UTF-8 --localized-charset UTF-8 --keep 0 --option markdown --option neverwrap\n\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "[type: text] %s $lang:po4a/out/$lang/%s\n", p, strings.TrimPrefix(p, "content/"))
	}
	return []byte(b.String())
}
