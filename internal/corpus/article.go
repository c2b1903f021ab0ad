package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rng is splitmix64: a tiny generator whose sequence is fixed by its
// algorithm, so a corpus is the same on every Go version and platform
// (math/rand's sequences are not promised to stay).
type rng struct{ s uint64 }

// newRNG seeds a generator from the parts: the seed, an article's number, a
// purpose, so that each stream is independent of the others.
func newRNG(parts ...uint64) *rng {
	r := &rng{s: 0x243F6A8885A308D3}
	for _, p := range parts {
		r.s ^= p
		r.s = r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability percent/100.
func (r *rng) chance(percent int) bool { return r.intn(100) < percent }

func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

// writer writes one article.
type writer struct {
	r       *rng
	terms   *rng // termSentences: a stream of its own, so the rest of the article is the same with or without them
	section string
	slug    string
	city    string
	country string
	topic   string
	b       strings.Builder
	used    map[string]int // how often the article has used each template
}

// termPercent is the share of narration sentences that are termSentences.
const termPercent = 4

// article returns the path and Markdown of article i of the corpus.
func article(seed int64, i int) (path string, md []byte) {
	r := newRNG(uint64(seed), uint64(i), 1)
	p := pick(r, places)
	w := &writer{r: r, terms: newRNG(uint64(seed), uint64(i), 3), section: sections[r.intn(len(sections))], city: p.city, country: p.country, topic: pick(r, topics), used: map[string]int{}}
	topicWords := strings.Fields(w.topic)
	w.slug = fmt.Sprintf("%s-%s-%04d", strings.ToLower(w.city), topicWords[len(topicWords)-1], i+1)
	w.frontMatter()
	w.body()
	return "content/" + w.section + "/" + w.slug + ".md", []byte(w.b.String())
}

func (w *writer) line(s string) { w.b.WriteString(s + "\n") }

func (w *writer) frontMatter() {
	r := w.r
	title := capitalise(w.fill(pick(r, titles)))
	w.line("+++")
	w.line(fmt.Sprintf("title = %q", title))
	w.line(fmt.Sprintf("dateline = %q", w.city+", "+w.country))
	w.line(fmt.Sprintf("publication = %q", pick(r, publications)))
	w.line(fmt.Sprintf("date = %04d-%02d-%02d", r.between(2019, 2024), r.between(1, 12), r.between(1, 28)))
	w.line(fmt.Sprintf("author = %q", person(r)))
	if r.chance(70) {
		w.line(fmt.Sprintf("note = %q", pick(r, notes)))
	}
	w.line("+++")
}

// body writes the article: an introduction with a photograph, two sections
// with lists and a block quote, two interviews, and a closing section.
func (w *writer) body() {
	r := w.r
	w.paragraphs(3)
	w.figure()

	w.heading(2, headings)
	w.paragraphs(3)
	w.list(false, items, 4)
	w.paragraphs(1)

	w.heading(2, headings)
	w.paragraphs(2)
	w.quote()
	w.list(true, steps, 3)
	w.paragraphs(1)
	w.heading(3, subheadings)
	w.paragraphs(2)

	first := pick(r, firstNames)
	w.profile(first.name, first.she)
	w.figure()
	second := pick(r, firstNames)
	for second.name == first.name {
		second = pick(r, firstNames)
	}
	w.profile(second.name, second.she)

	w.heading(2, headings)
	w.paragraphs(3)
	w.figure()
}

func (w *writer) block(s string) { w.b.WriteString("\n" + s + "\n") }

// heading writes a heading from one of templates that the article has not used.
func (w *writer) heading(level int, templates []string) {
	t := pick(w.r, templates)
	for w.used[t] > 0 {
		t = pick(w.r, templates)
	}
	w.used[t]++
	w.block(strings.Repeat("#", level) + " " + capitalise(w.fill(t)))
}

func (w *writer) figure() { w.block("![" + w.fill(pick(w.r, captions)) + "]()") }

func (w *writer) paragraphs(n int) {
	for range n {
		w.block(w.sentences(narration, w.r.between(8, 10)))
	}
}

// sentences joins n sentences from templates: none twice in one call, and
// a template the article has used already only after a few tries for a new one.
func (w *writer) sentences(templates []string, n int) string {
	var s []string
	here := map[string]bool{}
	for range n {
		t := pick(w.r, templates)
		for try := 0; here[t] || try < 3 && w.used[t] > 0; try++ {
			t = pick(w.r, templates)
		}
		here[t] = true
		w.used[t]++
		sentence := capitalise(w.fill(t))
		if &templates[0] == &narration[0] && w.terms.chance(termPercent) {
			ts := pick(w.terms, termSentences)
			sentence = capitalise(strings.ReplaceAll(ts, "{term}", pick(w.terms, newsTerms)))
		}
		s = append(s, sentence)
	}
	return strings.Join(s, " ")
}

func (w *writer) list(ordered bool, templates []string, n int) {
	var lines []string
	for i := range n {
		marker := "-"
		if ordered {
			marker = strconv.Itoa(i+1) + "."
		}
		lines = append(lines, marker+" "+w.sentences(templates, 1))
	}
	w.block(strings.Join(lines, "\n"))
}

func (w *writer) quote() {
	w.block("> “" + w.sentences(speech, w.r.between(2, 3)) + "” — " + person(w.r) + ", " + pick(w.r, roles) + ".")
}

// profile writes an interview: the profile heading, who the person is, and
// three questions with their answers.
func (w *writer) profile(name string, she bool) {
	r := w.r
	w.block(fmt.Sprintf("## %s, %d {.profile}", name, r.between(19, 78)))
	w.block(fmt.Sprintf("%s is %s from %s who moved to %s in %d. ", name, withArticle(pick(r, jobs)), w.otherCity(), w.city, r.between(1995, 2023)) + w.sentences(narration, r.between(4, 6)))
	pronoun := "he"
	if she {
		pronoun = "she"
	}
	asked := map[string]bool{}
	for range 3 {
		q := pick(r, questions)
		for asked[q] {
			q = pick(r, questions)
		}
		asked[q] = true
		w.block("### “" + w.fill(q) + "” {.question}")
		for range r.between(1, 2) {
			w.block(w.answer(pronoun))
		}
	}
}

// answer is what a person says, with the reporter's narration after it.
func (w *writer) answer(pronoun string) string {
	r := w.r
	first := w.sentences(speech, r.between(2, 4))
	first = strings.TrimSuffix(first, ".") + ","
	s := "“" + first + "” " + pronoun + " " + pick(r, says) + ". “" + w.sentences(speech, r.between(2, 3)) + "”"
	return s + " " + w.sentences(narration, r.between(2, 4))
}

// person is a first name and a surname, as a man or a woman bears it.
func person(r *rng) string {
	f, l := pick(r, firstNames), pick(r, lastNames)
	if f.she {
		return f.name + " " + l[1]
	}
	return f.name + " " + l[0]
}

func (w *writer) otherCity() string {
	c := pick(w.r, places).city
	for c == w.city {
		c = pick(w.r, places).city
	}
	return c
}

// fill replaces each {slot} of a template.
func (w *writer) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.WriteString(tmpl[:i])
		name := tmpl[i+1 : i+j]
		v := w.slot(strings.ToLower(name[:1]) + name[1:])
		if unicode.IsUpper(rune(name[0])) {
			v = capitalise(v)
		}
		b.WriteString(v)
		tmpl = tmpl[i+j+1:]
	}
}

