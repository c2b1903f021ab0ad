package bound

import "unicode/utf8"

// JSONDepth scans data, JSON that starts on line first of file, and
// returns the refusal (Deep) at the first [ or { that takes it past
// MaxDepth, or nil. Brackets inside strings do not count. It is exact: a
// JSON value nests as deep as its brackets do.
func JSONDepth(file string, first int, data []byte) *Error {
	line, lineStart, depth := first, 0, 0
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			line, lineStart = line+1, i+1
		case inString && c == '\\':
			i++
			if i < len(data) && data[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return Deep(file, line, utf8.RuneCount(data[lineStart:i])+1)
			}
		case (c == ']' || c == '}') && depth > 0:
			depth--
		}
	}
	return nil
}
