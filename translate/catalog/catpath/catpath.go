// Package catpath places a project's catalogues on disk: one file per
// article and locale, mirroring the content folder,
//
//	content/world/the-conscript.md  →  locales/ru/world/the-conscript.ru.toml
//
// The locale is in the file's name as go-i18n reads it (the part between
// the last two dots), so go-i18n's LoadMessageFile loads each file as its
// language, and in the folder, so a translator is assigned a folder. The
// old layout, one file per locale (locales/ru.toml), is still read, so
// that extract can migrate it.
package catpath

import (
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/locale"
)

// Format is the catalogue format this tilmash writes: 2, a catalogue per
// article (format 1 was a catalogue per locale). Each file says it in its
// header (FormatLine); a file of a newer format is refused.
const Format = 2

// FormatLine is the header line that carries a file's format.
const FormatLine = "# tilmash catalogue format "

// Article is the catalogue file of the article at rel (its path relative
// to the content folder, such as "world/the-conscript.md") in locale tag,
// under the locales folder dir.
func Article(dir string, tag language.Tag, rel string) string {
	t := tag.String()
	return path.Join(dir, t, strings.TrimSuffix(rel, ".md")+"."+t+".toml")
}

// Folder is the folder of a locale's catalogues: locales/ru.
func Folder(dir string, tag language.Tag) string { return path.Join(dir, tag.String()) }

// Flat is a locale's one catalogue in the old layout: locales/ru.toml.
func Flat(dir string, tag language.Tag) string { return path.Join(dir, tag.String()+".toml") }

// File is a catalogue file found under the locales folder.
type File struct {
	Locale  language.Tag
	Article string // the article's path relative to the content folder, with .md; "" for a flat file
	Flat    bool   // the old layout: locales/<tag>.toml
}

// Parse reads what a file under the locales folder dir is, from its slash
// path p. It reports false for a path that is no catalogue of either
// layout: not under dir, not .toml, a locale not written as its tag writes
// itself (rus.toml, kk-latn), or a file whose name and folder name two
// different locales (locales/ru/x.kk.toml).
func Parse(dir, p string) (File, bool) {
	dir = path.Clean(dir)
	rel, ok := strings.CutPrefix(p, dir+"/")
	if dir == "." {
		rel, ok = p, true
	}
	if !ok || !strings.HasSuffix(rel, ".toml") {
		return File{}, false
	}
	folder, rest, nested := strings.Cut(rel, "/")
	if !nested {
		tag, ok := exact(strings.TrimSuffix(rel, ".toml"))
		return File{Locale: tag, Flat: true}, ok
	}
	tag, ok := exact(folder)
	if !ok {
		return File{}, false
	}
	stem := strings.TrimSuffix(rest, "."+folder+".toml")
	if stem == rest || stem == "" || strings.HasSuffix(stem, "/") {
		return File{}, false
	}
	return File{Locale: tag, Article: stem + ".md"}, true
}

// Tag reads the locale of a catalogue file's name as go-i18n does: the
// part between the last two dots (the-conscript.ru.toml, ru.toml). It
// reports false when that part is not a tag written as the tag writes
// itself.
func Tag(name string) (language.Tag, bool) {
	stem, ok := strings.CutSuffix(path.Base(name), ".toml")
	if !ok {
		return language.Und, false
	}
	return exact(stem[strings.LastIndexByte(stem, '.')+1:])
}

// exact parses a locale tag written exactly as it writes itself.
func exact(s string) (language.Tag, bool) {
	tag, err := locale.Parse(s)
	return tag, err == nil && tag.String() == s
}

// Goi18n reports whether name (a file's name, or its path) is one that
// goi18n, go-i18n's command, gives its work files: active.<tag>.toml, the
// messages goi18n merge or extract counts as translated (the source
// language's all of them), or translate.<tag>.toml, the messages goi18n
// merge wants translated, the source language's text in their place. It
// returns the name's first part, "active" or "translate".
func Goi18n(name string) (kind string, ok bool) {
	stem, ok := strings.CutSuffix(path.Base(name), ".toml")
	if !ok {
		return "", false
	}
	kind, tag, ok := strings.Cut(stem, ".")
	if !ok || kind != "active" && kind != "translate" {
		return "", false
	}
	if _, ok := exact(tag); !ok {
		return "", false
	}
	return kind, true
}
