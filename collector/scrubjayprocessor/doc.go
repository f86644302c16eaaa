// Package scrubjayprocessor is an OpenTelemetry Collector processor that redacts PII and
// secrets from traces, logs and metrics with the scrubjay engine (through the scrubjay Go
// package; no redaction logic lives here).
//
// It converts pdata to the Go package's values and back: a span's or a record's attributes
// go through the library in one call (scrubjay.Engine.RedactAttributes), and strings without
// a key (span and event names, the status message, a log body) through
// scrubjay.Engine.Redact. A value the engine cannot redact comes back replaced by a
// [REDACTED:<reason>] marker, never as it was; a batch that cannot be processed at all is
// refused with an error, never forwarded.
//
// Its metrics, on the Collector's own telemetry (processor.Settings' MeterProvider), count
// what each batch redacted as the engine's reports (scrubjay.Report) count it:
// scrubjay.redactions (unit {redaction}, attribute rule: a content rule id such as email, a
// field rule name, or allow.keys for attributes the allow-list removed) and
// scrubjay.failed_closed (unit {value}, attribute reason: too_large, too_deep, scan_budget,
// ..., or redaction_failed for the items of a refused batch).
//
//	processors:
//	  scrubjay:
//	    policy_file: /etc/scrubjay/policy.yaml   # or policy: <inline JSON/YAML>; neither: the default policy
//	    policies:                                # optional, first match wins, per resource
//	      - match: {service.name: "payments-*"}
//	        policy_file: /etc/scrubjay/payments.yaml
//	    summary: counts                          # none (default) | counts
package scrubjayprocessor
