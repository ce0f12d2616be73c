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

.PHONY: install build serve test browser bench clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@echo "==> Creating $(VENV) and installing pinned Python packages"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Chinese at site/, English at site/en/; both strict.
build: $(STAMP)
	@echo "==> Building both languages for $(SITE_URL)"
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict --quiet -f mkdocs.yml
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict --quiet -f mkdocs.en.yml

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

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Four benchmarks, each printing its medians as JSON (never asserted): the build and both scorers
# (and a 1 MB answers file read in Python); the checklist in Chromium at the real size, 1,000 and
# 5,000 items and with a 1 MB assessment; the plan's .docx at 10k, 40k and 160k lines, in Python and
# in the browser; a ticket export of 1M and 10M rows (and GB18030, and a 200k-row XLSX) measured by
# `python -m assessment evidence`, time and peak memory. Together they take several minutes.
bench: $(STAMP) browser
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_checklist
	$(BIN)/python -m tests.bench_plan
	$(BIN)/python -m tests.bench_evidence

clean:
	rm -rf site .pytest_cache .hypothesis

# The browser's Word export uses the npm package `docx`, and the evidence view's CSV reading the npm
# package `papaparse`, both pinned in package.json/package-lock.json. Their browser builds and
# licences are committed under docs/assets/vendor/<name>/, so building, serving and testing never
# need npm; run this only to change a pinned version, then commit the result. Papa Parse ships a
# UMD script; it is wrapped as an ES module (the UMD takes the `module` object it is given) so that
# the evidence worker can import it.
VENDOR_DIR := docs/assets/vendor/docx
PAPA_DIR := docs/assets/vendor/papaparse
.PHONY: vendor
vendor:
	@echo "==> Vendoring docx and papaparse (npm ci of package-lock.json)"
	@command -v npm >/dev/null || { echo "npm is needed for 'make vendor' only"; exit 1; }
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  cp package.json package-lock.json "$$tmp"/ && \
	  (cd "$$tmp" && npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error) && \
	  mkdir -p $(VENDOR_DIR) $(PAPA_DIR) && \
	  install -m 644 "$$tmp"/node_modules/docx/dist/index.mjs $(VENDOR_DIR)/docx.js && \
	  install -m 644 "$$tmp"/node_modules/docx/LICENSE $(VENDOR_DIR)/LICENSE && \
	  install -m 644 "$$tmp"/node_modules/fflate/LICENSE $(VENDOR_DIR)/LICENSE-fflate && \
	  install -m 644 "$$tmp"/node_modules/nanoid/LICENSE $(VENDOR_DIR)/LICENSE-nanoid && \
	  node -p '"docx " + require("'"$$tmp"'/node_modules/docx/package.json").version' > $(VENDOR_DIR)/VERSION && \
	  { echo '// Papa Parse (MIT, see LICENSE), its UMD build wrapped as an ES module by `make vendor`.'; \
	    echo 'const module = { exports: {} };'; echo 'const exports = module.exports;'; \
	    cat "$$tmp"/node_modules/papaparse/papaparse.min.js; echo; \
	    echo 'export default module.exports;'; } > $(PAPA_DIR)/papaparse.js && \
	  install -m 644 "$$tmp"/node_modules/papaparse/LICENSE $(PAPA_DIR)/LICENSE && \
	  node -p '"papaparse " + require("'"$$tmp"'/node_modules/papaparse/package.json").version' > $(PAPA_DIR)/VERSION
	@echo "==> $(VENDOR_DIR): $$(cat $(VENDOR_DIR)/VERSION); $(PAPA_DIR): $$(cat $(PAPA_DIR)/VERSION)"
