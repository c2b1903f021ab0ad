// Package render writes an assembled edition in a publishing format:
// Markdown with front matter (Markdown) and a standalone HTML page (HTML).
// Renderers do no I/O: they return bytes, and the same edition always gives
// the same bytes.
package render
