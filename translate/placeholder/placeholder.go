// Package placeholder holds translations to what they are: data. A message
// is text with placeholders written {{.Name}}, the only template action
// tilmash lets through to go-i18n's template engine. Anything else between
// {{ and }} (range, if, with, define, template, block, call, printf and
// other functions, pipelines, variables, comments, {{.}}, trim markers) is
// code a translator could make run at build time (a loop of 100,000,000
// rounds, a recursion, text the markup check never saw): Scan reports it,
// and assemble never executes a message Scan rejects.
package placeholder

import (
	"fmt"
	"strings"

	"github.com/tilmash/tilmash/translate/markup"
)

// Braces is the one constant action a message may hold besides
// placeholders: {{"{{"}}, text/template's way to write "{{" itself, which
// the English has when its article does (markup.Escape writes it, and
// markup.Tokens reads it as an escape).
const Braces = `"{{"`

// Error is an action that is not a placeholder, at its byte offset.
type Error struct {
	Offset int    // of the "{{" that opens it, in the message
	Action string // the action as written, shortened if long
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Placeholder is one {{.Name}} of a message.
type Placeholder struct {
	Name       string
	Start, End int // byte offsets of "{{" and just after "}}"
}

// Scan returns the placeholders of s, in order, or the first action that is
// not one. A placeholder is "{{", optional spaces, ".", a Go identifier,
// optional spaces, "}}": {{.Number1}} or {{ .Name }}, as markup.Tokens
// reads them. Text outside {{ }} is free, "}}" included, and so is
// {{"{{"}} (Braces).
func Scan(s string) ([]Placeholder, *Error) {
	var out []Placeholder
	for t := range markup.Tokens(s) {
		if t.Kind == markup.Placeholder {
			out = append(out, Placeholder{Name: t.Name, Start: t.Start, End: t.End})
		}
		if t.Kind != markup.Plain {
			continue
		}
		// A "{{" in text opens an action that is no placeholder.
		j := strings.Index(s[t.Start:t.End], "{{")
		if j < 0 {
			continue
		}
		start := t.Start + j
		end, closed := markup.ActionEnd(s, start)
		if !closed {
			return out, &Error{Offset: start, Action: short(s[start:]), Msg: "a {{ that is never closed: write placeholders as {{.Name}}"}
		}
		action := short(s[start:end])
		return out, &Error{Offset: start, Action: action, Msg: fmt.Sprintf("%s is not a placeholder: a translation holds only the English's placeholders, written as {{.Name}} (no template code)", action)}
	}
	return out, nil
}

// short keeps an action readable in a message.
func short(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
