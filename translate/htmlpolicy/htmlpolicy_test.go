package htmlpolicy

import (
	"strings"
	"testing"
)

func TestLeftOut(t *testing.T) {
	tests := []struct{ src, want string }{
		{`<div class="fact"><p>A <b>fact</b>.<br>Two</p></div>`, ""},
		{`<img src="a.jpg" alt="x"/>`, ""},
		{`<iframe src="https://video.example/1"></iframe>`, "<iframe>, src=https: on <iframe>"},
		{`<div onclick="alert(1)">x</div>`, "onclick on <div>"},
		{`<a href="javascript:alert(1)">x</a>`, "<a>, href=javascript: on <a>"},
		{`<script>alert(1)</script><style>p{}</style>`, "<script>, <style>"},
		{`<a href="https://example.org/">ok</a>`, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(LeftOut(tt.src), ", "); got != tt.want {
			t.Errorf("LeftOut(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
