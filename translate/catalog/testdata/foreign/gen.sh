#!/bin/sh
# Regenerates the catalogues other tools made of tilmash's (in/, copies of
# testdata/project/locales as tilmash wrote them), which foreign_test.go
# reads. Nothing here is written by hand.
#
# translate-toolkit's go-i18n TOML store (translate/storage/toml.py, 3.17
# on; these files were made with translate-toolkit 3.19.18, git b48f273,
# on tomlkit 0.11.7 and again on 0.15.1, byte for byte the same):
#   PYTHONPATH=/path/to/translate-toolkit:/path/to/tomlkit sh gen.sh
# goi18n v2.7.0, go-i18n's command (the version go.mod names), and a
# tilmash built from commit 1de0110, before it knew these shapes, for
# extracted.ru.toml:
#   GOI18N=/path/to/goi18n TILMASH_OLD=/path/to/old/tilmash sh gen.sh
set -eu
cd "$(dirname "$0")"
py=${PYTHON:-python3}

# Weblate saves a translation with no edit: every key of every entry
# becomes a table of its own, [id.other] other = "…".
$py store.py in/the-conscript.ru.toml weblate-saved.ru.toml
# A translator's edit in Weblate: the same shape, one text changed; Kazakh
# plural entries (one, other) come apart too.
$py store.py in/the-conscript.kk.toml weblate-edited.kk.toml the-conscript.title.other "Әскерге шақырылған: Алматыдағы ресейліктер"
# The English catalogue, were Weblate to save it (its description keys).
$py store.py in/the-conscript.en.toml weblate-saved.en.toml

if [ -n "${TILMASH_OLD:-}" ]; then
	# An older tilmash extract on weblate-saved.ru.toml wrote a file the
	# TOML decoder refuses: "Key 'the-conscript.date.hash' has already
	# been defined".
	tmp=$(mktemp -d)
	cp -r ../../../../testdata/project/. "$tmp"
	cp weblate-saved.ru.toml "$tmp/locales/ru/the-conscript.ru.toml"
	(cd "$tmp" && "$TILMASH_OLD" extract >/dev/null)
	cp "$tmp/locales/ru/the-conscript.ru.toml" extracted.ru.toml
	rm -r "$tmp"
fi

if [ -n "${GOI18N:-}" ]; then
	# goi18n merge on tilmash's catalogues: it hashes the English with
	# SHA-1, so it finds every Russian translation outdated, drops it and
	# asks for it again, the English as its text.
	tmp=$(mktemp -d)
	"$GOI18N" merge -sourceLanguage en -outdir "$tmp" in/the-conscript.en.toml in/the-conscript.ru.toml
	cp "$tmp/translate.ru.toml" goi18n-translate.ru.toml
	cp "$tmp/active.en.toml" goi18n-active.en.toml
	rm -r "$tmp"
fi
