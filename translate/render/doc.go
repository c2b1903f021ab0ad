// Package render writes an assembled edition in a publishing format:
// Markdown with front matter (Markdown), a standalone HTML page (HTML),
// an EPUB book (EPUB) and plain text (Text). Renderers do no I/O: they
// return bytes, and the same edition always gives the same bytes.
//
// Every format sets the text as the edition's language's typography sets
// it (typeset.go): a Russian or Kazakh caption without its final full
// stop, and, in a language whose capitals a browser would get wrong
// (kk-Latn), the capitals the stylesheets would set written out.
package render
