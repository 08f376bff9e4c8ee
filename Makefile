# OurSpace developer commands. `make test` is what CI runs (see .ci/run).
SHELL := /bin/bash
GO ?= go
SQLC := $(GO) tool -modfile=tools/go.mod sqlc

.PHONY: run test test-go test-client check-generated check-domain check-format generate generate-sqlc generate-openapi generate-client build lint

run: ## the zero-setup run
	$(GO) run ./cmd/ourspace

build:
	$(GO) build -o bin/ourspace ./cmd/ourspace

generate: generate-sqlc generate-openapi generate-client ## regenerate all generated code

generate-sqlc:
	rm -rf adapters/mysql/sqlcgen
	$(SQLC) generate

generate-openapi:
	$(GO) run ./cmd/ourspace openapi -o openapi/openapi.yaml

generate-client: generate-openapi clients/ts/node_modules
	cd clients/ts && npm run --silent generate

clients/ts/node_modules: clients/ts/package-lock.json
	cd clients/ts && npm ci --no-audit --no-fund
	touch $@

check-domain: ## domain/ must not import infrastructure
	@bad=$$($(GO) list -deps ./domain/... | grep -E '^(database/sql|net/http|github.com/danielgtaylor/huma|github.com/aws/|golang.org/x/oauth2|github.com/coreos/go-oidc|github.com/go-sql-driver|github.com/ourspace/ourspace/(app|adapters))' | sort -u); \
	if [ -n "$$bad" ]; then echo "domain/ imports infrastructure: $$bad"; exit 1; fi; echo "domain/ is pure"

check-format: ## Go code is gofmt-formatted
	@bad=$$(gofmt -l adapters app cmd domain service scripts); \
	if [ -n "$$bad" ]; then echo "not gofmt-formatted: $$bad"; exit 1; fi; echo "Go code is formatted"

check-generated: clients/ts/node_modules ## generated code must match its sources
	$(SQLC) diff
	$(GO) run ./cmd/ourspace openapi -o /tmp/ourspace-openapi.yaml
	diff -u openapi/openapi.yaml /tmp/ourspace-openapi.yaml
	cd clients/ts && npm run --silent generate -- --check

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-client: build clients/ts/node_modules
	./scripts/test-client.sh

test: check-domain check-format check-generated test-go test-client ## everything CI runs
