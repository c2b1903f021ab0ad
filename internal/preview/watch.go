package preview

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tilmash/tilmash/internal/escape"
	"github.com/tilmash/tilmash/internal/workspace"
)

// settle is how long the watcher waits after a change for the next one
// before it reads the project: an editor's save (a temporary file, a
// rename) and a command writing several catalogues come as one reading.
const settle = 60 * time.Millisecond

// watcher watches the project's inputs: the settings file, every folder of
// the articles, the catalogues and the glossary. Folders, not files, are
// watched, so that a save by rename (as most editors do it) is seen.
type watcher struct {
	fsw  *fsnotify.Watcher
	root string
	lay  workspace.Layout
	dirs map[string]bool // the folders watched, by path relative to root (slashes): one moved away is a change
}

func newWatcher(root string, lay workspace.Layout) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, root: root, lay: lay, dirs: map[string]bool{}}
	if err := fsw.Add(root); err != nil { // tilmash.toml, and the folders' creation
		fsw.Close()
		return nil, err
	}
	for _, dir := range []string{lay.Content, lay.Locales, lay.Glossary} {
		if dir != "" {
			w.addTree(filepath.Join(root, filepath.FromSlash(dir)))
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it; a folder that does not
// exist yet is watched when it is created.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if w.fsw.Add(p) == nil {
				if rel, err := filepath.Rel(w.root, p); err == nil {
					w.dirs[filepath.ToSlash(rel)] = true
				}
			}
		}
		return nil
	})
}

func (w *watcher) close() { w.fsw.Close() }

// relevant reports whether a change to p concerns the preview: a file in
// one of the project's folders (not one of an editor's swap or backup
// files) or the settings file.
func (w *watcher) relevant(p string) (rel string, ok bool) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == w.lay.Config {
		return rel, true
	}
	for _, dir := range []string{w.lay.Content, w.lay.Locales, w.lay.Glossary} {
		if dir != "" && (rel == dir || strings.HasPrefix(rel, dir+"/")) {
			base := filepath.Base(p)
			if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp") {
				return "", false
			}
			return rel, true
		}
	}
	return "", false
}

// run reads the project (reload) after each burst of changes, until ctx
// is done.
func (w *watcher) run(ctx context.Context, log io.Writer, reload func(why string)) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var changed []string
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			rel, ok := w.relevant(ev.Name)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name) // a new folder of articles, or the glossary created
				}
			}
			if len(changed) == 0 || changed[len(changed)-1] != rel {
				changed = append(changed, rel)
			}
			timer.Reset(settle)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(log, "tilmash: watching the project: %s\n", escape.Line(err.Error()))
		case <-timer.C:
			named := w.lasting(changed)
			changed = changed[:0]
			if len(named) == 0 {
				continue // only a tool's temporary files changed
			}
			reload(strings.Join(dedupe(named), ", ") + " changed")
		}
	}
}

// lasting drops from changed the files without an extension, none of
// them an input (articles, catalogues, glossaries and word lists, images
// all have one): a tool's temporary file, as sed -i writes
// content/sedAbC123 and renames it over the article (the rename is its own
// change, of the article). A folder stays, there or gone: one made with
// files in it must be read again, and one moved away (mv content/world
// elsewhere) is one event, for the folder alone. An input removed has an
// extension, and stays named.
func (w *watcher) lasting(changed []string) []string {
	var out []string
	for _, rel := range changed {
		if path.Ext(rel) == "" && !w.dirs[rel] {
			if fi, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel))); err != nil || !fi.IsDir() {
				continue
			}
		}
		out = append(out, rel)
	}
	return out
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if len(out) > 3 {
		out = append(out[:3], fmt.Sprintf("%d more", len(out)-3))
	}
	return out
}
