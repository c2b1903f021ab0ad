// Package markup turns a unit's inline Markdown (emphasis, links, code spans,
// hard breaks, inline HTML) into the text a translator edits, and back.
//
// Markup becomes short tags that carry no data: <em>…</em>, <strong>…</strong>,
// <s>…</s> for struck-through text, <a1>…</a1> for the first link,
// <img1>…</img1> for the first inline image (its description translated),
// <code1/> for the first code span, <fn1/> for the first footnote
// reference, <tpl1/> for the first piece of a site generator's code (a Hugo
// shortcode, a Liquid tag), <br/> for a hard break, <html1/> for inline HTML. The link's address and the code's text
// stay in the source unit (like x/text's message placeholders), so a translator
// can move a tag but cannot break a URL, and a missing, extra or unbalanced tag
// is an error that names its column instead of silently broken output.
//
// In message text "&lt;" stands for a literal "<" and "&amp;" for a literal "&"
// where it would otherwise be read as one of these escapes.
//
// Tokens is the one reader of tags, placeholders ({{.Name}}) and escapes in
// message text: what Decode reads as a tag, Tokens does, and what package
// placeholder lets through to the template engine as a placeholder, Tokens
// reads as one (FuzzScanAgreesWithDecode). Checks, the translation memory,
// CAT-tool hand-off and the benchmark corpus's pseudo-translator read
// message text through it rather than with readers of their own; Verbatim
// gives, from its reading, the pieces a transform of the words (a
// transliteration, a figure's decimal separator) leaves as written.
package markup