func (w *writer) slot(name string) string {
	r := w.r
	switch name {
	case "city":
		return w.city
	case "city2":
		return w.otherCity()
	case "country":
		return pick(r, countries)
	case "country2":
		return pick(r, countries[:5])
	case "org":
		return pick(r, orgs)
	case "topic":
		return w.topic
	case "district":
		return pick(r, districts)
	case "person":
		return person(r)
	case "role":
		return pick(r, roles)
	case "job":
		return pick(r, jobs)
	case "aJob":
		return withArticle(pick(r, jobs))
	case "pct":
		return strconv.Itoa(r.between(2, 60))
	case "dec":
		return fmt.Sprintf("%d.%d", r.between(1, 9), r.between(1, 9))
	case "year":
		return strconv.Itoa(r.between(1991, 2022))
	case "yearA":
		return strconv.Itoa(r.between(2012, 2018))
	case "yearB":
		return strconv.Itoa(r.between(2019, 2023))
	case "decade":
		return strconv.Itoa(r.between(199, 201)*10) + "s"
	case "n":
		return strconv.Itoa(r.between(2, 40))
	case "big":
		return grouped(int64(r.between(1, 99))*1000 + int64(r.intn(100))*10)
	case "range":
		lo := r.between(16, 30)
		return fmt.Sprintf("%d-%d", lo, lo+r.between(5, 20))
	case "month":
		return pick(r, months)
	case "weekday":
		return pick(r, weekdays)
	case "later":
		return pick(r, later)
	case "inst":
		return "*" + pick(r, institutions) + "*"
	case "ride":
		return "*" + pick(r, rides) + "*"
	case "food":
		return "*" + pick(r, foods) + "*"
	case "spot":
		return "*" + pick(r, spots) + "*"
	case "tenge":
		return grouped(int64(r.between(40, 650))*1000 + int64(r.intn(100))*10)
	case "few":
		return strconv.Itoa(r.between(3, 5))
	case "ord":
		return pick(r, []string{"second", "third", "fourth", "fifth"})
	case "strong":
		return "**" + w.fill(pick(r, strongPhrases)) + "**"
	case "link":
		return "[" + w.fill(pick(r, linkTexts)) + "](https://example.org/" + pick(r, linkPaths) + "/" + w.slug + ")"
	case "bigm":
		return grouped(int64(r.between(1, 9))*1000 + int64(r.intn(100))*10)
	case "site":
		return "[the eGov portal](https://example.org/egov/" + w.section + ")"
	case "letter":
		return "[" + pick(r, letterTexts) + "](https://example.org/letters/" + w.slug + ")"
	case "hours":
		return strconv.Itoa(r.between(9, 14))
	case "form":
		return "`" + pick(r, forms) + "`"
	case "hashtag":
		return "`#" + pick(r, hashtags) + "`"
	case "dataset":
		return "`" + pick(r, datasets) + "`"
	case "nested":
		return "‘" + pick(r, nested) + "’"
	}
	panic("corpus: no slot {" + name + "}")
}

// withArticle puts "a" or "an" before a noun phrase.
func withArticle(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// grouped writes n with thousands separators, as English does: 150,000.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
