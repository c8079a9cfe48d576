# tidegate — every target installs what is missing first.
#   make run    start the gateway on loopback with an embedded default setup
#   make test   drift check, typecheck, lint, unit/e2e tests (the Control UI in Debian's chromium) and the Kotlin build
#   make format format the tree and apply the safe lint fixes (Biome)

SHELL := /bin/bash
NPM_STAMP := node_modules/.tidegate-install
KOTLIN_POM := generated/kotlin/pom.xml
MVN := mvn -B -q --no-transfer-progress
# The project's version (package.json): the Maven artifact of the protocol models carries it.
VERSION := $(shell node -p "require('./package.json').version")

# pnpm is the package manager (package.json `packageManager`, pnpm-lock.yaml). When that exact
# version is not on PATH it comes from the npm registry (corepack's signature check fails here).
PNPM_VERSION := $(shell node -p "require('./package.json').packageManager.split('@')[1]")
PNPM := $(shell [ "$$(pnpm --version 2>/dev/null)" = "$(PNPM_VERSION)" ] && echo pnpm || echo npm exec --yes pnpm@$(PNPM_VERSION) --)
# Tools run from node_modules/.bin.
BIN := node_modules/.bin

.PHONY: install gen check build ui chromium ngircd typecheck lint format unit kotlin kotlin-node bench-smoke test run bench clean

$(NPM_STAMP): package.json pnpm-lock.yaml
	$(PNPM) install --frozen-lockfile
	# Native parsers for the Swift syntax check: built from source (the prebuilds need a newer
	# libstdc++ than Debian 12 has, and tree-sitter-cli's own install step downloads a binary).
	for p in tree-sitter tree-sitter-swift; do (cd node_modules/$$p && npm_config_build_from_source=true npm run --silent install --ignore-scripts=false) || exit 1; done
	touch $@

install: $(NPM_STAMP)

gen: install
	$(PNPM) run --silent protocol:gen

check: install
	$(PNPM) run --silent protocol:check

# The Control UI (ui/, Vite + Preact) → dist/ui/, served by the gateway at /.
UI_BUILD := dist/ui/index.html
UI_SOURCES := ui/index.html ui/vite.config.ts $(shell find ui/src ui/public clients/browser clients/ts common generated/ts -type f -not -name '*.test.ts' 2>/dev/null)

$(UI_BUILD): $(NPM_STAMP) $(UI_SOURCES)
	$(BIN)/vite build --config ui/vite.config.ts

ui: $(UI_BUILD)

# dist/tidegate.js, rebuilt when one of its inputs changed; the same script runs in vitest's global setup.
build: install $(UI_BUILD)
	node scripts/build.mjs

# The UI tests drive Debian's chromium through playwright-core (never a downloaded browser).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

# The IRC channel's tests run Debian's ngircd on a loopback port of their own (testing/irc-server.ts),
# never the system service the package may set up on port 6667.
ngircd:
	@command -v ngircd >/dev/null || [ -x /usr/sbin/ngircd ] || ($(SUDO) apt-get update && $(SUDO) apt-get install -y ngircd)

typecheck: install
	$(BIN)/tsc -p tsconfig.json
	$(BIN)/tsc -p ui/tsconfig.json

# Biome (biome.jsonc). Until the one-off formatting of the whole tree (`make format`, after the issue-8
# branches merge) `make lint` runs the lint rules only; then BIOME := check adds the formatting and
# import-order checks.
BIOME := check
lint: install
	$(BIN)/biome $(BIOME)

# Format, order imports and apply the safe lint fixes, in place.
format: install
	$(BIN)/biome check --write

unit: build kotlin-node chromium ngircd
	$(BIN)/vitest run --reporter=default --reporter=json --outputFile=.vitest-results.json
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
	$(BIN)/tsx bench/index.ts --quick

test: check typecheck lint unit kotlin bench-smoke

run: build
	./bin/tidegate.js gateway run

bench: build
	$(PNPM) run --silent bench

clean:
	rm -rf node_modules dist generated/kotlin/target clients/kotlin/target
