# The two commands of the README: `make build` and `make test`. Each sets up what it needs.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
SYSPY   ?= python3

.PHONY: build test fast check lint bench clean i18n references

build: $(VENV)/.base
	$(VENV)/bin/coursepack build

test: $(VENV)/.test tests/js/node_modules/.installed /usr/bin/chromium /usr/bin/pdftoppm
	$(PYTHON) -m pytest

# The fast lane for editing loops, `pytest -m "not browser"`: no browser, no exhaustive (slow) tests
# (tests/conftest.py leaves those out for this expression, and runs it on every core with
# pytest-xdist), fewer Hypothesis examples.
fast: $(VENV)/.test tests/js/node_modules/.installed
	$(PYTHON) -m pytest -m "not browser" -q

lint: $(VENV)/.test
	$(VENV)/bin/ruff check builder
	$(VENV)/bin/mypy builder

$(VENV)/.base: pyproject.toml
	$(SYSPY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.base
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

tests/js/node_modules/.installed: tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium drives the browser tests (never `playwright install`: it downloads a browser).
# poppler-utils: the print tests render PDF pages to images and read their text.
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils

/usr/bin/pdftoppm:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils

# After changing an interface string: extract the msgids, merge them into every catalog, compile.
# The compiled .mo files are committed (the build needs no Babel); tests/test_i18n.py keeps them in step.
# A run that changes no msgid changes no file: a .pot whose only change is its date is put back
# (git), and a .po keeps its POT-Creation-Date (fewer conflicts between branches).
# Two domains: `messages` (the interface: templates and `_()`) and `diagnostics` (the command line's
# messages: the texts marked `D_()`, and `DN_()` with their plurals, in builder/messages.py, kept in
# the order of that file).
i18n: $(VENV)/.test
	$(VENV)/bin/pybabel -q extract --no-location --sort-output -F babel.cfg -o builder/locale/messages.pot builder templates
	$(VENV)/bin/pybabel -q extract --no-location --no-default-keywords -k D_ -k DN_:1,2 -F babel.cfg -o builder/locale/diagnostics.pot builder
	@for pot in builder/locale/*.pot; do git diff --quiet -I '^"POT-Creation-Date: ' -- $$pot 2>/dev/null && git checkout -q -- $$pot 2>/dev/null; true; done
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-pot-creation-date -i builder/locale/messages.pot -d builder/locale
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-pot-creation-date -D diagnostics -i builder/locale/diagnostics.pot -d builder/locale
	$(VENV)/bin/pybabel -q compile --use-fuzzy -D "messages diagnostics" -d builder/locale

# After a deliberate change to the look: write tests/visual/*.png again from the current build
# (tests/test_visual.py), then review the changed images in the diff before committing them.
references: $(VENV)/.test tests/js/node_modules/.installed /usr/bin/chromium /usr/bin/pdftoppm
	COURSEPACK_UPDATE_REFERENCES=1 $(PYTHON) -m pytest tests/test_visual.py -q

clean:
	rm -rf dist $(VENV) tests/js/node_modules tests/artifacts
