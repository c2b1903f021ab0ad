package datefmt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		tag, iso, want string
	}{
		// English.
		{"en", "2023-03-14", "March 14, 2023"},
		{"en", "2023-03", "March 2023"},
		{"en", "2023", "2023"},
		{"en-US", "2023-03-14", "March 14, 2023"},
		{"en-GB", "2023-03-14", "14 March 2023"}, // en-GB → en-001
		{"en-IN", "2023-03-14", "14 March 2023"},

		// Russian: genitive month after a day, nominative (stand-alone,
		// LLLL) alone; CLDR puts a narrow no-break space before «г.».
		{"ru", "2023-03-14", "14 марта 2023\u202fг."},
		{"ru", "2023-03", "март 2023\u202fг."},
		{"ru", "2023", "2023"},
		{"ru-RU", "2023-03-14", "14 марта 2023\u202fг."},
		{"ru-KZ", "2023-03-14", "14 марта 2023\u202fг."},
		{"ru", "2023-05-01", "1 мая 2023\u202fг."},
		{"ru", "2023-05", "май 2023\u202fг."},

		// Kazakh, CLDR 42+: y 'ж'. d MMMM; yMMMM is y 'ж'. MMMM (format
		// context: lower case, where stand-alone would be «Наурыз»).
		{"kk", "2023-03-14", "2023\u202fж. 14 наурыз"},
		{"kk", "2023-03", "2023\u202fж. наурыз"},
		{"kk", "2023", "2023"},
		{"kk-KZ", "2023-03-14", "2023\u202fж. 14 наурыз"},
		{"kk-Cyrl", "2023-03-14", "2023\u202fж. 14 наурыз"},
		{"kk-Cyrl-KZ", "2023-03-14", "2023\u202fж. 14 наурыз"},
		{"kk-Arab", "2023-03-14", "2023، 14- ناۋرىز"},

		// Uzbek (Latin by default).
		{"uz", "2023-03-14", "14-mart, 2023"},
		{"uz", "2023-03", "mart, 2023"},
		{"uz", "2023", "2023"},
		{"uz-Latn", "2023-03-14", "14-mart, 2023"},
		{"uz-Latn-UZ", "2023-03-14", "14-mart, 2023"},

		// German.
		{"de", "2023-03-14", "14. März 2023"},
		{"de", "2023-03", "März 2023"},
		{"de", "2023", "2023"},
		{"de-AT", "2023-01-02", "2. Jänner 2023"},
		{"de-CH", "2023-03-14", "14. März 2023"},

		// French.
		{"fr", "2023-03-14", "14 mars 2023"},
		{"fr", "2023-03", "mars 2023"},
		{"fr", "2023", "2023"},
		{"fr-CA", "2023-03-14", "14 mars 2023"},

		// Other pattern features: quoted literals, numeric months,
		// zero-padded days, the era, trailing dots.
		{"es", "2023-03-14", "14 de marzo de 2023"},
		{"es-HN", "2023-03-04", "04 de marzo de 2023"},
		{"ja", "2023-03-14", "2023年3月14日"},
		{"ja", "2023-03", "2023年3月"},
		{"ja", "2023", "2023年"},
		{"zh-TW", "2023-03-14", "2023年3月14日"},
		{"th", "2023-03-14", "14 มีนาคม ค.ศ. 2023"},
		{"lt", "2023-03-14", "2023 m. kovo 14 d."},
		{"lt", "2023-03", "2023 m. kovas"},
		{"sr", "2023", "2023."},
		{"sr-ME", "2023-03-14", "14. mart 2023."}, // Latin in Montenegro
		{"bg", "2023", "2023\u202fг."},
		{"eu", "2023-03-14", "2023(e)ko martxoaren 14(a)"},

		// Calendar and numbering extensions are ignored.
		{"ru-RU-u-ca-buddhist", "2023-03-14", "14 марта 2023\u202fг."},
		{"ca-ES-valencia-u-nu-latn", "2023-03-14", "14 de març del 2023"},

		// CLDR 48 says ms-ID is Latin; golang.org/x/text guesses Arabic.
		{"ms-ID", "2023-03-14", "14 Mac 2023"},
		{"ms-Latn-ID", "2023-03-14", "14 Mac 2023"},

		// Leap days.
		{"en", "2024-02-29", "February 29, 2024"},
		{"en", "2000-02-29", "February 29, 2000"},
		{"en", "0001-01-01", "January 1, 1"},
	}
	for _, tt := range tests {
		got, err := Format(language.MustParse(tt.tag), tt.iso)
		if err != nil {
			t.Errorf("Format(%s, %q): %v", tt.tag, tt.iso, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Format(%s, %q) = %q, want %q", tt.tag, tt.iso, got, tt.want)
		}
	}
}

