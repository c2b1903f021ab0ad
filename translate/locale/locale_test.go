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

// TestName: a language published in one script keeps its plain name; one
// published in two is named with its script, in that script, in every
// list that holds both (the order of among does not matter).
func TestName(t *testing.T) {
	kk, kkLatn, ru, en := language.Kazakh, language.MustParse("kk-Latn"), language.Russian, language.English
	tests := []struct {
		tag   language.Tag
		among []language.Tag
		want  string
	}{
		{kk, []language.Tag{en, ru}, "Қазақ тілі"},
		{kk, nil, "Қазақ тілі"},
		{kkLatn, []language.Tag{en}, "Qazaqşa"},
		{kk, []language.Tag{en, ru, kkLatn}, "Қазақша (кирилл)"},
		{kkLatn, []language.Tag{kk, en, ru}, "Qazaqşa (latyn)"},
		{language.MustParse("kk-KZ"), []language.Tag{kkLatn}, "Қазақша (кирилл)"},
		{language.MustParse("kk-Cyrl"), []language.Tag{kkLatn}, "Қазақша (кирилл)"},
		{kk, []language.Tag{language.MustParse("kk-KZ")}, "Қазақ тілі"}, // one script, two regions
		{ru, []language.Tag{kk, kkLatn, en}, "Русский"},
		{en, []language.Tag{kk, kkLatn}, "English"},
		// A language the table does not know: CLDR's names, in the language.
		{language.MustParse("uz-Cyrl"), []language.Tag{language.MustParse("uz-Latn")}, "Ўзбекча (Кирил)"},
		{language.MustParse("uz-Latn"), []language.Tag{language.MustParse("uz-Cyrl")}, "O‘zbek (lotin)"},
		{language.MustParse("uz"), []language.Tag{language.MustParse("uz-Cyrl")}, "O‘zbek (lotin)"},
	}
	for _, tt := range tests {
		if got := Name(tt.tag, tt.among); got != tt.want {
			t.Errorf("Name(%s, %v) = %q, want %q", tt.tag, tt.among, got, tt.want)
		}
	}
}

// TestUpper: kk-Latn's capitals are the 2021 alphabet's (i → İ, ı → I),
// which CLDR's casing for kk would get wrong; other languages' are CLDR's.
func TestUpper(t *testing.T) {
	tests := []struct{ tag, in, want string }{
		{"kk-Latn", "2022 j. qyrküiek, Bışkek, Iliias", "2022 J. QYRKÜİEK, BIŞKEK, ILİİAS"},
		{"kk", "қыркүйек, Бішкек", "ҚЫРКҮЙЕК, БІШКЕК"},
		{"ru", "сентябрь, Бишкек", "СЕНТЯБРЬ, БИШКЕК"},
		{"en", "September, Bishkek", "SEPTEMBER, BISHKEK"},
		{"tr", "istanbul, ılık", "İSTANBUL, ILIK"},
	}
	for _, tt := range tests {
		if got := Upper(language.MustParse(tt.tag), tt.in); got != tt.want {
			t.Errorf("Upper(%s, %q) = %q, want %q", tt.tag, tt.in, got, tt.want)
		}
	}
}

// TestOwnCapitals: the languages whose capitals a stylesheet's default
// casing would get wrong.
func TestOwnCapitals(t *testing.T) {
	tests := map[string]bool{"kk-Latn": true, "tr": true, "az": true, "el": true, "kk": false, "ru": false, "en": false, "en-XA": false, "uz-Latn": false}
	for tag, want := range tests {
		if got := OwnCapitals(language.MustParse(tag)); got != want {
			t.Errorf("OwnCapitals(%s) = %v, want %v", tag, got, want)
		}
	}
}

func TestCaptionStop(t *testing.T) {
	tests := map[string]bool{"en": true, "en-XA": true, "ru": false, "kk": false, "kk-Latn": false, "uz": true}
	for tag, want := range tests {
		if got := CaptionStop(language.MustParse(tag)); got != want {
			t.Errorf("CaptionStop(%s) = %v, want %v", tag, got, want)
		}
	}
}
