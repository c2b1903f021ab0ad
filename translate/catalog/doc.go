// Package catalog reads, writes and synchronises message catalogues: go-i18n
// v2 TOML files, one per locale (locales/en.toml, locales/ru.toml, …).
//
// go-i18n refuses a file whose message tables hold any key but its reserved
// ones (id description hash leftdelim rightdelim zero one two few many other),
// so everything else a translator needs lives in comments, in the style of
// gettext's PO files:
//
//	#: content/the-conscript.md:10 (paragraph)     where the text stands
//	#. Body text, before the first section heading. context for translators
//	#> Since the war in Ukraine, …                  the English source
//	#, stale: …                                     what tilmash says of the entry
//	#| Since the war …                              the English it was translated from
//	# anything else                                 the translator's own note, kept
//
// An entry's hash records the English it was translated from (see
// segment.Hash). Sync never drops a translation: an entry whose English
// changed is marked stale, an entry whose unit is gone is kept as obsolete.
//
// Parse reports positions as file:line:col and Format writes the same input
// to the same bytes, so catalogues diff cleanly and builds are reproducible.
//
// A catalogue another tool rewrote is refused in one error that names the
// tool (foreign.go): translate-toolkit's go-i18n TOML store, which Weblate
// saves through, makes each entry's hash and plural forms tables of their
// own ([id.other] other = "…"); goi18n merge writes SHA-1 hashes of its
// own and drops tilmash's translations.
package catalog
