# tilmash: `make` checks and builds every edition into dist/; `make test` runs the tests.
GO      ?= go
BIN     := bin/tilmash
GOFILES := $(shell find . -name '*.go' -not -path './dist/*') go.mod go.sum $(wildcard translate/render/page.*)

.PHONY: all install editions site extract check test test-race test-plain deps vet bench bench-smoke fuzz docs screenshots clean

all: editions

# -trimpath: a build that does not depend on the folder it is made in (the
# same binary from any clone, as release tools build them), and one that
# takes the packages the tests compiled from the build cache.
$(BIN): $(GOFILES)
	$(GO) build -trimpath -buildvcs=auto -o $(BIN) ./cmd/tilmash

## install: tilmash into $(go env GOPATH)/bin, with the revision it was built from (tilmash version)
install:
	$(GO) install -buildvcs=auto ./cmd/tilmash

## extract: split content/ into units and update every catalogue in locales/
extract: $(BIN)
	$(BIN) extract

## check: the CI gate: missing, stale and broken strings, glossary, typography, spelling
check: extract
	$(BIN) check

## editions: extract, check, and assemble every article in every locale into dist/<locale>/. A
## failed step does not stop the next (one broken catalogue must not hold back the other
## locales; build never publishes what check rejects); make fails after all three.
editions: $(BIN)
	@status=0; $(BIN) extract || status=$$?; $(BIN) check || status=$$?; $(BIN) build || status=$$?; exit $$status

## site: every edition (make editions), then the newsroom's Hugo site (site/) from dist/hugo/ into
## dist/site/ (Debian: apt-get install hugo)
site: editions
	hugo --source site --config hugo.toml,../dist/hugo/languages.toml -d ../dist/site --quiet

## test: install what the tests need if it is missing (scripts/deps), go vet, then the tests in two
## passes: the packages that run code concurrently (RACE) with the race detector, then every other
## package, and the tests of RACE that step aside under the detector (PLAIN_TESTS), without it.
# The race pass: the packages whose code or tests start goroutines or run tests
# in parallel; a package whose tests run on one goroutine gains nothing from the
# detector but its cost (its code is race-tested where it runs concurrently, in
# the packages that call it). The exceptions (RACE_EXCEPT): internal/conformance,
# whose examples and real articles, 1,500 editions built, cost three times as
# much under the detector, and whose concurrency is race-tested in
# internal/workspace; and internal/corpus, the tests' and benchmarks' corpus
# generator, not the tool, whose parallel.For fills one slot an article
# (shared state would show as TestDeterministic's two runs differing).
# GORACE: a race-built test binary sleeps a second before it exits, by default,
# for late reports; the tests have all returned by then. GOGC=400, in both
# passes: less CPU collecting garbage (peak about 0.5 GB).
# Within RACE, two kinds of test step aside under the detector
# (testrace.NotUnderRace, which names the concurrent case race-tested instead)
# and run in the plain pass (PLAIN_TESTS, in the packages PLAIN): tests of
# results rather than of concurrency (parts against one pass, a cache against
# the truth, a random day of edits), five to ten times cheaper without it, and
# tests that run the real binary as another process, where the detector sees
# only the test's own goroutine.
# Each test runs in one pass. internal/testrace's tests fail when RACE, PLAIN
# or PLAIN_TESTS is not exactly what the code says (and print the line to
# write). RACE and PLAIN list the slowest packages first: go test starts them
# in that order, and the last to start should not be the longest.
# GOFLAGS=-trimpath makes the build path-independent: a fresh clone in a new
# folder (as CI makes one) takes the build cache's packages instead of
# compiling every one again. -vet=off: vet ran in full just before. The passes
# run one after the other, the second even when the first failed (make test
# fails after both; so do the plain pass's two runs of go test): run at once (make -j3), they took 175 s of CPU against
# 148 s in turn, and longer on two cores. Both run internal/cli's scenarios
# on $(BIN), the binary make builds and make editions uses
# (TILMASH_TEST_BINARY), not on one each links for itself. Their temporary
# files go to a folder of their own (scripts/testtmp: on a memory file
# system where there is a fit one), removed when both passes are done.
RACE_EXCEPT = ./internal/conformance ./internal/corpus
RACE = ./internal/workspace ./internal/preview ./internal/cli ./internal/archive ./internal/fileset ./internal/cache ./translate/check ./internal/hunspell ./translate/frontmatter ./internal/bound ./internal/parallel
PLAIN = ./internal/cli ./internal/archive
PLAIN_TESTS = ^(TestBadInput|TestBuildCacheNeverRemovesOutsideDist|TestBuildCacheNeverTrustedOverTheTruth|TestBuildPartsGiveWhatOnePassGives|TestCacheNeverTrustedOverTheTruth|TestExtractPartsGiveWhatOnePassGives|TestExtractPartsRecordARename|TestHugoSite|TestKilledCommandsLoseNothing|TestNewsroomCIRecipe|TestPartialBuildTakesAnOldNameBack|TestPartsGiveWhatOnePassGives|TestScripts|TestShardsMergeToTheUnshardedResult)$$
# Every package, as ./path (evaluated when a test target runs).
PACKAGES = $(shell $(GO) list ./... | sed 's|^github.com/tilmash/tilmash|.|')
test: deps vet $(BIN)
	@tmp=$$(scripts/testtmp) || exit $$?; trap 'rm -rf "$$tmp"' EXIT; trap 'exit 130' INT TERM; status=0; \
	TMPDIR=$$tmp $(MAKE) --no-print-directory test-race || status=$$?; \
	TMPDIR=$$tmp $(MAKE) --no-print-directory test-plain || status=$$?; exit $$status

