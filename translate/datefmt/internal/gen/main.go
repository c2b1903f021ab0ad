// Command gen writes translate/datefmt/tables.go from the CLDR JSON data
// published on npm. It is run by go generate in translate/datefmt:
//
//	mkdir -p /tmp/cldr && cd /tmp/cldr
//	npm pack cldr-dates-full cldr-core
//	for p in cldr-dates-full cldr-core; do
//		mkdir -p $p && tar -xzf $p-*.tgz -C $p --strip-components=1
//	done
//	cd /work/main/translate/datefmt && CLDR=/tmp/cldr go generate
//
// The folder given with -cldr holds the unpacked packages cldr-core and
// cldr-dates-full (cldr-dates-modern, which CLDR stopped publishing after
// version 45, is used when cldr-dates-full is absent). Every locale that
// cldr-core's coverageLevels.json rates at -level or above is written, except
// the root locale, so a locale CLDR covers needs no code change. Only the
// fields datefmt formats with are kept: the wide month names (format and
// stand-alone), the long date pattern, the yMMMM and y skeleton patterns, and
// whatever else those patterns use (abbreviated months, the era name).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tilmash/tilmash/translate/datefmt/internal/pattern"
)

var (
	cldrDir = flag.String("cldr", "", "folder holding the unpacked npm packages cldr-core and cldr-dates-full (or cldr-dates-modern)")
	level   = flag.String("level", "modern", "lowest CLDR coverage level to include: modern, moderate or basic")
	out     = flag.String("o", "tables.go", "file to write")
)

// levels ranks the coverage levels of coverageLevels.json.
var levels = map[string]int{"basic": 1, "moderate": 2, "modern": 3}

func main() {
	log.SetFlags(0)
	log.SetPrefix("datefmt/gen: ")
	flag.Parse()
	if *cldrDir == "" {
		log.Fatal("-cldr is empty: unpack the npm packages cldr-core and cldr-dates-full into a folder and pass it (see the comment in internal/gen/main.go), e.g. CLDR=/tmp/cldr go generate")
	}
	if _, ok := levels[*level]; !ok {
		log.Fatalf("-level %q: want modern, moderate or basic", *level)
	}
	src, err := load(*cldrDir, *level)
	if err != nil {
		log.Fatal(err)
	}
	code, err := src.generate()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, code, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: CLDR %s, %d locales, %d distinct records, %d bytes", *out, src.cldrVersion, len(src.keys), len(src.records), len(code))
}

// record is the data of one locale, as it will be written.
type record struct {
	script   string
	patterns [3]int    // long, yMMMM, y: index into source.patterns
	months   [2][3]int // [format, stand-alone][abbreviated, wide, narrow]: index into source.monthSets, 0 if not needed
	era      [3]int    // [abbreviated, wide, narrow]: index into source.eras, 0 if not needed
}

type source struct {
	cldrVersion  string
	datesPackage string // e.g. "cldr-dates-full 48.2.0"
	corePackage  string
	level        string

	patterns  []string
	monthSets [][12]string
	eras      []string
	records   []record
	keys      map[string]int // locale key (x/text's spelling of the tag) -> index into records

	patternIndex map[string]int
	monthIndex   map[[12]string]int
	eraIndex     map[string]int
	recordIndex  map[record]int
}

