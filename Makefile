# The NHS charging checker. "make test" is the one test command: it is what
# CI runs (.ci/run) and what the README tells a new developer to run.

GO ?= go

.PHONY: test vet unit check build

test: vet unit check

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...

# Validates the rules and locales and runs every scenario.
check:
	$(GO) run ./cmd/pnp check

build:
	$(GO) build -o bin/pnp ./cmd/pnp
