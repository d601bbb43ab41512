# Chores in one place. `make test` is the README's test command.
.PHONY: install test lint sample bench bench-quick bench-web eval

install:
	pip install '.[test]'

test:
	python -m pytest

lint:
	ruff check .
	mypy

sample:
	dossier index corpus/data/ && dossier search '"death commission"'

# Indexing at three sizes and the query set on Reuters-21578, beside plain Whoosh and FTS5 (~7 min).
bench:
	python benchmarks/bench_index.py --sizes 5000,10000,21578
	python benchmarks/bench_query.py

# The same at CI size (seconds): keeps the benchmarks working.
bench-quick:
	python benchmarks/bench_index.py --quick
	python benchmarks/bench_query.py --quick

# Relevance on BEIR SciFact (fails below nDCG@10 0.69 or R@100 0.93) and speaker attribution
# on 40 hand-annotated Reuters articles (~1 min).
eval:
	python benchmarks/relevance.py --check
	python benchmarks/extraction.py

# dossier serve under load: 16 clients for 60 s on Reuters, repeated and unique requests (~3 min).
bench-web:
	python benchmarks/bench_web.py
