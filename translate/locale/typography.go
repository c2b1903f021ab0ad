package locale

import "golang.org/x/text/language"

// noCaptionStop are the languages whose captions take no final full stop,
// by language.
//
// Russian: a caption, like a headline, ends without a full stop, even one
// of several sentences (the full stops stand between them); a question
// or exclamation mark stays, and so does an abbreviation's point (Мильчин,
// Чельцова, «Справочник издателя и автора», on captions and headings;
// the practice of Russian newspapers and news sites).
//
// Kazakh: set by the same rules. Kazakh spelling rules put no full stop
// after a title, and Kazakh typesetting took its norms for captions
// and headings from the same Soviet standards as Russian: the project's
// decision, which one line here reverses. Kazakh in the Latin alphabet
// is Kazakh (the key is the language alone).
var noCaptionStop = map[string]bool{
	"ru": true,
	"kk": true,
}

// CaptionStop reports whether a caption in the language ends with a full
// stop as a sentence does (English: yes; Russian and Kazakh: no). The
// editions drop a final full stop from a caption where it is false: the
// translator writes the caption as a sentence, the edition sets it as the
// language's typography does.
func CaptionStop(tag language.Tag) bool {
	return !noCaptionStop[baseOf(tag)]
}

// noBreakBeforeDash are the languages whose typography joins a spaced dash
// to the word before it with a no-break space, so that no line begins with
// a dash: Russian (Мильчин and Чельцова; every Russian publisher's house
// rule) and Kazakh, set by the same norms. The checks hold translations to
// it ([locales.ru] dash); the editions' own words follow it too.
var noBreakBeforeDash = map[string]bool{
	"ru": true,
	"kk": true,
}

// SpacedDash is an em dash between two parts of a line (a page's title and
// the publication's name), with the spaces the language's typography puts
// around it: "\u00a0— " in Russian and Kazakh, " — " otherwise.
func SpacedDash(tag language.Tag) string {
	if noBreakBeforeDash[baseOf(tag)] {
		return "\u00a0— "
	}
	return " — "
}
