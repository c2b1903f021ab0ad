package translit

import (
	"testing"

	"golang.org/x/text/language"
)

// TestKazakh2021 covers every letter of the Kazakh Cyrillic alphabet, small
// and capital, and the case rules, against text written out from the
// package's table (the January 2021 alphabet and the documented choices).
func TestKazakh2021(t *testing.T) {
	kk, err := Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		// Every letter, small, in alphabetical order.
		{"а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я",
			"a ä b v g ğ d e io j z i i k q l m n ñ o ö p r s t u ū ü f h h ts ch ş şş  y ı  e iu ia"},
		// Every letter, capital, each starting a word.
		{"Аа Әә Бб Вв Гг Ғғ Дд Ее Ёё Жж Зз Ии Йй Кк Ққ Лл Мм Нн Ңң Оо Өө Пп Рр Сс Тт Уу Ұұ Үү Фф Хх Һһ Цц Чч Шш Щщ Ыы Іі Ээ Юю Яя",
			"Aa Ää Bb Vv Gg Ğğ Dd Ee İoio Jj Zz İi İi Kk Qq Ll Mm Nn Ññ Oo Öö Pp Rr Ss Tt Uu Ūū Üü Ff Hh Hh Tsts Chch Şş Şşşş Yy Iı Ee İuiu İaia"},
		// The capitals of і and и.
		{"Іле, Ирак, Ілияс", "Ile, İrak, Iliias"},
		// Words in capitals, digraphs included.
		{"КСРО мен ЧЕЧНЯ, ЮНЕСКО", "KSRO men CHECHNİA, İUNESKO"},
		// A capital digraph letter alone, or before a capital.
		{"Ч. Айтматов", "Ch. Aitmatov"},
		// Real Kazakh, from the article's register.
		{"Қазақстанның ең ірі қаласы — Алматы.", "Qazaqstannyñ eñ ırı qalasy — Almaty."},
		{"Бұрыңғы өткен заманда, бір данышпан кісі", "Būryñğy ötken zamanda, bır danyşpan kısı"},
		{"Сөйлесіп, үйіне келіп қоныпты.", "Söilesıp, üiıne kelıp qonypty."},
		// Punctuation, digits, Latin words, tags and placeholders as they are.
		{"«Post Soviet Journal» 2022 жылғы <em>қазан</em>, {{.Name}}, <code1/>!", "«Post Soviet Journal» 2022 jylğy <em>qazan</em>, {{.Name}}, <code1/>!"},
		{"Объект, съезд, Мәскеу", "Obekt, sezd, Mäskeu"},
	}
	for _, tt := range tests {
		if got := kk.Text(tt.in); got != tt.want {
			t.Errorf("Text(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
		if r, _, left := Cyrillic(kk.Text(tt.in)); left {
			t.Errorf("Text(%q) leaves the Cyrillic %q", tt.in, r)
		}
	}
	if _, err := Lookup("uz-Cyrl-1995"); err == nil {
		t.Error("an unknown transform was found")
	}
}

// TestTextKeepsCode: what markup reads as text is transliterated as text,
// and a template action that is no placeholder is kept as written, so that
// the computed text holds the action its source holds (placeholder.Scan
// refuses both) and never a placeholder made of Cyrillic letters. was is
// the text before Text read message text through markup.Verbatim.
func TestTextKeepsCode(t *testing.T) {
	kk, err := Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, was, want string }{
		{"letters after a tag's digits: text, all ASCII", "<a1b>қазақ</a1b>", "<a1b>qazaq</a1b>", "<a1b>qazaq</a1b>"},
		{"closing and self-closing: text, all ASCII", "<em>қазақ</em/>", "<em>qazaq</em/>", "<em>qazaq</em/>"},
		{"an action that would become a placeholder", "{{.Нумбер1}} теңге", "{{.Нумбер1}} teñge", "{{.Нумбер1}} teñge"},
		{"an action with a brace inside", `{{ "{" Аты }} теңге`, `{{ "{" Aty }} teñge`, `{{ "{" Аты }} teñge`},
		{"a {{ never closed is text: no transform closes it", "{{.Аты} теңге", "{{.Aty} teñge", "{{.Aty} teñge"},
		{"an escape is text", `{{"{{"}}.Аты}} теңге`, `{{"{{"}}.Aty}} teñge`, `{{"{{"}}.Aty}} teñge`},
		{"a Cyrillic tag-like text never becomes a tag", "<ем>қазақ</ем>", "<em>qazaq</em>", "<ем>qazaq</ем>"},
		{"a sign < and words after it", "5 < 6 және 7 > 3", "5 < 6 jäne 7 > 3", "5 < 6 jäne 7 > 3"},
		{"&lt; stays an escape", "&lt;ем> теңге", "&lt;em> teñge", "&lt;em> teñge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kk.Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q (was %q)", tt.in, got, tt.want, tt.was)
			}
		})
	}
}

// TestFits: a transform makes the locale it writes from the one it reads,
// whatever else a tag says (a region), and no other.
func TestFits(t *testing.T) {
	kk, err := Lookup("kk-Latn-2021")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tag      string
		from, to bool
	}{
		{"kk", true, false}, {"kk-KZ", true, false}, {"kk-Cyrl", true, false},
		{"kk-Latn", false, true}, {"kk-Latn-KZ", false, true},
		{"en", false, false}, {"en-US", false, false}, {"ru", false, false}, {"kk-Arab", false, false},
	}
	for _, tt := range tests {
		tag := language.MustParse(tt.tag)
		if got := Fits(tag, kk.From()); got != tt.from {
			t.Errorf("Fits(%s, %s) = %v", tt.tag, kk.From(), got)
		}
		if got := Fits(tag, kk.To()); got != tt.to {
			t.Errorf("Fits(%s, %s) = %v", tt.tag, kk.To(), got)
		}
	}
}