TESTENV = GOFLAGS=-trimpath GOGC=400 TILMASH_TEST_BINARY=$(CURDIR)/$(BIN)
test-race: $(BIN)
	$(TESTENV) GORACE=atexit_sleep_ms=0 $(GO) test -race -count=1 -vet=off $(RACE)

test-plain: $(BIN)
	@status=0; \
	echo "$(TESTENV) $(GO) test -count=1 -vet=off $(filter-out $(RACE),$(PACKAGES))"; \
	$(TESTENV) $(GO) test -count=1 -vet=off $(filter-out $(RACE),$(PACKAGES)) || status=$$?; \
	echo "$(TESTENV) $(GO) test -count=1 -vet=off -run '$(PLAIN_TESTS)' $(PLAIN)"; \
	$(TESTENV) $(GO) test -count=1 -vet=off -run '$(PLAIN_TESTS)' $(PLAIN) || status=$$?; \
	exit $$status

## deps: the Debian packages the tests need (hunspell and dictionaries, epubcheck, Chromium…), installed if missing
deps:
	scripts/deps test

vet:
	GOFLAGS=-trimpath $(GO) vet ./...

## bench: the Go benchmarks with allocations (10, 100 and 1,000 generated articles; BenchmarkCorpusUser*
## as users run tilmash: the glossary, spelling on, peak heap), then bench/run: tilmash against
## msgfmt, pofilter, pocount, po4a on the same corpus -> bench/RESULTS.md (LARGE=10000 adds 10,000)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 3 -timeout 60m ./...
	bench/run

## bench-smoke: every benchmark once on the small corpora (CI runs it: benchmarks are never timed tests);
## not the peers' (msgmerge alone runs for a minute). BenchmarkCorpusUser* report the memory bound: their peak
## live heap at 100 articles against 10 (peak-live-x-of-n/10; about 1 when bounded, as check and status are)
bench-smoke:
	$(GO) test -run '^$$' -bench '.' -skip 'BenchmarkMsgmerge' -benchtime=1x -timeout 20m $$($(GO) list ./... | grep -v /internal/workspace)
	$(GO) test -run '^$$' -bench '^Benchmark[^C]|/articles=(10|100)$$' -benchtime=1x ./internal/workspace

