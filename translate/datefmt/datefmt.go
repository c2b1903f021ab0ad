package datefmt

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/datefmt/internal/pattern"
)

// ErrInvalidDate is wrapped by the error Format returns for a string that is
// not an ISO 8601 calendar date of one of the forms YYYY, YYYY-MM and
// YYYY-MM-DD with a year from 0001 to 9999, or that names a day the month
// does not have.
var ErrInvalidDate = errors.New("not a valid ISO 8601 date (want YYYY, YYYY-MM or YYYY-MM-DD)")

// localeData is one locale's formatting data in the generated tables.
type localeData struct {
	// script is the ISO 15924 code of the script the data is written in.
	script string
	// patterns indexes patterns: the long date format, then the yMMMM and
	// y skeletons.
	patterns [3]uint16
	// months indexes monthSets: [format, stand-alone][abbreviated, wide,
	// narrow]; 0 where the patterns do not need the names.
	months [2][3]uint16
	// era indexes eras for the era AD: [abbreviated, wide, narrow]; 0 where
	// the patterns do not need it.
	era [3]uint16
}

// precision is how much of a date is given; its value indexes
// localeData.patterns.
type precision int

const (
	day   precision = iota // YYYY-MM-DD, the long date format
	month                  // YYYY-MM, the yMMMM skeleton
	year                   // YYYY, the y skeleton
)

type date struct {
	year, month, day int
	prec             precision
}

// Format writes an ISO 8601 date ("2023", "2023-03" or "2023-03-14") as the locale writes it in a long date.
//
// The locale is the CLDR data for tag or, failing that, for the nearest of
// its parents (tag.Parent()) whose data is written in the script of tag; if
// there is none, Format returns the ISO date unchanged. The error, for a
// malformed date or one that does not exist (2023-02-29), wraps
// ErrInvalidDate.
func Format(tag language.Tag, iso string) (string, error) {
	d, err := parse(iso)
	if err != nil {
		return "", err
	}
	loc := lookup(tag)
	if loc == nil {
		return iso, nil
	}
	return loc.format(d)
}

// maxParents bounds the walk up a parent chain; real chains are at most
// five tags long (en-Latn-IN, en-IN, en-001, en, und).
const maxParents = 16

// lookup finds the data for tag, or nil. It walks up the parent chain of
// tag without its extensions and takes the first data written in the
// script of tag (given or, if tag has none, guessed by golang.org/x/text).
// Data found under tag itself is taken whatever x/text guesses, since CLDR
// knows better which script a locale it has data for is written in (x/text
// guesses Arabic for ms-ID, CLDR says Latin). A tag whose script is given
// also walks the chain of the same tag without it, for data stored under
// the script-less tag (ms-Latn-ID finds ms-ID).
func lookup(tag language.Tag) *localeData {
	want, conf := tag.Script()
	base, script, region := tag.Raw()
	variants := tag.Variants()
	start, err := language.Compose(base, script, region, variants)
	if err != nil {
		start = tag
	}
	if loc := walk(start, want, conf, true); loc != nil {
		return loc
	}
	if conf == language.Exact {
		if noScript, err := language.Compose(base, region, variants); err == nil {
			return walk(noScript, want, conf, false)
		}
	}
	return nil
}

// walk goes up the parent chain from t for data written in script want.
// If trustFirst, data under t itself is taken whatever its script; if x/text
// could not tell the script at all (conf is language.No), any data is.
func walk(t language.Tag, want language.Script, conf language.Confidence, trustFirst bool) *localeData {
	for i := range maxParents {
		if idx, ok := locales[t.String()]; ok {
			loc := &records[idx]
			if i == 0 && trustFirst || conf == language.No || loc.script == want.String() {
				return loc
			}
		}
		if t.IsRoot() {
			break
		}
		t = t.Parent()
	}
	return nil
}

// parse reads a date of the form YYYY, YYYY-MM or YYYY-MM-DD.
func parse(iso string) (date, error) {
	bad := func(why string) (date, error) {
		return date{}, fmt.Errorf("datefmt: %q: %s: %w", iso, why, ErrInvalidDate)
	}
	var d date
	switch len(iso) {
	case 4:
		d.prec = year
	case 7:
		d.prec = month
	case 10:
		d.prec = day
	default:
		return bad("wrong length")
	}
	var ok bool
	if d.year, ok = digits(iso[0:4]); !ok {
		return bad("the year is not four digits")
	}
	if d.year == 0 {
		return bad("there is no year 0000")
	}
	if d.prec == year {
		return d, nil
	}
	if iso[4] != '-' {
		return bad("a hyphen must follow the year")
	}
	if d.month, ok = digits(iso[5:7]); !ok {
		return bad("the month is not two digits")
	}
	if d.month < 1 || d.month > 12 {
		return bad("month " + iso[5:7] + " does not exist")
	}
	if d.prec == month {
		return d, nil
	}
	if iso[7] != '-' {
		return bad("a hyphen must follow the month")
	}
	if d.day, ok = digits(iso[8:10]); !ok {
		return bad("the day is not two digits")
	}
	if d.day < 1 || d.day > daysIn(d.year, d.month) {
		return bad("day " + iso[8:10] + " does not exist in that month")
	}
	return d, nil
}

// digits reads a string of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of a month of the proleptic Gregorian
// calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// width maps a field count to an index into [abbreviated, wide, narrow].
func width(count int) int {
	switch count {
	case 4:
		return 1
	case 5:
		return 2
	}
	return 0
}

// format writes d with the locale's pattern for its precision.
func (loc *localeData) format(d date) (string, error) {
	p := patterns[loc.patterns[d.prec]]
	toks, err := pattern.Parse(p)
	if err != nil {
		return "", fmt.Errorf("datefmt: generated tables: %v", err)
	}
	var b strings.Builder
	for _, t := range toks {
		switch t.Field {
		case 0:
			b.WriteString(t.Literal)
		case 'y':
			y := d.year
			if t.Count == 2 {
				y %= 100
			}
			pad(&b, y, t.Count)
		case 'M', 'L':
			if d.prec > month {
				return "", fmt.Errorf("datefmt: generated tables: pattern %q for a year has a month", p)
			}
			if t.Count <= 2 {
				pad(&b, d.month, t.Count)
				break
			}
			context := 0
			if t.Field == 'L' {
				context = 1
			}
			set := loc.months[context][width(t.Count)]
			if set == 0 {
				return "", fmt.Errorf("datefmt: generated tables: no month names for %s in pattern %q", strings.Repeat(string(t.Field), t.Count), p)
			}
			b.WriteString(monthSets[set][d.month-1])
		case 'd':
			if d.prec > day {
				return "", fmt.Errorf("datefmt: generated tables: pattern %q without a day has a day", p)
			}
			pad(&b, d.day, t.Count)
		case 'G':
			e := loc.era[width(t.Count)]
			if e == 0 {
				return "", fmt.Errorf("datefmt: generated tables: no era name for %s in pattern %q", strings.Repeat("G", t.Count), p)
			}
			b.WriteString(eras[e])
		default:
			return "", fmt.Errorf("datefmt: generated tables: pattern %q has field %c", p, t.Field)
		}
	}
	return b.String(), nil
}

// pad writes n in decimal with at least width digits.
func pad(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}
