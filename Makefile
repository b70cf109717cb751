# roster-check: one command to set up, build and test on a fresh Debian 12 machine.
#
#   make serve   set up, build pkg/ and dist/package/, serve the repository on http://127.0.0.1:8000/www/
#   make test    set up, build, run every check (fmt, clippy, cargo test, Node, Chromium, Firefox, WebKit,
#                the npm package installed where embedders put it)
#   make package the npm package: dist/roster-check-<version>.tgz
#
# Every target is idempotent: tools land in target/tools/ (cached with the build), and a step
# whose inputs did not change does nothing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print}' Cargo.lock)
TOOLS := $(CURDIR)/target/tools
WASM_BINDGEN := $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen
# The same crate's test runner (tests/wasm_boundary.rs runs in Node through it): installed beside
# the CLI at the same version, by the same steps, only when the wasm tests run.
WASM_BINDGEN_TEST_RUNNER := $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen-test-runner
# A copy kept outside the work tree too, so a fresh clone (CI's) on the same machine copies it in
# instead of compiling it again. `make TOOLS_CACHE= …` disables it.
TOOLS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/roster-check/tools
WASM_OPT := node_modules/.bin/wasm-opt
# The features the Rust wasm32 target emits; wasm-opt must accept exactly these.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-reference-types --enable-multivalue \
	--enable-mutable-globals --enable-nontrapping-float-to-int --enable-sign-ext
# --low-memory-unused: Rust's wasm32 places its stack below 1 MiB and its data above, so no
# access falls in the first 1 KiB, and wasm-opt may fold constant offsets (−1.6 KB gzipped).
WASM_OPT_FLAGS := -Oz --low-memory-unused $(WASM_OPT_FEATURES) --strip-debug --strip-producers \
	--strip-target-features

