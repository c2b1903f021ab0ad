package fileset

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzRecover: whatever a journal holds, Recover never touches a file that
// is not one of the project's outputs, and a journal it refuses changes
// nothing at all.
func FuzzRecover(f *testing.F) {
	valid, _ := json.Marshal(journal{Version: journalVersion, Command: "build", Rename: []journalEntry{
		{Tmp: "dist/en/.a.html.tmp-2", Dst: "dist/en/a.html", New: sum("new page")},
		{Tmp: "locales/.ru.toml.tmp-1", Dst: "locales/ru.toml", New: sum("new ru"), Old: sum("[a]\nother = \"Текст\"\n")},
	}, Remove: []string{"dist/en/b.html"}})
	f.Add(valid)
	f.Add([]byte(`{"version":2,"rename":[{"tmp":".git/.config.tmp-4","dst":".git/config","new":"` + sum("evil") + `"}]}`))
	f.Add([]byte(`{"version":2,"remove":["content/a.md","tilmash.toml","dist/../content/a.md"]}`))
	f.Add([]byte(`{"rename":[["dist/en/.a.html.tmp-2","dist/en/a.html"]]}`))
	f.Add([]byte(`{"version":2,"rename":[{"tmp":"dist/en/.a.html.tmp-2","dst":"dist/en/a.html","new":"` + sum("new page") + `","old":"absent"}]}`))
	base := map[string]string{
		"tilmash.toml": "[locales.ru]\n", "content/a.md": "+++\n+++\nText.\n", ".git/config": "[core]\n", ".git/.config.tmp-4": "evil",
		"locales/ru.toml": "[a]\nother = \"Текст\"\n", "locales/.ru.toml.tmp-1": "new ru", "dist/en/a.html": "old", "dist/en/b.html": "b",
		"dist/en/.a.html.tmp-2": "new page", "content/.a.md.tmp-5": "evil article",
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		write(t, root, base)
		if err := os.WriteFile(filepath.Join(root, JournalName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		before := files(t, root)
		PendingWrite(root) // reads, never panics
		_, err := Recover(root, project)
		after := files(t, root)
		if err != nil {
			if !reflect.DeepEqual(after, before) {
				t.Fatalf("a refused journal changed the project: %v", err)
			}
			return
		}
		for p, s := range before {
			if touchable(p) {
				continue
			}
			if after[p] != s {
				t.Fatalf("Recover changed %s, which is not an output", p)
			}
		}
		for p := range after {
			if _, ok := before[p]; !ok && !touchable(p) {
				t.Fatalf("Recover created %s", p)
			}
			if strings.HasPrefix(p, "..") {
				t.Fatalf("Recover wrote outside: %s", p)
			}
		}
	})
}

// touchable reports whether Recover may change p: an output, the temporary
// file of one, or the journal itself.
func touchable(p string) bool {
	if project(p) || p == JournalName {
		return true
	}
	dir, base := path.Split(p)
	i := strings.LastIndex(base, ".tmp-")
	return IsTemp(base) && project(dir+base[1:i])
}
