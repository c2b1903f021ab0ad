// Package bound holds the limits on what tilmash reads from a project, and
// enforces them before any parser sees the input: how large a file may be
// (ReadFile, with one Limit per kind of file) and how deeply the tables and
// arrays of a structured text may nest (MaxDepth; TOMLDepth scans TOML for
// it). A file in a project can be written by anyone who opens a pull
// request; these bounds keep what one file can cost proportional to a size
// far above any real file's, and refuse the rest with the file, the line
// and the column (in characters), and a hint.
//
// The limits are one policy for every syntax, which is why they live here
// and not in the room of one syntax: the TOML readers (catalogues, front
// matter, the glossary, tilmash.toml) call TOMLDepth before the decoder;
// the YAML and JSON front-matter readers call YAMLDepth and JSONDepth, and
// hold the parsed nodes to the same MaxDepth (YAML aliases counting the
// depth of the node they repeat) and to MaxExpanded (so that a chain of
// aliases cannot multiply the work), reporting through the same Error
// (Deep, Expanded).
package bound
