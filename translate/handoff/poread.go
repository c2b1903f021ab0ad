package handoff

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// POEntry is one entry of a PO file as ReadPO reads it.
type POEntry struct {
	Line     int            // the line of its first keyword
	Comments []string       // its comment lines, as written
	Fuzzy    bool           // "#, fuzzy"
	Context  string         // msgctxt
	ID       string         // msgid
	Plural   string         // msgid_plural
	Str      map[int]string // msgstr (index 0) or msgstr[n]
	StrLine  map[int]int    // the line of each msgstr
	Indexed  bool           // its msgstrs are msgstr[n] (a plural entry), not msgstr
	hasCtx   bool
	seen     uint16     // the keywords it has: a bit each (kwBit)
	ptrs     [6]*string // each msgstr as continuation lines extend it
}

// PO is a PO file: its header fields and its entries.
type PO struct {
	Header  map[string]string // "Language" → "ru"
	Entries []*POEntry
}

// Error is a problem in a work file, at a position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// ReadPO reads a PO file, as CAT tools and editors save them: with or
// without a byte-order mark, LF or CRLF line ends, strings split over
// lines. Errors name file:line:col. It holds little beyond the file and
// the strings it reads (no slice of lines, no map per entry but its
// msgstrs), so that its memory stays a small multiple of the file's size.
func ReadPO(file string, data []byte) (*PO, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		return nil, &Error{file, line, 1, "invalid UTF-8: save the file as UTF-8"}
	}
	po := &PO{Header: map[string]string{}}
	var e *POEntry
	var last *string // the string continuation lines extend
	flush := func() {
		if e != nil && e.has("msgid") {
			po.Entries = append(po.Entries, e)
		}
		e, last = nil, nil
	}
	rest := string(data)
	for n, more := 0, true; more; n++ {
		var raw string
		raw, rest, more = strings.Cut(rest, "\n")
		ln := n + 1
		line := strings.TrimRight(raw, "\r")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			if e != nil && e.has("msgid") {
				flush()
			}
			last = nil
		case strings.HasPrefix(t, "#~"):
			// an obsolete entry: not work to import
		case strings.HasPrefix(t, "#"):
			if e != nil && e.has("msgid") && len(e.Str) > 0 {
				flush()
			}
			if e == nil {
				e = &POEntry{Str: map[int]string{}, StrLine: map[int]int{}}
			}
			e.Comments = append(e.Comments, t)
			if strings.HasPrefix(t, "#,") {
				for _, f := range strings.Split(t[2:], ",") {
					if strings.TrimSpace(f) == "fuzzy" {
						e.Fuzzy = true
					}
				}
			}
			last = nil
		case strings.HasPrefix(t, `"`):
			if last == nil {
				return nil, &Error{file, ln, 1, "a string that continues nothing: it must follow msgid, msgstr or another string"}
			}
			s, err := unquote(t)
			if err != nil {
				return nil, &Error{file, ln, 1 + strings.Index(line, `"`), err.Error()}
			}
			*last += s
		default:
			kw, rest, _ := strings.Cut(t, " ")
			rest = strings.TrimSpace(rest)
			col := 1 + strings.Index(line, rest)
			if e != nil && e.has("msgid") && (kw == "msgctxt" || kw == "msgid" && len(e.Str) > 0) {
				flush()
			}
			if e == nil {
				e = &POEntry{Str: map[int]string{}, StrLine: map[int]int{}}
			}
			s, err := unquote(rest)
			if err != nil {
				return nil, &Error{file, ln, col, err.Error()}
			}
			if e.Line == 0 {
				e.Line = ln
			}
			switch {
			case kw == "msgctxt":
				e.Context, e.hasCtx = s, true
				last = &e.Context
			case kw == "msgid":
				e.ID = s
				last = &e.ID
			case kw == "msgid_plural":
				e.Plural = s
				last = &e.Plural
			case kw == "msgstr":
				if e.Indexed {
					return nil, &Error{file, ln, 1, "msgstr after msgstr[N] in one entry: a plural entry has only msgstr[N] lines"}
				}
				e.StrLine[0] = ln
				last = strPtr(e, 0, s)
			case strings.HasPrefix(kw, "msgstr[") && strings.HasSuffix(kw, "]"):
				idx, err := strconv.Atoi(kw[len("msgstr[") : len(kw)-1])
				if err != nil || idx < 0 || idx > 5 {
					return nil, &Error{file, ln, 1, fmt.Sprintf("%q: msgstr[N] needs N from 0 to 5", kw)}
				}
				if e.has("msgstr") {
					return nil, &Error{file, ln, 1, "msgstr[N] after msgstr in one entry: a plural entry has only msgstr[N] lines"}
				}
				e.Indexed = true
				e.StrLine[idx] = ln
				last = strPtr(e, idx, s)
			default:
				return nil, &Error{file, ln, 1, fmt.Sprintf("%q is not a PO keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[N])", kw)}
			}
			if e.has(kw) {
				return nil, &Error{file, ln, 1, fmt.Sprintf("%s twice in one entry (a blank line missing between two entries?)", kw)}
			}
			e.seen |= kwBit(kw)
		}
	}
	flush()
	// Write back the msgstr strings the continuation lines extended.
	for _, e := range po.Entries {
		for i, p := range e.ptrs {
			if p != nil {
				e.Str[i] = *p
			}
		}
	}
	if len(po.Entries) > 0 && po.Entries[0].ID == "" && !po.Entries[0].hasCtx {
		for _, l := range strings.Split(po.Entries[0].Str[0], "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok {
				po.Header[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		po.Entries = po.Entries[1:]
	}
	return po, nil
}

// strPtr keeps each msgstr in its own string, so that continuation lines
// extend the right one.
func strPtr(e *POEntry, idx int, v string) *string {
	p := new(string)
	*p = v
	e.ptrs[idx] = p
	e.Str[idx] = v
	return p
}

// kwBit is a keyword's bit in POEntry.seen: msgctxt, msgid, msgid_plural,
// msgstr, then msgstr[0] to msgstr[5].
func kwBit(kw string) uint16 {
	switch kw {
	case "msgctxt":
		return 1 << 0
	case "msgid":
		return 1 << 1
	case "msgid_plural":
		return 1 << 2
	case "msgstr":
		return 1 << 3
	}
	if i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(kw, "msgstr["), "]")); err == nil && i >= 0 && i < 6 {
		return 1 << (4 + i)
	}
	return 0
}

// has reports whether the entry has the keyword kw.
func (e *POEntry) has(kw string) bool { return e.seen&kwBit(kw) != 0 }

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// unquote reads one C-escaped PO string, "…".
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("expected a string in double quotes, found %q", s)
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			return "", fmt.Errorf("a \" inside a string: write \\\"")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(body) {
			return "", fmt.Errorf("a string ends with a lone \\")
		}
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(body[i])
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(body[i:j], 8, 8)
			b.WriteByte(byte(v))
			i = j - 1
		default:
			return "", fmt.Errorf("unknown escape \\%c", body[i])
		}
	}
	return b.String(), nil
}
