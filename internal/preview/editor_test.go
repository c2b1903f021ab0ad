package preview

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tilmash/tilmash/internal/workspace"
)

func TestCheckEditorURL(t *testing.T) {
	for _, tc := range []struct {
		link string
		ok   bool
	}{
		{DefaultEditorURL, true},
		{"", true},
		{"idea://open?file={path}&line={line}", true},
		{"subl://open?url=file://{path}&line={line}", true},
		{"VSCode://file/{path}:{line}", true},
		{"javascript:alert(document.domain)//{path}", false},
		{"JavaScript:alert(1)//{path}", false},
		{" javascript:alert(1)//{path}", false},
		{"java\tscript:alert(1)//{path}", false},
		{"data:text/html,<script>alert(1)</script>{path}", false},
		{"vbscript:msgbox({path})", false},
		{"file://{path}", false},
		{"https://attacker.example/?f={path}", false},
		{"{path}", false},
		{"//attacker.example/{path}", false},
		{"vscode://file/", false},
	} {
		if err := CheckEditorURL(tc.link); (err == nil) != tc.ok {
			t.Errorf("CheckEditorURL(%q) = %v, want ok %v", tc.link, err, tc.ok)
		}
	}
}

// TestEditorURLRefused: a server given a link that is not an editor's
// (from a caller that did not check it) makes no link at all, and says so.
func TestEditorURLRefused(t *testing.T) {
	var log bytes.Buffer
	s := New(Options{Dir: project(t), Layout: workspace.Default, EditorURL: "javascript:alert(document.domain)//{path}", Log: &log})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/kk/the-conscript.html", nil)
	req.RemoteAddr, req.Host = "127.0.0.1:1", "127.0.0.1:8080"
	s.Handler().ServeHTTP(rec, req)
	page := rec.Body.String()
	d := readPageData(t, page)
	if strings.Contains(page, "javascript:") {
		t.Error("the page holds a javascript: link")
	}
	for id, u := range d.Units {
		if u.EntryHref != "" {
			t.Errorf("unit %s links to %q", id, u.EntryHref)
		}
	}
	if !strings.Contains(log.String(), "does not open an editor") {
		t.Errorf("the log does not say the link was refused: %q", log.String())
	}
}

// TestEditorLinkEscapesThePath: a file name holding "&", "?", "#" or a
// space adds no parameter to the editor's link; Cyrillic names are
// percent-encoded as UTF-8.
func TestEditorLinkEscapesThePath(t *testing.T) {
	s := &Server{opts: Options{Dir: "/news", EditorURL: "idea://open?file={path}&line={line}"}}
	tests := []struct{ file, want string }{
		{"content/a.md", "idea://open?file=/news/content/a.md&line=3"},
		{"content/a&line=999.md", "idea://open?file=/news/content/a%26line%3D999.md&line=3"},
		{"content/a?x#y z.md", "idea://open?file=/news/content/a%3Fx%23y%20z.md&line=3"},
		{"content/алматы.md", "idea://open?file=/news/content/%D0%B0%D0%BB%D0%BC%D0%B0%D1%82%D1%8B.md&line=3"},
	}
	for _, tt := range tests {
		if got := s.editorLink(tt.file, 3, 1); got != tt.want {
			t.Errorf("editorLink(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
}
