# journeymap: two commands on a fresh machine — `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

SURVEYJS := tests/browser/surveyjs
SURVEYJS_STAMP := $(SURVEYJS)/node_modules/.installed

.PHONY: demo test lint messages lab workshop bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m journeymap.demo out

lint: $(STAMP)
	$(BIN)/ruff check journeymap tests benchmarks

# The SurveyJS Form Library (npm, pinned by its lock file) for the browser test of the SurveyJS export.
$(SURVEYJS_STAMP): $(SURVEYJS)/package.json $(SURVEYJS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd $(SURVEYJS) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm is missing: the SurveyJS browser test will be skipped" >&2; fi

test: $(STAMP) lint $(SURVEYJS_STAMP)
	$(BIN)/python -m pytest tests --nbmake notebooks

# Extract the message ids from the code with Babel and merge them into each language's .po
# (then translate what is new, check what is fuzzy, delete what is obsolete; the tests insist).
messages: $(STAMP)
	$(BIN)/python -m journeymap.text.messages

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

# The workbench alone as a page (template picker, editor, simulator): no code, prose or raw tables.
# Its first template is in the language LANG names (make workshop LANG=es_ES.UTF-8); the picker switches.
workshop: $(STAMP)
	@echo "the workbench as a page: http://127.0.0.1:$${PORT:-8866}/ (PORT=... to change; Ctrl-C to stop)"
	$(BIN)/voila --no-browser --Voila.ip=127.0.0.1 --port=$${PORT:-8866} --show_tracebacks=False \
		notebooks/workshop.ipynb

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) out build dist .pytest_cache .ruff_cache $(SURVEYJS)/node_modules
