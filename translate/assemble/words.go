package assemble

import "github.com/tilmash/tilmash/translate/words"

// Words splits text into words (see package words).
func Words(s string) []string { return words.Strings(s) }

// CountWords is the number of words of text (see package words), without
// making a list of them.
func CountWords(s string) int { return words.Count(s) }
