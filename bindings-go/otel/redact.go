package otel

import (
	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/attribute"
)

// redactKVs redacts a set of attributes in one library call.
func redactKVs(e *scrubjay.Engine, kvs []attribute.KeyValue) []attribute.KeyValue {
	if len(kvs) == 0 {
		return kvs
	}
	return fromMap(kvs, e.RedactAttributes(toMap(kvs)))
}

// redactValue redacts a value that has no key of its own (a log body): a string through the
// content rules, a map as a set of attributes, a slice or any other value under the key
// "body", as every scrubjay binding does.
func redactValue(e *scrubjay.Engine, v attribute.Value) attribute.Value {
	switch v.Type() {
	case attribute.EMPTY:
		return v
	case attribute.STRING:
		return fromAny(v, e.Redact(v.AsString()))
	case attribute.MAP:
		return attribute.MapValue(redactKVs(e, v.AsMap())...)
	}
	red := e.RedactAttributes(map[string]any{"body": toAny(v)})
	out, ok := red["body"]
	if !ok {
		return attribute.Value{} // the policy removes it
	}
	return fromAny(v, out)
}
