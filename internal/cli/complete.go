package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/catalog/catpath"
	"github.com/tilmash/tilmash/translate/locale"
	"github.com/tilmash/tilmash/translate/segment"
)

// registerCompletions gives shell completion the values of the flags that
// name things of the project: locales (from its catalogues), articles
// (from content/), formats and output formats.
func registerCompletions(root *cobra.Command, g *Global) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		has := func(name string) bool {
			return cmd.Flags().Lookup(name) != nil || cmd.PersistentFlags().Lookup(name) != nil
		}
		if has("locale") {
			cmd.RegisterFlagCompletionFunc("locale", g.completeLocales)
		}
		if has("article") {
			cmd.RegisterFlagCompletionFunc("article", g.completeArticles)
		}
		if has("add-locale") {
			cmd.RegisterFlagCompletionFunc("add-locale", fixed("ru", "kk", "kk-Latn", "uz", "uz-Latn", "uz-Cyrl", "ky", "tg", "tk", "uk", "be", "tr", "az"))
		}
		if has("format") {
			switch cmd.Name() {
			case "build", "export":
				cmd.RegisterFlagCompletionFunc("format", fixed(workspace.Formats...))
			case "check":
				cmd.RegisterFlagCompletionFunc("format", fixed(reportFormats...))
			case "status":
				cmd.RegisterFlagCompletionFunc("format", fixed("text", "json"))
			case "handoff":
				cmd.RegisterFlagCompletionFunc("format", fixed("po", "xliff", "tmx"))
			case "merge":
				cmd.RegisterFlagCompletionFunc("format", fixed("text", "json", "github"))
			}
		}
		if has("shard") {
			cmd.RegisterFlagCompletionFunc("shard", fixed("1/2", "2/2", "1/4", "2/4", "3/4", "4/4"))
		}
		for _, c := range cmd.Commands() {
			walk(c)
		}
	}
	walk(root)
}

// completeLocales lists the locales of the project's catalogues.
func (g *Global) completeLocales(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	g.findRoot(cmd.Flags().Changed("dir"))
	entries, _ := os.ReadDir(filepath.Join(g.Dir, filepath.FromSlash(g.Locales)))
	var out []string
	withSource := cmd.Name() != "check" && cmd.Name() != "status" // those judge translations only
	seen := map[string]bool{}
	for _, e := range entries {
		// locales/ru/ (a file per article), or the old layout's ru.toml
		name := e.Name()
		if e.IsDir() {
			name += ".toml"
		}
		t, ok := catpath.Tag(name)
		if tag := t.String(); ok && !seen[tag] && strings.HasPrefix(tag, prefix) && (withSource || t != locale.Source) {
			seen[tag] = true
			out = append(out, tag)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeArticles lists the names of the project's articles.
func (g *Global) completeArticles(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	g.findRoot(cmd.Flags().Changed("dir"))
	var out []string
	filepath.WalkDir(filepath.Join(g.Dir, filepath.FromSlash(g.Content)), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), ".") {
			if slug := segment.SlugOf(p); strings.HasPrefix(slug, prefix) {
				out = append(out, slug)
			}
		}
		return nil
	})
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}
