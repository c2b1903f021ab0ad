package preview

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/internal/workspace"
)

// TestLasting: of the files a burst of changes named, those without an
// extension (a tool's temporary file, there or gone) are dropped; an input
// (it has an extension), removed or there, and a folder, there or a
// watched one gone, stay.
func TestLasting(t *testing.T) {
	root := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "content/news"), 0o755))
	for _, f := range []string{"content/a.md", "content/NOTES"} {
		must(t, os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755))
		must(t, os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644))
	}
	w := &watcher{root: root, lay: workspace.Default, dirs: map[string]bool{"content/world": true}} // watched, since moved away
	for _, tt := range []struct {
		changed, want []string
	}{
		{[]string{"content/sedAbC123", "content/a.md"}, []string{"content/a.md"}},
		{[]string{"content/gone.md", "locales/ru/gone.ru.toml"}, []string{"content/gone.md", "locales/ru/gone.ru.toml"}},
		{[]string{"content/NOTES", "content/news"}, []string{"content/news"}},
		{[]string{"content/world"}, []string{"content/world"}},
		{[]string{"content/sedAbC123"}, nil},
	} {
		if got := w.lasting(tt.changed); !slices.Equal(got, tt.want) {
			t.Errorf("lasting(%q) = %q, want %q", tt.changed, got, tt.want)
		}
	}
}

// TestWatchSedInPlace: an article edited with sed -i (a temporary file
// written beside it, then renamed over it) is one change, of the article:
// the reload names content/a.md and not sed's file.
func TestWatchSedInPlace(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Fatal("sed is not installed")
	}
	root, whys := watching(t, "content/a.md")
	if out, err := exec.Command("sed", "-i", "s/Text/More text/", filepath.Join(root, "content/a.md")).CombinedOutput(); err != nil {
		t.Fatalf("sed: %v\n%s", err, out)
	}
	select {
	case why := <-whys:
		if why != "content/a.md changed" {
			t.Errorf("reload for %q, want \"content/a.md changed\"", why)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reload after sed -i")
	}
	if strings.Contains(strings.Join(drain(whys), "\n"), "sed") {
		t.Error("a reload named sed's temporary file")
	}
}

// TestWatchFolderMovedAway: a folder of articles moved out of the project
// is one event, for the folder: the preview reloads, naming it.
func TestWatchFolderMovedAway(t *testing.T) {
	root, whys := watching(t, "content/world/b.md")
	must(t, os.Rename(filepath.Join(root, "content/world"), filepath.Join(root, "world-old")))
	select {
	case why := <-whys:
		if !strings.Contains(why, "content/world") {
			t.Errorf("reload for %q, want content/world named", why)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reload after the folder was moved away")
	}
}

// watching makes a project of one article at article and watches it
// until the test ends: each reload's reason comes on whys.
func watching(t *testing.T, article string) (root string, whys chan string) {
	t.Helper()
	root = t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, filepath.Dir(article)), 0o755))
	must(t, os.WriteFile(filepath.Join(root, article), []byte("+++\ntitle = \"A\"\n+++\n\nText.\n"), 0o644))
	w, err := newWatcher(root, workspace.Default)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	whys = make(chan string, 10)
	done := make(chan struct{})
	go func() { defer close(done); w.run(ctx, io.Discard, func(why string) { whys <- why }) }()
	t.Cleanup(func() { cancel(); <-done; w.close() })
	return root, whys
}

// drain is what ch holds now, a short settle later.
func drain(ch chan string) []string {
	time.Sleep(3 * settle)
	var out []string
	for {
		select {
		case s := <-ch:
			out = append(out, s)
		default:
			return out
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
