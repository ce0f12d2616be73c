# Two set-up commands for a fresh machine: `make serve` and `make test` (see README.md).
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SITE_URL ?= http://127.0.0.1:8000/
PORT     ?= 8000
STAMP    := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
# jieba caches its dictionary under $TMPDIR; keep it out of the way of other users.
export TMPDIR ?= /tmp

.PHONY: install build serve test browser office plan-pdf bench clean dist offline lint

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@echo "==> Creating $(VENV) and installing pinned Python packages"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Chinese at site/, English at site/en/; both strict. Then the Content-Security-Policy for this
# build (hashes of Material's inline scripts), as site/_headers and site/_headers.nginx.conf.
build: $(STAMP)
	@echo "==> Building both languages for $(SITE_URL)"
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict --quiet -f mkdocs.yml
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict --quiet -f mkdocs.en.yml
	$(BIN)/python -m publish.policy site

serve: build
	@echo "==> Serving http://127.0.0.1:$(PORT)/ (Chinese) and http://127.0.0.1:$(PORT)/en/ (English); Ctrl-C stops"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

# Debian's Chromium drives the browser tests; the CJK fonts make Chinese pages render and screenshot.
browser:
	@dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "==> Installing Debian's chromium and fonts-noto-cjk"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

# LibreOffice lays out the plan's .docx for the tests that read its pages (a heading never ends a
# page); about a minute to install and half a minute of tests. The tests skip, saying why, without it.
office:
	@dpkg -s libreoffice-writer-nogui poppler-utils >/dev/null 2>&1 || { \
	  echo "==> Installing Debian's libreoffice-writer-nogui and poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-writer-nogui poppler-utils; }

# Node's tools the tests use (Biome for `make lint`, esbuild for the offline package), pinned in
# package-lock.json; npm ci when node_modules/ is missing or older than the lock.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the JavaScript lint and the offline package: apt-get install npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The code's style: ruff for Python, Biome for JavaScript (configuration in pyproject.toml, biome.json).
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check assessment macros publish tests
	node_modules/.bin/biome lint

# Two workers, a test file on one worker (its module fixtures built once); the xdist controller builds
# and serves the one site the browser tests share (tests/conftest.py).
test: $(STAMP) browser office lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The command line's and the browser's Word plans for a long sample, both languages, laid out by
# LibreOffice: .docx, .pdf and a PNG per page in plan-pdf/, to look at as their reader would.
plan-pdf: $(STAMP) browser office
	$(BIN)/python -m tests.plan_render plan-pdf

# Benchmarks, each printing its medians as JSON (never asserted): the build and both scorers (and a
# 1 MB answers file read in Python); the checklist in Chromium at the real size, 1,000 and 5,000
# items and with a 1 MB assessment; the plan's .docx at 10k, 40k and 160k lines, in Python and in
# the browser; the review page with 100 and 1,000 reviews of 20 KB submissions (storing, ready, sort,
# filter) and `summary` at N and 2N files; the offline package's checklist from disk against the
# served one (needs npm once, as `make offline` does); a ticket export of 1M and 10M rows (and
# GB18030, and a 200k-row XLSX) measured by `python -m assessment evidence`, time and peak memory.
# Together they take several minutes.
bench: $(STAMP) browser
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_checklist
	$(BIN)/python -m tests.bench_plan
	$(BIN)/python -m tests.bench_review
	$(BIN)/python -m tests.bench_publish
	$(BIN)/python -m tests.bench_evidence
	$(BIN)/python -m tests.bench_evidence_browser

# The reviewers' wheel: dist/sp_readiness-VERSION-py3-none-any.whl (publish/wheel.py builds it from a
# clean copy of assessment/).
dist: $(STAMP)
	$(BIN)/python -m publish.wheel dist

# Both languages to open from disk: dist/sp-readiness-offline.zip. Its classic-script bundles are
# made by esbuild, pinned in package-lock.json and installed into node_modules/ by `npm ci`;
# publish/offline.py says what differs and why.
offline: $(STAMP) $(NODE_STAMP)
	SITE_URL=$(SITE_URL) $(BIN)/python -m publish.offline dist/sp-readiness-offline.zip

clean:
	rm -rf site dist node_modules plan-pdf .pytest_cache .hypothesis

# The browser's Word export uses the npm package `docx`; the offline package's search uses
# `iframe-worker`'s shim (browsers run no web workers from disk); the evidence view's CSV reading uses
# `papaparse`; all pinned in package.json/package-lock.json. Their browser builds and the licences of
# what they bundle are committed under docs/assets/vendor/, so building, serving and testing never
# need npm; run this only to change a pinned version, then commit the result. Papa Parse ships a UMD
# script; it is wrapped as an ES module (the UMD takes the `module` object it is given) so that the
# evidence worker can import it.
VENDOR_DIR := docs/assets/vendor/docx
SHIM_DIR   := docs/assets/vendor/iframe-worker
PAPA_DIR   := docs/assets/vendor/papaparse
.PHONY: vendor
vendor:
	@echo "==> Vendoring docx, iframe-worker and papaparse (npm ci of package-lock.json) into docs/assets/vendor/"
	@command -v npm >/dev/null || { echo "npm is needed for 'make vendor' only"; exit 1; }
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  cp package.json package-lock.json "$$tmp"/ && \
	  (cd "$$tmp" && npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error) && \
	  mkdir -p $(VENDOR_DIR) $(SHIM_DIR) $(PAPA_DIR) && \
	  install -m 644 "$$tmp"/node_modules/docx/dist/index.mjs $(VENDOR_DIR)/docx.js && \
	  install -m 644 "$$tmp"/node_modules/docx/LICENSE $(VENDOR_DIR)/LICENSE && \
	  install -m 644 "$$tmp"/node_modules/fflate/LICENSE $(VENDOR_DIR)/LICENSE-fflate && \
	  install -m 644 "$$tmp"/node_modules/nanoid/LICENSE $(VENDOR_DIR)/LICENSE-nanoid && \
	  node -p '"docx " + require("'"$$tmp"'/node_modules/docx/package.json").version' > $(VENDOR_DIR)/VERSION && \
	  install -m 644 "$$tmp"/node_modules/iframe-worker/shim/index.js $(SHIM_DIR)/shim.js && \
	  install -m 644 "$$tmp"/node_modules/iframe-worker/LICENSE $(SHIM_DIR)/LICENSE && \
	  node -p '"iframe-worker " + require("'"$$tmp"'/node_modules/iframe-worker/package.json").version' > $(SHIM_DIR)/VERSION && \
	  { echo '// Papa Parse (MIT, see LICENSE), its UMD build wrapped as an ES module by `make vendor`.'; \
	    echo 'const module = { exports: {} };'; echo 'const exports = module.exports;'; \
	    cat "$$tmp"/node_modules/papaparse/papaparse.min.js; echo; \
	    echo 'export default module.exports;'; } > $(PAPA_DIR)/papaparse.js && \
	  install -m 644 "$$tmp"/node_modules/papaparse/LICENSE $(PAPA_DIR)/LICENSE && \
	  node -p '"papaparse " + require("'"$$tmp"'/node_modules/papaparse/package.json").version' > $(PAPA_DIR)/VERSION
	@echo "==> $$(cat $(VENDOR_DIR)/VERSION), $$(cat $(SHIM_DIR)/VERSION), $$(cat $(PAPA_DIR)/VERSION)"

# Mutation testing of the core (not part of CI: it takes long). Python: mutmut over scoring,
# answers, review and plan with the fast pure-Python tests; JavaScript: StrykerJS (pinned in
# package.json's devDependencies) over the DOM-free modules with their node --test tests, one module
# at a time so each mutant runs only its module's tests. Both run under nice on the shared cores;
# tests.mutation_report prints the score per module and every surviving mutant.
MUTATE_JS := answers/fields answers/answers-file answers/scoring review/review-file plan/plan evidence/measure
MUTATE_PY := answers/scoring answers/answers_file review/review_file plan/plan
.PHONY: mutate mutate-js mutate-py hypothesis-vectors
mutate: mutate-js mutate-py
	$(BIN)/python -m tests.mutation_report

mutate-js: $(STAMP)
	@command -v npm >/dev/null || { echo "npm is needed for 'make mutate'"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p reports/mutation
	# Each module's Node test is named for it: answers/scoring.js is tested by tests/js/scoring.test.mjs.
	for m in $(MUTATE_JS); do \
	  t=$$(basename $$m); \
	  $(BIN)/python -m tests.js_fixtures reports/mutation/js-fixtures-$$t.json $$t || exit 1; \
	  SP_JS_FIXTURES=$(CURDIR)/reports/mutation/js-fixtures-$$t.json SP_JS_TESTS=$$t timeout 3600 nice -n 19 \
	    npx stryker run --mutate docs/assets/javascripts/$$m.js || exit 1; \
	  cp reports/mutation/stryker.json reports/mutation/$$t.json; \
	done

# MUTATE_PY_SAMPLE=N runs N mutants per Python module drawn at random (seeded) instead of all of them
# (about 900 in answers/answers_file.py, plan/plan.py, and 750 in review/review_file.py: hours on a busy machine); the report says so.
MUTATE_PY_SAMPLE ?=
mutate-py: $(STAMP)
	rm -rf mutants
	mkdir -p reports/mutation
	rm -f reports/mutation/mutmut-sample-*.txt
	# One module at a time, each mutant with only the tests that run its function. CI=true: hypothesis
	# derandomized, so each mutant meets the same examples; the mutation profile does not shrink them.
	# The first run generates every module's mutants; a sample is drawn from them.
	for m in $(MUTATE_PY); do \
	  if [ -n "$(MUTATE_PY_SAMPLE)" ] && [ -d mutants ]; then \
	    names=$$($(BIN)/python -m tests.mutation_report sample $$m $(MUTATE_PY_SAMPLE)); \
	  else names="assessment.$$(echo $$m | tr / .).*"; fi; \
	  CI=true SP_HYPOTHESIS_PROFILE=mutation timeout 7200 nice -n 19 $(BIN)/mutmut run --max-children 1 $$names || true; \
	done
	$(BIN)/mutmut results --all true > reports/mutation/mutmut.txt || true

# Keep the failing examples hypothesis saved locally as vectors that every run replays (tests/conftest.py).
hypothesis-vectors:
	@test -d .hypothesis/examples || { echo "no .hypothesis/examples: hypothesis has saved no example here"; exit 1; }
	cp -R .hypothesis/examples/. tests/vectors/hypothesis/
