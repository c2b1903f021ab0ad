// Package site writes an edition as a page of the content tree a static
// site generator reads: a Hugo page bundle (Hugo), and the languages a Hugo
// site lists (HugoLanguages).
//
// The Markdown edition (package render) keeps the article as its editor
// wrote it, front matter and all; a site generator asks for more. Hugo
// refuses a date it cannot parse ("2022-10"), reserves most top-level
// front-matter names and reads the others under params, links the
// translations of a page by translationKey, names its languages by keys
// it lower-cases (kk-latn), and shows a figure through its figure
// shortcode, with the image beside the page in its bundle. A Hugo page is
// the Markdown edition so converted:
//
//   - the front matter is TOML (which Hugo reads whatever the source was
//     written in), with the fields Hugo knows at the top (title, date,
//     draft, aliases, tags…), every other field under [params], and a
//     translationKey, the article's name, unless the editor set one;
//   - a date Hugo reads (2022-10-05, a full date-time) stays as written; a
//     month or a year alone (2022-10, 2022) becomes its first day, the
//     text as written kept as params.date_original; anything else leaves
//     date to Hugo's default, kept the same way, with a note; the date as
//     the edition's language writes it is params.date_text (the
//     translated date_text, or CLDR's long date: Hugo has no month names
//     for kk-Latn);
//   - a figure becomes {{< figure src=… alt=… caption=… >}} with the image
//     at its place in the bundle (media/<its path under content/>), or an
//     emphasised caption where there is no image to show;
//   - everything else is the Markdown edition's body, byte for byte.
//
// Zola and Jekyll read the faithful Markdown editions with their own
// conventions (docs/publishing.md).
//
// Like package render, this package does no I/O: it returns bytes, the
// same for the same edition.
package site
