package bound

import "fmt"

// Error is input past a bound: a file too large, a structure too deep.
type Error struct {
	File string // the file, as the project names it
	Line int    // the line, from 1
	Col  int    // the column in characters, from 1
	Msg  string // which bound the input passes
	Hint string // what to do
}

// Error formats the refusal as file:line:col: message (hint).
func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}
