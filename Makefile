# The two entry points of the README. Both set up everything they need and are safe to run twice.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint clean

demo: setup
	$(VENV)/bin/toolkit demo --out reports/demo

test: setup
	$(VENV)/bin/ruff check toolkit tests
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml .ci/install-system-packages
	bash .ci/install-system-packages
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# jupyterlab pulls in rfc3987-syntax, which builds ~38 grammars on import and adds ~1.5 s to every
	# process that imports nbformat (papermill, nbconvert, kernels). jsonschema treats it as optional.
	$(PY) -m pip uninstall --quiet -y rfc3987-syntax
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check toolkit tests

clean:
	rm -rf $(VENV) reports/demo
