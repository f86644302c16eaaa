# scrubjay — one redaction engine for every tracer.
#
#   make test    every check and every test (what CI runs)
#   make demo    redact the shipped example spans with the default policy
#   make bench   criterion benchmarks with ratios against the naive baseline

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: test tools fmt-check clippy rust-test cli-test doc python-test python-bench demo bench clean

test: tools fmt-check clippy rust-test cli-test doc python-test
	@echo "make test: every check passed"

# rustfmt and clippy ship with rustup; add them if this toolchain lacks them.
tools:
	@if command -v rustup >/dev/null 2>&1; then rustup component add rustfmt clippy >/dev/null 2>&1 || true; fi

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

rust-test:
	$(CARGO) test --workspace --locked --exclude scrubjay-cli --exclude scrubjay-python

# The CLI tests stream a 100 MB file: they run against the release build.
cli-test:
	$(CARGO) test --release --locked -p scrubjay-cli

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --locked

# The Python package, built by pip (maturin) into a fresh virtualenv; the vector suite, API,
# threading, OpenTelemetry, logging and README tests; the stubs checked against the module.
PYTHON ?= python3
VENV := target/py-venv
python-test:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r bindings-python/requirements-dev.txt
	$(VENV)/bin/pip install -q ./bindings-python
	cd bindings-python && ../$(VENV)/bin/python -m pytest -q -p no:cacheprovider --pyargs scrubjay tests
	$(VENV)/bin/python -m mypy.stubtest scrubjay._scrubjay
	$(VENV)/bin/python -m mypy --strict --no-incremental -p scrubjay

demo:
	$(CARGO) run --release --locked -p scrubjay-cli -- redact --stats examples/spans.jsonl

bench: python-bench
	$(CARGO) bench --locked -p scrubjay-benches --bench throughput
	$(CARGO) bench --locked -p scrubjay-benches --bench sql

clean:
	$(CARGO) clean

# scrubjay against 17 re.sub calls per string, same spans, one run (needs python-test's venv).
python-bench:
	@test -x $(VENV)/bin/python || $(MAKE) python-test
	$(VENV)/bin/python benches/python/bench_redact.py
