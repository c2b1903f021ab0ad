package locale

import (
	"reflect"
	"testing"

	"golang.org/x/text/language"
)

func TestPluralForms(t *testing.T) {
	tests := []struct {
		tag  string
		want []Form
	}{
		{"en", []Form{One, Other}},
		{"ru", []Form{One, Few, Many, Other}},
		{"kk", []Form{One, Other}},
		{"uz", []Form{One, Other}},
		{"uz-Latn", []Form{One, Other}},
		{"ja", []Form{Other}},
		{"ar", []Form{Zero, One, Two, Few, Many, Other}},
		{"pl", []Form{One, Few, Many, Other}},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got := PluralForms(language.MustParse(tt.tag))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PluralForms(%s) = %v, want %v", tt.tag, got, tt.want)
			}
		})
	}
}

func TestPluralForm(t *testing.T) {
	tests := []struct {
		tag  string
		n    int
		want Form
	}{
		{"ru", 31, One},
		{"ru", 32, Few},
		{"ru", 35, Many},
		{"ru", 11, Many},
		{"kk", 31, Other},
		{"kk", 1, One},
		{"en", 1, One},
		{"en", 35, Other},
	}
	for _, tt := range tests {
		if got := PluralForm(language.MustParse(tt.tag), tt.n); got != tt.want {
			t.Errorf("PluralForm(%s, %d) = %s, want %s", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		tag  string
		n    int64
		want string
	}{
		{"en", 150000, "150,000"},
		{"ru", 150000, "150\u00a0000"},
		{"kk", 150000, "150\u00a0000"},
		{"ru", 1234567, "1\u00a0234\u00a0567"},
		{"kk", 31, "31"},
	}
	for _, tt := range tests {
		if got := FormatInt(language.MustParse(tt.tag), tt.n); got != tt.want {
			t.Errorf("FormatInt(%s, %d) = %q, want %q", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestDecimalSeparator(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "."},
		{"ru", ","},
		{"kk", ","},
		{"de", ","},
		{"ja", "."},
	}
	for _, tt := range tests {
		if got := DecimalSeparator(language.MustParse(tt.tag)); got != tt.want {
			t.Errorf("DecimalSeparator(%s) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"ru", "ru", false},
		{"kk", "kk", false},
		{"uz-Latn", "uz-Latn", false},
		{"kk-Latn", "kk-Latn", false},
		{"KK", "kk", false},
		{"not a tag", "", true},
		{"", "", true},
		{"xx", "", true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("Parse(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.String() != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSelfName(t *testing.T) {
	tests := map[string]string{"en": "English", "ru": "русский", "kk": "қазақ тілі", "kk-Latn": "Qazaqşa"}
	for tag, want := range tests {
		if got := SelfName(language.MustParse(tag)); got != want {
			t.Errorf("SelfName(%s) = %q, want %q", tag, got, want)
		}
	}
}

func TestFileTagIsExact(t *testing.T) {
	tests := []struct {
		name, canonical string
		ok              bool
	}{
		{"ru.toml", "ru.toml", true},
		{"uz-Latn.toml", "uz-Latn.toml", true},
		{"eng.toml", "en.toml", false},
		{"rus.toml", "ru.toml", false},
		{"kk-latn.toml", "kk-Latn.toml", false},
		{"RU.toml", "ru.toml", false},
		{"notes.toml", "", false},
		{"ru.txt", "", false},
	}
	for _, tt := range tests {
		if _, ok := FileTag(tt.name); ok != tt.ok {
			t.Errorf("FileTag(%q) ok = %v, want %v", tt.name, ok, tt.ok)
		}
		if got := CanonicalFile(tt.name); got != tt.canonical {
			t.Errorf("CanonicalFile(%q) = %q, want %q", tt.name, got, tt.canonical)
		}
	}
}

// TestIsSource: the source language is en however BCP 47 lets it be
// spelt; a regional or other English is another locale.
func TestIsSource(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{"en", true}, {"EN", true}, {"eng", true}, {"ENG", true}, {"en-Latn", true}, {"en-latn", true},
		{"en-US", false}, {"en-GB", false}, {"en-Dsrt", false}, {"en-x-foo", false}, {"kk", false}, {"kk-Latn", false},
	}
	for _, tt := range tests {
		tag, err := Parse(tt.tag)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsSource(tag); got != tt.want {
			t.Errorf("IsSource(%s) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}
