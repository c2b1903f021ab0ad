// Package datefmt writes a date the way a locale writes it in running text,
// using the locale's own CLDR long date format: a publication date of
// 2023-03-14 reads "March 14, 2023" in English, "14 марта 2023 г." in
// Russian and "2023 ж. 14 наурыз" in Kazakh.
//
// Dates may be given to the day, the month or the year ("2023-03-14",
// "2023-03", "2023"); each precision has its own CLDR pattern (the long
// date format, the yMMMM and the y skeletons), and month names take the
// grammatical form the pattern asks for (genitive "марта" after a day,
// nominative "март" alone).
//
// The data is generated from the CLDR JSON packages published on npm
// (see internal/gen) and covers every locale CLDR rates at the modern
// coverage level, so a new locale of that set needs no code change. A tag
// CLDR lacks falls back along its golang.org/x/text parent chain (kk-KZ to
// kk, en-IN to en-001) but only to data written in the same script: kk-Latn
// never gets Cyrillic month names. A tag with no such data gets the ISO 8601
// date itself ("2023-03-14").
//
// Only the Gregorian calendar is used, whatever the locale's default
// calendar or a -u-ca- extension says, and numbers are written with the
// digits 0-9.
//
// To regenerate tables.go, unpack the npm packages cldr-core and
// cldr-dates-full into a folder and run go generate with CLDR set to it;
// internal/gen/main.go gives the commands.
package datefmt

//go:generate go run ./internal/gen -cldr=$CLDR -o tables.go
