package segment

import (
	"strings"

	"github.com/tilmash/tilmash/translate/words"
)

// Prior is a unit as the source catalogue last recorded it.
type Prior struct {
	ID   string // the unit's ID
	Text string // its English text ("other" form) at the time
}

// similarEnough is the least word overlap (Dice coefficient) at which an
// edited paragraph is taken for the one it replaced. Below it the paragraph
// counts as new: a fresh ID is safer than a translation on the wrong text.
const similarEnough = 0.5

// Reconcile gives units the IDs they had in prior, the units of the previous
// extraction in catalogue order, so that an edit never orphans a translation:
//
//  1. a unit whose ID and text are unchanged keeps its ID (the common case);
//  2. a unit whose text is unchanged but moved (so its derived ID differs)
//     takes the ID it had;
//  3. a unit whose text was edited takes the ID of the unmatched prior unit
//     of the same kind, between the same unchanged neighbours, whose words
//     overlap most (at least half): its translations become stale, not lost.
//
// Anything else is new and keeps its derived ID. Units with fixed IDs
// (headline, note, names, profile headings) are never renamed.
func Reconcile(a *Article, prior []Prior) {
	priorIdx := map[string]int{}
	for i, p := range prior {
		priorIdx[p.ID] = i
	}
	usedPrior := make([]bool, len(prior))
	matched := make([]int, len(a.Units)) // index into prior, or -1
	for i := range matched {
		matched[i] = -1
	}
	// Pass 1: same ID (derived IDs hash the text, so the text is the same too).
	for i, u := range a.Units {
		if j, ok := priorIdx[u.ID]; ok && !usedPrior[j] {
			matched[i], usedPrior[j] = j, true
		}
	}
	// Pass 2: same text, same kind, other ID (moved to another section).
	byText := map[string][]int{}
	for j, p := range prior {
		if !usedPrior[j] {
			k := kindOf(p.ID) + "\x00" + normalizeSpace(p.Text)
			byText[k] = append(byText[k], j)
		}
	}
	for i, u := range a.Units {
		if matched[i] >= 0 || !derived(u.ID) || !sameArticle(u.ID, a.Slug) {
			continue
		}
		k := kindOf(u.ID) + "\x00" + normalizeSpace(u.Text())
		for _, j := range byText[k] {
			if !usedPrior[j] && sameArticle(prior[j].ID, a.Slug) {
				matched[i], usedPrior[j] = j, true
				a.Units[i].ID = prior[j].ID
				break
			}
		}
	}
	// Pass 3: edited text, between the same anchors.
	for i, u := range a.Units {
		if matched[i] >= 0 || !derived(u.ID) {
			continue
		}
		lo, hi := -1, len(prior)
		for k := i - 1; k >= 0; k-- {
			if matched[k] >= 0 {
				lo = matched[k]
				break
			}
		}
		for k := i + 1; k < len(a.Units); k++ {
			if matched[k] >= 0 {
				hi = matched[k]
				break
			}
		}
		best, bestScore := -1, similarEnough
		for j := lo + 1; j < hi && j >= 0 && j < len(prior); j++ {
			if usedPrior[j] || !derived(prior[j].ID) || !sameArticle(prior[j].ID, a.Slug) || kindOf(prior[j].ID) != kindOf(u.ID) {
				continue
			}
			if s := dice(u.Text(), prior[j].Text); s >= bestScore {
				best, bestScore = j, s
			}
		}
		if best >= 0 {
			matched[i], usedPrior[best] = best, true
			a.Units[i].ID = prior[best].ID
		}
	}
	dedupeIDs(a)
}

// derived reports whether id was derived from a text hash ("….p-3fa2c1").
func derived(id string) bool { return kindOf(id) != "" }

// kindOf returns the kind code of a derived ID ("p" for "a.intro.p-3fa2c1").
func kindOf(id string) string {
	last := id[strings.LastIndexByte(id, '.')+1:]
	code, _, ok := strings.Cut(last, "-")
	if !ok {
		return ""
	}
	for _, c := range kindCode {
		if c == code {
			return code
		}
	}
	return ""
}

func sameArticle(id, slug string) bool { return strings.HasPrefix(id, slug+".") }

// dice is the Dice coefficient of the two texts' word sets.
func dice(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa)+len(wb) == 0 {
		return 1
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words.Strings(strings.ToLower(s)) {
		set[w] = true
	}
	return set
}
