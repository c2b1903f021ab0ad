// Package assemble puts an article back together in one locale: the
// article's structure from package segment, the text of each unit from that
// locale's catalogue, rendered through go-i18n (templates, plural forms) and
// decoded back into inline markup.
//
// Every edition is assembled the same way, English included: the English
// edition takes its text from the source catalogue, never from content/.
// A unit with no translation falls back to English, marked with Lang "en",
// and is counted, so a partial edition says how much of it is missing.
package assemble