WASM_TARGET := wasm32-unknown-unknown
WASM_FEATURES := --no-default-features --features xlsx
WASM_RAW := target/$(WASM_TARGET)/wasm/roster_check.wasm
PKG_WASM := pkg/roster_check_bg.wasm
# The npm package's folder (package/build.mjs): the element and its worker bundled and minified
# by esbuild, pkg/'s module, the sample company. The repository's page (www/) loads it too.
VERSION := $(shell awk -F'"' '/^version = / {print $$2; exit}' Cargo.toml)
PACKAGE_DIR := dist/package
ELEMENT := $(PACKAGE_DIR)/element.js
PACKAGE_INPUTS := $(wildcard package/src/*) package/build.mjs package/element.d.ts package/README.md \
	$(wildcard samples/demo/*) Cargo.toml
TARBALL := dist/roster-check-$(VERSION).tgz
# Browsers for the page tests: Chromium (tests/browser, tests/engines), Firefox ESR and WebKitGTK
# (tests/engines). WebKitGTK has no headless mode: xvfb-run gives it a display, and xvfb-run needs
# xauth, which xvfb only recommends.
APT_PACKAGES := chromium chromium-driver fonts-wqy-microhei firefox-esr webkit2gtk-driver xvfb xauth
PORT ?= 8000

.PHONY: fuzz-smoke help setup rust-tools wasm-bindgen system-packages node-packages build wasm-raw \
	native-cli serve test lint fmt-check clippy cargo-test xlsx-corpus js-test browser-test engines-test size \
	bench bench-smoke package package-test wasm-test

help:
	@echo "make serve   set up, build, serve the page on http://127.0.0.1:$(PORT)/www/"
	@echo "make test    set up, build and run every test"
	@echo "make package the npm package: $(TARBALL)"
	@echo "make size    build with and without xlsx and print the sizes of what the page ships"

# --- set-up --------------------------------------------------------------------------------

setup: rust-tools wasm-bindgen system-packages node-packages

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@installed="$$(rustup component list --installed)"; \
	 for c in rustfmt clippy; do \
	   grep -q "^$$c" <<<"$$installed" || rustup component add $$c; \
	 done

wasm-bindgen: $(WASM_BINDGEN)

# `cargo install wasm-bindgen-cli --locked` fails here: its lockfile wants a webpki-roots this
# registry lacks. So: fetch the crate through a throwaway project, unpack it, step that one
# dependency back, and install from the unpacked source with --locked (everything else pinned).
# One binary at a time (`wasm-bindgen`, or `wasm-bindgen-test-runner` for the wasm tests), without
# the default TLS feature (rustls, ring's C code): the test runner's downloads of browser drivers
# are never used here (it runs the tests in Node). Same output, less to compile.
$(WASM_BINDGEN) $(WASM_BINDGEN_TEST_RUNNER):
	@bin='$(notdir $@)'; cached='$(TOOLS_CACHE)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/'"$$bin"; \
	 if [ -n '$(TOOLS_CACHE)' ] && [ -x "$$cached" ] && \
	    "$$cached" --version | grep -qx "$$bin $(WASM_BINDGEN_VERSION)"; then \
	   echo "wasm-bindgen-cli $(WASM_BINDGEN_VERSION) ($$bin): copied from $(TOOLS_CACHE)"; \
	   mkdir -p $(dir $@) && cp "$$cached" $@; \
	 else \
	   $(MAKE) wasm-bindgen-compile WASM_BINDGEN_BIN="$$bin"; \
	 fi

.PHONY: wasm-bindgen-compile
WASM_BINDGEN_BIN ?= wasm-bindgen
wasm-bindgen-compile:
	@echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) ($(WASM_BINDGEN_BIN)) into $(TOOLS) (compiles for a few minutes, once)"
	rm -rf $(TOOLS)/src/fetch $(TOOLS)/src/wasm-bindgen-cli-$(WASM_BINDGEN_VERSION)
	mkdir -p $(TOOLS)/src/fetch
	printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n[lib]\npath = "lib.rs"\n[dependencies]\nwasm-bindgen-cli = "=%s"\n' \
	  '$(WASM_BINDGEN_VERSION)' > $(TOOLS)/src/fetch/Cargo.toml
	touch $(TOOLS)/src/fetch/lib.rs
	cd $(TOOLS)/src/fetch && cargo fetch --quiet
	crate="$$(ls -1 $${CARGO_HOME:-$$HOME/.cargo}/registry/cache/*/wasm-bindgen-cli-$(WASM_BINDGEN_VERSION).crate | head -n1)"; \
	  tar -xzf "$$crate" -C $(TOOLS)/src
	cd $(TOOLS)/src/wasm-bindgen-cli-$(WASM_BINDGEN_VERSION) && \
	  if ! cargo metadata --locked --format-version 1 >/dev/null 2>&1; then \
	    cargo update --quiet -p webpki-roots --precise 1.0.10; \
	  fi && \
	  CARGO_TARGET_DIR=$(TOOLS)/build cargo install --path . --locked --root $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION) \
	    --no-default-features --bin $(WASM_BINDGEN_BIN)
	$(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/$(WASM_BINDGEN_BIN) --version | \
	  grep -qx "$(WASM_BINDGEN_BIN) $(WASM_BINDGEN_VERSION)"
	rm -rf $(TOOLS)/src $(TOOLS)/build
	if [ -n '$(TOOLS_CACHE)' ]; then \
	  mkdir -p '$(TOOLS_CACHE)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin' && \
	  cp $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/$(WASM_BINDGEN_BIN) '$(TOOLS_CACHE)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/'; \
	fi

system-packages:
	@missing=""; for p in $(APT_PACKAGES) $$(command -v node >/dev/null || echo nodejs npm) $$(command -v python3 >/dev/null || echo python3); do \
	   dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	 done; \
	 if [ -n "$$missing" ]; then \
	   echo "apt-get install$$missing"; \
	   sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	   $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	 fi

node-packages: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund
	@touch $@

# --- build ---------------------------------------------------------------------------------

build: $(PKG_WASM) $(ELEMENT)

# Cargo decides whether anything changed; it leaves the file alone when nothing did.
wasm-raw: rust-tools
	cargo build --lib --target $(WASM_TARGET) --profile wasm $(WASM_FEATURES)

$(WASM_RAW): wasm-raw ;

$(PKG_WASM): $(WASM_RAW) $(WASM_BINDGEN) node_modules/.package-lock.json
	$(WASM_BINDGEN) --target web --out-dir pkg $(WASM_RAW)
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(PKG_WASM) -o $(PKG_WASM)
	@printf 'pkg/: %s bytes, %s gzipped\n' "$$(stat -c %s $(PKG_WASM))" "$$(gzip -9c $(PKG_WASM) | wc -c)"

$(ELEMENT): $(PKG_WASM) $(PACKAGE_INPUTS) node_modules/.package-lock.json
	node package/build.mjs

# `npm pack` of dist/package/: what `npm install roster-check` would unpack.
package: $(TARBALL)

$(TARBALL): $(ELEMENT)
	rm -f dist/roster-check-*.tgz
	cd $(PACKAGE_DIR) && npm pack --silent --pack-destination .. >/dev/null
	@printf '%s: %s bytes\n' $@ "$$(stat -c %s $@)"

# --- use -----------------------------------------------------------------------------------

serve: setup build
	@echo "serving the repository: open http://127.0.0.1:$(PORT)/www/?sample (the built-in sample company)"
	@echo "                        or http://127.0.0.1:$(PORT)/www/ to check your own files"
	python3 -m http.server $(PORT) --bind 127.0.0.1

# --- tests ---------------------------------------------------------------------------------

test: setup build lint cargo-test wasm-test xlsx-corpus js-test browser-test package-test engines-test bench-smoke
	@echo "make test: all passed"

lint: fmt-check clippy

fmt-check:
	cargo fmt --all --check

clippy: rust-tools
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) $(WASM_FEATURES) -- -D warnings
	cargo clippy --test wasm_boundary --target $(WASM_TARGET) $(WASM_FEATURES) -- -D warnings

