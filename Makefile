# Involve — build, run and test. On a fresh Debian 12 machine (as root):
#   make run     install what is missing, build, launch the desktop app (ARGS="..." passes flags)
#   make test    install what is missing and run every test (what CI runs: .ci/run)
#   make bench   Go benchmarks (sync against SQLite and PostgreSQL) + import/launch timings
#   make screenshots   release smoke + end-to-end screenshots, copied to docs/img/
#   make dist    release artifacts in build/dist (Windows installer, .deb, servers; docs/release.md)
#   make test-dist     checks those artifacts (part of make test); make icons: icons from their SVG
#   make test-wine     only the Windows builds under Wine (part of test-dist)
# One layer alone: make vet | typecheck | test-frontend | test-go | build | smoke | e2e
# See docs/testing.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

# Go lives in /usr/local/go; tools installed with `go install` in GOPATH/bin.
GOROOT_BIN := /usr/local/go/bin
export PATH := $(GOROOT_BIN):$(PATH)
GOPATH_BIN := $(shell PATH="$(PATH)" go env GOPATH 2>/dev/null)/bin
export PATH := $(PATH):$(GOPATH_BIN)

# git describe of a vX.Y.Z tag, else the VERSION file + -dev+<commit> (scripts/version.sh).
VERSION ?= $(shell scripts/version.sh 2>/dev/null || echo 0.0.0-dev)
GO_TAGS_TEST := sqlite_fts5
GO_TAGS_DESKTOP := desktop,production,webkit2_41,sqlite_fts5
LDFLAGS := -w -s -X main.version=$(VERSION)
BIN := build/bin/involve
ARGS ?=

STAGE := scripts/stage.sh
FRONTEND_INPUTS := $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune \
	-o -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' \
	-o -name '*.scss' -o -name '*.html' -o -name '*.json' -o -name '*.svg' -o -name '*.png' \
	-o -name '*.woff2' \) -print 2>/dev/null)

.PHONY: all build frontend go-build run test deps deps-build deps-test deps-bench \
	frontend-deps e2e-deps vet typecheck test-frontend test-go fuzz smoke e2e bench screenshots clean distclean help \
	deps-dist dist test-dist test-wine icons

all: build

help:
	@awk '/^#/ { sub(/^# ?/, ""); print; next } { exit }' Makefile

# ---- dependencies (scripts/deps.sh is idempotent and quiet when nothing is missing) -------
deps: deps-test
deps-build:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh test
deps-bench:
	@scripts/deps.sh bench
frontend-deps:
	@scripts/npm-ci.sh frontend
e2e-deps:
	@scripts/npm-ci.sh e2e

# ---- build -------------------------------------------------------------------------------
frontend/dist/index.html: $(FRONTEND_INPUTS)
	@scripts/npm-ci.sh frontend
	cd frontend && npm run build

# The open-source components and their licences, shown on the About screen (embedded
# with the rest of frontend/dist). Made again when the Go or npm dependencies change.
frontend/dist/third-party-licences.json: frontend/dist/index.html go.mod go.sum frontend/package-lock.json scripts/licences.mjs
	node scripts/licences.mjs --check >$@.tmp && mv $@.tmp $@

frontend: frontend-deps frontend/dist/index.html frontend/dist/third-party-licences.json

go-build:
	CGO_ENABLED=1 go build -tags $(GO_TAGS_DESKTOP) -ldflags "$(LDFLAGS)" -o $(BIN) .
	@echo "built $(BIN) $(VERSION)"

build: deps-build frontend
	@$(MAKE) go-build

run: build
	$(BIN) $(ARGS)

# ---- tests -------------------------------------------------------------------------------
# `make test` runs every layer in order and stops at the first failure.
test:
	@mkdir -p build/logs; [ -f build/logs/.gitignore ] || echo '*' > build/logs/.gitignore; \
	  rm -f build/logs/stage-times.tsv
	@export STAGE_TIMES=$(CURDIR)/build/logs/stage-times.tsv; \
	  $(STAGE) deps          $(MAKE) deps-test frontend-deps e2e-deps && \
	  $(STAGE) go-vet        $(MAKE) vet && \
	  $(STAGE) typecheck     $(MAKE) typecheck && \
	  $(STAGE) test-frontend $(MAKE) test-frontend && \
	  $(STAGE) test-go       $(MAKE) test-go && \
	  $(STAGE) fuzz          $(MAKE) fuzz && \
	  $(STAGE) build         $(MAKE) build && \
	  $(STAGE) smoke         $(MAKE) smoke && \
	  $(STAGE) e2e           $(MAKE) e2e && \
	  $(STAGE) dist          $(MAKE) dist && \
	  $(STAGE) test-dist     $(MAKE) test-dist; \
	  rc=$$?; echo; echo "stage times (s):"; column -t -s $$'\t' build/logs/stage-times.tsv 2>/dev/null || cat build/logs/stage-times.tsv; \
	  exit $$rc

