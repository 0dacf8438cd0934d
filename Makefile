# Handbook Makefile, after the sphinx-quickstart convention: named targets
# below, everything else goes to `sphinx-build -M <target>` (the catch-all).
# The bootstrap stamps make a second run install nothing.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
SOURCEDIR   := .
BUILDDIR    := _build
# -W: a warning fails the build; --keep-going: report every warning in one run;
# -n: every cross-reference must resolve; -j auto: read and write in parallel.
SPHINXOPTS  ?= -W --keep-going -n -j auto
PORT        ?= 8000

VENV_STAMP  := $(VENV)/.requirements.stamp
NODE_STAMP  := node_modules/.package-lock.stamp
BOOTSTRAP   := $(VENV_STAMP) $(NODE_STAMP)

.DEFAULT_GOAL := help

help: ## Show the targets
	@echo "Gebruik: make <doel>"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'
	@echo "  <builder>  elke andere Sphinx-builder, bv. 'make singlehtml'"

$(VENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

bootstrap: $(BOOTSTRAP) ## Install Python (.venv) and front-end (node_modules) dependencies

html: $(BOOTSTRAP) ## Build the handbook as HTML in _build/html
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

linkcheck: $(BOOTSTRAP) ## Check external links with Sphinx's linkcheck builder
	$(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

livehtml: $(BOOTSTRAP) ## Preview while writing: rebuilds and reloads on save
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
		--host 127.0.0.1 --port $(PORT) \
		--ignore "$(BUILDDIR)/*" --ignore "$(VENV)/*" --ignore "node_modules/*" \
		--ignore "tests/*" --ignore ".git/*"

serve: ## Serve _build/html on http://127.0.0.1:$(PORT)
	@test -f "$(BUILDDIR)/html/index.html" || { echo "Eerst 'make html' uitvoeren."; exit 1; }
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory "$(BUILDDIR)/html" $(PORT)

pdf: $(BOOTSTRAP) browser ## Build the PDF (_build/pdf/handboek.pdf) and a workshop handout per play
	$(SPHINXBUILD) -M pdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

browser: ## Find a Chromium-family browser for the tests (installs Debian's chromium if needed)
	@tools/ensure-browser

test: $(BOOTSTRAP) browser ## Run all tests (builds the handbook first)
	$(BIN)/python -m pytest

BENCH_ARGS ?=
bench: html browser ## Print build-time, rebuild and page-weight figures (BENCH_ARGS="--sessions 1000")
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
	$(BIN)/python tools/bench_diagrams.py

clean: ## Remove build output (keeps .venv and node_modules)
	rm -rf "$(BUILDDIR)"

# Source files the stamps depend on: explicit empty rules keep the catch-all
# from treating them as Sphinx builders.
requirements.txt package.json package-lock.json: ;

.PHONY: help bootstrap html linkcheck livehtml serve browser test bench clean Makefile
.PHONY: pdf

# Catch-all: any other target is a Sphinx builder.
%: Makefile $(BOOTSTRAP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