// TestFallback checks that a tag CLDR has no data for falls back to a
// parent only in its own script, and to the ISO date otherwise.
func TestFallback(t *testing.T) {
	tests := []struct {
		tag, iso, want string
	}{
		// Kazakh in Latin script must not get Cyrillic month names.
		{"kk-Latn", "2023-03-14", "2023-03-14"},
		{"kk-Latn", "2023-03", "2023-03"},
		{"kk-Latn", "2023", "2023"},
		{"kk-Latn-KZ", "2023-03-14", "2023-03-14"},
		// Uzbek in Cyrillic is not in CLDR's modern set: no Latin names.
		{"uz-Cyrl", "2023-03-14", "2023-03-14"},
		{"uz-Cyrl-UZ", "2023-03", "2023-03"},
		// A script nobody writes the language in.
		{"ru-Latn", "2023-03-14", "2023-03-14"},
		{"en-Cyrl", "2023-03-14", "2023-03-14"},
		{"de-Grek", "2023", "2023"},
		// Languages CLDR has no modern data for, and no language at all.
		{"qaa", "2023-03-14", "2023-03-14"},
		{"tlh", "2023-03-14", "2023-03-14"},
		{"und", "2023-03-14", "2023-03-14"},
		{"und-KZ", "2023-03", "2023-03"},
	}
	for _, tt := range tests {
		tag, err := language.Parse(tt.tag)
		if err != nil {
			// language.Parse fails on unknown subtags but still returns
			// its best tag.
			tag = language.Make(tt.tag)
		}
		got, err := Format(tag, tt.iso)
		if err != nil {
			t.Errorf("Format(%s, %q): %v", tt.tag, tt.iso, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Format(%s, %q) = %q, want %q", tt.tag, tt.iso, got, tt.want)
		}
	}
}

func TestFormatErrors(t *testing.T) {
	for _, iso := range []string{
		"",
		"23",
		"02023",
		"0000",
		"2023-13",
		"2023-00",
		"2023-13-01",
		"2023-00-10",
		"2023-03-32",
		"2023-03-00",
		"2023-02-29", // not a leap year
		"1900-02-29", // nor is 1900
		"2023-02-30",
		"2023-04-31",
		"2023-3-14",
		"2023-03-1",
		"2023/03/14",
		"2023-03/14",
		"20230314",
		"2023-03-14T10:00:00Z",
		" 2023",
		"2023 ",
		"-2023",
		"+2023",
		"２０２３",
		"2O23",
		"2023-0a",
		"2023--3-14",
	} {
		for _, tag := range []language.Tag{language.English, language.Russian, language.Make("kk"), language.Make("kk-Latn"), language.Und} {
			got, err := Format(tag, iso)
			if err == nil {
				t.Errorf("Format(%s, %q) = %q, want an error", tag, iso, got)
				continue
			}
			if !errors.Is(err, ErrInvalidDate) {
				t.Errorf("Format(%s, %q): error %v does not wrap ErrInvalidDate", tag, iso, err)
			}
			if got != "" {
				t.Errorf("Format(%s, %q) = %q with an error", tag, iso, got)
			}
		}
	}
}

// TestEveryLocale formats every day of a year (and a month and a year
// alone) in every generated locale, and checks that each locale's own tag
// finds its own data.
func TestEveryLocale(t *testing.T) {
	if len(locales) < 300 {
		t.Errorf("only %d locales generated; CLDR's modern set has over 400", len(locales))
	}
	for key, idx := range locales {
		tag, err := language.Parse(key)
		if err != nil {
			t.Errorf("locale %q: %v", key, err)
			continue
		}
		if loc := lookup(tag); loc != &records[idx] {
			t.Errorf("lookup(%s) does not find the data generated for %s", tag, key)
		}
		for m := time.January; m <= time.December; m++ {
			for _, iso := range []string{
				time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
				time.Date(2024, m+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
				time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"),
			} {
				got, err := Format(tag, iso)
				if err != nil {
					t.Errorf("Format(%s, %q): %v", key, iso, err)
					continue
				}
				if !strings.Contains(got, "2024") && !strings.Contains(got, "24") {
					t.Errorf("Format(%s, %q) = %q: no year", key, iso, got)
				}
				if got == iso {
					t.Errorf("Format(%s, %q) = %q: the ISO fallback", key, iso, got)
				}
			}
		}
		if got, err := Format(tag, "2024"); err != nil || !strings.Contains(got, "2024") {
			t.Errorf("Format(%s, \"2024\") = %q, %v", key, got, err)
		}
	}
}

// TestMonthContexts checks the genitive/nominative split through the whole
// Russian year.
func TestMonthContexts(t *testing.T) {
	genitive := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	nominative := []string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	for m := 1; m <= 12; m++ {
		day := time.Date(2023, time.Month(m), 10, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if got, _ := Format(language.Russian, day); got != "10 "+genitive[m-1]+" 2023\u202fг." {
			t.Errorf("Format(ru, %q) = %q", day, got)
		}
		if got, _ := Format(language.Russian, day[:7]); got != nominative[m-1]+" 2023\u202fг." {
			t.Errorf("Format(ru, %q) = %q", day[:7], got)
		}
	}
}

func FuzzFormat(f *testing.F) {
	for _, s := range [][2]string{
		{"en", "2023-03-14"}, {"ru", "2023-03"}, {"kk", "2023"}, {"kk-Latn", "2023-03-14"},
		{"th", "2024-02-29"}, {"ja", "0001-01-01"}, {"und", "9999-12-31"}, {"x-foo", "2023-02-30"},
		{"sr-ME-u-ca-buddhist", "2023-13"}, {"", ""}, {"zh-Hant-HK", "２０２３"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, tagStr, iso string) {
		tag := language.Make(tagStr)
		got, err := Format(tag, iso)

		valid := true
		switch len(iso) {
		case 4:
			_, perr := time.Parse("2006", iso)
			valid = perr == nil
		case 7:
			_, perr := time.Parse("2006-01", iso)
			valid = perr == nil
		case 10:
			_, perr := time.Parse("2006-01-02", iso)
			valid = perr == nil
		default:
			valid = false
		}
		if valid && strings.HasPrefix(iso, "0000") {
			valid = false
		}
		if valid != (err == nil) {
			t.Fatalf("Format(%s, %q) = %q, %v; time.Parse says valid = %v", tag, iso, got, err, valid)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidDate) || got != "" {
				t.Fatalf("Format(%s, %q) = %q, %v", tag, iso, got, err)
			}
			return
		}
		if got == "" {
			t.Fatalf("Format(%s, %q) is empty", tag, iso)
		}
		if und, _ := Format(language.Und, iso); und != iso {
			t.Fatalf("Format(und, %q) = %q, want the ISO date", iso, und)
		}
	})
}
