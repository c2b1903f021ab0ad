// Package reader holds tilmash's own words to the readers of an edition,
// as a native journalist of each language would write them: the notice on
// an edition that shows some of its text in English while its translation
// catches up with the English, and the words of the page left at a renamed
// article's old address. Each is written for the
// languages tilmash knows (English, Russian, Kazakh, and Kazakh in the
// Latin alphabet, computed from the Kazakh); an edition in another
// language gets the English words, and Fallback says so, so that a check
// can ask for them.
package reader

import (
	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/translit"
)

// fallbackNotice is the notice of an edition showing some units in
// English, by language. The dash stands after a no-break space, as each
// language's typography has it.
var fallbackNotice = map[string]string{
	"en": "Parts of this article are shown in English while the translation is brought up to date.",
	"ru": "Некоторые фрагменты статьи пока приведены на английском языке\u00a0— перевод обновляется.",
	"kk": "Мақаланың кейбір бөліктері әзірге ағылшын тілінде берілген\u00a0— аударма жаңартылып жатыр.",
}

// movedNotice stands on the page at a renamed article's old address,
// before the link to its new one, by language.
var movedNotice = map[string]string{
	"en": "This article has moved:",
	"ru": "Статья доступна по новому адресу:",
	"kk": "Мақала жаңа мекенжайға көшірілді:",
}

func init() {
	// Kazakh in the Latin alphabet is the Kazakh, transliterated: the same
	// words, never a second translation to keep in step.
	t, err := translit.Lookup("kk-Latn-2021")
	if err != nil {
		panic("reader: " + err.Error())
	}
	fallbackNotice["kk-Latn"] = t.Text(fallbackNotice["kk"])
	movedNotice["kk-Latn"] = t.Text(movedNotice["kk"])
}

// The keys of the words tilmash says to readers: a project gives its own
// for a language tilmash has none for in tilmash.toml ([locales.uz.reader]
// fallback = "…", moved = "…"), as Words.
const (
	FallbackKey = "fallback" // the notice on an edition partly in English
	MovedKey    = "moved"    // the page at a renamed article's old address
)

// Keys are every key, in the order a reader meets them.
var Keys = []string{FallbackKey, MovedKey}

// English is the English of each key, for a translator to start from.
func English(key string) string {
	return byKey(key)["en"]
}

func byKey(key string) map[string]string {
	switch key {
	case FallbackKey:
		return fallbackNotice
	case MovedKey:
		return movedNotice
	}
	return nil
}

// Words are a project's own words to the readers of one language, by key,
// over tilmash's.
type Words map[string]string

// Say returns the words for key in tag: the project's own (w), else
// tilmash's for tag's language, else the English; translated is false for
// the English.
func (w Words) Say(key string, tag language.Tag) (text string, translated bool) {
	if s := w[key]; s != "" {
		return s, true
	}
	return say(byKey(key), tag)
}

// Missing lists the keys neither w nor tilmash has words for in tag: its
// readers get the English there.
func (w Words) Missing(tag language.Tag) []string {
	var out []string
	for _, k := range Keys {
		if _, ok := w.Say(k, tag); !ok {
			out = append(out, k)
		}
	}
	return out
}

// Fallback returns the notice an edition in tag carries when some of its
// units are shown in English, and whether it is in tag's language (false:
// the English, for a language tilmash has no words for yet).
func Fallback(tag language.Tag) (text string, translated bool) {
	return say(fallbackNotice, tag)
}

// Moved returns the words of the page at a renamed article's old address
// in tag, before the link to the new one, and whether they are in tag's
// language (false: the English).
func Moved(tag language.Tag) (text string, translated bool) {
	return say(movedNotice, tag)
}

// say is words's text for tag's language, or the nearest parent's, or
// the English.
func say(words map[string]string, tag language.Tag) (string, bool) {
	for t := tag; ; t = t.Parent() {
		if s, ok := words[t.String()]; ok {
			return s, true
		}
		if t == language.Und {
			break
		}
	}
	return words["en"], false
}
