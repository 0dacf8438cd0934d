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

help: ## Toont deze lijst
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

bootstrap: $(BOOTSTRAP) ## Installeert Python-pakketten (.venv) en Mermaid (node_modules)

html: $(BOOTSTRAP) ## Bouwt het handboek als website in _build/html
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

linkcheck: $(BOOTSTRAP) ## Controleert externe links met Sphinx (linkcheck)
	$(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

livehtml: $(BOOTSTRAP) ## Voorvertonen tijdens het schrijven: bouwt en ververst bij opslaan
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
		--host 127.0.0.1 --port $(PORT) \
		--ignore "$(BUILDDIR)/*" --ignore "$(VENV)/*" --ignore "node_modules/*" \
		--ignore "tests/*" --ignore ".git/*"

serve: ## Serveert _build/html op http://127.0.0.1:8000 (PORT=...)
	@test -f "$(BUILDDIR)/html/index.html" || { echo "Eerst 'make html' uitvoeren."; exit 1; }
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory "$(BUILDDIR)/html" $(PORT)

pdf: $(BOOTSTRAP) browser ## Bouwt de PDF (_build/pdf/handboek.pdf) en een werkblad per play
	$(SPHINXBUILD) -M pdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

browser: ## Zoekt een Chromium-browser (installeert zo nodig Debians chromium)
	@tools/ensure-browser

test: $(BOOTSTRAP) browser ## Draait alle tests (bouwt eerst het handboek)
	$(BIN)/python -m pytest

BENCH_ARGS ?=
bench: html browser ## Meet bouwtijd, opnieuw bouwen en paginagewicht (BENCH_ARGS="--sessions 1000")
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
	$(BIN)/python tools/bench_diagrams.py

clean: ## Verwijdert _build/ (.venv en node_modules blijven)
	rm -rf "$(BUILDDIR)"

# Source files the stamps depend on: explicit empty rules keep the catch-all
# from treating them as Sphinx builders.
requirements.txt package.json package-lock.json: ;

.PHONY: help bootstrap html linkcheck livehtml serve browser test bench clean Makefile
.PHONY: pdf

# Catch-all: any other target is a Sphinx builder.
%: Makefile $(BOOTSTRAP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
