package segment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/markup"
)

// Kind says what role a unit's text plays in the article.
type Kind string

// The kinds of unit.
const (
	Headline     Kind = "headline"    // the article's title
	Note         Kind = "note"        // an editor's note under the headline
	Author       Kind = "author"      // the byline: the author's name
	Publication  Kind = "publication" // the publication's name in the masthead
	Dateline     Kind = "dateline"    // where the story was filed
	Date         Kind = "date"        // the date as printed in the masthead
	Heading      Kind = "heading"     // a section heading
	Name         Kind = "name"        // a person's name in a profile heading
	Profile      Kind = "profile"     // a profile heading: name and age, with plural forms
	Paragraph    Kind = "paragraph"   // body text
	Caption      Kind = "caption"     // a photo caption
	Question     Kind = "question"    // an interviewer's question
	Answer       Kind = "answer"      // text that answers the question before it
	Item         Kind = "item"        // a list item
	Quote        Kind = "quote"       // text in a block quote
	Cell         Kind = "cell"        // a table cell (or a column heading)
	Term         Kind = "term"        // a term of a definition list
	Definition   Kind = "definition"  // the definition of a term
	FootnoteText Kind = "footnote"    // the text of a footnote
	AlertTitle   Kind = "alert"       // the title of a callout box (GitHub's alerts)
	Param        Kind = "param"       // a shortcode's readable parameter (a title, a summary)
	HTMLText     Kind = "html"        // words in the article\'s own HTML (a fact box, a figcaption)
	HTMLAttr     Kind = "html-attr"   // a readable attribute of the article\'s HTML (alt, title)
	LinkTitle    Kind = "link-title"  // the title of a link or an image, shown when a reader points at it
	FieldText    Kind = "field"       // a front-matter text tilmash.toml translates (description, params.subtitle)
	FieldItem    Kind = "field-item"  // an item of a front-matter list tilmash.toml translates (a tag)
)

// kindCode is the short form of a kind used in generated IDs.
var kindCode = map[Kind]string{
	Heading: "h", Paragraph: "p", Caption: "cap", Question: "q",
	Answer: "a", Item: "li", Quote: "bq",
	Cell: "td", Term: "dt", Definition: "dd", FootnoteText: "fn", AlertTitle: "alert", Param: "param",
	HTMLText: "html", HTMLAttr: "attr", LinkTitle: "title",
}

// Pos is a place in a file: line and column counted from 1, the column in
// characters (not bytes), so it points at the right letter on a Cyrillic line.
type Pos struct {
	File string // path as the user gave it, with forward slashes
	Line int    // line, from 1
	Col  int    // column in characters, from 1
}

// String formats the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Var is a value a unit's message refers to as {{.Name}}.
type Var struct {
	Number int64  // the value of a number placeholder or plural count
	Ref    string // for a name: the ID of the unit whose translation fills it in
}

// Unit is one translatable piece of an article.
type Unit struct {
	ID      string                 // stable message ID, such as "the-conscript.dmitri.q-8a41f0"
	Kind    Kind                   // what role the text plays
	Forms   map[locale.Form]string // the English message: "other", plus "one" for plural units
	Count   string                 // for plural units: the variable that selects the form ("Age")
	Vars    map[string]Var         // the values of the message's {{.Variables}}
	Tags    markup.Tags            // what the message's data-carrying tags stand for
	Context string                 // a note for translators on where the text stands
	Pos     Pos                    // where the text starts in the content file
}

// Text returns the unit's English text ("other" form).
func (u *Unit) Text() string { return u.Forms[locale.Other] }

// Hash fingerprints the unit's English text: every plural form, in CLDR order.
// A translation records the hash of the English it was made from; when the
// two differ, the translation is stale.
func (u *Unit) Hash() string { return Hash(u.Forms) }

// Hash fingerprints a message's plural forms as "sha256-" and 16 hex digits.
// The text is folded first (see Fold): an edit of spacing, quotation marks
// or dashes alone leaves the hash, so translations do not turn stale over
// typography; any change of a word, number or link changes it.
func Hash(forms map[locale.Form]string) string {
	return hashForms(forms, Fold)
}

// ExactHash is the hash of the forms exactly as written: what tilmash
// recorded before hashes were folded. Catalogues written then carry it;
// extract recognises it and moves the entry to Hash.
func ExactHash(forms map[locale.Form]string) string {
	return hashForms(forms, func(s string) string { return s })
}

func hashForms(forms map[locale.Form]string, fold func(string) string) string {
	h := sha256.New()
	for _, f := range locale.Forms {
		if s, ok := forms[f]; ok {
			h.Write([]byte(string(f) + "\x00" + fold(s) + "\x00"))
		}
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// plain is the plain form of a typographic quotation mark, apostrophe,
// dash or ellipsis, or "".
func plain(c rune) string {
	switch c {
	case '“', '”', '„', '«', '»', '″':
		return `"`
	case '‘', '’', '‚', '‹', '›', '′':
		return "'"
	case '–', '—', '‐', '‑', '−', '―':
		return "-"
	case '…':
		return "..."
	}
	return ""
}

// Fold is the English as far as a translation is concerned: spacing
// folded to single spaces (no-break ones too), and typographic quotation
// marks, apostrophes, dashes and ellipses made plain. "It’s 18–30" and
// "It's  18-30" fold alike.
func Fold(s string) string { return fold(s, true) }

// fold collapses every run of white space (as strings.Fields sees it) to
// one space and trims the ends; with typography, it also makes quotation
// marks, dashes and ellipses plain. One pass, one allocation: it runs on
// every unit whenever a hash is taken.
func fold(s string, typography bool) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a space to write before the next character
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		if c < utf8.RuneSelf && asciiSpace[c] || c >= utf8.RuneSelf && unicode.IsSpace(c) {
			pending = b.Len() > 0
			i += size
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		if p := plain(c); typography && p != "" && size > 1 {
			b.WriteString(p)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// asciiSpace is strings.Fields's ASCII white space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// textID derives a unit's ID from its article, section, kind and text.
func textID(article, section string, kind Kind, text string) string {
	sum := sha256.Sum256([]byte(normalizeSpace(text)))
	return article + "." + section + "." + kindCode[kind] + "-" + hex.EncodeToString(sum[:3])
}

func normalizeSpace(s string) string { return fold(s, false) }

// reserved lists go-i18n's message keys: none may be an ID segment, or
// go-i18n would read the table as a message.
var reserved = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true,
	"translation": true,
}

// Slug turns a heading into an ID segment: lower-case ASCII letters,
// digits and hyphens, at most four words, never one of go-i18n's reserved
// keys. Non-Latin text gives "s" (IDs stay readable in any editor).
func Slug(s string) string {
	slug := strings.Join(slugWords(s, 4), "-")
	if slug == "" {
		return "s"
	}
	if reserved[slug] {
		return "s-" + slug
	}
	return slug
}

// slugWords returns the first max runs of ASCII letters and digits of s,
// lower-cased; an apostrophe joins (don't → dont).
func slugWords(s string, max int) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 && len(words) < max {
			words = append(words, w.String())
		}
		w.Reset()
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			w.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return words
}
