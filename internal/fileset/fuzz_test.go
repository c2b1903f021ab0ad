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
	}, Remove: []journalGone{{Path: "dist/en/b.html", Sum: sum("b")}, {Path: "locales/ru.toml", Sum: sum("[a]\nother = \"Текст\"\n")}}})
	f.Add(valid)
	f.Add([]byte(`{"version":3,"rename":[{"tmp":".git/.config.tmp-4","dst":".git/config","new":"` + sum("evil") + `"}]}`))
	f.Add([]byte(`{"version":3,"remove":[{"path":"content/a.md","sum":"` + sum("+++\n+++\nText.\n") + `"},{"path":"dist/en/b.html","sum":"` + sum("b") + `"}]}`))
	f.Add([]byte(`{"rename":[["dist/en/.a.html.tmp-2","dist/en/a.html"]]}`))
	f.Add([]byte(`{"version":3,"rename":[{"tmp":"dist/en/.a.html.tmp-2","dst":"dist/en/a.html","new":"` + sum("new page") + `","old":"absent"}]}`))
	f.Add([]byte(`{"version":3,"rename":[{"tmp":"locales/.ru.toml.tmp-1","dst":"locales/ru.toml","new":"` + sum("[a]\nother = \"Текст\"\n") + `","old":"` + sum("x") + `"}]}`))
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
			if strings.HasPrefix(p, "locales/") && !strings.Contains(p, ".tmp-") {
				// A catalogue is never removed, and gets only content a
				// journal's fingerprint vouches for (here "new ru").
				if a, ok := after[p]; !ok || a != s && a != "new ru" {
					t.Fatalf("Recover changed catalogue %s to %q", p, a)
				}
				continue
			}
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
	if written(p) || p == JournalName {
		return true
	}
	dir, base := path.Split(p)
	if i := strings.LastIndex(base, ".saved-"); i > 0 && written(dir+base[:i]) {
		return true // a save kept aside
	}
	i := strings.LastIndex(base, ".tmp-")
	return IsTemp(base) && written(dir+base[1:i])
}
