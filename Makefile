# OurSpace developer commands. `make test` is what CI runs (see .ci/run).
SHELL := /bin/bash
GO ?= go
SQLC := $(GO) tool -modfile=tools/go.mod sqlc
GOLANGCI_LINT := $(GO) tool -modfile=tools/go.mod golangci-lint

.PHONY: run web test-web test test-go test-client check-generated check-domain check-format generate generate-sqlc generate-openapi generate-client build lint

run: web ## the zero-setup run: the web app at /, the API at /v1
	$(GO) run ./cmd/ourspace

build: web
	$(GO) build -o bin/ourspace ./cmd/ourspace

# The web app (web/), built into web/dist/app, which the binary embeds; rebuilt
# only when its sources or the client's changed.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json web/package.json
CLIENT_SOURCES := $(wildcard clients/ts/src/*.ts) clients/ts/package.json clients/ts/tsconfig.json clients/ts/tsconfig.build.json

web: web/dist/app/index.html ## build the web app (embedded by the next go build)

web/dist/app/index.html: node_modules clients/ts/dist/index.js $(WEB_SOURCES)
	npm run --silent build -w web

clients/ts/dist/index.js: node_modules $(CLIENT_SOURCES)
	npm run --silent build -w clients/ts
	touch $@

test-web: build node_modules ## the web app's unit tests, then end-to-end tests in Chromium against the binary
	npm test -w web
	./scripts/test-web.sh

generate: generate-sqlc generate-openapi generate-client ## regenerate all generated code

generate-sqlc:
	rm -rf adapters/mysql/sqlcgen
	$(SQLC) generate

generate-openapi:
	$(GO) run ./cmd/ourspace openapi -o openapi/openapi.yaml

generate-client: generate-openapi node_modules
	cd clients/ts && npm run --silent generate

# One npm workspace (package.json at the root): the client and the web app.
# Installing builds the client (its prepare script).
node_modules: package-lock.json clients/ts/package.json web/package.json
	npm ci --no-audit --no-fund
	touch $@

check-domain: ## domain/ must not import infrastructure
	@bad=$$($(GO) list -deps ./domain/... | grep -E '^(database/sql|net/http|github.com/danielgtaylor/huma|github.com/aws/|golang.org/x/oauth2|github.com/coreos/go-oidc|github.com/go-sql-driver|github.com/ourspace/ourspace/(app|adapters))' | sort -u); \
	if [ -n "$$bad" ]; then echo "domain/ imports infrastructure: $$bad"; exit 1; fi; echo "domain/ is pure"

check-format: ## Go code is gofmt-formatted
	@bad=$$(gofmt -l adapters app cmd domain service scripts); \
	if [ -n "$$bad" ]; then echo "not gofmt-formatted: $$bad"; exit 1; fi; echo "Go code is formatted"

check-generated: node_modules ## generated code must match its sources
	$(SQLC) diff
	$(GO) run ./cmd/ourspace openapi -o /tmp/ourspace-openapi.yaml
	diff -u openapi/openapi.yaml /tmp/ourspace-openapi.yaml
	cd clients/ts && npm run --silent generate -- --check

lint: ## golangci-lint with .golangci.yml (the version pinned in tools/go.mod)
	$(GOLANGCI_LINT) run ./...

test-go: ## go vet, then every Go test with the race detector
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

test-client: build node_modules
	./scripts/test-client.sh

test: check-domain check-format lint check-generated test-go test-client test-web ## everything CI runs
