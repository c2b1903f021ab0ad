package conformance

import (
	"bytes"
	"testing"

	"github.com/tilmash/tilmash/internal/workspace"
	"github.com/tilmash/tilmash/translate/locale"
)

// TestEnglish: every article of the corpus (the CommonMark specification's
// examples, goldmark's extension examples, the site generators' constructs,
// the real articles) is accepted as written; each of its editions, in
// English and en-XA, is published in every format; and its English
// Markdown edition renders, with goldmark configured as Hugo's defaults,
// exactly as the article does (it is the article, byte for byte).
func TestEnglish(t *testing.T) {
	t.Parallel()
	p, samples := theProject(t)
	var fs []finding
	for _, s := range samples {
		if err, refused := p.Refused[s.Name]; refused {
			fs = append(fs, finding{Sample: s.Name, Check: checkAccepted, Text: err.Error()})
			continue
		}
		for _, loc := range []string{locale.Source.String(), pseudoTag.String()} {
			for _, ext := range workspace.Formats {
				if p.Result.Files["dist/"+loc+"/"+s.Slug+"."+ext] == nil {
					fs = append(fs, finding{Sample: s.Name, Check: checkBuilt, Format: ext, Text: "no " + loc + " edition"})
				}
			}
		}
		md := p.File(locale.Source, s.Slug, "md")
		if md == nil || bytes.Equal(md, s.Source) {
			continue
		}
		// Another text is fine where Hugo reads it as the article.
		a := p.Articles[s.Slug]
		got, want := render(md[min(a.BodyStart, len(md)):]), render(s.Source[a.BodyStart:])
		if !bytes.Equal(got, want) || !bytes.Equal(md[:a.BodyStart], s.Source[:a.BodyStart]) {
			fs = append(fs, finding{Sample: s.Name, Check: checkEnglish, Format: "md", Text: "HTML " + lineDiff(string(want), string(got))})
		}
	}
	for _, r := range p.refusals() {
		t.Errorf("refused: %s", r)
	}
	judge(t, p, fs, checkAccepted, checkBuilt, checkEnglish)
	if len(samples) < 700 {
		t.Errorf("%d samples: the corpus is incomplete", len(samples))
	}
}