// packageInfo is the part of an npm package.json the generator reads.
type packageInfo struct {
	Name        string `json:"name"`
	Version     string `json:"version"`
	CLDRVersion string `json:"cldrVersion"`
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

func load(dir, minLevel string) (*source, error) {
	coreDir := filepath.Join(dir, "cldr-core")
	var datesDir string
	for _, name := range []string{"cldr-dates-full", "cldr-dates-modern"} {
		if _, err := os.Stat(filepath.Join(dir, name, "main")); err == nil {
			datesDir = filepath.Join(dir, name)
			break
		}
	}
	if datesDir == "" {
		return nil, fmt.Errorf("%s holds neither cldr-dates-full/main nor cldr-dates-modern/main", dir)
	}
	var core, dates packageInfo
	if err := readJSON(filepath.Join(coreDir, "package.json"), &core); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(datesDir, "package.json"), &dates); err != nil {
		return nil, err
	}
	if dates.CLDRVersion == "" {
		// Packages before CLDR 46 have no cldrVersion field; their major
		// version is the CLDR version.
		dates.CLDRVersion, _, _ = strings.Cut(dates.Version, ".")
	}
	if core.Version != dates.Version {
		log.Printf("warning: %s %s and %s %s differ in version", core.Name, core.Version, dates.Name, dates.Version)
	}

	locales, err := selectLocales(coreDir, datesDir, minLevel)
	if err != nil {
		return nil, err
	}
	likely, err := likelyScripts(coreDir)
	if err != nil {
		return nil, err
	}

	s := &source{
		cldrVersion:  dates.CLDRVersion,
		datesPackage: dates.Name + " " + dates.Version,
		corePackage:  core.Name + " " + core.Version,
		level:        minLevel,
		keys:         map[string]int{},
		patternIndex: map[string]int{},
		monthIndex:   map[[12]string]int{},
		eraIndex:     map[string]int{},
		recordIndex:  map[record]int{},
	}
	// Index 0 of months and eras means "not generated".
	s.monthSets = append(s.monthSets, [12]string{})
	s.eras = append(s.eras, "")

	var rootMonths [12]string
	if g, err := readGregorian(datesDir, "und"); err == nil {
		rootMonths, _ = g.Months.Format.Wide.months()
	}

	keyOwner := map[string]string{}
	for _, loc := range locales {
		g, err := readGregorian(datesDir, loc)
		if err != nil {
			return nil, err
		}
		if m, _ := g.Months.Format.Wide.months(); rootMonths[0] != "" && m == rootMonths {
			log.Printf("warning: %s: month names are root's placeholders (%s…); left out", loc, rootMonths[0])
			continue
		}
		script, err := scriptOf(loc, likely)
		if err != nil {
			return nil, err
		}
		rec, err := s.record(loc, script, g)
		if err != nil {
			return nil, err
		}
		key := loc
		if tag, err := language.Parse(loc); err != nil {
			log.Printf("warning: %s: golang.org/x/text cannot parse it (%v); kept as is", loc, err)
		} else {
			key = tag.String()
			if xs, conf := tag.Script(); conf != language.No && xs.String() != script {
				log.Printf("warning: %s: CLDR %s says script %s, golang.org/x/text guesses %s", loc, dates.CLDRVersion, script, xs)
			}
		}
		idx, ok := s.recordIndex[rec]
		if !ok {
			idx = len(s.records)
			s.records = append(s.records, rec)
			s.recordIndex[rec] = idx
		}
		if prev, dup := keyOwner[key]; dup && s.keys[key] != idx {
			// Two CLDR locales that x/text spells alike: keep the one
			// CLDR spells as x/text does, else the first.
			if key != loc {
				log.Printf("warning: %s and %s are both %s for golang.org/x/text; kept %s", prev, loc, key, prev)
				continue
			}
			log.Printf("warning: %s and %s are both %s for golang.org/x/text; kept %s", prev, loc, key, loc)
		}
		keyOwner[key] = loc
		s.keys[key] = idx
	}
	if len(s.keys) == 0 {
		return nil, errors.New("no locale selected")
	}
	return s, nil
}

// selectLocales lists the locales at minLevel or above, sorted, without
// root.
func selectLocales(coreDir, datesDir, minLevel string) ([]string, error) {
	var cov struct {
		CoverageLevels          map[string]string `json:"coverageLevels"`
		EffectiveCoverageLevels map[string]string `json:"effectiveCoverageLevels"`
	}
	err := readJSON(filepath.Join(coreDir, "coverageLevels.json"), &cov)
	if errors.Is(err, fs.ErrNotExist) {
		// Old cldr-core: take every locale of the dates package.
		entries, err := os.ReadDir(filepath.Join(datesDir, "main"))
		if err != nil {
			return nil, err
		}
		var locs []string
		for _, e := range entries {
			if e.IsDir() && e.Name() != "root" && e.Name() != "und" {
				locs = append(locs, e.Name())
			}
		}
		return locs, nil
	}
	if err != nil {
		return nil, err
	}
	levelsOf := cov.EffectiveCoverageLevels
	if len(levelsOf) == 0 {
		levelsOf = cov.CoverageLevels
	}
	var locs []string
	for loc, lv := range levelsOf {
		if loc == "root" || loc == "und" || levels[lv] < levels[minLevel] {
			continue
		}
		if _, err := os.Stat(filepath.Join(datesDir, "main", loc, "ca-gregorian.json")); err != nil {
			return nil, fmt.Errorf("%s is a %s locale but %s has no main/%s/ca-gregorian.json: use a dates package of the same CLDR version", loc, lv, filepath.Base(datesDir), loc)
		}
		locs = append(locs, loc)
	}
	sort.Strings(locs)
	return locs, nil
}

