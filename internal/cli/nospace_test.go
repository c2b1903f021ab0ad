package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNoSpaceNoPermission: a write that fails (the disk full, simulated by
// a file-size limit; a folder the user may not write) is a clear error,
// exit 2, with every file as it was and no temporary file left.
func TestNoSpaceNoPermission(t *testing.T) {
	// Folders anyone may enter: the commands below run as another user.
	open := func() string {
		dir, err := os.MkdirTemp("", "tilmash-perm-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	bin := filepath.Join(open(), "tilmash")
	buildTilmash(t, bin)
	project := func() (string, map[string][]byte) {
		dir := open()
		writeTree(t, dir, map[string][]byte{"content/a.md": []byte("+++\ntitle = \"A\"\n+++\n\nAlmaty.\n"), "tilmash.toml": []byte("[locales.ru]\nrequired = true\n")})
		run(t, dir, "extract", "--add-locale", "ru")
		writeTree(t, dir, map[string][]byte{"content/a.md": []byte("+++\ntitle = \"A\"\n+++\n\nAlmaty.\n\nA second paragraph, long enough to need more than one kilobyte of catalogue " + strings.Repeat("text ", 200) + ".\n")})
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil {
				os.Chmod(p, map[bool]os.FileMode{true: 0o755, false: 0o644}[d.IsDir()])
			}
			return nil
		})
		return dir, tree(t, dir)
	}
	check := func(t *testing.T, dir string, before map[string][]byte, out []byte, err error, want string) {
		t.Helper()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Fatalf("exit: %v, want 2\n%s", err, out)
		}
		if !strings.Contains(string(out), want) || !strings.Contains(string(out), "nothing was changed") {
			t.Errorf("message %q, want %q and that nothing was changed", out, want)
		}
		after := tree(t, dir)
		for p := range mergeKeys(before, after) {
			if p == ".tilmash.lock" {
				continue
			}
			if string(before[p]) != string(after[p]) {
				t.Errorf("%s changed", p)
			}
		}
	}
	t.Run("disk full", func(t *testing.T) {
		dir, before := project()
		out, err := exec.Command("sh", "-c", `ulimit -f 1; exec "$0" -C "$1" extract`, bin, dir).CombinedOutput()
		check(t, dir, before, out, err, "write locales/")
	})
	t.Run("read-only folder", func(t *testing.T) {
		dir, before := project()
		cmd := exec.Command(bin, "-C", dir, "extract")
		if os.Getuid() == 0 {
			// root writes anywhere: run as nobody, who may read the project but not write it.
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			os.Chmod(filepath.Join(dir, ".tilmash.lock"), 0o666)
		} else {
			// Every folder of catalogues: extract writes in each
			// locale's (locales/ru/) and the folders below it.
			filepath.WalkDir(filepath.Join(dir, "locales"), func(p string, d os.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					os.Chmod(p, 0o555)
					t.Cleanup(func() { os.Chmod(p, 0o755) })
				}
				return nil
			})
		}
		out, err := cmd.CombinedOutput()
		check(t, dir, before, out, err, "permission denied")
	})
}
