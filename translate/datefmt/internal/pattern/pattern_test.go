package pattern

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Token
	}{
		{"d MMMM y", []Token{{Field: 'd', Count: 1}, {Literal: " "}, {Field: 'M', Count: 4}, {Literal: " "}, {Field: 'y', Count: 1}}},
		{"d MMMM y\u202f'г'.", []Token{{Field: 'd', Count: 1}, {Literal: " "}, {Field: 'M', Count: 4}, {Literal: " "}, {Field: 'y', Count: 1}, {Literal: "\u202fг."}}},
		{"LLLL y", []Token{{Field: 'L', Count: 4}, {Literal: " "}, {Field: 'y', Count: 1}}},
		{"y('e')'ko' MMMM", []Token{{Field: 'y', Count: 1}, {Literal: "(e)ko "}, {Field: 'M', Count: 4}}},
		{"d 'de' MMMM", []Token{{Field: 'd', Count: 1}, {Literal: " de "}, {Field: 'M', Count: 4}}},
		{"y年M月d日", []Token{{Field: 'y', Count: 1}, {Literal: "年"}, {Field: 'M', Count: 1}, {Literal: "月"}, {Field: 'd', Count: 1}, {Literal: "日"}}},
		{"dd.MM.yyyy G", []Token{{Field: 'd', Count: 2}, {Literal: "."}, {Field: 'M', Count: 2}, {Literal: "."}, {Field: 'y', Count: 4}, {Literal: " "}, {Field: 'G', Count: 1}}},
		// '' is an apostrophe, inside quotes and out.
		{"d''MMMM", []Token{{Field: 'd', Count: 1}, {Literal: "'"}, {Field: 'M', Count: 4}}},
		{"'o''clock' y", []Token{{Literal: "o'clock "}, {Field: 'y', Count: 1}}},
		{"''", []Token{{Literal: "'"}}},
		{"'d'", []Token{{Literal: "d"}}},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"d 'de MMMM", "'", "EEEE, d MMMM", "ddd", "H:mm", "MMMMMM", "yyyyyyyyyy"} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, got)
		}
	}
}
