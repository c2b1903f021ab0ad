package catpath

import (
	"testing"

	"golang.org/x/text/language"
)

func TestArticle(t *testing.T) {
	tests := []struct {
		tag  string
		rel  string
		want string
	}{
		{"ru", "the-conscript.md", "locales/ru/the-conscript.ru.toml"},
		{"kk-Latn", "world/asia/brief.md", "locales/kk-Latn/world/asia/brief.kk-Latn.toml"},
		{"en", "posts/my-post/index.md", "locales/en/posts/my-post/index.en.toml"},
		{"ru", "v1.2 notes.md", "locales/ru/v1.2 notes.ru.toml"},
	}
	for _, tt := range tests {
		got := Article("locales", language.MustParse(tt.tag), tt.rel)
		if got != tt.want {
			t.Errorf("Article(%s, %s) = %s, want %s", tt.tag, tt.rel, got, tt.want)
		}
		// What Article names, Parse reads back, and go-i18n reads the
		// same locale from the name.
		f, ok := Parse("locales", got)
		if !ok || f.Flat || f.Locale.String() != tt.tag || f.Article != tt.rel {
			t.Errorf("Parse(%s) = %+v, %v; want %s, %s", got, f, ok, tt.tag, tt.rel)
		}
		if tag, ok := Tag(got); !ok || tag.String() != tt.tag {
			t.Errorf("Tag(%s) = %v, %v", got, tag, ok)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		path    string
		ok      bool
		tag     string
		article string
		flat    bool
	}{
		{"locales/ru.toml", true, "ru", "", true},
		{"locales/uz-Latn.toml", true, "uz-Latn", "", true},
		{"locales/ru/a.ru.toml", true, "ru", "a.md", false},
		{"locales/ru/sub/a.b.ru.toml", true, "ru", "sub/a.b.md", false},
		{"locales/ru/a.kk.toml", false, "", "", false},   // the name and the folder disagree
		{"locales/ru/a.toml", false, "", "", false},      // no locale in the name
		{"locales/ru/.ru.toml", false, "", "", false},    // no article
		{"locales/rus/a.rus.toml", false, "", "", false}, // not written as the tag writes itself
		{"locales/kk-latn/a.kk-latn.toml", false, "", "", false},
		{"locales/eng.toml", false, "", "", false},
		{"locales/ru/a.ru.txt", false, "", "", false},
		{"content/ru.toml", false, "", "", false},
		{"locales/active.ru.toml", false, "", "", false}, // goi18n's own name, not a catalogue here
	}
	for _, tt := range tests {
		f, ok := Parse("locales", tt.path)
		if ok != tt.ok {
			t.Errorf("Parse(%s) ok = %v, want %v", tt.path, ok, tt.ok)
			continue
		}
		if ok && (f.Locale.String() != tt.tag || f.Article != tt.article || f.Flat != tt.flat) {
			t.Errorf("Parse(%s) = %+v, want %s %q flat=%v", tt.path, f, tt.tag, tt.article, tt.flat)
		}
	}
}

func TestTagReadsAsGoI18nDoes(t *testing.T) {
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"ru.toml", "ru", true},
		{"the-conscript.ru.toml", "ru", true},
		{"a.b.c.kk-Latn.toml", "kk-Latn", true},
		{"active.en.toml", "en", true},
		{"the-conscript.toml", "", false},
		{"x.RU.toml", "", false},
		{"ru.json", "", false},
	}
	for _, tt := range tests {
		tag, ok := Tag(tt.name)
		if ok != tt.ok || ok && tag.String() != tt.want {
			t.Errorf("Tag(%s) = %v, %v; want %s, %v", tt.name, tag, ok, tt.want, tt.ok)
		}
	}
}

func TestGoi18n(t *testing.T) {
	tests := []struct {
		name string
		kind string // "" for none
	}{
		{"active.ru.toml", "active"},
		{"locales/translate.kk-Latn.toml", "translate"},
		{"locales/en/active.en.toml", "active"},
		{"active.en.json", ""},         // goi18n's JSON: no .toml, not read anyway
		{"active.toml", ""},            // no locale
		{"active.rus.toml", ""},        // not a tag written as it writes itself
		{"active.RU.toml", ""},         // the same
		{"reactive.ru.toml", ""},       // an article's catalogue
		{"the-conscript.ru.toml", ""},  // the same
		{"active.draft.ru.toml", ""},   // an article named active.draft
		{"translate-ru.toml", ""},      // no dot
		{"locales/active/ru.toml", ""}, // a folder named active
	}
	for _, tt := range tests {
		kind, ok := Goi18n(tt.name)
		if ok != (tt.kind != "") || kind != tt.kind {
			t.Errorf("Goi18n(%s) = %q, %v; want %q", tt.name, kind, ok, tt.kind)
		}
	}
}
