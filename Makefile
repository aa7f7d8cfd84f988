# The NHS charging checker. "make test" is the one test command: CI runs it
# (.ci/run) and the README tells a new developer to run it. It installs what
# its tests need when it is missing, or stops saying what to install.

GO ?= go
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: test vet unit check browser build screenshots chromium soak soak-quick

test: vet unit check browser

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...

# Validates the rules and locales and runs every scenario.
check:
	$(GO) run ./cmd/pnp check

build:
	$(GO) build -o bin/pnp ./cmd/pnp

# Load test: the built server on a loopback port under wrk (Debian's, installed
# when run as root), its memory, and SIGTERM under load. "make soak" rewrites
# docs/soak.md; soak-quick runs 10 seconds and prints the report.
soak: build
	$(GO) run ./cmd/soak -duration 60s -out docs/soak.md

soak-quick: build
	$(GO) run ./cmd/soak -duration 10s -conns 50 -out -

# Browser tests: the real server in headless Debian Chromium (never a
# downloaded browser), driven by playwright-core, checked with axe-core.
browser: build node_modules/.package-lock.json chromium
	PNP_BIN=bin/pnp node --test --test-concurrency=1 internal/web/browser/

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

# The README's screenshots.
screenshots: build node_modules/.package-lock.json chromium
	PNP_BIN=bin/pnp node internal/web/browser/screenshots.mjs docs/screenshots
