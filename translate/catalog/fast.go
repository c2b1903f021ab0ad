package catalog

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/internal/bound"
	"github.com/tilmash/tilmash/translate/locale"
)

// parseFast reads a catalogue written the way Format writes one (comments,
// [bare.dotted.id] tables, reserved keys with basic-string values, one per
// line) in a single pass, without the general TOML decoder: at 1,000
// articles the decoder and the second scan were a third of tilmash check.
// It gives exactly what the general path gives, or ok == false for
// anything outside that shape (other TOML syntax, a duplicate, a key go-i18n
// refuses, an error of any kind), which Parse then reads the general way.
func parseFast(path string, data []byte, tag language.Tag) (c *Catalog, ok bool) {
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		return nil, false
	}
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' || b == 0x7f {
			return nil, false // CR, or a control character TOML refuses: the general path says where
		}
	}
	c = &Catalog{Locale: tag, Path: path}
	seen := map[string]bool{}
	var m *Message
	var keys map[string]bool // the current table's keys
	empty := false           // a table without keys: not a message to the general path
	var pending []string
	seenTable := false
	// One string for the whole file: lines, comments and most texts are
	// slices of it, not copies (a copy per line was most of the garbage).
	for n, rest := 1, string(data); len(rest) > 0; n++ {
		var line string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		trimmed := strings.Trim(line, " \t") // TOML's white space, no other
		switch {
		case trimmed == "":
			if !seenTable {
				c.addHeaderBlock(pending)
			} else if m != nil {
				m.addTail(pending)
			}
			pending = nil
		case trimmed != line:
			return nil, false // indentation: the general path
		case strings.HasPrefix(line, sectionMark):
		case line[0] == '#':
			pending = append(pending, line)
		case line[0] == '[':
			id, good := tableName(line)
			if !good || seen[id] {
				return nil, false
			}
			seen[id] = true
			if m != nil && len(keys) == 0 {
				empty = true
			}
			keys = map[string]bool{}
			m = &Message{ID: id, Forms: map[locale.Form]string{}, FormPos: map[locale.Form]Pos{}, Pos: Pos{File: path, Line: n, Col: 1}}
			for _, p := range pending {
				if generated(p) {
					m.Comments = append(m.Comments, p)
				} else {
					m.Notes = append(m.Notes, p)
				}
			}
			c.Messages = append(c.Messages, m)
			pending, seenTable = nil, true
		default:
			if m == nil {
				return nil, false // a key outside any table
			}
			key, value, col, note, good := keyValue(line)
			if !good || keys[key] {
				return nil, false
			}
			keys[key] = true
			m.addKeyNotes(key, pending)
			m.addLineNote(key, note)
			switch key {
			case "description":
				m.Description = value
			case "hash":
				m.Hash = value
			case "zero", "one", "two", "few", "many", "other":
				m.Forms[locale.Form(key)] = value
				m.FormPos[locale.Form(key)] = Pos{File: path, Line: n, Col: col}
			default:
				return nil, false
			}
			pending = nil
		}
	}
	if m != nil {
		m.addTail(pending) // the file's last lines
	} else {
		c.addHeaderBlock(pending)
	}
	// A table with no keys, or one whose ID is another's prefix, is not a
	// message the way the general path sees it.
	if empty || m != nil && len(keys) == 0 {
		return nil, false
	}
	ids := make([]string, 0, len(c.Messages))
	for _, m := range c.Messages {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if strings.HasPrefix(ids[i], ids[i-1]+".") {
			return nil, false
		}
	}
	return c, true
}

// tableName reads "[a.b-c.d_1]": bare keys only, no spaces, nothing after,
// at most bound.MaxDepth of them (the general path refuses more).
func tableName(line string) (string, bool) {
	if len(line) < 3 || line[len(line)-1] != ']' {
		return "", false
	}
	id := line[1 : len(line)-1]
	if id == "" || id[0] == '.' || id[len(id)-1] == '.' || strings.Contains(id, "..") || strings.Count(id, ".") >= bound.MaxDepth {
		return "", false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c == '.' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "", false
		}
	}
	return id, true
}

// keyValue reads `key = "value"`: a lower-case bare key, a basic string with
// TOML's escapes, then nothing or a comment (note). col is the value's
// column in characters.
func keyValue(line string) (key, value string, col int, note string, ok bool) {
	i := 0
	for i < len(line) && line[i] >= 'a' && line[i] <= 'z' {
		i++
	}
	if i == 0 {
		return "", "", 0, "", false
	}
	key = line[:i]
	j := i
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j == len(line) || line[j] != '=' {
		return "", "", 0, "", false
	}
	j++
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j == len(line) || line[j] != '"' || strings.HasPrefix(line[j:], `"""`) {
		return "", "", 0, "", false
	}
	col = utf8.RuneCountInString(line[:j]) + 1
	value, end, ok := basicString(line, j+1)
	if !ok {
		return "", "", 0, "", false
	}
	rest := strings.TrimLeft(line[end:], " \t")
	if rest != "" && rest[0] != '#' {
		return "", "", 0, "", false
	}
	return key, value, col, strings.TrimRight(rest, " \t"), true
}

// basicString decodes a TOML basic string from s[start:] up to its closing
// quote, returning the index after it.
func basicString(s string, start int) (string, int, bool) {
	var b strings.Builder
	plain := start
	for i := start; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			if b.Len() == 0 && plain == start {
				return s[start:i], i + 1, true
			}
			b.WriteString(s[plain:i])
			return b.String(), i + 1, true
		case c == '\\':
			b.WriteString(s[plain:i])
			if i+1 >= len(s) {
				return "", 0, false
			}
			n := 2
			switch s[i+1] {
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case '"':
				b.WriteByte('"')
			case '\\':
				b.WriteByte('\\')
			case 'u', 'U':
				digits := 4
				if s[i+1] == 'U' {
					digits = 8
				}
				if i+2+digits > len(s) {
					return "", 0, false
				}
				v, err := strconv.ParseUint(s[i+2:i+2+digits], 16, 32)
				r := rune(v)
				if err != nil || !utf8.ValidRune(r) {
					return "", 0, false
				}
				b.WriteRune(r)
				n = 2 + digits
			default:
				return "", 0, false
			}
			i += n
			plain = i
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", 0, false
		default:
			i++
		}
	}
	return "", 0, false // never closed
}
