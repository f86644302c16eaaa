# scrubjay — one redaction engine for every tracer.
#
#   make test    every check and every test (what CI runs)
#   make demo    redact the shipped example spans with the default policy
#   make bench   criterion benchmarks with ratios against the naive baseline

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: test tools fmt-check clippy rust-test cli-test doc demo bench clean

test: tools fmt-check clippy rust-test cli-test doc
	@echo "make test: every check passed"

# rustfmt and clippy ship with rustup; add them if this toolchain lacks them.
tools:
	@if command -v rustup >/dev/null 2>&1; then rustup component add rustfmt clippy >/dev/null 2>&1 || true; fi

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

rust-test:
	$(CARGO) test --workspace --locked --exclude scrubjay-cli

# The CLI tests stream a 100 MB file: they run against the release build.
cli-test:
	$(CARGO) test --release --locked -p scrubjay-cli

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --locked

demo:
	$(CARGO) run --release --locked -p scrubjay-cli -- redact --stats examples/spans.jsonl

bench:
	$(CARGO) bench --locked -p scrubjay-benches --bench throughput
	$(CARGO) bench --locked -p scrubjay-benches --bench sql

clean:
	$(CARGO) clean
