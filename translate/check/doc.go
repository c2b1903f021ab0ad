// Package check is the gate for missing, stale and broken strings. Run holds
// every target catalogue to the source catalogue, the glossary and each
// language's rules, and returns findings (package finding): each with the
// file:line:col of the problem (the offending character of a translation,
// or, for a missing translation, the unit's place in its article), the unit,
// the locale, a severity and a hint.
//
// The checks, by code:
//
//	missing            no translation
//	empty              a plural form, or the whole text, is blank
//	identical          the translation is the English, where that is not expected
//	stale              the English changed since the translation was made
//	obsolete           an entry whose unit no longer exists
//	plural-missing     a CLDR plural category the locale needs is absent
//	plural-extra       a plural category the locale does not have
//	placeholder        a {{.Variable}} of the English is missing, extra or renamed
//	template           the text is not a valid template
//	markup             a tag of the English is missing, extra or unbalanced
//	number             a number of the English is missing (150,000 = 150 000; 18-30 = 18–30)
//	glossary-missing   a term of the English without an approved rendering of the glossary (glossary.go)
//	glossary-also      a rendering the glossary wants with the term is missing
//	glossary-forbidden a rendering the glossary forbids, anywhere
//	glossary-altered   a term the glossary says not to translate was changed
//	typography-quotes  a quotation mark the language does not use
//	typography-number  a grouped number without the locale's separator
//	typography-space   a double space, or a leading or trailing space
//	typography-dash    a hyphen or en dash alone between words where the locale sets its dash
//	typography-percent a percentage not written as the locale's CLDR pattern writes it
//	typography-decimal a decimal number of the English without the locale's decimal separator
//	script-mixed       a Latin letter inside a Cyrillic word, or the reverse
//	script-letters     letters of another language (Kazakh letters in Russian)
//	script-language    a long unit without any of the language's own letters
//	spelling           a word the hunspell dictionary does not know (warning)
//	nfc                text that is not in Unicode normalisation form C
//	control-char       a character no edition can carry (package xmlchar), anywhere; a line break or bidi override the English lacks (error)
//	invisible-char     a zero-width character or soft hyphen (warning)
//	reused             an entry filled from the same English elsewhere, to review (warning)
//	front-matter       a front-matter field tilmash does not know (warning)
//	unsafe-link        a link to an address that is not http, https, mailto, tel or relative
//	image              a figure's image file that is not published (package media): missing, outside content/, a link, too large, not an image
//	settings           a locale without its [locales.X] table in tilmash.toml
//
// Which checks run, and how severe they are, is set per project, locale and
// unit in tilmash.toml (Config), and per entry by a translator's comment
// (Directives).
package check
