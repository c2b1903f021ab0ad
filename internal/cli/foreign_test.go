package cli

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestForeignCatalogue runs the real commands on the test project with a
// file another tool wrote, the tool's own output (made by
// translate/catalog/testdata/foreign/gen.sh): the Russian catalogue as
// Weblate saves it through translate-toolkit's go-i18n TOML store (issue
// 25: tilmash read it as 26 units missing and 58 entries obsolete, and
// extract wrote over it a file tilmash could not read), the same after
// such an extract, goi18n merge's output over the catalogue, and goi18n's
// work files in the locales folder. Each command names the file in one
// error at its place, with the tool and what to do, exits as a broken
// catalogue makes it exit (check, build and status 2, as Russian is
// required: status after its table without Russian; extract 2) and
// changes no file but build's editions of the other locales.
func TestForeignCatalogue(t *testing.T) {
	t.Parallel()
	const ru = "locales/ru/the-conscript.ru.toml"
	rewritten := `locales/ru/the-conscript\.ru\.toml:22:1: rewritten by a tool that does not know go-i18n's reserved keys \(Weblate's or translate-toolkit's go-i18n TOML store\): \[the-conscript\.publication\.other\] makes the "other" of entry the-conscript\.publication a table of its own, as do 57 more tables here \(hash, one, few, many, other\) \(restore the file as tilmash wrote it: git checkout -- locales/ru/the-conscript\.ru\.toml, or from the commit before the tool's; then hand the work to Weblate as PO: tilmash handoff --locale ru --all --format po`
	goi18nActive := `locales/active\.en\.toml:1:1: "active\.en\.toml" is a work file of goi18n, go-i18n's command, not a tilmash catalogue: .*move the file out of locales/ or delete it`
	tests := []struct {
		name  string
		files map[string]string // path → the file under translate/catalog/testdata/foreign
		args  string
		code  int
		err   string // the one error, a regular expression after "tilmash: "
	}{
		{"check", map[string]string{ru: "weblate-saved.ru.toml"}, "check --no-spelling", 2, rewritten},
		{"status", map[string]string{ru: "weblate-saved.ru.toml"}, "status", 2, rewritten},
		{"build", map[string]string{ru: "weblate-saved.ru.toml"}, "build", 2, rewritten},
		{"extract", map[string]string{ru: "weblate-saved.ru.toml"}, "extract", 2, rewritten},
		{"extract after a translator's edit in Weblate", map[string]string{"locales/kk/the-conscript.kk.toml": "weblate-edited.kk.toml"}, "extract", 2,
			`locales/kk/the-conscript\.kk\.toml:22:1: rewritten by a tool .*as do 53 more tables here \(hash, one, other\)`},
		{"check after an older extract", map[string]string{ru: "extracted.ru.toml"}, "check --no-spelling", 2,
			`locales/ru/the-conscript\.ru\.toml:233:1: rewritten by a tool that does not know go-i18n's reserved keys \(Weblate's or translate-toolkit's go-i18n TOML store\), then by an older tilmash extract`},
		{"goi18n merge's output over a catalogue", map[string]string{ru: "goi18n-translate.ru.toml"}, "extract", 2,
			`locales/ru/the-conscript\.ru\.toml:3:8: hash = "sha1-9cccf6b90d6b0f5f64388c4f923721a71c2d3400" is go-i18n's hash, not tilmash's: goi18n merge wrote this entry, and 25 more in this file`},
		{"goi18n's work files in the locales folder", map[string]string{"locales/active.en.toml": "goi18n-active.en.toml", "locales/translate.ru.toml": "goi18n-translate.ru.toml"}, "check --no-spelling", 2, goi18nActive},
		{"and build", map[string]string{"locales/active.en.toml": "goi18n-active.en.toml", "locales/translate.ru.toml": "goi18n-translate.ru.toml"}, "build", 2, goi18nActive},
	}
	// What tilmash read as missing and obsolete units, anywhere in what a
	// command prints: findings, counts, the status table's Russian row.
	misread := regexp.MustCompile(`\[(missing|obsolete)\]|\d+ (missing|obsolete)|(?m)^ +ru +\d`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := copyProject(t)
			files := map[string][]byte{}
			for p, name := range tt.files {
				data, err := os.ReadFile("../../translate/catalog/testdata/foreign/" + name)
				if err != nil {
					t.Fatal(err)
				}
				files[p] = data
			}
			writeTree(t, dir, files)
			before := tree(t, dir)
			code, out, errOut := tilmashExec(t, dir, strings.Fields(tt.args)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if n := len(regexp.MustCompile(`(?m)^tilmash: `+tt.err).FindAllString(errOut, -1)); n != 1 {
				t.Errorf("the error %d times in standard error, want once: %s", n, tt.err)
			}
			if m := misread.FindString(out + errOut); m != "" {
				t.Errorf("reported as %q", m)
			}
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", out, errOut)
			}
			after := tree(t, dir)
			for p := range mergeKeys(before, after) {
				if p == ".tilmash.lock" || tt.args == "build" && strings.HasPrefix(p, "dist/") && !strings.HasPrefix(p, "dist/ru/") {
					continue
				}
				if !bytes.Equal(before[p], after[p]) {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}
