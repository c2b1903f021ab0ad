package catalog

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tilmash/tilmash/translate/catalog/catpath"
)

// Catalogues other tools rewrote. Two tools read go-i18n's files and save
// them in a shape tilmash must not take at its word:
//
//   - the go-i18n TOML store of translate-toolkit (GoI18nTOMLFile, 3.17
//     on), which Weblate (5.15 on) uses for "go-i18n TOML file": it takes
//     a plural table only when every key is a plural form, so each
//     tilmash entry ([id] with hash, other…) becomes a table of messages,
//     and any save, even with no edit, writes each key back as a table of
//     its own, [id.other] other = "…", [id.hash] other = "sha256-…". Read
//     as go-i18n reads it, that is every unit missing and twice as many
//     obsolete entries whose IDs end in a reserved key: a shape no tilmash
//     ID has (package segment never makes a reserved word an ID segment).
//   - goi18n merge, which hashes the source's description and other with
//     SHA-1 ("sha1-…") and throws away every translation whose hash is not
//     that one, so all of tilmash's.
//
// Parse names either in one error at its place, with what to do, rather
// than report what it reads as missing, obsolete or stale units.

// rewritten returns the error for a catalogue whose messages have IDs
// ending in a go-i18n reserved key, the shape translate-toolkit's go-i18n
// TOML store saves, or nil: at the first of them, counting the others.
func rewritten(c *Catalog) *Error {
	var first *Message
	var firstKey string
	n := 0
	var seen map[string]bool // made only for a file that is one
	for _, m := range c.Messages {
		key, ok := reservedLast(m.ID)
		if !ok {
			continue
		}
		if first == nil {
			first, firstKey, seen = m, key, map[string]bool{}
		}
		seen[key] = true
		n++
	}
	if first == nil {
		return nil
	}
	return rewrittenError(c.Path, c.Locale.String(), first.Pos, first.ID, firstKey, n, seen, false)
}

// reservedLast returns an ID's last segment when it is one of go-i18n's
// reserved keys.
func reservedLast(id string) (string, bool) {
	last := strings.ToLower(id[strings.LastIndexByte(id, '.')+1:])
	return last, reserved[last]
}

// rewrittenError is the error at pos for a catalogue rewritten by
// translate-toolkit's go-i18n TOML store: table is the first table named
// after a reserved key (its last segment key), n how many there are, and
// keys which keys they are named after. extracted says that tilmash
// extract, before it knew the shape, then wrote the file back.
func rewrittenError(path, tag string, pos Pos, table, key string, n int, keys map[string]bool, extracted bool) *Error {
	entry := table
	if len(table) > len(key) {
		entry = table[:len(table)-len(key)-1]
	}
	msg := "rewritten by a tool that does not know go-i18n's reserved keys (Weblate's or translate-toolkit's go-i18n TOML store)"
	if extracted {
		msg += ", then by an older tilmash extract, which kept what it read as obsolete entries beside new empty ones"
	}
	msg += fmt.Sprintf(": [%s] makes the %q of entry %s a table of its own", table, key, entry)
	if n > 1 {
		var names []string
		for _, k := range reservedOrder {
			if keys[k] {
				names = append(names, k)
			}
		}
		more := fmt.Sprintf("as do %d more tables", n-1)
		if n == 2 {
			more = "as does 1 more table"
		}
		msg += fmt.Sprintf(", %s here (%s)", more, strings.Join(names, ", "))
	}
	if tag == "" || tag == "und" {
		tag = "LOCALE"
	}
	restore := "git checkout -- " + path + ", or from the commit before the tool's"
	if extracted {
		restore = "from the commit before the tool's, which git log -- " + path + " lists"
	}
	return &Error{Pos: pos, Msg: msg,
		Hint: fmt.Sprintf("restore the file as tilmash wrote it: %s; then hand the work to Weblate as PO: tilmash handoff --locale %s --all --format po, and tilmash import brings it back; a translation made in the tool stands in its entry's [ID.other] table", restore, tag)}
}

// reservedOrder is go-i18n's reserved keys in the order a message table
// holds them.
var reservedOrder = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}

