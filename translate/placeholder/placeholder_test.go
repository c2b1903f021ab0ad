package placeholder

import (
	"strings"
	"testing"
	"text/template"
)

func TestScan(t *testing.T) {
	tests := []struct {
		in      string
		names   string // the placeholders found, comma-separated
		errAt   int    // -1: no error
		errWith string
	}{
		{"", "", -1, ""},
		{"Plain text, }} and all.", "", -1, ""},
		{"{{.Number1}} тенге, {{ .Name }}", "Number1,Name", -1, ""},
		{"x {{range 100000000}}x{{end}}", "", 2, "{{range 100000000}} is not a placeholder"},
		{"{{.}}", "", 0, "{{.}}"},
		{"{{.Number1}} {{call .X}}", "Number1", 13, "{{call .X}}"},
		{`{{define "a"}}{{template "a"}}{{end}}`, "", 0, "{{define"},
		{`{{printf "%s" "<em>"}}`, "", 0, "printf"},
		{"{{/* a comment */}}", "", 0, "comment"[:0]},
		{"{{$x := 1}}", "", 0, ""},
		{"{{.Number1 | printf \"%v\"}}", "", 0, ""},
		{"{{- .Number1 -}}", "", 0, ""},
		{"{{99999999999999999999999}}", "", 0, ""},
		{"{{.A.B}}", "", 0, ""},
		{"{{.Номер}}", "", 0, ""},
		{"text {{.Name", "", 5, "never closed"},
		{`a {{"{{"}} b {{.N}}`, "N", -1, ""},
		{`{{"}}"}}`, "", 0, ""},
		{`{{ "{{" }}`, "", 0, ""},
		{"{{" + strings.Repeat("x", 100) + "}}", "", 0, "…"},
	}
	for _, tt := range tests {
		ps, err := Scan(tt.in)
		var names []string
		for _, p := range ps {
			names = append(names, p.Name)
			if tt.in[p.Start:p.Start+2] != "{{" || tt.in[p.End-2:p.End] != "}}" {
				t.Errorf("Scan(%q): placeholder %s at %d:%d", tt.in, p.Name, p.Start, p.End)
			}
		}
		if got := strings.Join(names, ","); got != tt.names {
			t.Errorf("Scan(%q) names = %q, want %q", tt.in, got, tt.names)
		}
		switch {
		case tt.errAt < 0 && err != nil:
			t.Errorf("Scan(%q) = error %v", tt.in, err)
		case tt.errAt >= 0 && err == nil:
			t.Errorf("Scan(%q) passed; want an error at %d", tt.in, tt.errAt)
		case err != nil && (err.Offset != tt.errAt || !strings.Contains(err.Msg, tt.errWith)):
			t.Errorf("Scan(%q) = error at %d %q, want at %d with %q", tt.in, err.Offset, err.Msg, tt.errAt, tt.errWith)
		}
	}
}

// FuzzScan: whatever Scan lets through, text/template parses, and executing
// it only looks up fields: with every placeholder given, the output is the
// text with each placeholder replaced, bounded by the input's size.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"{{.A}}", "a }} b {{ .B }}", "{{range 1}}{{end}}", "{{", "{{.A}}{{.B}}x", "{{{.A}}}", `{{"{{"}}{{.A}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := Scan(s)
		if err != nil {
			return
		}
		tmpl, perr := template.New("").Parse(s)
		if perr != nil {
			t.Fatalf("Scan passed %q, text/template does not parse it: %v", s, perr)
		}
		data := map[string]string{}
		var want strings.Builder
		last := 0
		braces := strings.NewReplacer("{{"+Braces+"}}", "{{")
		for _, p := range ps {
			data[p.Name] = "<" + p.Name + ">"
			want.WriteString(braces.Replace(s[last:p.Start]) + data[p.Name])
			last = p.End
		}
		want.WriteString(braces.Replace(s[last:]))
		var got strings.Builder
		if err := tmpl.Execute(&got, data); err != nil {
			t.Fatalf("Scan passed %q, executing it fails: %v", s, err)
		}
		if got.String() != want.String() {
			t.Fatalf("Scan passed %q: executes to %q, want %q", s, got.String(), want.String())
		}
	})
}
