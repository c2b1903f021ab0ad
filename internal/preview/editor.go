package preview

import (
	"fmt"
	"slices"
	"strings"
)

// EditorSchemes are the URL schemes an editor link (Options.EditorURL,
// --editor-url) may have: editors' own, each of which opens a file at a
// line. Others are refused: javascript: and data: run in the page,
// file: is not opened from a web page (and opens no editor), and an
// http(s) link would send the file's absolute path to a web site.
var EditorSchemes = []string{
	"vscode", "vscode-insiders", "vscodium", "cursor", "windsurf", "zed", // vscode://file/{path}:{line}:{col}
	"idea", "jetbrains", "goland", "pycharm", "phpstorm", "webstorm", // idea://open?file={path}&line={line}
	"subl", "mvim", "txmt", "x-bbedit", "emacs", "org-protocol", // subl://open?url=file://{path}&line={line}
	"atom", "nova", "netbeans",
}

// CheckEditorURL reports whether link may be the editor link: one of
// EditorSchemes, with {path}; "" (no link) may. The error says what to
// write instead.
func CheckEditorURL(link string) error {
	if link == "" {
		return nil
	}
	scheme, _, ok := strings.Cut(link, ":")
	if !ok || !slices.Contains(EditorSchemes, strings.ToLower(scheme)) {
		return fmt.Errorf("%q does not open an editor: the link must start with an editor's scheme (%s:), such as %q; \"\" for no link", link, strings.Join(EditorSchemes, ":, "), DefaultEditorURL)
	}
	if !strings.Contains(link, "{path}") {
		return fmt.Errorf("%q has no {path}: write where the file's path goes, such as %q", link, DefaultEditorURL)
	}
	return nil
}
