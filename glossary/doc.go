// Package glossary loads the project's glossary (glossary/*.toml) and holds
// translations to it.
//
// An entry fixes how an English term, name or loanword is rendered in each
// locale: the approved renderings (any one of them will do), renderings that
// must appear with it (a gloss), and forbidden ones. Check finds each unit
// whose English uses a term and whose translation lacks an approved rendering
// or uses a forbidden one, matching inflected forms through package
// translate/inflect: «квартиру» is «квартира», «пәтерде» is «пәтер».
//
// English terms are matched case-insensitively at word boundaries, with the
// plural and possessive endings (-s, -es, ’s), longest term first: "former
// republics of the Soviet Union" is one term, not also "Soviet Union".
package glossary
