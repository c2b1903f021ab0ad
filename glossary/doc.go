// Package glossary loads the project's glossary (glossary/*.toml) and
// finds its terms in English text.
//
// An entry fixes how an English term, name or loanword is rendered in each
// locale: the approved renderings (any one of them will do), renderings that
// must appear with it (a gloss), and forbidden ones. Find returns the terms
// an English text uses; the glossary check of package translate/check holds
// translations to the entries, and keeps what it derives from them with
// the glossary (Derived).
//
// English terms are matched case-insensitively at word boundaries, with the
// plural and possessive endings (-s, -es, ’s), longest term first: "former
// republics of the Soviet Union" is one term, not also "Soviet Union".
package glossary
