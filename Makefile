# dateline: `make run` codes the example reports, `make test` runs the whole suite.
# Both create .venv and install the pinned dependencies from PyPI on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/dateline code examples/ --format table --save out/events.jsonl
	@echo "events written to out/events.jsonl"

lint: install
	$(BIN)/ruff check src tests bench scripts

test: install lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
