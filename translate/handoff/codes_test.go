package handoff

import (
	"strings"
	"testing"
)

// TestCodes: the codes hand-off turns into XLIFF and TMX inline codes
// are the tags and placeholders markup.Tokens reads, and nothing else.
// The rows marked "was" are where the regular expression codes once used
// disagreed with markup.Decode and package placeholder: it made those
// codes (<ph>, <pc>) of text that Decode rejects or the template engine
// does not read as a placeholder.
func TestCodes(t *testing.T) {
	tests := []struct{ in, want, inline string }{
		{"Около {{.Number1}} <a1>мужчин</a1><br/>", "{{Number1 <a1 </a1 <br/", `Около <ph id="Number1" disp="{{.Number1}}"/> <pc id="a1">мужчин</pc><ph id="br" disp="&lt;br/&gt;"/>`},
		{"{{ .Name }} &lt;em> {{\"{{\"}}", "{{Name", `<ph id="Name" disp="{{ .Name }}"/> &amp;lt;em&gt; {{&#34;{{&#34;}}`},
		{"a </em/> b", "", "a &lt;/em/&gt; b"},                           // was a <ph id="em" disp="&lt;/em/&gt;"/> b
		{"<h1x>Заголовок</h1x>", "", "&lt;h1x&gt;Заголовок&lt;/h1x&gt;"}, // was <pc id="h1x">Заголовок</pc>
		{"{{\t.Name}}", "", "{{&#x9;.Name}}"},                            // was <ph id="Name" …/>
		{"{{{.Name}}}", "", "{{{.Name}}}"},                               // was {<ph id="Name" disp="{{.Name}}"/>}
		{"{{- .Name -}} <br />", "", "{{- .Name -}} &lt;br /&gt;"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range codes(tt.in) {
			name := c.name
			switch {
			case c.placeholder:
				name = "{{" + name
			case c.closing:
				name = "</" + name
			case c.self:
				name = "<" + name + "/"
			default:
				name = "<" + name
			}
			got = append(got, name)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("codes(%q) = %q, want %q", tt.in, g, tt.want)
		}
		if g := inline(tt.in, ""); g != tt.inline {
			t.Errorf("inline(%q) =\n%s, want\n%s", tt.in, g, tt.inline)
		}
	}
}
