// Package locale answers the questions the pipeline asks about a language:
// is this a valid BCP 47 tag, which CLDR plural categories does it use, how
// are numbers written in it, and what does the language call itself.
//
// Every answer comes from golang.org/x/text (CLDR data), never from a table
// typed by hand, so adding a locale such as Uzbek (uz) or Kazakh in Latin
// script (kk-Latn) needs no code change.
package locale
