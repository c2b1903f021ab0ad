package markup

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// show writes tokens one a line-less row: P"text" for Plain, and for the
// others a letter and the name: O:em C:em S:br V:Name E:<.
func show(s string, toks []Token) string {
	var out []string
	for _, t := range toks {
		if t.Kind == Plain {
			out = append(out, "P"+`"`+s[t.Start:t.End]+`"`)
			continue
		}
		out = append(out, string("PEOCSV"[t.Kind])+":"+t.Name)
	}
	return strings.Join(out, " ")
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain Cyrillic", "Қазақ жері", `P"Қазақ жері"`},
		{"escapes", "a &lt; b &amp;lt; c & d", `P"a " E:< P" b " E:& P"lt; c & d"`},
		{"less than before a digit", "a <3 b", `P"a <3 b"`},
		{"tag with an attribute", "<a1 href>x</a1>", `P"<a1 href>x" C:a1`},
		{"unclosed", "<em>не закрыт", `O:em P"не закрыт"`},
		{"close without open", "текст</em>", `P"текст" C:em`},
		{"placeholder with spaces", "{{ .Name }} and {{.Name}}", `V:Name P" and " V:Name`},
		{"placeholder unterminated", "{{.Name} тенге", `P"{{.Name} тенге"`},
		{"placeholder never closed", "text {{.Name", `P"text {{.Name"`},
		{"trim markers", "{{- .X -}}", `P"{{- .X -}}"`},
		{"tab in a placeholder", "{{\t.Name}}", "P\"{{\t.Name}}\""},
		{"break", "<br/> and <br />", `S:br P" and <br />"`},
		{"break not self-closing", "<br>", `O:br`},
		{"nested", "<em><a1>Қазақ <code1/></a1></em>", `O:em O:a1 P"Қазақ " S:code1 C:a1 C:em`},
		{"Cyrillic around", "Около {{.Number1}} <a1>мужчин</a1>.", `P"Около " V:Number1 P" " O:a1 P"мужчин" C:a1 P"."`},
		{"closing and self-closing", "a</em/>b", `P"a</em/>b"`},
		{"letters after digits", "<a1b>x</a1b>", `P"<a1b>x</a1b>"`},
		{"upper case", "<EM>x</EM>", `P"<EM>x</EM>"`},
		{"space before >", "<em >x", `P"<em >x"`},
		{"braces in an action", "{{{.A}}}", `P"{{{.A}}}"`},
		{"placeholder in an action", "{{{{.A}}", `P"{{{{.A}}"`},
		{"placeholder quoted in an action", `{{ "{{.A}}" }} {{.B}}`, `P"{{ "{{.A}}" }} " V:B`},
		{"escaped braces", `{{"{{"}}.X}} {{.Y}}`, `E:{{ P".X}} " V:Y`},
		{"escaped braces spaced", `{{ "{{" }}`, `P"{{ "{{" }}"`},
		{"tag in an action", `{{printf "<em>"}}`, `P"{{printf "" O:em P""}}"`},
		{"dot alone", "{{.}}", `P"{{.}}"`},
		{"field chain", "{{.A.B}}", `P"{{.A.B}}"`},
		{"Cyrillic name", "{{.Номер}}", `P"{{.Номер}}"`},
		{"underscore and digits", "{{._1}} {{.Number_1}}", `V:_1 P" " V:Number_1`},
		{"digit first", "{{.1a}}", `P"{{.1a}}"`},
		{"closing braces alone", "}} {{.A}}", `P"}} " V:A`},
		{"code and link", "<code1/><a1></a1>", `S:code1 O:a1 C:a1`},
		{"lone brace and ampersand", "{x} AT&T <", `P"{x} AT&T <"`},
		{"entity that is no escape", "&gt; &lt", `P"&gt; &lt"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := slices.Collect(Tokens(tt.in))
			if got := show(tt.in, toks); got != tt.want {
				t.Errorf("Tokens(%q) = %s, want %s", tt.in, got, tt.want)
			}
			agree(t, tt.in)
		})
	}
}

// TestTokensStops: a range over Tokens may break off.
func TestTokensStops(t *testing.T) {
	n := 0
	for range Tokens("a<em>b</em>c") {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d tokens read", n)
	}
}

// TestVerbatim: the pieces a transform of the words leaves as written are
// the tags and placeholders, and each template action that is no
// placeholder, tags inside it included; escapes and tag-like text are words.
func TestVerbatim(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"words only", "Қазақ жері", nil},
		{"tags and placeholders", "<em>Қазақ</em> {{.Number1}} <code1/>", []string{"<em>", "</em>", "{{.Number1}}", "<code1/>"}},
		{"tag-like text and escapes", "<a1b>x</a1b> </em/> <br /> &lt; {{\"{{\"}}", nil},
		{"an action", "а {{- .X -}} б {{.Y}}", []string{"{{- .X -}}", "{{.Y}}"}},
		{"a name that is no identifier", "{{.Номер}} теңге", []string{"{{.Номер}}"}},
		{"braces in an action", "{{ \"{\" Аты }} б", []string{"{{ \"{\" Аты }}"}},
		{"an action to its first closing braces", "{{{.A}}} б", []string{"{{{.A}}"}},
		{"a tag inside an action", "{{printf \"<em>\"}} <em>", []string{"{{printf \"<em>\"}}", "<em>"}},
		{"never closed: words, tags after it tags", "<em>а</em> {{.Аты} <em>", []string{"<em>", "</em>", "<em>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for start, end := range Verbatim(tt.in) {
				got = append(got, tt.in[start:end])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Verbatim(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	for range Verbatim("<em>a</em>") {
		break // a range over Verbatim may break off
	}
}

// FuzzScanAgreesWithDecode: every tag Tokens reports is one Decode reads,
// and nothing Decode reads as a tag does Tokens report as text; each
// placeholder is a field the template engine reads. Seeds: the edge cases
// above and every text of the catalogues in testdata/ and locales/.
func FuzzScanAgreesWithDecode(f *testing.F) {
	for _, s := range []string{
		"<em>пәтер</em>", "<a1>Алматы</a1>", "x &lt; y", "<br/>қ", "</em>", "<code1/>", "a <3", "<a1 href>",
		"{{ .Name }}", "{{.Name}", "{{- .X -}}", "<br />", "</em/>", "{{{.A}}}", `{{"{{"}}`, `{{printf "<em>"}}`,
		"<em><a1>Қазақ <code1/></a1></em>", "&amp;lt;", "{{\t.A}}",
	} {
		f.Add(s)
	}
	for _, s := range catalogueTexts(f, "../../testdata", "../../locales") {
		f.Add(s)
	}
	f.Fuzz(agree)
}

// agree checks Tokens against Decode (and the template parser) on s.
func agree(t *testing.T, s string) {
	toks := slices.Collect(Tokens(s))
	// The tokens cover s, in order, each as its kind is written.
	at := 0
	for k, tk := range toks {
		raw := s[tk.Start:tk.End]
		if tk.Start != at || tk.End <= tk.Start {
			t.Fatalf("%q: token %d (%+v) does not follow on at %d", s, k, tk, at)
		}
		at = tk.End
		if k > 0 && tk.Kind == Plain && toks[k-1].Kind == Plain {
			t.Fatalf("%q: two Plain tokens at %d", s, tk.Start)
		}
		ok := true
		switch tk.Kind {
		case Plain:
			ok = tk.Name == ""
		case Open:
			ok = raw == "<"+tk.Name+">"
		case Close:
			ok = raw == "</"+tk.Name+">"
		case SelfClosing:
			ok = raw == "<"+tk.Name+"/>"
		case Escaped:
			ok = map[string]string{"&lt;": "<", "&amp;": "&", `{{"{{"}}`: "{{"}[raw] == tk.Name
		case Placeholder:
			inner := strings.Trim(raw[2:len(raw)-2], " ")
			ok = strings.HasPrefix(raw, "{{") && strings.HasSuffix(raw, "}}") && inner == "."+tk.Name
			// The template engine reads it as the field of that name.
			tree, err := parse.Parse("", raw, "", "", nil)
			if err != nil {
				t.Fatalf("%q: placeholder %q does not parse: %v", s, raw, err)
			}
			nodes := tree[""].Root.Nodes
			a, isAction := nodes[0].(*parse.ActionNode)
			if len(nodes) != 1 || !isAction || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 {
				t.Fatalf("%q: placeholder %q is %v to the template engine", s, raw, nodes)
			}
			if fl, isField := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode); !isField || !slices.Equal(fl.Ident, []string{tk.Name}) {
				t.Fatalf("%q: placeholder %q is %v to the template engine", s, raw, a)
			}
		}
		if !ok {
			t.Fatalf("%q: token %q read as %+v", s, raw, tk)
		}
	}
	if at != len(s) {
		t.Fatalf("%q: the tokens end at %d", s, at)
	}
	verbatim(t, s, toks)

	// Decode, given a tag of every name Tokens reads, reads the same tags.
	nodes, err := Decode(s, tagsFor(toks))
	if err == nil {
		if got, want := nodeEvents(nodes), tokenEvents(s, toks); !slices.Equal(got, want) {
			t.Fatalf("%q:\nDecode reads %q\nTokens read  %q", s, got, want)
		}
		return
	}
	me, isMarkup := err.(*Error)
	if !isMarkup {
		t.Fatalf("%q: Decode: %v", s, err)
	}
	off := 0 // the byte offset of Decode's column, counted in characters
	for range me.Col - 1 {
		_, n := utf8.DecodeRuneInString(s[off:])
		off += n
	}
	k := slices.IndexFunc(toks, func(tk Token) bool { return tk.Start <= off && off < tk.End })
	if k < 0 || s[off] != '<' {
		t.Fatalf("%q: Decode's error %q is at %d, which is no %q", s, err, off, "<")
	}
	stray := strings.Contains(me.Msg, "starts no tag")
	if tk := toks[k]; stray != (tk.Kind == Plain) || !stray && tk.Start != off {
		t.Fatalf("%q: Decode says %q at %d, Tokens read %+v there", s, err, off, tk)
	}
	// Up to the error, Decode reads what Tokens read: the text before it,
	// with the tags Tokens reads as open there closed, decodes to the
	// same tags and text.
	var open []string
	for _, tk := range toks[:k] {
		switch tk.Kind {
		case Open:
			open = append(open, tk.Name)
		case Close:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	prefix := s[:off]
	for _, name := range slices.Backward(open) {
		prefix += "</" + name + ">"
	}
	ptoks := slices.Collect(Tokens(prefix))
	pnodes, err := Decode(prefix, tagsFor(ptoks))
	if err != nil {
		t.Fatalf("%q: before Decode's error at %d (%v), %q does not decode: %v", s, off, me, prefix, err)
	}
	if got, want := nodeEvents(pnodes), tokenEvents(prefix, ptoks); !slices.Equal(got, want) {
		t.Fatalf("%q, before %d:\nDecode reads %q\nTokens read  %q", s, off, got, want)
	}
	var before, pbefore []string
	for _, tk := range toks[:k] {
		if tk.Tag() {
			before = append(before, s[tk.Start:tk.End])
		}
	}
	for _, tk := range ptoks {
		if tk.Tag() && tk.End <= off {
			pbefore = append(pbefore, prefix[tk.Start:tk.End])
		}
	}
	if !slices.Equal(before, pbefore) {
		t.Fatalf("%q: the tags before %d are %q, alone %q", s, off, before, pbefore)
	}
}

// verbatim checks Verbatim against the tokens of s: its pieces follow
// one another; each is a tag or placeholder, or an action that opens with
// a "{{" of text and runs to its first "}}"; every tag and placeholder is
// one or lies in an action; the words between them hold no "{{" but those
// of escapes and of one never closed.
func verbatim(t *testing.T, s string, toks []Token) {
	at := 0
	var pieces [][2]int
	for start, end := range Verbatim(s) {
		if start < at || end <= start || end > len(s) {
			t.Fatalf("%q: piece [%d,%d) after %d", s, start, end, at)
		}
		k := slices.IndexFunc(toks, func(tk Token) bool { return tk.Start <= start && start < tk.End })
		switch tk := toks[k]; {
		case tk.Code() && tk.Start == start && tk.End == end:
		case tk.Kind == Plain && strings.HasPrefix(s[start:], "{{") && actionIs(s, start, end):
		default:
			t.Fatalf("%q: piece %q is neither a code nor an action (token %+v)", s, s[start:end], tk)
		}
		pieces = append(pieces, [2]int{start, end})
		at = end
	}
	for _, tk := range toks {
		in := slices.ContainsFunc(pieces, func(p [2]int) bool { return p[0] <= tk.Start && tk.End <= p[1] })
		if tk.Code() && !in {
			t.Fatalf("%q: %q is in no piece", s, s[tk.Start:tk.End])
		}
		if tk.Kind != Plain {
			continue
		}
		// The text of tk outside the pieces opens no action.
		rest := []byte(s[tk.Start:tk.End])
		for _, p := range pieces {
			for i := max(p[0], tk.Start); i < min(p[1], tk.End); i++ {
				rest[i-tk.Start] = 0
			}
		}
		if j := strings.Index(string(rest), "{{"); j >= 0 && strings.Contains(s[tk.Start+j+2:], "}}") {
			t.Fatalf("%q: %q holds a {{ in no piece", s, s[tk.Start:tk.End])
		}
	}
}

// actionIs reports whether s[start:end] is an action: "{{" to the first
// "}}" after it.
func actionIs(s string, start, end int) bool {
	j := strings.Index(s[start+2:], "}}")
	return j >= 0 && end == start+2+j+2
}

// tagsFor gives every data-carrying tag Tokens reads a node Decode can
// take: a link for a tag that opens or closes, a code span for one that
// stands alone, each named by its tag.
func tagsFor(toks []Token) Tags {
	tags := Tags{}
	for _, tk := range toks {
		switch tk.Name {
		case "em", "strong", "s", "br":
			continue
		}
		if _, ok := tags[tk.Name]; ok || !tk.Tag() {
			continue
		}
		if tk.Kind == SelfClosing {
			tags[tk.Name] = Node{Kind: Code, Text: tk.Name}
		} else {
			tags[tk.Name] = Node{Kind: Link, Href: tk.Name}
		}
	}
	return tags
}

// An event is a tag ("<em>", "</em>", "<br/>") or text ("=text").
func nodeEvents(nodes []Node) []string {
	var out []string
	text := func(s string) { out = addText(out, s) }
	var walk func([]Node)
	walk = func(nodes []Node) {
		for _, n := range nodes {
			name := map[Kind]string{Emph: "em", Strong: "strong", Strike: "s", Link: n.Href}[n.Kind]
			switch n.Kind {
			case Text:
				text(n.Text)
			case Code:
				out = append(out, "<"+n.Text+"/>")
			case Break:
				out = append(out, "<br/>")
			case Emph, Strong, Strike, Link:
				out = append(out, "<"+name+">")
				walk(n.Children)
				out = append(out, "</"+name+">")
			default:
				out = append(out, "?")
			}
		}
	}
	walk(nodes)
	return out
}

// tokenEvents are the events of toks as Decode should read them: a
// placeholder and the escape {{"{{"}} are text to it (the template engine
// reads them), &lt; and &amp; the signs they stand for.
func tokenEvents(s string, toks []Token) []string {
	var out []string
	text := func(s string) { out = addText(out, s) }
	for _, tk := range toks {
		raw := s[tk.Start:tk.End]
		switch {
		case tk.Tag():
			out = append(out, raw)
		case tk.Kind == Escaped && tk.Name != "{{":
			text(tk.Name)
		default:
			text(raw)
		}
	}
	return out
}

// addText adds text to events, to the text event they end with if any.
func addText(events []string, s string) []string {
	if n := len(events); n > 0 && strings.HasPrefix(events[n-1], "=") {
		events[n-1] += s
	} else if s != "" {
		events = append(events, "="+s)
	}
	return events
}

// catalogueTexts returns the texts of the catalogues under dirs that hold
// a tag, a placeholder or an escape.
func catalogueTexts(f *testing.F, dirs ...string) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if strings.ContainsAny(v, "<&{") && utf8.ValidString(v) {
				out = append(out, v)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".toml") || strings.Contains(path, "glossary") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var v map[string]any
			if _, err := toml.Decode(string(data), &v); err != nil {
				return nil // not a catalogue (tilmash.toml holds no texts to seed)
			}
			walk(v)
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	if len(out) < 100 {
		f.Fatalf("only %d catalogue texts with tags or placeholders in %v", len(out), dirs)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
