package check

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/translate/segment"
)

// TestConfigNesting: nesting in tilmash.toml is refused at its position
// before the TOML decoder sees it (the decoder spent a minute and
// gigabytes on 100 KB of nested inline tables, 34 s on a dotted key of
// 40 KB).
func TestConfigNesting(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"100 KB of nested inline tables", "[locales.ru]\nquotes = " + strings.Repeat("{a = ", 20000) + "1" + strings.Repeat("}", 20000) + "\n", "tilmash.toml:2:160: tables and arrays nested more than 32 deep (settings are tables of texts, numbers and lists: see docs/configuration.md)"},
		{"a dotted key of 100 KB", "[check]\n" + strings.Repeat("a.", 50000) + "b = 1\n", "tilmash.toml:2:64: tables and arrays nested more than 32 deep"},
		{"a table of 100 KB", "# Алматы\n[" + strings.Repeat("a.", 50000) + "b]\n", "tilmash.toml:2:65: tables and arrays nested more than 32 deep"},
		{"nested arrays", "[check]\ndisable = " + strings.Repeat("[", 50000) + "\n", "tilmash.toml:2:42: tables and arrays nested more than 32 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("tilmash.toml", []byte(tt.data))
			var se *segment.Error
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *segment.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

// TestConfigWrongKind: a value of the wrong kind (the decoder reports it
// as text, with no ParseError) is refused at its line, like any other
// mistake in the file, not with the file's name alone.
func TestConfigWrongKind(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"a locale that is not a table", "[locales]\nru = \"x\"\n", `tilmash.toml:2:1: key "locales.ru": type mismatch for check.LocaleRules: expected table but found string`},
		{"required not true or false", "# mine\n[locales.kk]\nrequired = \"yes\"\n", `tilmash.toml:3:1: key "locales.kk.required": incompatible types: TOML value has type string; destination has type boolean`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("tilmash.toml", []byte(tt.data))
			var se *segment.Error
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *segment.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

// TestManyLocaleTablesLinear: thousands of [locales.X] tables are read in
// work that grows with the file: each table's line was found by scanning
// the whole file again (24 s for 20,000 tables). Bytes are counted, not time.
func TestManyLocaleTablesLinear(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "[locales.kk-x-a%d]\nrequired = false\n\n", i)
	}
	data := []byte(b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, err := ParseConfig("tilmash.toml", data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Locales) != 3000 {
		t.Fatalf("%d locales, want 3000", len(c.Locales))
	}
	if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(400*len(data)); got > bound {
		t.Errorf("%d bytes allocated for settings of %d bytes (at most %d): the work grows faster than the file", got, len(data), bound)
	}
}

// TestFrontMatterSetting: [front-matter] translate replaces the default
// list (an empty one translates the masthead alone); unset, the default
// applies; a path that cannot name a text is refused at its line.
func TestFrontMatterSetting(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // the options' list; nil: the default
		err        string
	}{
		{"unset", "[check]\n", nil, ""},
		{"a list", "[front-matter]\ntranslate = [\"description\", \"tags\", \"*.alt\"]\n", []string{"description", "tags", "*.alt"}, ""},
		{"an empty list", "[front-matter]\ntranslate = []\n", []string{}, ""},
		{"an empty part", "# mine\n[front-matter]\ntranslate = [\"params..alt\"]\n", nil, `tilmash.toml:3:1: [front-matter] translate: "params..alt" has an empty part`},
		{"part of a key", "[front-matter]\ntranslate = [\"para*.alt\"]\n", nil, `tilmash.toml:2:1: [front-matter] translate: "para*.alt": a * stands for a whole key`},
		{"not a text", "[front-matter]\ntranslate = [\"description\", \"date\"]\n", nil, `tilmash.toml:2:1: [front-matter] translate: "date" is not a text`},
		{"a typo in the table's keys", "[front-matter]\ntranslated = [\"x\"]\n", nil, `tilmash.toml:2:1: unknown setting "front-matter.translated"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig("tilmash.toml", []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %s…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := c.SplitOptions().Translate
			if (got == nil) != (tt.want == nil) || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Translate = %#v, want %#v", got, tt.want)
			}
		})
	}
	if (*Config)(nil).SplitOptions().Translate != nil {
		t.Error("no settings: not the default list")
	}
}

// TestConfigEditorHTML: [publish] html takes its two words; anything else
// is an error at its line.
func TestConfigEditorHTML(t *testing.T) {
	for _, v := range []string{"sanitised", "as-written"} {
		c, err := ParseConfig("tilmash.toml", []byte("[publish]\nhtml = \""+v+"\"\n"))
		if err != nil || c.Publish.HTML != v {
			t.Errorf("html = %q: %v", v, err)
		}
	}
	_, err := ParseConfig("tilmash.toml", []byte("[publish]\nstale = \"keep\"\nhtml = \"trusted\"\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `tilmash.toml:3:1: [publish] html = "trusted"`) {
		t.Errorf("error = %v, want it at line 3", err)
	}
}

// TestConfigSite: [publish] site takes "hugo"; anything else is an error
// at its line that says what Zola and Jekyll read instead.
func TestConfigSite(t *testing.T) {
	c, err := ParseConfig("tilmash.toml", []byte("[publish]\nsite = \"hugo\"\n"))
	if err != nil || c.Publish.Site != SiteHugo {
		t.Errorf("site = \"hugo\": %v", err)
	}
	_, err = ParseConfig("tilmash.toml", []byte("[publish]\nstale = \"keep\"\nsite = \"zola\"\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `tilmash.toml:3:1: [publish] site = "zola"`) || !strings.Contains(err.Error(), "Markdown editions") {
		t.Errorf("error = %v, want it at line 3, naming what Zola reads", err)
	}
}

// TestConfigSiteRoot: [publish] site-root names a folder inside the
// project; one outside is an error at its line.
func TestConfigSiteRoot(t *testing.T) {
	c, err := ParseConfig("tilmash.toml", []byte("[publish]\nsite = \"hugo\"\nsite-root = \"site\"\n"))
	if err != nil || c.Publish.SiteRoot != "site" {
		t.Errorf("site-root = \"site\": %v", err)
	}
	for _, bad := range []string{"../site", "/srv/site", `site\\x`} {
		_, err := ParseConfig("tilmash.toml", []byte("[publish]\nsite = \"hugo\"\nsite-root = \""+bad+"\"\n"))
		if err == nil || !strings.HasPrefix(err.Error(), "tilmash.toml:3:1: [publish] site-root") {
			t.Errorf("site-root = %q: error %v, want one at line 3", bad, err)
		}
	}
}
