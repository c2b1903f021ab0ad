package segment

import (
	"strings"

	"github.com/tilmash/tilmash/translate/sitecode"
)

// The site generators' code that Split reads beyond a placeholder.

// tagHead is how a context names code c if it is a Liquid or Nunjucks tag
// (not Zola's {% name(…) %}): its name, and for an include or a render
// the file it names (include figure.html).
func tagHead(c sitecode.Code, code []byte) (string, bool) {
	f := strings.Fields(strings.Trim(string(code), "{}%-"))
	if c.Kind != sitecode.Tag || len(f) == 0 || strings.Contains(f[0], "(") || len(f) > 1 && strings.HasPrefix(f[1], "(") {
		return "", false
	}
	if (c.Name == "include" || c.Name == "include_relative" || c.Name == "render") && len(f) > 1 && !strings.Contains(f[1], "=") {
		return c.Name + " " + strings.Trim(f[1], `"',`), true
	}
	return c.Name, true
}