cargo-test:
	cargo test

# The JS boundary's own tests (tests/wasm_boundary.rs, wasm-bindgen-test): compiled to wasm32 as
# the page's build is (no default features, xlsx) and run in Node by wasm-bindgen-test-runner,
# which cargo calls as the target's runner.
wasm-test: rust-tools $(WASM_BINDGEN_TEST_RUNNER)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(WASM_BINDGEN_TEST_RUNNER) \
	  cargo test --target $(WASM_TARGET) $(WASM_FEATURES) --test wasm_boundary

# Our XLSX reader against calamine on real workbooks: the registry corpus (the test files that
# the packages of tests/xlsx/corpus/registry.tsv ship, pinned by version and sha256, fetched by
# their registries' clients into ~/.cache/roster-check/xlsx-corpus; a failed download fails
# here), then, with XLSX_CORPUS=dir, the GitHub corpus of tests/xlsx/corpus/manifest.tsv (local
# only: choose_corpus.py). Prints each corpus's size and outcome counts.
xlsx-corpus: system-packages
	dir="$$(python3 tests/xlsx/corpus/fetch_registry.py)"; \
	  XLSX_REGISTRY_CORPUS="$$dir" cargo test --test xlsx registry_workbooks -- --ignored --nocapture
	@if [ -n "$${XLSX_CORPUS:-}" ]; then \
	  cargo test --test xlsx github_workbooks -- --ignored --nocapture; \
	fi

# The native command line gives the reference answers the JS and browser tests compare with.
native-cli:
	cargo build --bin roster-check

