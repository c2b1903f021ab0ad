// Package segment splits a Markdown article into translatable units.
//
// An article is a Markdown file with front matter, as the site generators
// write it: TOML, YAML or JSON (package frontmatter reads it). Split turns
// it into an Article: the document's block structure (headings,
// paragraphs, figures, lists, quotes, code) and, for each piece of text a
// translator must see, a Unit with a stable ID, a kind, the source text in
// message form (see package markup), a context note and a position. The
// front matter's masthead (title, note, publication, dateline, date_text,
// author) is always translated; Options.Translate names its other texts
// (DefaultTranslate: description, summary, an image's alt…); every other
// field stays in Meta as decoded and in Meta.FrontMatter as written, for
// the Markdown edition to write back with the translations in place.
//
// Conventions beyond CommonMark, all optional:
//
//   - A heading marked {.profile} reads "Name, Age" (for example
//     "## Dmitri, 31 {.profile}"). It becomes two units: the name, and a plural
//     message "{{.Name}}, {{.Age}}" with the age as its plural count, so that
//     Russian can say «Дмитрий, 31 год» and «Василий, 35 лет».
//   - A heading marked {.question} is an interviewer's question; the
//     paragraphs after it, up to the next heading, are its answer.
//   - A paragraph holding only an image is a figure; the image's alt text is
//     the caption. An empty destination, ![Caption](), is a figure whose
//     photograph is not available.
//   - A number written with thousands separators (150,000) is a quantity: it
//     becomes a placeholder ({{.Number1}}) that each edition writes in its
//     own locale's digits (150 000).
//
// A link's or an image's title, and the readable attributes of HTML in a
// sentence (alt, title, aria-label…), are units of their own: children of
// the block whose text holds them, Block.Tag naming their tag in its
// message, which the editions write them into.
//
// IDs are "<article>.<section>.<kind>-<hash>": the article's file name, the
// section's heading, the kind, and six hex digits of the text's SHA-256, for
// example "the-conscript.dmitri.q-8a41f0". They depend on the text, not on
// its position, so inserting, deleting or moving a paragraph changes no other
// unit's ID. Reconcile keeps the ID of a unit whose text was edited, so its
// translations become stale instead of lost. The front matter's units have
// fixed IDs: "<article>.title" and the like for the masthead,
// "<article>.fm-<path>" for its other fields (FieldID).
package segment
