# Chores in one place. `make test` is the README's test command.
.PHONY: install test lint sample

install:
	pip install '.[test]'

test:
	python -m pytest

lint:
	ruff check .
	ruff format --check corpus indexer search tests

sample:
	dossier index corpus/data/ && dossier search '"death commission"'
