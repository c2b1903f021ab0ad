package hunspell

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestPipeAnswersAsSpeller: the persistent process gives, list after list,
// exactly what a process per list gives, and a missing dictionary is the
// same error.
func TestPipeAnswersAsSpeller(t *testing.T) {
	p := &Pipe{}
	defer p.Close()
	lists := []struct {
		dict  string
		words []string
	}{
		{"ru_RU", []string{"дом", "миррр", "Москва", "превед"}},
		{"ru_RU", []string{"кошка"}},
		{"ru_RU", nil},
		{"kk_KZ", []string{"Сәлем", "кітап", "ққққ"}},
		{"ru_RU", []string{"собака", "сабака", "a\nb"}},
	}
	for i, l := range lists {
		got, err := p.Unknown(l.dict, l.words)
		if err != nil {
			t.Fatal(err)
		}
		var clean []string
		for _, w := range l.words {
			if !strings.Contains(w, "\n") {
				clean = append(clean, w)
			}
		}
		want, err := Speller{}.Unknown(l.dict, clean)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("list %d: %q, want %q", i, got, want)
		}
	}
	if got, err := p.Unknown("ru_RU", []string{"миррр"}); err != nil || len(got) != 1 {
		t.Errorf("after the others: %q, %v", got, err)
	}
	_, err := p.Unknown("xx_XX", []string{"word"})
	if err == nil || err.Error() != "no hunspell dictionary xx_XX" {
		t.Errorf("a missing dictionary: %v", err)
	}
}

// TestPipeLargeList: a list far larger than a pipe holds is answered (the
// words are written while the answers are read), and so are the lists
// after it.
func TestPipeLargeList(t *testing.T) {
	p := &Pipe{}
	defer p.Close()
	var words []string
	for i := 0; i < 20000; i++ {
		words = append(words, fmt.Sprintf("қзщшъх%dзщ", i)[:0]+strings.Repeat("ъ", 3+i%7)+fmt.Sprint(i%10))
	}
	got, err := p.Unknown("ru_RU", words)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 10000 {
		t.Errorf("%d unknown of 20,000 made-up words", len(got))
	}
	if got, err := p.Unknown("ru_RU", []string{"дом", "миррр"}); err != nil || len(got) != 1 || got[0] != "миррр" {
		t.Errorf("after a large list: %q, %v", got, err)
	}
}
