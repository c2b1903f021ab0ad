# tilmash: `make` checks and builds every edition into dist/; `make test` runs the tests.
GO      ?= go
BIN     := bin/tilmash
GOFILES := $(shell find . -name '*.go' -not -path './dist/*') go.mod go.sum $(wildcard translate/render/page.*)

.PHONY: all editions extract check test vet bench fuzz docs screenshots clean

all: editions

$(BIN): $(GOFILES)
	$(GO) build -o $(BIN) ./cmd/tilmash

## extract: split content/ into units and update every catalogue in locales/
extract: $(BIN)
	$(BIN) extract

## check: the CI gate: missing, stale and broken strings, glossary, typography, spelling
check: extract
	$(BIN) check

## editions: assemble every article in every locale into dist/<locale>/
editions: check
	$(BIN) build

## test: go vet, then every test with the race detector
test: vet
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

## bench: benchmarks with allocations (medians: run with -count 10 and benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./...

## fuzz: a short run of every fuzz target
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzSplit -fuzztime 20s ./translate/segment
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 20s ./translate/markup
	$(GO) test -run '^$$' -fuzz FuzzQuote -fuzztime 20s ./translate/catalog
	$(GO) test -run '^$$' -fuzz FuzzParseFormat -fuzztime 20s ./translate/catalog

## screenshots: render every HTML edition in headless Chromium into dist/screenshots/
screenshots:
	TILMASH_SCREENSHOTS=$(CURDIR)/dist/screenshots $(GO) test -count=1 -run TestHTMLRendersInChromium ./internal/workspace

## docs: regenerate the command reference in README.md from the cobra tree
docs:
	$(GO) test ./internal/cli -run TestREADMEReference -update

clean:
	rm -rf bin dist
