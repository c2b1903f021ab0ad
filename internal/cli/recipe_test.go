package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/testrace"
)

// TestNewsroomCIRecipe runs the CI recipe for a newsroom's own repository
// (docs/publishers.md) as written: its go install line against a module proxy made
// of this checkout at the version the line names (a file:// proxy; the
// dependencies from the module cache's own download folder: no network),
// then its tilmash steps in a newsroom repository tilmash init made, with
// a pull request's branch. It fails when the module cannot be installed
// by its path and version (a file a module zip cannot hold, a go.mod
// replace) or a step fails.
func TestNewsroomCIRecipe(t *testing.T) {
	testrace.NotUnderRace(t, subprocess)
	t.Parallel()
	readme, err := os.ReadFile("../../docs/publishers.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n# .github/workflows/tilmash.yml\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("docs/publishers.md has no .github/workflows/tilmash.yml recipe")
	}
	var steps []string
	for _, m := range regexp.MustCompile(`(?m)^\s+- run: (.*?)(?:\s+#.*)?$`).FindAllStringSubmatch(string(block[1]), -1) {
		steps = append(steps, m[1])
	}
	install := regexp.MustCompile(`^go install (github\.com/tilmash/tilmash)/cmd/tilmash@(v[0-9.]+)$`)
	var module, version string
	for _, s := range steps {
		if m := install.FindStringSubmatch(s); m != nil {
			module, version = m[1], m[2]
		}
	}
	if version == "" {
		t.Fatalf("no go install …@version step in the recipe: %q", steps)
	}
	// The module proxy: this checkout's files as the version.
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy", filepath.FromSlash(module), "@v")
	if err := os.MkdirAll(proxy, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", "../..", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			t.Fatal(err)
		}
		// Stored, not deflated: compressing 4 MB under the race detector took seconds.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: module + "@" + version + "/" + f, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list": []byte(version + "\n"), version + ".info": []byte(`{"Version":"` + version + `","Time":"2026-12-01T00:00:00Z"}`),
		version + ".mod": gomod, version + ".zip": buf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(proxy, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "bin")
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.Join(tmp, "proxy")+",file://"+filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download"),
		"GOMODCACHE="+filepath.Join(tmp, "modcache"), "GOFLAGS=-modcacherw -trimpath", "GOSUMDB=off", "GOBIN="+bin, "GOTOOLCHAIN=local",
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "TILMASH_CACHE=off")
	run := func(dir, step string) string {
		t.Helper()
		cmd := exec.Command("sh", "-c", step)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", step, err, out)
		}
		return string(out)
	}
	// A newsroom's repository, and a pull request that adds an article.
	newsroom := filepath.Join(tmp, "newsroom")
	ran := 0
	for _, step := range steps {
		switch {
		case strings.HasPrefix(step, "go install "):
			run(tmp, step)
			if v := run(tmp, "tilmash version"); !strings.Contains(v, version) {
				t.Fatalf("tilmash version = %q, want %s", v, version)
			}
			run(tmp, "tilmash init newsroom --locales ru,kk && cd newsroom && git init -q -b main && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm init && git branch base")
			if err := os.WriteFile(filepath.Join(newsroom, "content", "second.md"), []byte("+++\ntitle = \"Second\"\n+++\n\nA second article.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			run(newsroom, "tilmash extract && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm second")
		case strings.HasPrefix(step, "tilmash "):
			out := run(newsroom, strings.ReplaceAll(step, "origin/${{ github.base_ref }}", "base"))
			if strings.Contains(step, "--changed-since") && !strings.Contains(out, "second.md") {
				t.Errorf("%s: the pull request's article is not among what it checked:\n%s", step, out)
			}
			ran++
		}
	}
	if ran < 2 {
		t.Errorf("the recipe ran %d tilmash steps; want extract --check and check", ran)
	}
}
