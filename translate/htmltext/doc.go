// Package htmltext finds the words a reader sees in an editor's own HTML
// (a fact box's <aside>, a <figcaption>, a <summary>, a <div> of
// paragraphs, an embedded post's quote), so that they are translated like
// the Markdown around them, and so that no tag, address or attribute that
// is not a reader's can be changed by a translator.
//
// Runs are the stretches of text (with the inline elements inside them,
// kept as protected tags) between block-level tags; Attrs are the values
// of the attributes a reader sees or hears (alt, title, aria-label,
// placeholder…) outside the runs. Both carry their byte positions in the
// HTML, so that an edition writes each translation in its place, every
// other byte as the editor wrote it.
package htmltext
