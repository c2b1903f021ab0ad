package segment

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestFrontMatterFormats: one article, its front matter written in TOML,
// YAML and JSON, splits into the same units (IDs, kinds, texts, contexts)
// and the same publication settings; only the positions differ.
func TestFrontMatterFormats(t *testing.T) {
	body := "\n# The Conscript\n\nSome 150,000 men came.\n"
	sources := map[string]string{
		"toml": "+++\npublication = \"Post Soviet Journal\"\ndateline = \"Almaty, Kazakhstan\"\ndate = 2022-10-05\ndate_text = \"Oct 2022\"\ntitle = \"The Conscript\"\nauthor = \"Jane Smith\"\nnote = \"All names have been changed.\"\nlang = \"en\"\nrequired_locales = [\"ru\"]\ndescription = \"Russians in Almaty.\"\n[params]\nsubtitle = \"Men who fled\"\n+++\n" + body,
		"yaml": "---\npublication: Post Soviet Journal\ndateline: 'Almaty, Kazakhstan'\ndate: 2022-10-05\ndate_text: \"Oct 2022\"\ntitle: The Conscript\nauthor: Jane Smith\nnote: >-\n  All names have\n  been changed.\nlang: en\nrequired_locales: [ru]\ndescription: Russians in Almaty.\nparams:\n  subtitle: Men who fled\n---\n" + body,
		"json": "{\n  \"publication\": \"Post Soviet Journal\",\n  \"dateline\": \"Almaty, Kazakhstan\",\n  \"date\": \"2022-10-05T10:00:00+06:00\",\n  \"date_text\": \"Oct 2022\",\n  \"title\": \"The Conscript\",\n  \"author\": \"Jane Smith\",\n  \"note\": \"All names have been changed.\",\n  \"lang\": \"en\",\n  \"required_locales\": [\"ru\"],\n  \"description\": \"Russians in Almaty.\",\n  \"params\": {\"subtitle\": \"Men who fled\"}\n}\n" + body,
	}
	describe := func(a *Article) string {
		var b strings.Builder
		fmt.Fprintf(&b, "date=%s lang=%s translate=%v required=%v\n", a.Meta.Date, a.Meta.Lang, a.Meta.Translate, a.Meta.Required)
		for _, u := range a.Units {
			fmt.Fprintf(&b, "%s %s %q %q\n", u.ID, u.Kind, u.Text(), u.Context)
		}
		for _, f := range a.Meta.Fields {
			fmt.Fprintf(&b, "field %s → %s\n", f.Path, a.Units[f.Unit].ID)
		}
		return b.String()
	}
	want := ""
	for _, format := range []string{"toml", "yaml", "json"} {
		a, err := Split("content/the-conscript.md", []byte(sources[format]))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if a.Meta.FrontMatter == nil || string(a.Meta.FrontMatter.Format) != format {
			t.Errorf("%s: front matter %v", format, a.Meta.FrontMatter)
		}
		got := describe(a)
		if format == "toml" {
			want = got
			for _, id := range []string{"the-conscript.publication", "the-conscript.dateline", "the-conscript.date", "the-conscript.title", "the-conscript.author", "the-conscript.note", "the-conscript.fm-description", "the-conscript.fm-params-subtitle", "the-conscript.intro.p-"} {
				if !strings.Contains(got, id) {
					t.Errorf("no unit %s:\n%s", id, got)
				}
			}
			if !strings.Contains(got, "date=2022-10-05 lang=en translate=true required=[ru]") {
				t.Errorf("settings:\n%s", got)
			}
			continue
		}
		if got != want {
			t.Errorf("%s splits otherwise than TOML:\n%s\nwant\n%s", format, got, want)
		}
	}
}

