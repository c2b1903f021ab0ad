// Package conformance holds no code, only tests: they hold tilmash to the
// Markdown newsrooms write, not only to what its own authors write.
//
//   - The CommonMark specification's examples and the GitHub-flavoured
//     extensions' (tables, strikethrough, autolinks, task lists,
//     definition lists, footnotes, typographer), as goldmark's module
//     ships them (testdata/goldmark), each made an article.
//   - A corpus of site generators' constructs (testdata/constructs): Hugo
//     shortcodes, Liquid, kramdown attribute lists, HTML in Markdown.
//   - Real articles from public sites (testdata/real, with their sources
//     and licences in its README).
//
// Every article goes through the pipeline as tilmash runs it (a project
// in memory: workspace.Load, Extract, Build of every format), in English
// and in a pseudo-locale, en-XA, whose every unit is the English with
// each word marked, ⟦word⟧. The tests require that every article is
// accepted and every edition built; that the English Markdown edition
// renders, with goldmark configured as Hugo's defaults, exactly as the
// article does; that no edition of en-XA shows a reader English outside
// the marks, in its text or its readable attributes, code aside; and that
// the en-XA Markdown edition reads back into units of the same kinds,
// whose words are the English ones. What stays English on purpose, and
// what does for want of a fix, is listed with its reason in
// exceptions_test.go: any other difference fails.
package conformance
