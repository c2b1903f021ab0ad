// Package frontmatter reads the front matter of a Markdown article as the
// site generators write it, and writes it back with some values replaced.
//
// The format is detected as Hugo detects it, from the article's first line:
// "+++" opens TOML (Hugo, Zola), "---" opens YAML (the default of Hugo,
// Jekyll and Eleventy), both closed by the same line; a "{" opens one JSON
// object, which ends at its closing brace. Parse reads it into a Doc: the
// decoded fields, and for every value, at any depth, its dotted path
// ("title", "params.subtitle", "tags.1" for a list's second item) and its
// position in the file (line and column, the column in characters).
//
// Rewrite returns the front matter with the values at some paths replaced
// by new strings (or lists of strings), and every other byte as the source
// wrote it: comments, the order of the fields, dates, nested tables, the
// quoting of the fields it does not touch. A new value is written as the
// format quotes a string: a TOML basic string, a YAML double-quoted
// scalar, a JSON string. The result reads back to the same fields with the
// new values.
//
// Every input is bounded (package bound) before its parser sees it: the
// nesting of tables and lists (TOML, YAML and JSON alike), and in YAML the
// aliases, whose expansion may not stand for more values than MaxExpanded
// (a "billion laughs" is refused at the alias that passes the bound). The
// YAML reader is go.yaml.in/yaml/v3, whose node tree keeps each value's
// line and column; the JSON reader is encoding/json's Decoder, which
// reports the offset of each token; TOML is decoded by BurntSushi/toml, as
// every other TOML file tilmash reads, and its values located by a scan of
// this package's own.
package frontmatter