js-test: build native-cli node-packages
	node --test tests/js/*.test.mjs

# Every tests/browser/*.test.mjs (the module's and the page's).
browser-test: build native-cli node-packages system-packages
	node --test tests/browser/*.test.mjs

# The package where embedders put it (tests/package): installed from the tarball in a scratch
# project outside the repository (target/package-tests/), used from Node, type-checked by tsc,
# bundled by Vite, and served unbundled under a subpath; the bundled and unbundled apps check
# the sample company in Chromium.
package-test: package native-cli node-packages system-packages
	node --test tests/package/*.test.mjs

# The person-level page tests (tests/engines/person.mjs) in each of ENGINES: Chromium through
# playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK through
# WebKitWebDriver under xvfb-run. Each test has its own timeout; --test-force-exit ends a file
# whose browser would not quit instead of letting it hold `make test`.
ENGINES ?= chromium firefox webkit
engines-test: package native-cli node-packages system-packages
	node --test --test-force-exit $(ENGINES:%=tests/engines/%.test.mjs)

# Every fuzz target for a short bounded time (FUZZ_SECONDS, default 20) from the committed seeds;
# installs cargo-fuzz if missing. Long campaigns: see fuzz/README.md.
fuzz-smoke:
	scripts/fuzz-smoke.sh

# --- size ----------------------------------------------------------------------------------

# What the repository's page (www/index.html, in Chinese) loads before any file is chosen, which
# is what an embedder's page loads of the package (element.js, worker.js, the wasm) plus the
# page's own two files; a page in English loads the English chunk (lang-en-*.js) too. The sample
# company (sample/) is fetched only when asked for, and pkg/'s unbundled module (roster_check.js,
# snippets/) only by `import "roster-check"`: in the package's sum, not the page's.
PAGE_FILES := www/index.html www/page.css $(ELEMENT) $(PACKAGE_DIR)/worker.js $(PACKAGE_DIR)/roster_check_bg.wasm
gz = $$(gzip -9c $(1) | wc -c)

size: setup build package
	cargo build --lib --target $(WASM_TARGET) --profile wasm --no-default-features \
	  --target-dir target/wasm-no-xlsx
	rm -rf target/pkg-no-xlsx
	$(WASM_BINDGEN) --target web --out-dir target/pkg-no-xlsx target/wasm-no-xlsx/$(WASM_TARGET)/wasm/roster_check.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) target/pkg-no-xlsx/roster_check_bg.wasm -o target/pkg-no-xlsx/roster_check_bg.wasm
	@printf '%-45s %9s bytes  %9s gzip -9\n' target/pkg-no-xlsx/roster_check_bg.wasm \
	  "$$(stat -c %s target/pkg-no-xlsx/roster_check_bg.wasm)" "$(call gz,target/pkg-no-xlsx/roster_check_bg.wasm)"
	@echo "what the page loads (www/index.html, and an embedder's page: all but www/):"
	@total=0; raw=0; for f in $(PAGE_FILES); do \
	   g=$(call gz,$$f); total=$$((total + g)); raw=$$((raw + $$(stat -c %s $$f))); \
	   printf '  %-43s %9s bytes  %9s gzip -9\n' $$f "$$(stat -c %s $$f)" "$$g"; \
	 done; \
	 printf '%-45s %9s bytes  %9s gzip -9, each file (target: 400000)\n' "shipped: the page loads" "$$raw" "$$total"; \
	 en=$$(ls $(PACKAGE_DIR)/lang-en-*.js); g=$(call gz,$$en); \
	 printf '  %-43s %9s bytes  %9s gzip -9\n' "+ in English: $$en" "$$(stat -c %s $$en)" "$$g"; \
	 printf '%-45s %9s bytes  %9s gzip -9, each file\n' "shipped: the page in English" "$$((raw + $$(stat -c %s $$en)))" "$$((total + g))"
	@echo "the npm package ($(TARBALL)):"
	@raw=0; total=0; for f in $$(find $(PACKAGE_DIR) -type f | sort); do \
	   raw=$$((raw + $$(stat -c %s $$f))); total=$$((total + $(call gz,$$f))); done; \
	 printf '  %-43s %9s bytes  %9s gzip -9, each file\n' "$(PACKAGE_DIR)/ ($$(find $(PACKAGE_DIR) -type f | wc -l) files)" "$$raw" "$$total"; \
	 printf '  %-43s %9s bytes\n' "$(TARBALL)" "$$(stat -c %s $(TARBALL))"

# --- speed ---------------------------------------------------------------------------------

# roster-check (wasm in Node, native) against a Papa Parse importer on synthetic companies of
# BENCH_SIZES accounts, then the 1M company in headless Chromium. See BENCHMARKS.md "Speed".
BENCH_SIZES ?= 10000,100000,1000000
BENCH_NATIVE_DIR := $(CURDIR)/target/bench-native

bench: setup build
	cargo build --release --bin roster-synth
	CARGO_TARGET_DIR=$(BENCH_NATIVE_DIR) cargo build --release --manifest-path bench/native/Cargo.toml
	node bench/run.mjs --sizes $(BENCH_SIZES) --synth target/release/roster-synth \
	  --native $(BENCH_NATIVE_DIR)/release/roster-bench-native --json target/bench/results.json
	node bench/browser-1m.mjs --synth target/release/roster-synth

# The same at 10k, once, with debug builds of the generator and the native bench: checks that
# every variant still runs and agrees (no timing is asserted). For CI, after `make build`.
bench-smoke: build node-packages
	cargo build --bin roster-synth
	CARGO_TARGET_DIR=$(BENCH_NATIVE_DIR) cargo build --manifest-path bench/native/Cargo.toml
	node bench/run.mjs --smoke --sizes 10000 --synth target/debug/roster-synth \
	  --native $(BENCH_NATIVE_DIR)/debug/roster-bench-native
