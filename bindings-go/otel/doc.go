// Package otel connects scrubjay to the OpenTelemetry Go SDK.
//
// Spans are read-only once they end (OnEnd hands processors a ReadOnlySpan), so scrubbing
// happens at export: RedactingSpanExporter wraps any SpanExporter and hands it scrubbed
// copies of each span (the name, attributes, event names and attributes, link attributes, the
// status description, resource attributes), with ids, kinds and timings untouched.
//
//	exporter := otel.NewRedactingSpanExporter(otlpExporter, nil) // nil: the default policy
//	provider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter))
//
// Log records are mutable during OnEmit, so LogProcessor scrubs them in place (body and
// attributes) and passes them on to the processor it wraps. A record's resource is the
// LoggerProvider's and has no setter: scrub it once with RedactResource when building the
// provider.
//
//	processor := otel.NewLogProcessor(sdklog.NewBatchProcessor(otlpLogExporter), nil)
//	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(processor),
//		sdklog.WithResource(otel.RedactResource(res, nil)))
//
// The scrubbing is the engine's: values are converted to the scrubjay package's types and
// redacted by one library call per attribute set (scrubjay.Engine.RedactAttributes) or per
// string (scrubjay.Engine.Redact).
//
// Given WithMeter, a wrapper counts what it redacts on that meter: each export (each log
// record) is scrubbed into a fresh scrubjay.Report whose counts are added to two counters,
// scrubjay.redactions (unit {redaction}, attribute rule: a content rule id such as email, a
// field rule name, or allow.keys for attributes the allow-list removed) and
// scrubjay.failed_closed (unit {value}, attribute reason: too_large, too_deep, scan_budget,
// ... as the engine names them, or redaction_failed for spans and records dropped because
// they could not be scrubbed).
//
//	meter := meterProvider.Meter("github.com/scrubjay/scrubjay/bindings-go/otel")
//	exporter := otel.NewRedactingSpanExporter(otlpExporter, nil, otel.WithMeter(meter))
//	processor := otel.NewLogProcessor(next, nil, otel.WithMeter(meter))
package otel
