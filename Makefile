# The two entry points of the README. Both set up everything they need and are safe to run twice.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast setup lint clean

demo: setup
	$(VENV)/bin/toolkit demo --out reports/demo

test: setup
	$(VENV)/bin/ruff check toolkit tests
	$(VENV)/bin/ruff format --check toolkit tests
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) -m pytest

# Unit and property tests only: no kernel, no browser, no command line in its own process, no worker processes
# (tests/conftest.py fails a test that starts one without being marked slow). Under 2 minutes on two cores.
test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

setup: $(STAMP)

$(STAMP): pyproject.toml .ci/install-system-packages $(wildcard jupyter-config/*/*.json jupyter-config/*/*/*.json)
	bash .ci/install-system-packages
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# Jupyter settings (jupyter-config/README.md); an editable install does not copy pyproject's data-files
	install -D -m 644 jupyter-config/jupyter_server_config.d/sme-toolkit.json \
	  $(VENV)/etc/jupyter/jupyter_server_config.d/sme-toolkit.json
	install -D -m 644 jupyter-config/lab-settings/overrides.d/sme-toolkit.json \
	  $(VENV)/share/jupyter/lab/settings/overrides.d/sme-toolkit.json
	# jupyterlab pulls in rfc3987-syntax, which builds ~38 grammars on import and adds ~1.5 s to every
	# process that imports nbformat (papermill, nbconvert, kernels). jsonschema treats it as optional.
	$(PY) -m pip uninstall --quiet -y rfc3987-syntax
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check toolkit tests
	$(VENV)/bin/ruff format --check toolkit tests

clean:
	rm -rf $(VENV) reports/demo
