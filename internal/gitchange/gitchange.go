package gitchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The kinds of failure a caller may branch on, with errors.Is.
var (
	// ErrBadRef: the ref is empty, begins with '-' or holds a control
	// character; git was not run with it.
	ErrBadRef = errors.New("not a ref")
	// ErrNotRepo: the root is not in a git work tree.
	ErrNotRepo = errors.New("not a git work tree")
	// ErrUnknownRef: git knows no commit by the ref's name (in CI, often
	// a branch the clone did not fetch).
	ErrUnknownRef = errors.New("unknown ref")
	// ErrNoMergeBase: the ref and HEAD share no commit that the clone
	// holds (in CI, often a shallow clone).
	ErrNoMergeBase = errors.New("no merge base")
)

// maxOutput bounds what Changed reads of one git command's output, and
// maxStderr what of its error output an error quotes.
var maxOutput = 64 << 20

const maxStderr = 4 << 10

// repoEnv are the environment variables that point git at a repository,
// an index or objects other than those of the folder it runs in: what
// git rev-parse --local-env-vars lists, and GIT_NAMESPACE.
var repoEnv = []string{
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
	"GIT_CONFIG_COUNT", "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE",
	"GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE",
	"GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
	"GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
	"GIT_NAMESPACE",
}

// Changed returns the files under root that differ between ref and the
// work tree: the paths, relative to root with '/', sorted, of the files
// committed since the merge base of ref and HEAD, changed since in the
// index or the work tree (removed ones included), and not tracked but not
// ignored either. A rename is listed as its old path and its new one.
// root must be in a git work tree; ref names a commit (a branch, a tag,
// origin/main, a hash).
func Changed(ctx context.Context, root, ref string) ([]string, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	g := git{ctx: ctx, root: root}
	out, err := g.run("rev-parse", "--is-inside-work-tree")
	if err != nil && code(err) < 0 {
		return nil, err
	}
	if err != nil || string(bytes.TrimSpace(out)) != "true" {
		return nil, &failure{ErrNotRepo, fmt.Sprintf("%s is not in a git work tree%s: listing changed files needs a clone of the project", root, quoted(err))}
	}
	from, err := g.commit(ref)
	if errors.Is(err, errNoCommit) {
		return nil, &failure{ErrUnknownRef, fmt.Sprintf("git does not know the ref %s: fetch it first (a shallow CI clone needs fetch-depth: 0)", show(ref))}
	}
	if err != nil {
		return nil, err
	}
	head, err := g.commit("HEAD")
	if errors.Is(err, errNoCommit) {
		return nil, fmt.Errorf("HEAD in %s names no commit yet: commit first", root)
	}
	if err != nil {
		return nil, err
	}
	out, err = g.run("merge-base", from, head)
	if code(err) == 1 {
		return nil, &failure{ErrNoMergeBase, fmt.Sprintf("%s and HEAD have no commit in common that this clone holds: fetch their history (a shallow CI clone needs fetch-depth: 0)", show(ref))}
	}
	if err != nil {
		return nil, err
	}
	base := string(bytes.TrimSpace(out))
	// The merge base against the work tree: what was committed since it,
	// staged, or changed and not staged. --relative keeps to root. git
	// diff would refresh the index's stat data, taking its lock (which a
	// commit run meanwhile would fail on) even with GIT_OPTIONAL_LOCKS=0;
	// without autoRefreshIndex it writes nothing, and lists a file
	// touched since the index last saw it, though its content is the same.
	diff, err := g.run("-c", "diff.autoRefreshIndex=false", "diff", "--name-only", "-z", "--no-renames", "--relative", "--no-ext-diff", "--no-textconv", "--no-color", base, "--")
	if err != nil {
		return nil, err
	}
	others, err := g.run("ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, out := range [][]byte{diff, others} {
		for p := range bytes.SplitSeq(out, []byte{0}) {
			// A folder (an untracked repository inside) is no file.
			if len(p) > 0 && p[len(p)-1] != '/' {
				paths = append(paths, string(p))
			}
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), nil
}

// checkRef refuses a ref git could read as something else than a ref.
func checkRef(ref string) error {
	switch {
	case ref == "":
		return &failure{ErrBadRef, "the ref is empty: name a branch, a tag or a commit"}
	case strings.HasPrefix(ref, "-"):
		return &failure{ErrBadRef, fmt.Sprintf("the ref %s begins with '-', which git would read as an option: name a branch, a tag or a commit", show(ref))}
	case strings.IndexFunc(ref, unicode.IsControl) >= 0:
		return &failure{ErrBadRef, fmt.Sprintf("the ref %s holds a control character: name a branch, a tag or a commit", show(ref))}
	}
	return nil
}

// failure is an error of one of the kinds callers branch on.
type failure struct {
	kind error
	msg  string
}

func (f *failure) Error() string { return f.msg }
func (f *failure) Unwrap() error { return f.kind }

// errNoCommit: git rev-parse --verify found no commit by the name.
var errNoCommit = errors.New("no such commit")

// git runs git in a project's root.
type git struct {
	ctx  context.Context
	root string
}

// commit returns the hash of the commit name names, or errNoCommit.
func (g git) commit(name string) (string, error) {
	out, err := g.run("rev-parse", "--verify", "--quiet", "--end-of-options", name+"^{commit}")
	if code(err) == 1 {
		return "", errNoCommit
	}
	return string(bytes.TrimSpace(out)), err
}

// run runs git with args and returns its output, or an error that quotes
// git's (bounded) error output; an *exec.ExitError in the chain gives the
// exit code.
func (g git) run(args ...string) ([]byte, error) {
	cmd := exec.CommandContext(g.ctx, "git", append([]string{"-c", "core.fsmonitor=false"}, args...)...)
	cmd.Dir = g.root
	cmd.Env = env()
	out := &bounded{max: maxOutput}
	errOut := &bounded{max: maxStderr, quiet: true}
	cmd.Stdout, cmd.Stderr = out, errOut
	err := cmd.Run()
	switch {
	case out.over:
		return nil, fmt.Errorf("git %s in %s wrote more than %d bytes: too many changed files to list; run without listing changes", command(args), g.root, maxOutput)
	case errors.Is(err, exec.ErrNotFound):
		return nil, fmt.Errorf("listing changed files needs git, which is not installed (or not on PATH): %w", err)
	case code(err) >= 0:
		return nil, &gitError{args: args, root: g.root, stderr: errOut.buf.String(), err: err}
	case err != nil:
		return nil, fmt.Errorf("run git %s in %s: %w", command(args), g.root, err)
	}
	return out.buf.Bytes(), nil
}

// env returns the environment without the variables that would point git
// elsewhere, and without git's optional locks: it refreshes no index.
func env() []string {
	var e []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(repoEnv, k) && k != "GIT_OPTIONAL_LOCKS" && k != "GIT_TERMINAL_PROMPT" {
			e = append(e, kv)
		}
	}
	return append(e, "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
}

// gitError is a git command that failed.
type gitError struct {
	args   []string
	root   string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s in %s: %v%s", command(e.args), e.root, e.err, quoted(e))
}

// command returns the name of the git command args run, after any -c.
func command(args []string) string {
	for len(args) > 2 && args[0] == "-c" {
		args = args[2:]
	}
	return args[0]
}

func (e *gitError) Unwrap() error { return e.err }

// quoted returns ": " and what git said on its error output, if err is a
// failed git command's and git said anything, made safe for a terminal.
func quoted(err error) string {
	var ge *gitError
	if !errors.As(err, &ge) {
		return ""
	}
	s := strings.TrimSpace(ge.stderr)
	if s == "" {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' {
			return ' '
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return '?'
		}
		return r
	}, s)
	return " (git: " + s + ")"
}

// code returns the exit code of a failed git command, or -1.
func code(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// show returns ref as an error prints it: as it is if it is plain,
// quoted if not.
func show(ref string) string {
	if ref != "" && strings.IndexFunc(ref, func(r rune) bool { return !unicode.IsGraphic(r) || unicode.IsSpace(r) || r == '"' }) < 0 {
		return ref
	}
	return strconv.Quote(ref)
}

// bounded keeps what is written to it up to max bytes. Past max it
// refuses (which stops git) or, quiet, drops the rest.
type bounded struct {
	buf   bytes.Buffer
	max   int
	quiet bool
	over  bool
}

func (b *bounded) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); len(p) > room {
		b.buf.Write(p[:max(room, 0)])
		if b.quiet {
			return len(p), nil
		}
		b.over = true
		return 0, errors.New("too much output")
	}
	return b.buf.Write(p)
}
