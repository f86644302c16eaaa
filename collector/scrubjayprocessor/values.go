package scrubjayprocessor

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// redactMap redacts an attribute map in place with one library call, counting into c.
// Values the library kept are left untouched in the map. Maps of scalars
// and lists of scalars, the usual span, go through RedactList; a map with a nested value
// through RedactAttributes, whose walk of the whole map masks a secret wherever the map
// repeats it, as in every binding.
func redactMap(e *scrubjay.Engine, m pcommon.Map, c counter) {
	if m.Len() == 0 || redactFlat(e, m, c) {
		return
	}
	redactWhole(e, m, c)
}

// redactWhole converts m to the Go package's map and back.
func redactWhole(e *scrubjay.Engine, m pcommon.Map, c counter) {
	raw := m.AsRaw()
	red := e.RedactAttributesWithReport(raw, c.report)
	m.RemoveIf(func(k string, v pcommon.Value) bool {
		out, kept := red[k]
		if !kept {
			c.tally.removed()
			return true
		}
		if !same(raw[k], out) {
			setValue(v, out)
			c.tally.changed(out)
		}
		return false
	})
}

// redactString redacts a string that has no key (a name, a message, a log body).
func redactString(e *scrubjay.Engine, s string, c counter) string {
	out := e.RedactWithReport(s, c.report)
	if out != s {
		c.tally.changed(out)
	}
	return out
}

// redactBody redacts a log body in place: a string through the content rules, a map as
// attributes, anything else under the key "body" (as every scrubjay binding does).
func redactBody(e *scrubjay.Engine, body pcommon.Value, c counter) {
	switch body.Type() {
	case pcommon.ValueTypeEmpty:
		return
	case pcommon.ValueTypeStr:
		if out := redactString(e, body.Str(), c); out != body.Str() {
			body.SetStr(out)
		}
		return
	case pcommon.ValueTypeMap:
		redactMap(e, body.Map(), c)
		return
	}
	raw := body.AsRaw()
	red := e.RedactAttributesWithReport(map[string]any{"body": raw}, c.report)
	out, kept := red["body"]
	switch {
	case !kept:
		c.tally.removed()
		body.SetStr("")
	case !same(raw, out):
		setValue(body, out)
		c.tally.changed(out)
	}
}

// same reports whether the library handed back the value it was given. The Go package
// returns the original for a scalar or slice it kept; values inside a nested map come back
// through the library's JSON walk (numbers as json.Number), so those are compared by value.
func same(in, out any) bool {
	switch a := in.(type) {
	case nil:
		return out == nil
	case string:
		b, ok := out.(string)
		return ok && a == b
	case float64:
		if n, ok := out.(json.Number); ok {
			return n.String() == jsonNumber(in)
		}
		b, ok := out.(float64)
		return ok && math.Float64bits(a) == math.Float64bits(b) // NaN is kept as NaN
	case int64, bool:
		if n, ok := out.(json.Number); ok {
			return n.String() == jsonNumber(in)
		}
		return in == out
	case []byte:
		b, ok := out.([]byte)
		return ok && string(a) == string(b)
	case []any:
		b, ok := out.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !same(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := out.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			if bv, ok := b[k]; !ok || !same(av, bv) {
				return false
			}
		}
		return true
	}
	return false
}

// jsonNumber is how encoding/json writes a number.
func jsonNumber(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// setValue writes a value the library returned into v.
func setValue(v pcommon.Value, r any) {
	switch x := r.(type) {
	case nil:
		_ = v.FromRaw(nil)
	case string:
		v.SetStr(x)
	case bool:
		v.SetBool(x)
	case int64:
		v.SetInt(x)
	case int:
		v.SetInt(int64(x))
	case float64:
		v.SetDouble(x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			v.SetInt(i)
		} else if f, err := x.Float64(); err == nil {
			v.SetDouble(f)
		} else {
			v.SetStr(x.String())
		}
	case []byte:
		v.SetEmptyBytes().FromRaw(x)
	case []any:
		s := v.SetEmptySlice()
		s.EnsureCapacity(len(x))
		for _, item := range x {
			setValue(s.AppendEmpty(), item)
		}
	case map[string]any:
		m := v.SetEmptyMap()
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			setValue(m.PutEmpty(k), x[k])
		}
	default:
		v.SetStr(fmt.Sprint(x))
	}
}