// TestTranslatedFields: by default the texts readers see in a Hugo,
// Jekyll or Zola front matter are units (description, summary, subtitle,
// linkTitle, an image's alt and caption, in params, extra or any table),
// each with an ID no go-i18n reserved word ends and a context; the fields
// a site generator reads itself (draft, slug, aliases, weight) and lists
// of terms (tags, categories) are not, and nothing warns about them.
func TestTranslatedFields(t *testing.T) {
	src := `---
title: "The Conscript"
linkTitle: Conscript
description: >
  Russians who fled
  to Almaty.
summary: Men aged 18–30.
draft: true
slug: the-conscript
aliases: [/old/conscript/]
weight: 10
tags: [war, Almaty]
categories:
- reportage
cover:
  image: market.jpg
  alt: The flea market.
  caption: Almaty's flea market.
params:
  subtitle: Russians of Almaty
  description: ""
  layout: wide
extra:
  description: For Zola.
---

Text.
`
	a, err := Split("content/a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.title headline title The Conscript @2:1",
		"a.fm-linktitle field linkTitle Conscript @3:1",
		"a.fm-description field description Russians who fled to Almaty. @4:1",
		"a.fm-summary field summary Men aged 18–30. @7:1",
		"a.fm-cover-alt field cover.alt The flea market. @17:3",
		"a.fm-cover-caption field cover.caption Almaty's flea market. @18:3",
		"a.fm-params-subtitle field params.subtitle Russians of Almaty @20:3",
		"a.fm-extra-description field extra.description For Zola. @24:3",
	}
	var got []string
	for _, f := range a.Meta.Fields {
		u := a.Units[f.Unit]
		got = append(got, fmt.Sprintf("%s %s %s %s @%d:%d", u.ID, u.Kind, f.Path, u.Text(), u.Pos.Line, u.Pos.Col))
		for _, seg := range strings.Split(u.ID, ".") {
			if reserved[seg] {
				t.Errorf("%s: the segment %q is one of go-i18n's reserved words", u.ID, seg)
			}
		}
		if u.Kind != Headline && !strings.Contains(u.Context, "(front matter: "+f.Path+")") {
			t.Errorf("%s: context %q", u.ID, u.Context)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(a.Units) != len(want)+1 || len(a.Warnings) != 0 {
		t.Errorf("%d units (want the fields and one paragraph), warnings %v", len(a.Units), a.Warnings)
	}
	desc := a.Units[a.Meta.Fields[2].Unit]
	if desc.Context != "The article's description, shown in search results and link previews (front matter: description)." {
		t.Errorf("description's context %q", desc.Context)
	}
	for _, k := range []string{"draft", "slug", "aliases", "weight", "tags", "categories", "cover", "params", "extra", "linkTitle"} {
		if _, ok := a.Meta.Params[k]; !ok {
			t.Errorf("Params has no %s: %v", k, a.Meta.Params)
		}
	}
}

// TestTranslateOption: tilmash.toml's list replaces the defaults: a list
// of terms it names makes a unit of each item, whose ID follows the
// item's text (so that reordering the tags keeps their translations); a
// * stands for any one key; the masthead is translated whatever it says.
func TestTranslateOption(t *testing.T) {
	src := "+++\ntitle = \"T\"\nauthor = \"A\"\ndescription = \"Not this time.\"\ntags = [\"war\", \"Алматы\", \"\"]\n[params]\nsubtitle = \"Sub\"\nn = 3\n[params.image]\nalt = \"Deeper\"\n+++\n\nText.\n"
	tests := []struct {
		name     string
		patterns []string
		want     string
	}{
		{"tags and params.*", []string{"tags", "params.*"}, "a.title a.author a.fm-tags-a2d8da a.fm-tags-061e11 a.fm-params-subtitle"},
		{"a list's items by *", []string{"tags.*"}, "a.title a.author a.fm-tags-a2d8da a.fm-tags-061e11"},
		{"nothing but the masthead", []string{}, "a.title a.author"},
		{"a deeper path", []string{"params.*.alt", "description"}, "a.title a.author a.fm-description a.fm-params-image-alt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := SplitWith("content/a.md", []byte(src), Options{Translate: tt.patterns})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, f := range a.Meta.Fields {
				ids = append(ids, a.Units[f.Unit].ID)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("units %s, want %s", got, tt.want)
			}
		})
	}
	a, err := SplitWith("content/a.md", []byte(src), Options{Translate: []string{"tags"}})
	if err != nil {
		t.Fatal(err)
	}
	tag := a.Units[a.Meta.Fields[3].Unit]
	if tag.Kind != FieldItem || tag.Text() != "Алматы" || a.Meta.Fields[3].Path != "tags.1" || tag.Context != "One of the article's tags: a topic readers follow to other articles (front matter: tags.1)." {
		t.Errorf("tag unit %+v", tag)
	}
	// The same tags in another order: the same IDs.
	b, err := SplitWith("content/a.md", []byte(strings.Replace(src, `["war", "Алматы", ""]`, `["Алматы", "war"]`, 1)), Options{Translate: []string{"tags"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Units[b.Meta.Fields[2].Unit].ID != tag.ID {
		t.Errorf("a reordered tag's ID %s, want %s", b.Units[b.Meta.Fields[2].Unit].ID, tag.ID)
	}
}

func TestFieldID(t *testing.T) {
	tests := map[string]string{
		"description":            "fm-description",
		"params.subtitle":        "fm-params-subtitle",
		"linkTitle":              "fm-linktitle",
		"featured_image.caption": "fm-featured-image-caption",
		"cover.alt":              "fm-cover-alt",
		"params.подпись":         "fm-params-",
		"extra.one":              "fm-extra-one",
	}
	for path, want := range tests {
		if got := FieldID(path); !strings.HasPrefix(got, want) || strings.HasSuffix(got, "-") {
			t.Errorf("FieldID(%q) = %q, want %q…", path, got, want)
		}
	}
	if FieldID("params.подпись") == FieldID("params.заголовок") {
		t.Error("two Cyrillic keys share an ID")
	}
}

func TestValidPattern(t *testing.T) {
	for p, want := range map[string]string{
		"description":     "",
		"params.subtitle": "",
		"*.alt":           "",
		"params.*.alt":    "",
		"":                "an empty name",
		"params..alt":     "has an empty part",
		"para*.alt":       "a * stands for a whole key",
		"lang":            "is not a text",
		"date":            "is not a text",
	} {
		err := ValidPattern(p)
		if (err == nil) != (want == "") || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("ValidPattern(%q) = %v, want %q", p, err, want)
		}
	}
}

// TestTranslatedFieldWarnings: a field tilmash.toml names that holds no
// text to translate is kept as it is, with a warning at its value; one a
// wildcard reaches is not worth one.
func TestTranslatedFieldWarnings(t *testing.T) {
	src := "---\ntitle: T\ndescription: {en: A table}\nsummary:\nbase: &s Shared\nsubtitle: *s\ncover: {alt: 3}\n---\n\nText.\n"
	a, err := Split("content/a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range a.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"content/a.md:3:14: front matter: description is to be translated (tilmash.toml's [front-matter] translate, or its default), but it holds a table, not a text or a list of texts: it is kept as it is",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// An alias is a text: the value it repeats, replaced where the alias stands.
	if len(a.Meta.Fields) != 2 || a.Meta.Fields[1].Path != "subtitle" || a.Units[a.Meta.Fields[1].Unit].Text() != "Shared" {
		t.Errorf("fields %+v", a.Meta.Fields)
	}
}

// TestDefaultTranslateDocumented: the configuration reference
// (docs/configuration.md) shows the default list as it is.
func TestDefaultTranslateDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "[front-matter]\n# the default:\n")
	block, _, _ = strings.Cut(block, "```")
	var doc struct{ Translate []string }
	if _, err := toml.Decode(block, &doc); !ok || err != nil {
		t.Fatalf("no default list in docs/configuration.md (%v)", err)
	}
	if !slices.Equal(doc.Translate, DefaultTranslate) {
		t.Errorf("docs/configuration.md says %q, DefaultTranslate is %q", doc.Translate, DefaultTranslate)
	}
}
