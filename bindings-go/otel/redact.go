package otel

import (
	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/attribute"
)

// redactKVs redacts a set of attributes in one library call, counting into r (nil: nowhere).
func redactKVs(e *scrubjay.Engine, kvs []attribute.KeyValue, r *scrubjay.Report) []attribute.KeyValue {
	if len(kvs) == 0 {
		return kvs
	}
	return fromMap(kvs, e.RedactAttributesWithReport(toMap(kvs), r))
}

// redactValue redacts a value that has no key of its own (a log body): a string through the
// content rules, a map as a set of attributes, a slice or any other value under the key
// "body", as every scrubjay binding does.
func redactValue(e *scrubjay.Engine, v attribute.Value, r *scrubjay.Report) attribute.Value {
	switch v.Type() {
	case attribute.EMPTY:
		return v
	case attribute.STRING:
		return fromAny(v, e.RedactWithReport(v.AsString(), r))
	case attribute.MAP:
		return attribute.MapValue(redactKVs(e, v.AsMap(), r)...)
	}
	red := e.RedactAttributesWithReport(map[string]any{"body": toAny(v)}, r)
	out, ok := red["body"]
	if !ok {
		return attribute.Value{} // the policy removes it
	}
	return fromAny(v, out)
}