// rewrittenThenExtracted recognises, for a TOML error that a key or table
// is defined twice, a file the go-i18n TOML store rewrote and tilmash
// extract then wrote back: tables named after reserved keys ([id.hash])
// beside the entries extract added ([id] with its hash). It returns nil
// for any other file.
func rewrittenThenExtracted(path string, data []byte) *Error {
	var first Pos
	var table, key string
	n := 0
	keys := map[string]bool{}
	line := 0
	for l := range strings.Lines(string(data)) {
		l = strings.TrimSuffix(l, "\n")
		line++
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[[") {
			continue
		}
		m := tableRe.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		id := normKey(m[1])
		k, ok := reservedLast(id)
		if !ok || !strings.Contains(id, ".") {
			continue
		}
		if n == 0 {
			first, table, key = Pos{File: path, Line: line, Col: utf8.RuneCountInString(l[:strings.IndexByte(l, '[')]) + 1}, id, k
		}
		keys[k] = true
		n++
	}
	if n == 0 {
		return nil
	}
	tag := ""
	if t, ok := catpath.Tag(path); ok {
		tag = t.String()
	}
	return rewrittenError(path, tag, first, table, key, n, keys, true)
}

// goi18nHash is how the hashes goi18n merge writes begin: SHA-1 of a
// source message's description and other, where tilmash writes
// segment.Hash ("sha256-…").
const goi18nHash = "sha1-"

// goi18nHashed returns the error for a catalogue holding hashes goi18n
// merge wrote, at the first one, or nil.
func goi18nHashed(c *Catalog, data []byte) *Error {
	var first *Message
	n := 0
	for _, m := range c.Messages {
		if strings.HasPrefix(m.Hash, goi18nHash) {
			if first == nil {
				first = m
			}
			n++
		}
	}
	if first == nil {
		return nil
	}
	msg := fmt.Sprintf("hash = %q is go-i18n's hash, not tilmash's: goi18n merge wrote this entry", first.Hash)
	if n > 1 {
		msg += fmt.Sprintf(", and %d more in this file", n-1)
	}
	return &Error{Pos: hashPos(c.Path, data, first), Msg: msg,
		Hint: "goi18n merge hashes the English with SHA-1 and takes every other hash for outdated, tilmash's too: it drops those translations and asks for them again, the English as their text; " +
			"restore the file as tilmash wrote it, git checkout -- " + c.Path + ", and keep the catalogues up to date with tilmash extract, not goi18n merge"}
}

// hashPos finds the position of m's hash value in data: on the line of
// its hash key, after the table header; the header's if not found.
func hashPos(path string, data []byte, m *Message) Pos {
	line := 0
	for l := range strings.Lines(string(data)) {
		l = strings.TrimSuffix(l, "\n")
		line++
		if line <= m.Pos.Line {
			continue
		}
		if tableRe.MatchString(l) {
			break
		}
		if k := keyRe.FindStringSubmatchIndex(l); k != nil && strings.EqualFold(normKey(l[k[2]:k[3]]), "hash") {
			return Pos{File: path, Line: line, Col: utf8.RuneCountInString(l[:k[1]]) + 1}
		}
	}
	return m.Pos
}

// Goi18nFileError is the error for a file at path under the locales
// folder dir that goi18n wrote (catpath.Goi18n): kind is "active" or
// "translate".
func Goi18nFileError(dir, path, kind string) *Error {
	name := path[strings.LastIndexByte(path, '/')+1:]
	what := "goi18n merge and extract write the messages they count as translated to active.<locale>.toml"
	if kind == "translate" {
		what = "goi18n merge writes the messages it wants translated, the English as their text, to translate.<locale>.toml"
	}
	return &Error{Pos: Pos{File: path, Line: 1, Col: 1},
		Msg: fmt.Sprintf("%q is a work file of goi18n, go-i18n's command, not a tilmash catalogue: %s; tilmash does not read it", name, what),
		Hint: fmt.Sprintf("tilmash's catalogues are %[1]s/<locale>/<article>.<locale>.toml, or %[1]s/<locale>.toml in the old layout, and tilmash extract does goi18n merge's work: "+
			"move the file out of %[1]s/ or delete it, and never copy it over a catalogue: goi18n merge keeps none of tilmash's translations, whose hashes are not its own", dir)}
}

// HasHeader reports whether data begins with the comment tilmash writes
// at the top of every catalogue: a file tilmash wrote, not another tool.
func HasHeader(data []byte) bool {
	s := string(data[:min(len(data), 64)])
	s = strings.TrimPrefix(s, "\uFEFF")
	return generatedHeader([]string{s})
}
