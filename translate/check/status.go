package check

import (
	"github.com/tilmash/tilmash/translate/assemble"
	"github.com/tilmash/tilmash/translate/catalog"
)

// Count is a tally of units and of their English words.
type Count struct {
	Units int `json:"units"`
	Words int `json:"words"`
}

// Status is how far one locale's translation has come.
type Status struct {
	Locale     string  `json:"locale"`
	Total      Count   `json:"total"`
	Translated Count   `json:"translated"` // up to date with the English
	Stale      Count   `json:"stale"`      // translated from older English
	Missing    Count   `json:"missing"`    // not translated
	Obsolete   Count   `json:"obsolete"`   // entries whose unit is gone (not in Total)
	UnitsPct   float64 `json:"coverage_units"`
	WordsPct   float64 `json:"coverage_words"`
}

// Statuses tallies every target catalogue against the source. Coverage
// counts only up-to-date translations.
func Statuses(src *catalog.Catalog, targets []*catalog.Catalog) []Status {
	var out []Status
	for _, c := range targets {
		st := Status{Locale: c.Locale.String()}
		for _, sm := range src.Messages {
			n := Count{1, englishWords(sm.Text())}
			add(&st.Total, n)
			tm := c.Lookup(sm.ID)
			switch {
			case tm == nil || !tm.Translated():
				add(&st.Missing, n)
			case tm.Hash != sm.Hash:
				add(&st.Stale, n)
			default:
				add(&st.Translated, n)
			}
		}
		for _, tm := range c.Messages {
			if src.Lookup(tm.ID) == nil {
				add(&st.Obsolete, Count{1, englishWords(tm.Source()[sourceKey])})
			}
		}
		st.UnitsPct = pct(st.Translated.Units, st.Total.Units)
		st.WordsPct = pct(st.Translated.Words, st.Total.Words)
		out = append(out, st)
	}
	return out
}

const sourceKey = "other"

func add(c *Count, n Count) { c.Units += n.Units; c.Words += n.Words }

func pct(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(int(1000*float64(n)/float64(total))) / 10 // rounded down to 0.1: 99.96 is not 100
}

// englishWords counts the words of a message, tags and placeholders aside.
func englishWords(msg string) int {
	return assemble.CountWords(stripCode(msg))
}

// MergeStatuses adds up the statuses of parts of a project (package
// archive), locale by locale, in the order each locale first appears, and
// computes each locale's coverage of the whole.
func MergeStatuses(parts ...[]Status) []Status {
	var out []Status
	at := map[string]int{}
	for _, part := range parts {
		for _, st := range part {
			i, ok := at[st.Locale]
			if !ok {
				i = len(out)
				at[st.Locale] = i
				out = append(out, Status{Locale: st.Locale})
			}
			o := &out[i]
			add(&o.Total, st.Total)
			add(&o.Translated, st.Translated)
			add(&o.Stale, st.Stale)
			add(&o.Missing, st.Missing)
			add(&o.Obsolete, st.Obsolete)
		}
	}
	for i := range out {
		out[i].UnitsPct = pct(out[i].Translated.Units, out[i].Total.Units)
		out[i].WordsPct = pct(out[i].Translated.Words, out[i].Total.Words)
	}
	return out
}
