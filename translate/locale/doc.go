// Package locale answers the questions the pipeline asks about a language:
// is this a valid BCP 47 tag, which CLDR plural categories does it use, how
// are numbers written in it, what does the language call itself, how does
// it write capitals, and what does its typography do with a caption's
// full stop.
//
// The answers come from golang.org/x/text (CLDR data), so adding a locale
// such as Uzbek (uz) or Kazakh in Latin script (kk-Latn) needs no code
// change. Where CLDR has no answer, a small table typed by hand gives it,
// each entry with its source: the name of a language in a script CLDR has
// no display data for (kk-Latn), the names that tell a language's two
// scripts apart, the capitals of kk-Latn (those of Turkish), and the
// languages whose captions take no final full stop.
package locale
