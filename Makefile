# tidegate — every target installs what is missing first.
#   make run    start the gateway on loopback with an embedded default setup
#   make test   drift check, typecheck, unit/e2e tests and the Kotlin build

SHELL := /bin/bash
NPM_STAMP := node_modules/.tidegate-install
KOTLIN_POM := generated/kotlin/pom.xml
MVN := mvn -B -q --no-transfer-progress
# The project's version (package.json): the Maven artifact of the protocol models carries it.
VERSION := $(shell node -p "require('./package.json').version")

.PHONY: install gen check build typecheck unit kotlin kotlin-node bench-smoke test run bench clean

BUNDLE := dist/tidegate.js
SOURCES := $(shell find cli common runtime clients generated/ts -name '*.ts' -not -name '*.test.ts' 2>/dev/null)

$(NPM_STAMP): package.json package-lock.json
	npm ci
	# Native parsers for the Swift syntax check: built from source (the prebuilds need a newer
	# libstdc++ than Debian 12 has, and tree-sitter-cli's own install step downloads a binary).
	npm_config_build_from_source=true npm rebuild tree-sitter tree-sitter-swift --ignore-scripts=false
	touch $@

install: $(NPM_STAMP)

gen: install
	npm run --silent protocol:gen

check: install
	npm run --silent protocol:check

$(BUNDLE): $(NPM_STAMP) $(SOURCES) generated/ts/validators.compiled.js
	npx esbuild cli/main.ts --bundle --platform=node --format=esm --target=node20 --packages=external --log-level=warning --outfile=$(BUNDLE)

build: $(BUNDLE)

typecheck: install
	npx tsc -p tsconfig.json

unit: build kotlin-node
	npx vitest run --reporter=default --reporter=json --outputFile=.vitest-results.json
	@node -e 'const r = require("./.vitest-results.json"); console.log("vitest: " + r.numPassedTests + " passed, " + r.numFailedTests + " failed")'

# Builds, tests and installs dev.tidegate:tidegate-protocol:$(VERSION) into the local Maven repository.
kotlin: install
	$(MVN) -f $(KOTLIN_POM) install
	@cat generated/kotlin/target/surefire-reports/*.txt | sed -nE 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/p' | awk '{ run += $$1; failed += $$2 + $$3 } END { print "kotlin: " run - failed " passed, " failed " failed" }' 

# The Kotlin node client (clients/kotlin), compiled against the installed artifact; its e2e test runs in `unit`.
kotlin-node: kotlin
	$(MVN) -f clients/kotlin/pom.xml -Dtidegate.version=$(VERSION) package

# A smoke run of every benchmark section (a few hundred requests each): it must finish; figures are not judged.
bench-smoke: build
	npx tsx bench/index.ts --quick

test: check typecheck unit kotlin bench-smoke

run: build
	./bin/tidegate.js gateway run

bench: build
	npm run --silent bench

clean:
	rm -rf node_modules dist generated/kotlin/target clients/kotlin/target
