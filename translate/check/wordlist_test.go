package check

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestAddWords: words are added once each, in NFC, after the list's own
// lines, which stay as written; a new list gets its header; what is not
// one word is refused and nothing is added.
func TestAddWords(t *testing.T) {
	const list = "# Kazakh words hunspell-kk lacks.\nБасшылықтан\n  Білмеймін\n"
	tests := []struct {
		name      string
		list      string
		add       []string
		want      string
		wantAdded []string
		wantErr   string
	}{
		{"two new, one listed", list, []string{"ішетін", "Басшылықтан", "жауады", "ішетін"},
			list + "ішетін\nжауады\n", []string{"ішетін", "жауады"}, ""},
		{"all listed", list, []string{"Білмеймін"}, list, nil, ""},
		{"a list without its last newline", "Басшылықтан", []string{"WhatsApp-та"}, "Басшылықтан\nWhatsApp-та\n", []string{"WhatsApp-та"}, ""},
		{"decomposed: stored composed", list, []string{"e\u0301te\u0301"}, list + "\u00e9t\u00e9\n", []string{"\u00e9t\u00e9"}, ""},
		{"a new list", "", []string{"ішетін"}, "# header\nішетін\n", []string{"ішетін"}, ""},
		{"two words", list, []string{"ішетін", "екі сөз"}, "", nil, `"екі сөз" is not one word`},
		{"punctuation", list, []string{"сөз."}, "", nil, `"сөз." is not one word`},
		{"a comment", list, []string{"#ішетін"}, "", nil, `is not one word`},
	}
	for _, tt := range tests {
		got, added, err := AddWords([]byte(tt.list), tt.add, "# header\n")
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || string(got) != tt.want || !reflect.DeepEqual(added, tt.wantAdded) {
			t.Errorf("%s: got %q, %q, %v; want %q, %q", tt.name, got, added, err, tt.want, tt.wantAdded)
		}
	}
}

// TestWordListFormat: a list's words are its lines, trimmed, without blank
// lines and comments; a word list's file name gives its locale, and
// WordListName is its inverse.
func TestWordListFormat(t *testing.T) {
	if got, want := WordList([]byte("# Russian words\n\nКаримов\n  Алматы  \n#not a word\nВерхний Ларс\n")), []string{"Каримов", "Алматы", "Верхний Ларс"}; !slices.Equal(got, want) {
		t.Errorf("WordList = %q, want %q", got, want)
	}
	for name, want := range map[string]string{"words.ru.txt": "ru", "words.kk-Latn.txt": "kk-Latn", "words..txt": "", "words.ru.toml": "", "terms.toml": "", "mywords.ru.txt": ""} {
		if got, ok := WordListLocale(name); got != want && ok || ok != (want != "") {
			t.Errorf("WordListLocale(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if loc, ok := WordListLocale(WordListName("uz")); !ok || loc != "uz" {
		t.Errorf("WordListLocale(WordListName(uz)) = %q, %v", loc, ok)
	}
}
