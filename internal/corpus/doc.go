// Package corpus generates a deterministic tilmash project for benchmarks:
// n English articles with their catalogues, translated, a small share of
// them damaged on purpose, and the same units for gettext and po4a, so that
// tilmash's check, extract and build can be timed side by side with the
// gettext tools on the same text. bench/gencorpus writes one to a folder:
//
//	go run ./bench/gencorpus -n 1000 -seed 1 -o /tmp/corpus1000
//
// Generate(n, seed) returns the same bytes for the same n and seed, on any
// machine and Go version: the text comes from the word lists and sentence
// templates of words.go, drawn with a generator of its own (splitmix64, not
// math/rand), and article i depends only on the seed and i, so a corpus of
// 10 articles holds the first 10 of a corpus of 1,000.
//
// # What a corpus holds
//
//	content/<section>/<slug>.md   the articles, spread over 10 section folders
//	tilmash.toml                  ru and kk required, the repository's rules
//	                              for them, spelling on or off (Options.Spelling)
//	glossary/                     the glossary given (Options.Glossary), if any:
//	                              bench/gencorpus copies the live project's
//	locales/en/<section>/<slug>.en.toml
//	                              the source catalogue, a file per article,
//	                              as tilmash extract writes it
//	locales/ru/<section>/<slug>.ru.toml, locales/kk/…/<slug>.kk.toml
//	                              every entry pseudo-translated, then damaged
//	po/en.pot, po/ru.po, po/kk.po the same units as gettext PO files
//	po4a/po4a.cfg                 po4a's configuration for the same articles
//
// Without a glossary the glossary checks have nothing to report.
//
// An article is about 22 KB of English in about 56 units (19–26 KB and
// 52–59 units at 1,000 articles): TOML front matter (title, dateline, publication, a TOML date,
// author, and often an editor's note), an introduction with a photograph
// (![Caption.]()), sections with headings, a bulleted and a numbered list,
// a block quote, a level-3 heading, and two interviews, each a profile
// heading (## Aigerim, 34 {.profile}) followed by three questions
// (### “Why did you come to Aktau?” {.question}) and their answers.
// Paragraphs carry *emphasis*, **strong** text, [links](https://example.org/…),
// `code`, grouped numbers (150,000, which tilmash turns into placeholders),
// plain numbers, years, decimals (3.5) and ranges (18-30). The words of a
// regional newsroom's glossary stand in them as they would in its archive:
// place names in datelines and sentences (Almaty, Kazakhstan, Russia),
// first names (Dmitri), the publication (Post Soviet Journal), and 4% of the
// narration's sentences name one of newsTerms (visas, state television,
// the Soviet Union, *kvartira*…), drawn from a stream of their own so that
// the rest of the article does not change. With the live glossary (70
// terms in December 2026) about a quarter of the units use a term.
//
// # The catalogues
//
// The catalogues are in tilmash's layout (package catpath, catalogue
// format 2): one file per article and locale, mirroring content/, so that
// content/health/semey-housing-0001.md has
// locales/en/health/semey-housing-0001.en.toml, and its .ru.toml and
// .kk.toml in locales/ru/health/ and locales/kk/health/: 3 × n files. They
// are made by tilmash's own code: workspace.Load of the articles,
// workspace.Extract with ru and kk added (the source's files are kept as it
// writes them), then every entry of a locale's catalogue is filled with a
// pseudo-translation (Age for profile headings, with every plural form the
// locale needs: ru one, few, many, other; kk one, other), the catalogue goes
// through catalog.Sync again, and catalog.Split divides it by article for
// catalog.Format, as extract does. What Generate returns is therefore
// exactly what tilmash extract keeps: running extract on the corpus changes
// no byte (a test says so), and go-i18n loads every file as its locale.
//
// A pseudo-translation is made of real Russian or Kazakh words: each
// English word becomes one of three words of the locale's vocabulary
// (vocab/ru.txt, vocab/kk.txt: the words of the newsroom's own catalogues
// that hunspell knows, written by bench/vocab), chosen by a hash of the
// word and of where it stands, in the English word's case. A glossary
// term becomes one of its approved renderings, a third of the time
// inflected (Казахстана, Қазақстанда), with what must go with it
// (квартира (пәтер)); a do-not-translate term stays as it is; the words of
// forbidden renderings are left out of the vocabulary.
//
// The pseudo-translations pass every check of tilmash.toml, spelling with
// hunspell-ru and hunspell-kk and the glossary included: placeholders and
// tags as in the English, every number kept (3.5 written 3,5 and 18-30
// written 18–30, which the number check takes as the same), « » for “ ”,
// Cyrillic letters only (but for a do-not-translate term), no Kazakh letter
// in Russian, and a Kazakh letter in every Kazakh unit of 8 words or more.
//
// # The damage
//
// In each of ru and kk, chosen at random from the seed among the units
// without plural forms, independently per locale:
//
//   - about 1% stale: the translation is of the current English, but its
//     hash is that of the English before the author changed one word
//     ("stated" to "said"), which the entry's #| line shows. check reports
//     stale, a warning under the default policy (stale = "keep").
//   - about 1% missing: the text is empty (and the English is found in no
//     other unit, or extract would fill it in). check reports missing.
//   - about 0.5% broken: half of them a placeholder renamed ({{.Number3}}
//     to {{.Nomer3}}: check reports placeholder, twice), half a tag dropped
//     (the first closing tag, </em> or </a1>, or else a standalone
//     <code1/>: check reports markup).
//
// Corpus.Stale, Missing and Broken list them by locale; check reports
// these and nothing else, with the glossary and spelling on or not (tests
// say so). At 1,000 articles (seed 1)
// that is 557 stale, 557 missing and 279 broken units per locale, of 55,733.
//
// # gettext
//
// po/en.pot has one entry per unit: msgctxt the unit's ID, msgid its
// English in tilmash's message form (with <em>…</em> and {{.Number1}}), the
// context as #. and the place as #:. po/ru.po and po/kk.po add the
// translations: a profile heading is a plural entry (msgid_plural) with the
// Plural-Forms of gettext (ru: 3 forms, msgstr[0..2] = one, few, many; kk:
// 2, one and other), a stale entry is #, fuzzy with the English it was made
// from as #| msgid, a missing one has an empty msgstr. From the corpus root:
//
//	msgfmt -c --statistics -o /dev/null po/ru.po     # n=1000, seed 1: 54619 translated messages, 557 fuzzy translations, 557 untranslated messages.
//	msgmerge -q --previous -o /tmp/ru.po po/ru.po po/en.pot   # gettext's extract: merge the template
//	pocount po/ru.po po/kk.po                        # translate-toolkit (Debian: translate-toolkit)
//	pofilter --nofuzzy -t xmltags -t numbers -t untranslated po/ru.po /tmp/ru-findings.po
//
// pofilter finds the dropped tags (xmltags) and the missing units, but not
// the renamed {{.Placeholders}} (it knows no Go templates), and its numbers
// check reports 3,5 and 18–30 against 3.5 and 18-30, which tilmash accepts.
// msgfmt -c on en.pot fails, as on any template: its header holds
// xgettext's placeholders (nplurals=INTEGER); check it with msgcat instead.
//
// # po4a
//
// po4a/po4a.cfg lists every article as [type: text] with the Markdown
// option (Debian 12's po4a 0.69 has no markdown module of its own) and
// neverwrap, so paragraphs are kept as written; po4a's template and PO
// files are po4a/articles.pot and po4a/<lang>.po, its translations go to
// po4a/out/<lang>/<section>/<slug>.md. po4a splits the articles its own way
// (the TOML front matter is one block of text to translate, identical
// paragraphs share an entry), so its PO files are made by po4a, not by
// this package. From the corpus root (Debian: apt-get install po4a gettext):
//
//	po4a --no-translations po4a/po4a.cfg          # extract: write po4a/articles.pot, po4a/ru.po, po4a/kk.po
//	msgen -o po4a/ru.po po4a/ru.po                # fill them: every msgstr = its msgid
//	msgen -o po4a/kk.po po4a/kk.po
//	po4a --no-update --force po4a/po4a.cfg        # build: translate every article into po4a/out/
//
// Without --force po4a skips the articles whose outputs are newer than
// their inputs, so a second timed run would do nothing. The deprecated
// po4a-updatepo does the first step for one language:
//
//	po4a-updatepo -f text -o markdown -o neverwrap -M UTF-8 $(find content -name '*.md' | sort | sed 's/^/-m /') -p po4a/ru.po
//
// The test TestPeers (run with TILMASH_PEERS=1) runs all of these on a
// small corpus.
package corpus
