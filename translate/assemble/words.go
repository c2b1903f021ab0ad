package assemble

import "github.com/tilmash/tilmash/translate/words"

// Words splits text into words (see package words).
func Words(s string) []string { return words.Strings(s) }