// likelyScripts reads cldr-core's likelySubtags.json as a map from a
// language or language-region to its likely script.
func likelyScripts(coreDir string) (map[string]string, error) {
	var ls struct {
		Supplemental struct {
			LikelySubtags map[string]string `json:"likelySubtags"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(coreDir, "supplemental", "likelySubtags.json"), &ls); err != nil {
		return nil, err
	}
	m := map[string]string{}
	for from, to := range ls.Supplemental.LikelySubtags {
		_, script, _, _ := subtags(to)
		m[from] = script
	}
	return m, nil
}

// subtags splits a CLDR locale name into language, script, region and the
// rest.
func subtags(loc string) (lang, script, region string, rest []string) {
	parts := strings.Split(loc, "-")
	lang, parts = parts[0], parts[1:]
	if len(parts) > 0 && len(parts[0]) == 4 && isAlpha(parts[0]) {
		script, parts = parts[0], parts[1:]
	}
	if len(parts) > 0 && (len(parts[0]) == 2 && isAlpha(parts[0]) || len(parts[0]) == 3 && isDigits(parts[0])) {
		region, parts = parts[0], parts[1:]
	}
	return lang, script, region, parts
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scriptOf is the script a locale's data is written in: the script subtag
// if the name has one, else the likely script of its language and region.
func scriptOf(loc string, likely map[string]string) (string, error) {
	lang, script, region, _ := subtags(loc)
	if script != "" {
		return script, nil
	}
	if region != "" {
		if s, ok := likely[lang+"-"+region]; ok && s != "" {
			return s, nil
		}
	}
	if s, ok := likely[lang]; ok && s != "" {
		return s, nil
	}
	return "", fmt.Errorf("%s: no likely script in likelySubtags.json", loc)
}

// names is a CLDR list of month or era names keyed "1", "2", ….
type names map[string]string

func (n names) months() ([12]string, error) {
	var m [12]string
	for i := range m {
		v, ok := n[strconv.Itoa(i+1)]
		if !ok || v == "" {
			return m, fmt.Errorf("month %d missing", i+1)
		}
		m[i] = v
	}
	return m, nil
}

type widths struct {
	Abbreviated names `json:"abbreviated"`
	Wide        names `json:"wide"`
	Narrow      names `json:"narrow"`
}

func (w widths) width(i int) names { return [3]names{w.Abbreviated, w.Wide, w.Narrow}[i] }

type gregorian struct {
	Months struct {
		Format     widths `json:"format"`
		StandAlone widths `json:"stand-alone"`
	} `json:"months"`
	Eras struct {
		EraNames  names `json:"eraNames"`
		EraAbbr   names `json:"eraAbbr"`
		EraNarrow names `json:"eraNarrow"`
	} `json:"eras"`
	DateFormats struct {
		Long string `json:"long"`
	} `json:"dateFormats"`
	DateTimeFormats struct {
		AvailableFormats map[string]string `json:"availableFormats"`
	} `json:"dateTimeFormats"`
}

func readGregorian(datesDir, loc string) (*gregorian, error) {
	var doc struct {
		Main map[string]struct {
			Dates struct {
				Calendars struct {
					Gregorian gregorian `json:"gregorian"`
				} `json:"calendars"`
			} `json:"dates"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(datesDir, "main", loc, "ca-gregorian.json"), &doc); err != nil {
		return nil, err
	}
	l, ok := doc.Main[loc]
	if !ok {
		return nil, fmt.Errorf("%s: ca-gregorian.json has no main.%s", loc, loc)
	}
	return &l.Dates.Calendars.Gregorian, nil
}

// width maps a field count to an index into [abbreviated, wide, narrow].
func width(count int) int {
	switch {
	case count == 4:
		return 1
	case count == 5:
		return 2
	}
	return 0
}

func (s *source) record(loc, script string, g *gregorian) (record, error) {
	rec := record{script: script}
	pats := [3]string{
		g.DateFormats.Long,
		g.DateTimeFormats.AvailableFormats["yMMMM"],
		g.DateTimeFormats.AvailableFormats["y"],
	}
	for i, name := range []string{"dateFormats.long", "availableFormats.yMMMM", "availableFormats.y"} {
		p := pats[i]
		if p == "" {
			return rec, fmt.Errorf("%s: %s is missing", loc, name)
		}
		toks, err := pattern.Parse(p)
		if err != nil {
			return rec, fmt.Errorf("%s: %s: %v", loc, name, err)
		}
		rec.patterns[i] = s.pattern(p)
		for _, t := range toks {
			var err error
			switch t.Field {
			case 'M':
				err = s.needMonths(&rec, 0, width(t.Count), g.Months.Format)
			case 'L':
				err = s.needMonths(&rec, 1, width(t.Count), g.Months.StandAlone)
			case 'G':
				w := width(t.Count)
				era := [3]names{g.Eras.EraAbbr, g.Eras.EraNames, g.Eras.EraNarrow}[w]["1"]
				if era == "" {
					err = errors.New("era 1 (AD) has no name")
				}
				rec.era[w] = s.era(era)
			}
			if err != nil {
				return rec, fmt.Errorf("%s: %s %q: %v", loc, name, p, err)
			}
		}
	}
	// The wide names are always kept, whether or not a pattern uses them.
	if err := s.needMonths(&rec, 0, 1, g.Months.Format); err != nil {
		return rec, fmt.Errorf("%s: format wide months: %v", loc, err)
	}
	if err := s.needMonths(&rec, 1, 1, g.Months.StandAlone); err != nil {
		return rec, fmt.Errorf("%s: stand-alone wide months: %v", loc, err)
	}
	return rec, nil
}

func (s *source) needMonths(rec *record, context, w int, ws widths) error {
	m, err := ws.width(w).months()
	if err != nil {
		return err
	}
	idx, ok := s.monthIndex[m]
	if !ok {
		idx = len(s.monthSets)
		s.monthSets = append(s.monthSets, m)
		s.monthIndex[m] = idx
	}
	rec.months[context][w] = idx
	return nil
}

func (s *source) pattern(p string) int {
	idx, ok := s.patternIndex[p]
	if !ok {
		idx = len(s.patterns)
		s.patterns = append(s.patterns, p)
		s.patternIndex[p] = idx
	}
	return idx
}

func (s *source) era(e string) int {
	idx, ok := s.eraIndex[e]
	if !ok {
		idx = len(s.eras)
		s.eras = append(s.eras, e)
		s.eraIndex[e] = idx
	}
	return idx
}

func (s *source) generate() ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by go generate; DO NOT EDIT.\n")
	p("// Source: CLDR %s (npm packages %s and %s), every locale whose coverage level is %s or above.\n\n", s.cldrVersion, s.datesPackage, s.corePackage, s.level)
	p("package datefmt\n\n")
	p("// CLDRVersion is the version of the CLDR data the tables were generated from.\n")
	p("const CLDRVersion = %q\n\n", s.cldrVersion)

	p("// patterns holds the distinct CLDR date patterns.\n")
	p("var patterns = [...]string{\n")
	for i, pat := range s.patterns {
		p("\t%s, // %d\n", strconv.Quote(pat), i)
	}
	p("}\n\n")

	p("// monthSets holds the distinct lists of month names; entry 0 stands for\n// names that were not generated.\n")
	p("var monthSets = [...][12]string{\n\t{},\n")
	for i, m := range s.monthSets[1:] {
		p("\t{")
		for j, n := range m {
			if j > 0 {
				p(", ")
			}
			p("%s", strconv.Quote(n))
		}
		p("}, // %d\n", i+1)
	}
	p("}\n\n")

	p("// eras holds the distinct names of the era AD; entry 0 stands for names\n// that were not generated.\n")
	p("var eras = [...]string{\n")
	for i, e := range s.eras {
		p("\t%s, // %d\n", strconv.Quote(e), i)
	}
	p("}\n\n")

	p("// records holds the distinct locale data.\n")
	p("var records = [...]localeData{\n")
	for i, r := range s.records {
		p("\t{%q, [3]uint16{%d, %d, %d}, [2][3]uint16{{%d, %d, %d}, {%d, %d, %d}}, [3]uint16{%d, %d, %d}}, // %d\n",
			r.script, r.patterns[0], r.patterns[1], r.patterns[2],
			r.months[0][0], r.months[0][1], r.months[0][2], r.months[1][0], r.months[1][1], r.months[1][2],
			r.era[0], r.era[1], r.era[2], i)
	}
	p("}\n\n")

	keys := make([]string, 0, len(s.keys))
	for k := range s.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p("// locales maps a language tag, as golang.org/x/text spells it, to its\n// index in records.\n")
	p("var locales = map[string]uint16{\n")
	for _, k := range keys {
		p("\t%q: %d,\n", k, s.keys[k])
	}
	p("}\n")

	code, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting generated code: %v", err)
	}
	return code, nil
}
