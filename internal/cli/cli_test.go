package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tilmash": func() { os.Exit(Main(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script: each runs
// the real tilmash on real files and checks its output, exit code and files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

func TestFlagsToOptions(t *testing.T) {
	var got *ExtractOptions
	g := &Global{}
	root := NewRootCmd(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	// Replace extract with one that captures its options.
	for _, c := range root.Commands() {
		if c.Name() == "extract" {
			root.RemoveCommand(c)
		}
	}
	_ = g
	root.AddCommand(NewCmdExtract(&Global{Dir: "x"}, IO{}, func(o *ExtractOptions) error { got = o; return nil }))
	root.SetArgs([]string{"extract", "--add-locale", "uz-Latn,kk-Latn", "-n"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got.AddLocales) != 2 || got.AddLocales[0] != "uz-Latn" || !got.DryRun {
		t.Errorf("options = %+v", got)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"--version"}, ExitOK},
		{[]string{"--no-such-flag"}, ExitError},
		{[]string{"extract", "-C", "/nonexistent"}, ExitError},
		{[]string{"extract", "--add-locale", "not a tag"}, ExitError},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if code := Main(tt.args, IO{Out: &out, Err: &errb}); code != tt.code {
			t.Errorf("tilmash %v = %d, want %d (stderr %q)", tt.args, code, tt.code, errb.String())
		}
	}
}
