// Package sitecode finds the site generators' own syntax in a Markdown
// article: Hugo's shortcodes ({{< figure … >}}, {{% note %}}…{{% /note %}}),
// Liquid and Nunjucks tags, outputs and comments ({% include x.html %},
// {{ site.baseurl }}, {# … #}) as Jekyll and Eleventy write them, Zola's
// shortcodes ({{ youtube(id="x") }}, {% note(title="x") %}…{% end %}), and
// kramdown's attribute lists ({: .lead}).
//
// tilmash never translates such code and never changes it: a translator sees
// each as a tag (<tpl1/>) and the Markdown editions keep it byte for byte,
// but for the values of the parameters a reader sees (a caption, an alt
// text), which Code.Params reads and a translation replaces in their
// quotes, written as Quoting.Write says. A paired code whose body is not
// Markdown (Liquid's highlight, raw and comment, Hugo's highlight and
// code-toggle) is one code, its body with it.
//
// A Markdown parser must not see the code either (Hugo replaces shortcodes
// before Markdown reads the page: [text]({{< ref "x.md" >}}) is a link only
// then), so Mask returns the source with each code replaced by a token of
// the same length, on the same lines, that Markdown reads as a word:
// positions in the masked text are positions in the source.
//
// Every reading is bounded and takes time in proportion to the source: a
// code is at most 64 KiB, a paired code's body at most 1 MiB, and Find
// reads the source once.
package sitecode
