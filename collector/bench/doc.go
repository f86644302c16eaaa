// Package bench measures the scrubjay processor against the Collector contrib redaction
// processor (same Collector release) configured with one regular expression per rule, on
// the same 20-attribute spans. It is a module of its own so that the processor's module
// and `make collector-test` never build the contrib processor.
package bench