# The Windows-only files too (app/cli's console, app/datadir's lock, main with Wails'
# Windows code), cross-compiled with MinGW-w64 like make dist.
vet:
	go vet -tags $(GO_TAGS_TEST) ./...
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go vet -tags desktop,production,sqlite_fts5 . ./app/cli ./app/datadir
	scripts/test-scripts.sh

typecheck: frontend-deps
	cd frontend && npm run typecheck

test-frontend: frontend-deps
	cd frontend && CI=true npm test

# With a throwaway PostgreSQL cluster (scripts/with-postgres.sh), so that the PostgreSQL
# variants of the server store and sync tests run too (without it they skip).
test-go:
	scripts/with-postgres.sh go test -tags $(GO_TAGS_TEST) -count=1 ./...

# A short run of the push decoder's fuzz targets: the body, and a pushed feedback item read
# without reflection against encoding/json's strict decoding; and the feedback item's state
# written by hand (what the server stores) against json.Marshal (the seed corpora also run
# in test-go).
# FUZZTIME=200000x make fuzz for a longer one. The budget is a count of runs, not a
# duration: with a duration, Go 1.26's fuzz coordinator can fail the target with a bare
# "context deadline exceeded" when the deadline lands while a worker is busy
# (go.dev/issue/75804, fixed in Go 1.27); a count has no deadline to race.
FUZZTIME ?= 15000x
fuzz:
	go test -tags $(GO_TAGS_TEST) -run '^$$' -fuzz '^FuzzPushDecode$$' -fuzztime $(FUZZTIME) ./app/server
	go test -tags $(GO_TAGS_TEST) -run '^$$' -fuzz '^FuzzPushReadFast$$' -fuzztime $(FUZZTIME) ./app/server
	go test -tags $(GO_TAGS_TEST) -run '^$$' -fuzz '^FuzzAppendFeedback$$' -fuzztime $(FUZZTIME) ./app/syncwire

# Release binary under Xvfb: window appears, is not blank, second launch is refused.
smoke:
	@test -x $(BIN) || $(MAKE) build
	scripts/smoke-release.sh

# `wails dev` + Playwright (Debian's Chromium) + axe-core, with an app restart in between.
e2e: frontend-deps e2e-deps
	scripts/e2e.sh

# ---- releases (docs/release.md) ----------------------------------------------------------
# make dist: build/dist/ gets the Windows installer and portable zip, the Linux binary and
# .deb, the server for linux/amd64, linux/arm64 and windows/amd64, the systemd unit and
# SHA256SUMS. Signing: INVOLVE_SIGN_PKCS12 + INVOLVE_SIGN_PASSWORD (scripts/dist.sh).
deps-dist:
	@scripts/deps.sh dist

dist: deps-dist frontend
	VERSION='$(VERSION)' scripts/dist.sh

# Checks what make dist made (as root it also installs and removes the .deb).
test-dist:
	scripts/test-dist.sh

# Runs the Windows exes under Wine with a test-only ProcessPrng shim (docs/testing.md).
test-wine:
	scripts/test-dist-wine.sh

# build/appicon.png and build/windows/icon.ico from build/icon/appicon.svg.
icons:
	scripts/icons.sh

# ---- bench and screenshots ---------------------------------------------------------------
# The Go benchmarks run beside a throwaway PostgreSQL (scripts/with-postgres.sh), so that
# the sync benchmarks (app/syncer EngineSync, app/server ConcurrentSync) measure both
# server stores; see docs/benchmarks.md.
bench: deps-bench build
	scripts/with-postgres.sh go test -tags $(GO_TAGS_TEST) -run '^$$' -bench . -benchmem ./...
	scripts/bench.sh

screenshots: deps-test build frontend-deps e2e-deps
	XVFB=1 scripts/smoke-release.sh
	scripts/e2e.sh
	scripts/screenshots.sh

# clean: build outputs; distclean: also node_modules, the bench data and the Wine prefix
# (npm and Go caches stay).
clean:
	rm -rf build/bin build/screenshots build/logs build/dist
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true

distclean: clean
	rm -rf frontend/node_modules e2e/node_modules .cache/bench build/wine