## fuzz: a short run of every fuzz target (FUZZTIME each, 30 s by default)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzSplit -fuzztime $(FUZZTIME) ./translate/segment
	$(GO) test -run '^$$' -fuzz FuzzFold -fuzztime $(FUZZTIME) ./translate/segment
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./translate/frontmatter
	$(GO) test -run '^$$' -fuzz FuzzRewrite -fuzztime $(FUZZTIME) ./translate/frontmatter
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) ./translate/markup
	$(GO) test -run '^$$' -fuzz FuzzQuote -fuzztime $(FUZZTIME) ./translate/catalog
	$(GO) test -run '^$$' -fuzz FuzzParseFormat -fuzztime $(FUZZTIME) ./translate/catalog
	$(GO) test -run '^$$' -fuzz FuzzFormat -fuzztime $(FUZZTIME) ./translate/datefmt
	$(GO) test -run '^$$' -fuzz FuzzParseFast -fuzztime $(FUZZTIME) ./translate/catalog
	$(GO) test -run '^$$' -fuzz FuzzStripCode -fuzztime $(FUZZTIME) ./translate/check
	$(GO) test -run '^$$' -fuzz FuzzScanners -fuzztime $(FUZZTIME) ./translate/check
	$(GO) test -run '^$$' -fuzz FuzzScan -fuzztime $(FUZZTIME) ./translate/placeholder
	$(GO) test -run '^$$' -fuzz FuzzMarkdownRoundTrip -fuzztime $(FUZZTIME) ./translate/render
	$(GO) test -run '^$$' -fuzz FuzzCheckedRenders -fuzztime $(FUZZTIME) ./translate/check
	$(GO) test -run '^$$' -fuzz FuzzDiff -fuzztime $(FUZZTIME) ./translate/worddiff
	$(GO) test -run '^$$' -fuzz FuzzReadPO -fuzztime $(FUZZTIME) ./translate/handoff
	$(GO) test -run '^$$' -fuzz FuzzPORoundTrip -fuzztime $(FUZZTIME) ./translate/handoff
	$(GO) test -run '^$$' -fuzz FuzzReadXLIFF -fuzztime $(FUZZTIME) ./translate/handoff
	$(GO) test -run '^$$' -fuzz FuzzRecover -fuzztime $(FUZZTIME) ./internal/fileset
	$(GO) test -run '^$$' -fuzz FuzzFind -fuzztime $(FUZZTIME) ./translate/sitecode
	$(GO) test -run '^$$' -fuzz FuzzFind -fuzztime $(FUZZTIME) ./translate/htmltext
	$(GO) test -run '^$$' -fuzz FuzzNesting -fuzztime $(FUZZTIME) ./internal/bound
	$(GO) test -run '^$$' -fuzz FuzzDecodeSummary -fuzztime $(FUZZTIME) ./internal/archive

## screenshots: every HTML edition, complete or not (missing units in English), and the live preview (tilmash serve) at each step of its browser test, as Chromium draws them, in dist/screenshots/
screenshots: extract
	$(BIN) build --fallback en --format html --dist dist/preview
	mkdir -p dist/screenshots
	for page in dist/preview/*/*.html; do \
	  loc=$$(basename $$(dirname $$page)); \
	  chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
	    --user-data-dir=$$(mktemp -d) --window-size=1000,1400 \
	    --screenshot=$(CURDIR)/dist/screenshots/$$loc-$$(basename $$page .html).png file://$(CURDIR)/$$page 2>/dev/null || exit 1; \
	done
	TILMASH_SCREENSHOTS=$(CURDIR)/dist/screenshots $(GO) test ./internal/preview -run TestBrowser -count=1
	ls dist/screenshots

## docs: regenerate the command reference from the cobra tree: a Markdown page per command in
## docs/commands/ and a man page per command in docs/man/ (a test fails when they are out of date)
docs:
	$(GO) test ./internal/cli -run '^TestCommandDocs$$' -count=1 -update

clean:
	rm -rf bin dist
