# The NHS charging checker. "make test" is the one test command: CI runs it
# (.ci/run) and the README tells a new developer to run it. It installs what
# its tests need when it is missing, or stops saying what to install.

GO ?= go
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: test vet unit check fuzz-quick fuzz browser build screenshots chromium fonts soak soak-quick bench icons

# The steps of make test, each timed.
STEPS = vet unit check fuzz-quick browser soak-quick

test:
	@total=$$(date +%s); \
	for step in $(STEPS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$step || { echo "== make test: $$step failed"; exit 1; }; \
	  echo "== $$step: $$(( $$(date +%s) - start )) s"; \
	done; \
	echo "== make test passed in $$(( $$(date +%s) - total )) s"

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...

# Validates the rules and locales and runs every scenario.
check:
	$(GO) run ./cmd/pnp check

# Fuzz targets, as package:Name. make test runs each for FUZZTIME; make fuzz
# runs each for FUZZ_LONG (10 minutes or more in all) and writes docs/fuzz.md.
FUZZ_TARGETS = internal/web:FuzzParseState internal/web:FuzzRequest internal/rules:FuzzLoad \
	internal/strictyaml:FuzzDecode internal/i18n:FuzzMatch
FUZZTIME ?= 5s
FUZZ_LONG ?= 130s

# The targets run side by side, each for FUZZTIME with one worker, so the
# step takes about FUZZTIME plus building rather than five times it.
fuzz-quick:
	@dir=$$(mktemp -d); \
	for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  ( $(GO) test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -parallel 1 > $$dir/$$name.log 2>&1; echo $$? > $$dir/$$name.rc ) & \
	done; wait; status=0; \
	for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  if [ "$$(cat $$dir/$$name.rc)" = 0 ]; then echo "fuzz $$name: $(FUZZTIME), no crash"; \
	  else echo "fuzz $$name failed: run go test ./$$pkg -run '^$$' -fuzz '^$$name\$$'; the crasher is in $$pkg/testdata/fuzz/$$name"; tail -20 $$dir/$$name.log; status=1; fi; \
	done; rm -rf $$dir; exit $$status

fuzz:
	@out=docs/fuzz.md; tmp=$$(mktemp); log=$$(mktemp); \
	{ echo "# Fuzzing"; echo; \
	  echo "Written by \`make fuzz\` on $$(date -u +%F): each target ran for $(FUZZ_LONG) ($$(nproc) cores, $$($(GO) env GOVERSION))."; \
	  echo "Crashers, if any, are kept as seeds under each package's testdata/fuzz/."; echo; \
	  echo "| Target | Package | Time | Executions | Result |"; echo "|---|---|---|---|---|"; } > $$tmp; \
	status=0; \
	for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  if $(GO) test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZ_LONG) > $$log 2>&1; then result="no crash"; else result="**crash**"; status=1; fi; \
	  execs=$$(grep -o 'execs: [0-9]*' $$log | tail -1 | cut -d' ' -f2); \
	  echo "| $$name | $$pkg | $(FUZZ_LONG) | $${execs:-?} | $$result |" >> $$tmp; \
	  echo "fuzz $$name: $$result"; \
	done; \
	mv $$tmp docs/fuzz.md; rm -f $$log; exit $$status

build:
	$(GO) build -o bin/pnp ./cmd/pnp

# Load test: the built server on a loopback port under wrk (Debian's, installed
# when run as root), its memory, and SIGTERM under load. "make soak" rewrites
# docs/soak.md; soak-quick runs 10 seconds and prints the report.
soak: build
	$(GO) run ./cmd/soak -duration 60s -out docs/soak.md

soak-quick: build
	$(GO) run ./cmd/soak -duration 10s -conns 50 -out -

# Throughput against nginx serving the same pages, memory, start-up and page
# weights, with fixed parameters (wrk -t1 -c32 -d5s): docs/benchmarks.md.
bench: build
	$(GO) run ./cmd/bench -out docs/benchmarks.md

# Browser tests: the real server in headless Debian Chromium (never a
# downloaded browser), driven by playwright-core, checked with axe-core.
# Two files at a time, each with its own server and browser: they spend
# most of their time waiting on the browser, not on the CPU.
browser: build node_modules/.package-lock.json chromium fonts
	PNP_BIN=bin/pnp node --test --test-concurrency=2 internal/web/browser/

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium and fonts for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Chromium is missing at $(CHROMIUM). Install Debian's chromium (apt-get install chromium fonts-noto-core) or set CHROMIUM=/path/to/chromium."; exit 1; \
	  fi; \
	fi

# Fonts for every script the checker is offered in, installed even where
# Chromium already is: without them pages print on more sheets.
FONTS = fonts-noto-core fonts-noto-cjk fonts-dejavu-core
fonts:
	@missing=""; for f in $(FONTS); do dpkg -s $$f >/dev/null 2>&1 || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing fonts:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Fonts missing:$$missing. Install them (apt-get install$$missing)."; exit 1; \
	  fi; \
	fi

# The README's screenshots.
screenshots: build node_modules/.package-lock.json chromium fonts
	PNP_BIN=bin/pnp node internal/web/browser/screenshots.mjs docs/screenshots

# The app icons of the web app manifest, made from the SVGs with Debian's
# rsvg-convert (apt-get install librsvg2-bin); the PNGs are committed.
icons:
	rsvg-convert -w 192 -h 192 static/icon.svg -o static/icon-192.png
	rsvg-convert -w 512 -h 512 static/icon.svg -o static/icon-512.png
	rsvg-convert -w 512 -h 512 static/icon-maskable.svg -o static/icon-maskable-512.png
