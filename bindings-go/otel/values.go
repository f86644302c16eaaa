package otel

import (
	"encoding/json"
	"fmt"
	"sort"

	"go.opentelemetry.io/otel/attribute"
)

// toAny converts an attribute value to the scrubjay package's values: scalars and typed
// slices as Go scalars and slices (they cross into the library in one call per map), nested
// slices and maps as []any and map[string]any.
func toAny(v attribute.Value) any {
	switch v.Type() {
	case attribute.BOOL:
		return v.AsBool()
	case attribute.INT64:
		return v.AsInt64()
	case attribute.FLOAT64:
		return v.AsFloat64()
	case attribute.STRING:
		return v.AsString()
	case attribute.BOOLSLICE:
		return v.AsBoolSlice()
	case attribute.INT64SLICE:
		return v.AsInt64Slice()
	case attribute.FLOAT64SLICE:
		return v.AsFloat64Slice()
	case attribute.STRINGSLICE:
		return v.AsStringSlice()
	case attribute.BYTESLICE:
		return v.AsByteSlice()
	case attribute.SLICE:
		items := v.AsSlice()
		out := make([]any, len(items))
		for i, item := range items {
			out[i] = toAny(item)
		}
		return out
	case attribute.MAP:
		return toMap(v.AsMap())
	}
	return nil
}

func toMap(kvs []attribute.KeyValue) map[string]any {
	out := make(map[string]any, len(kvs))
	for _, kv := range kvs {
		out[string(kv.Key)] = toAny(kv.Value)
	}
	return out
}

// fromAny converts a redacted value back, using the original as a guide: an unchanged value
// comes back as the original (same type, no copy), a replaced one as the string the library
// wrote, a changed slice or map item by item.
func fromAny(orig attribute.Value, red any) attribute.Value {
	switch r := red.(type) {
	case nil:
		return attribute.Value{}
	case string:
		if orig.Type() == attribute.STRING && orig.AsString() == r {
			return orig
		}
		return attribute.StringValue(r)
	case bool:
		return attribute.BoolValue(r)
	case int64:
		return attribute.Int64Value(r)
	case float64:
		return attribute.Float64Value(r)
	case json.Number:
		return numberValue(orig, r)
	case []byte:
		return attribute.ByteSliceValue(r)
	case []bool, []int64, []float64, []string:
		return orig // typed slices come back only when unchanged
	case []any:
		return sliceValue(orig, r)
	case map[string]any:
		return attribute.MapValue(fromMap(orig.AsMap(), r)...)
	}
	return attribute.StringValue(fmt.Sprint(red))
}

// numberValue: numbers that went through the library's JSON walk keep the original's kind.
func numberValue(orig attribute.Value, n json.Number) attribute.Value {
	if orig.Type() != attribute.FLOAT64 {
		if i, err := n.Int64(); err == nil {
			return attribute.Int64Value(i)
		}
	}
	f, _ := n.Float64()
	return attribute.Float64Value(f)
}

// sliceValue rebuilds a changed slice: a slice of strings where every item is one (a string
// slice with an item replaced stays a string slice), a SLICE of values otherwise.
func sliceValue(orig attribute.Value, items []any) attribute.Value {
	var guides []attribute.Value
	if orig.Type() == attribute.SLICE && len(orig.AsSlice()) == len(items) {
		guides = orig.AsSlice()
	}
	values := make([]attribute.Value, len(items))
	strs := make([]string, 0, len(items))
	for i, item := range items {
		guide := attribute.Value{}
		if guides != nil {
			guide = guides[i]
		}
		values[i] = fromAny(guide, item)
		if values[i].Type() == attribute.STRING {
			strs = append(strs, values[i].AsString())
		}
	}
	if orig.Type() != attribute.SLICE && len(strs) == len(items) {
		return attribute.StringSliceValue(strs)
	}
	return attribute.SliceValue(values...)
}

// fromMap is the redacted map red as key-values: the original's keys first, in their order
// (a key the library removed is left out), then any other key in sorted order.
func fromMap(orig []attribute.KeyValue, red map[string]any) []attribute.KeyValue {
	out := make([]attribute.KeyValue, 0, len(red))
	seen := make(map[string]bool, len(orig))
	for _, kv := range orig {
		k := string(kv.Key)
		if v, ok := red[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, attribute.KeyValue{Key: kv.Key, Value: fromAny(kv.Value, v)})
		}
	}
	var rest []string
	for k := range red {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, attribute.KeyValue{Key: attribute.Key(k), Value: fromAny(attribute.Value{}, red[k])})
	}
	return out
}
