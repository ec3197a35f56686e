# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv when it is missing and install the project into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test system-deps bench bench-export bench-store build clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Debian tools the tests use to read outputs back (pdffonts, pdftotext, LibreOffice).
# Installed only when we are root on Debian; elsewhere those tests skip with a reason.
system-deps:
	@bash tools/system-deps.sh

run: $(STAMP)
	$(BIN)/wagedesk

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_render.py

bench-store: $(STAMP)
	$(BIN)/python bench/bench_store.py

bench-export: $(STAMP)
	$(BIN)/python bench/bench_export.py

build: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[build]'
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache
