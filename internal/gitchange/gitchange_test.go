package gitchange

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// isolate keeps the user's git configuration (a global excludes file,
// say) out of the tests.
func isolate(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// run runs git in dir for a test's setup and returns its output.
func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes files (slash path → content) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pullRequest makes the clone of a pull request: main, and the branch
// feature made from it, with commits on both since, and changes in the
// work tree of feature, which is checked out: staged, not staged, removed,
// new, ignored files, and a repository inside.
func pullRequest(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	run(t, dir, "init", "-q")
	write(t, dir, map[string]string{
		".gitignore":       "*.log\n",
		"a.md":             "a\n",
		"old name.md":      "renamed\n",
		"keep.md":          "keep\n",
		"gone.md":          "gone\n",
		"same.md":          "same\n",
		"content/s.md":     "s\n",
		"content/moved.md": "moved\n",
	})
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "base")
	run(t, dir, "checkout", "-q", "-b", "feature")
	write(t, dir, map[string]string{"a.md": "a, edited\n"})
	run(t, dir, "mv", "old name.md", "new name.md")
	run(t, dir, "mv", "content/moved.md", "moved-out.md")
	run(t, dir, "commit", "-q", "-am", "feature")
	// main goes on: none of this is the pull request's.
	run(t, dir, "checkout", "-q", "main")
	write(t, dir, map[string]string{"main-only.md": "m\n", "same.md": "changed on main\n"})
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "main")
	run(t, dir, "checkout", "-q", "feature")
	// The work tree: staged, not staged, removed, new, ignored.
	write(t, dir, map[string]string{
		"keep.md":           "keep, edited\n",
		"staged.md":         "staged\n",
		"with space.md":     "",
		"new\nline.md":      "",
		"қазақ тілі.md":     "Сәлем\n",
		"content/new.md":    "",
		"x.log":             "ignored\n",
		"content/debug.log": "ignored\n",
	})
	run(t, dir, "add", "staged.md")
	// A repository inside, not a submodule: git lists it as a folder.
	if err := os.Mkdir(filepath.Join(dir, "content", "nested"), 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, filepath.Join(dir, "content", "nested"), "init", "-q")
	write(t, dir, map[string]string{"content/nested/n.md": "n\n"})
	if err := os.Remove(filepath.Join(dir, "gone.md")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChanged: what a pull request's check looks at, from the root or
// from a project in a folder of the repository.
func TestChanged(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	workTree := []string{"gone.md", "keep.md", "staged.md"}
	untracked := []string{"content/new.md", "new\nline.md", "with space.md", "қазақ тілі.md"}
	committed := []string{"a.md", "content/moved.md", "moved-out.md", "new name.md", "old name.md"}
	all := slices.Sorted(slices.Values(slices.Concat(workTree, untracked, committed)))
	tests := []struct {
		name string
		root string // under the clone
		ref  string
		want []string
	}{
		{"since main", ".", "main", all},
		{"since main's hash", ".", run(t, dir, "rev-parse", "main"), all},
		{"since the branch point", ".", "feature~1", all},
		{"since HEAD: the work tree only", ".", "HEAD", slices.Sorted(slices.Values(slices.Concat(workTree, untracked)))},
		{"a project in a folder", "content", "main", []string{"moved.md", "new.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Changed(context.Background(), filepath.Join(dir, tt.root), tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Changed = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

// TestChangedRefused: refs and clones Changed cannot answer for, each
// with its kind and a message that says what to do; a ref that would be
// an option never reaches git.
func TestChangedRefused(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	run(t, dir, "checkout", "-q", "--orphan", "unrelated")
	run(t, dir, "commit", "-q", "-m", "unrelated")
	run(t, dir, "checkout", "-q", "feature")

	// A shallow CI clone of the pull request: the base branch not fetched,
	// then fetched one commit deep.
	shallow := filepath.Join(t.TempDir(), "clone")
	run(t, dir, "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+dir, shallow)
	shallowFetched := filepath.Join(t.TempDir(), "clone")
	run(t, dir, "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+dir, shallowFetched)
	run(t, shallowFetched, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")

	outside := t.TempDir()
	optionFile := filepath.Join(outside, "written")
	tests := []struct {
		name string
		root string
		ref  string
		kind error
		want string
	}{
		{"an option", dir, "--output=" + optionFile, ErrBadRef, "the ref --output=" + optionFile + " begins with '-'"},
		{"a short option", dir, "-p", ErrBadRef, "begins with '-'"},
		{"empty", dir, "", ErrBadRef, "the ref is empty"},
		{"a newline", dir, "main\n--output=x", ErrBadRef, `the ref "main\n--output=x" holds a control character`},
		{"unknown", dir, "nosuch", ErrUnknownRef, "git does not know the ref nosuch: fetch it first (a shallow CI clone needs fetch-depth: 0)"},
		{"a file, not a commit", dir, "main:a.md", ErrUnknownRef, "git does not know the ref main:a.md"},
		{"no history in common", dir, "unrelated", ErrNoMergeBase, "unrelated and HEAD have no commit in common"},
		{"shallow clone, base not fetched", shallow, "origin/main", ErrUnknownRef, "fetch-depth: 0"},
		{"shallow clone, base fetched shallow", shallowFetched, "origin/main", ErrNoMergeBase, "fetch-depth: 0"},
		{"not a clone", outside, "main", ErrNotRepo, "is not in a git work tree"},
		{"in .git", filepath.Join(dir, ".git"), "main", ErrNotRepo, "is not in a git work tree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Changed(context.Background(), tt.root, tt.ref)
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Changed = %q, %v\nwant an error (%v) with %q", got, err, tt.kind, tt.want)
			}
		})
	}
	if _, err := os.Lstat(optionFile); err == nil {
		t.Error("git wrote the file an option named")
	}
}

// TestChangedIgnoresGitEnv: GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE in the
// environment (a hook's, say) do not point Changed at another repository.
func TestChangedIgnoresGitEnv(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	other := t.TempDir()
	run(t, other, "init", "-q")
	write(t, other, map[string]string{"other.md": "o\n"})
	run(t, other, "add", "-A")
	run(t, other, "commit", "-q", "-m", "other")
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_WORK_TREE", other)
	t.Setenv("GIT_INDEX_FILE", filepath.Join(other, ".git", "index"))
	got, err := Changed(context.Background(), dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "a.md") || slices.Contains(got, "other.md") {
		t.Fatalf("Changed = %q: not the clone's changes", got)
	}
}

// TestChangedWritesNothing: listing changes leaves the index as it was,
// even where git would refresh it (a file touched, not changed).
func TestChangedWritesNothing(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	run(t, dir, "status", "--porcelain") // a fresh index
	later := time.Now().Add(time.Minute)
	for _, f := range []string{"a.md", "same.md", "content/s.md"} {
		if err := os.Chtimes(filepath.Join(dir, f), later, later); err != nil {
			t.Fatal(err)
		}
	}
	index := filepath.Join(dir, ".git", "index")
	before, err := os.Stat(index)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Changed(context.Background(), dir, "main"); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(index)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Fatal("Changed rewrote the index")
	}
}

// TestChangedBounded: git's output is read up to maxOutput, and more is an
// error, not a partial list.
func TestChangedBounded(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	defer func(n int) { maxOutput = n }(maxOutput)
	maxOutput = 50
	got, err := Changed(context.Background(), dir, "main")
	if err == nil || !strings.Contains(err.Error(), "wrote more than 50 bytes") {
		t.Fatalf("Changed = %q, %v; want an error", got, err)
	}
}

// TestChangedCancelled: a cancelled context stops git.
func TestChangedCancelled(t *testing.T) {
	isolate(t)
	dir := pullRequest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Changed(ctx, dir, "main"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Changed = %v, want context.Canceled", err)
	}
}
