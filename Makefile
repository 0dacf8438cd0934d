# Handbook Makefile, after the sphinx-quickstart convention: named targets
# below, everything else goes to `sphinx-build -M <target>` (the catch-all).
# The bootstrap stamps make a second run install nothing. Python packages come
# from requirements.txt (the build) and requirements-test.txt (the whole tree:
# build, tests and linters), both compiled from their .in file with pip-compile
# and installed with --require-hashes.

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
COMPAT_VENV := .venv-compat

# The html and pdf targets show only problems and a short Dutch summary; the
# full output goes to _build/log/<target>.txt. V=1 shows everything.
ifdef V
RUN_SPHINX   = $(SPHINXBUILD)
else
RUN_SPHINX   = $(BIN)/python tools/quiet_build.py "$(BUILDDIR)/log/$@.txt" -- $(SPHINXBUILD)
endif

VENV_STAMP  := $(VENV)/.requirements.stamp
TEST_STAMP  := $(VENV)/.requirements-test.stamp
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
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
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

# requirements-test.txt holds the build's pins too (the same versions), so this
# adds only the test and lint packages to the same .venv.
$(TEST_STAMP): requirements-test.txt $(VENV_STAMP)
	$(PIP_INSTALL) -r requirements-test.txt
	@touch $@

# --ignore-scripts: no package runs code while installing (vnu-jar's would
# download a Java runtime; tools/ensure-java uses the system's instead).
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

bootstrap: $(BOOTSTRAP) ## Installeert Python-pakketten (.venv) en Mermaid (node_modules)

html: $(BOOTSTRAP) ## Bouwt het handboek als website in _build/html (V=1: alle uitvoer)
	@$(RUN_SPHINX) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

# Without internet: one Dutch line (exit code 3) instead of every link "broken".
review: $(BOOTSTRAP) ## Toont de pagina's die (bijna) herzien moeten worden; code 1 als er een te laat is
	$(BIN)/python tools/review.py "$(SOURCEDIR)"

linkcheck: $(BOOTSTRAP) ## Controleert externe links met Sphinx (linkcheck)
	@$(BIN)/python tools/linkcheck.py "$(BUILDDIR)/linkcheck/output.json" "$(BUILDDIR)/log/linkcheck.txt" \
		-- $(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

# Its own output folder: pages built for the preview carry the problems
# banner (HANDBOOK_PREVIEW, web/preview.py), pages in _build/html never do.
livehtml: $(BOOTSTRAP) ## Voorvertonen tijdens het schrijven: bouwt en ververst bij opslaan, toont problemen in de browser
	HANDBOOK_PREVIEW=1 $(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/preview/html" \
		-d "$(BUILDDIR)/preview/doctrees" $(SPHINXOPTS) \
		--host 127.0.0.1 --port $(PORT) \
		--ignore "$(BUILDDIR)/*" --ignore "$(VENV)/*" --ignore "node_modules/*" \
		--ignore "tests/*" --ignore ".git/*" --ignore "$(COMPAT_VENV)/*" \
		--ignore ".mypy_cache/*" --ignore ".ruff_cache/*"

serve: ## Serveert _build/html op http://127.0.0.1:8000, met de Nederlandse 404-pagina (PORT=...)
	@test -f "$(BUILDDIR)/html/index.html" || { echo "Eerst 'make html' uitvoeren."; exit 1; }
	@$(BIN)/python tools/serve.py "$(BUILDDIR)/html" $(PORT)

pdf: $(BOOTSTRAP) browser ## Bouwt de PDF (_build/pdf/handboek.pdf) en een werkblad per play
	@$(RUN_SPHINX) -M pdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)

browser: ## Zoekt een Chromium-browser (installeert zo nodig Debians chromium)
	@tools/ensure-browser

java: ## Zoekt Java voor de Nu HTML Checker (installeert zo nodig Debians default-jre-headless)
	@tools/ensure-java

test: $(BOOTSTRAP) $(TEST_STAMP) browser java ## Draait alle tests (bouwt eerst het handboek)
	$(BIN)/python -m pytest

test-fast: $(BOOTSTRAP) $(TEST_STAMP) ## Snelle tests: alles zonder browser en zonder trage bouw
	$(BIN)/python -m pytest -m "not browser and not slow"

# Both linters always run, so one run reports everything; either one failing
# fails the target.
lint: $(TEST_STAMP) ## Controleert de Python-code: ruff (stijl, fouten) en mypy (typen)
	@rc=0; \
	echo "$(BIN)/ruff check _ext tests tools conf.py"; \
	$(BIN)/ruff check _ext tests tools conf.py || rc=1; \
	echo "$(BIN)/mypy _ext/handbook"; \
	$(BIN)/mypy _ext/handbook || rc=1; \
	exit $$rc

# The upgrade canary: newest Sphinx, Furo, MyST-Parser and sphinx-design in
# their own virtualenv; never part of `make test`.
compat: ## Probeert de nieuwste Sphinx, Furo, MyST en sphinx-design uit (in .venv-compat)
	PYTHON="$(PYTHON)" COMPAT_VENV="$(COMPAT_VENV)" tools/compat

BENCH_ARGS ?=
bench: html browser ## Meet bouwtijd, opnieuw bouwen en paginagewicht (BENCH_ARGS="--sessions 1000")
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
	$(BIN)/python tools/bench_diagrams.py

clean: ## Verwijdert _build/ (.venv en node_modules blijven)
	rm -rf "$(BUILDDIR)"

# Source files the stamps depend on: explicit empty rules keep the catch-all
# from treating them as Sphinx builders.
requirements.txt requirements-test.txt package.json package-lock.json: ;

.PHONY: help bootstrap html linkcheck livehtml serve browser java test bench clean Makefile
.PHONY: pdf test-fast lint compat review

# Catch-all: any other target is a Sphinx builder.
%: Makefile $(BOOTSTRAP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
