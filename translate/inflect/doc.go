// Package inflect finds a term in a text however the term is inflected.
//
// Russian and Kazakh inflect nouns, adjectives and names: the glossary says
// «квартира», a translation writes «квартиру» or «квартире»; the glossary says
// «пәтер», a translation writes «пәтерде», «пәтерім», «пәтерлерге». A Matcher
// decides whether a word form belongs to a lemma:
//
//   - Russian uses the Snowball Russian stemmer (github.com/kljensen/snowball):
//     two words match when their stems are equal (ё read as е), or when one
//     stem extends the other by a single letter and the shorter has at least
//     five (Snowball stems «россияне» and «россиян» differently).
//   - Kazakh is agglutinative and has no Snowball stemmer; its matcher reads
//     the rest of the word after the lemma as a chain of up to four
//     inflectional suffixes (plural, possessive, case, the locative-adjectival
//     -дағы, the similative -дай, -сыз and -лы) that obey vowel harmony: a
//     suffix's vowel must be back (а о ұ ы) after a back vowel and front
//     (ә ө ү і е) after a front one. The final к/қ/п of a lemma may voice to
//     г/ғ/б before a vowel (кітап → кітабы). An abbreviation takes its suffix
//     after a hyphen (КСРО-ны).
//   - Any other language matches words exactly, ignoring case.
//
// So «квартирант» (a tenant) does not match «квартира», and «пәтерақы» (rent)
// does not match «пәтер»: what follows the lemma is not an inflection.
package inflect
