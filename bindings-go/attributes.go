package scrubjay

/*
#include <stdlib.h>
#include <string.h>
#include "scrubjay.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"sync"
	"unsafe"
)

// pair is one scalar handed to scrubjay_redact_attributes: where it came from (entry key and,
// for slices, the item index) and its value.
type pair struct {
	key   string
	item  int // -1 for a scalar entry
	kind  C.scrubjay_value_kind
	text  string
	i     int64
	f     float64
	b     bool
	value any
	// Set by redactPairs: what to do, and the new value for a replacement.
	outcome     C.scrubjay_outcome
	replacement string
}

// pairBufs keeps the pair slices of RedactAttributes calls for reuse.
var pairBufs = sync.Pool{New: func() any { return new([]pair) }}

// Pooled buffers above these sizes (a huge map, a huge replacement) are dropped rather than
// kept: a long-running agent should not hold one odd span's memory for good.
const (
	maxPooledPairs = 1024
	maxPooledBytes = 64 << 10
)

// RedactAttributes redacts a span's attributes: every key through the field rules, every
// string (and long integer) through the content rules. Scalar values and slices of scalars
// cross into the library in one call for the whole map; nested maps go through the library's
// tree walk (as JSON; its contract is in core/src/structured/mod.rs), so nesting, depth
// limits and OTLP-shaped values behave exactly as in every other binding. Returns a new map; values that did not change are the originals.
func (e *Engine) RedactAttributes(attrs map[string]any) map[string]any {
	return e.RedactAttributesWithReport(attrs, nil)
}

// RedactAttributesWithReport is RedactAttributes, counting what it redacts into r (nil:
// nowhere): values per rule, attributes that allow.keys denies, values that failed closed.
func (e *Engine) RedactAttributesWithReport(attrs map[string]any, r *Report) map[string]any {
	if countValues(attrs, e.maxNodes) > e.maxNodes || hasNested(attrs) {
		// Past limits.max_nodes the library's walk of the whole map decides which values
		// fail closed; split into parts, each part would start its count afresh. A nested
		// value goes with the whole map too: a secret found anywhere in the map is masked
		// wherever the map repeats it, which one walk over all of it sees.
		if red, ok := e.redactWhole(bytesAsText(attrs), r); ok {
			return keepOriginals(attrs, red)
		}
	}
	out := make(map[string]any, len(attrs))
	pooled := pairBufs.Get().(*[]pair)
	pairs := (*pooled)[:0]
	defer func() {
		if cap(pairs) > maxPooledPairs {
			return
		}
		clear(pairs) // drop the references to this call's values
		*pooled = pairs[:0]
		pairBufs.Put(pooled)
	}()
	slices := false
	add := func(k string, v any) {
		if items, ok := scalarItems(v); ok {
			if items == nil {
				pairs = append(pairs, toPair(k, -1, v))
				return
			}
			slices = true
			for i, item := range items {
				pairs = append(pairs, toPair(k, i, item))
			}
			return
		}
		if red, ok := e.redactTree(k, v, r); ok {
			out[k] = red
		}
	}
	if e.numbersValues && len(attrs) > 1 {
		// Pseudonyms number values in the order they are redacted: the keys' order (as in
		// the library's walk of the whole map, which encoding/json sorts), not the order Go
		// iterates the map in, so that the same map gets the same numbers.
		for _, k := range sortedKeys(attrs) {
			add(k, attrs[k])
		}
	} else {
		for k, v := range attrs {
			add(k, v)
		}
	}
	e.redactPairs(pairs, r)
	if !slices {
		// Scalars only, the usual span: one value per key.
		for i := range pairs {
			p := &pairs[i]
			switch p.outcome {
			case C.SCRUBJAY_OUTCOME_KEEP:
				out[p.key] = p.value
			case C.SCRUBJAY_OUTCOME_REPLACE:
				out[p.key] = p.replacement
			}
		}
		return out
	}
	rebuilt := map[string][]any{}
	changed := map[string]bool{}
	for i := range pairs {
		p := &pairs[i]
		var value any
		keep := true
		switch p.outcome {
		case C.SCRUBJAY_OUTCOME_KEEP:
			value = p.value
		case C.SCRUBJAY_OUTCOME_REMOVE:
			keep = false
			changed[p.key] = true
		default:
			value = p.replacement
			changed[p.key] = true
		}
		if p.item < 0 {
			if keep {
				out[p.key] = value
			}
			continue
		}
		if keep {
			rebuilt[p.key] = append(rebuilt[p.key], value)
		} else if _, seen := rebuilt[p.key]; !seen {
			rebuilt[p.key] = []any{}
		}
	}
	for k, items := range rebuilt {
		if changed[k] {
			out[k] = items
		} else {
			out[k] = attrs[k]
		}
	}
	// Empty slices produce no pairs: keep them as they were.
	for k, v := range attrs {
		if items, ok := scalarItems(v); ok && items != nil && len(items) == 0 {
			out[k] = v
		}
	}
	return out
}

// sortedKeys is the keys of attrs in sorted order.
func sortedKeys(attrs map[string]any) []string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scalarItems: (nil, true) for a scalar; (items, true) for a slice of scalars; (nil, false)
// for anything nested.
func scalarItems(v any) ([]any, bool) {
	switch v.(type) {
	case nil, string, []byte, bool, json.Number, int, int8, int16, int32, int64,
		uint, uint8, uint16, uint32, uint64, uintptr, float32, float64:
		return nil, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		items := make([]any, rv.Len())
		for i := range items {
			items[i] = rv.Index(i).Interface()
			if inner, ok := scalarItems(items[i]); !ok || inner != nil {
				return nil, false
			}
		}
		return items, true
	case reflect.Map, reflect.Struct, reflect.Pointer, reflect.Interface:
		return nil, false
	}
	return nil, true // other kinds are scanned as their text
}

func toPair(key string, item int, v any) pair {
	p := pair{key: key, item: item, value: v, kind: C.SCRUBJAY_VALUE_STRING}
	setInt := func(i int64) { p.kind, p.i = C.SCRUBJAY_VALUE_INT, i }
	switch x := v.(type) {
	case nil:
		p.kind = C.SCRUBJAY_VALUE_NULL
	case string:
		p.text = x
	case []byte:
		p.kind, p.text = C.SCRUBJAY_VALUE_BYTES, string(x)
	case bool:
		p.kind, p.b = C.SCRUBJAY_VALUE_BOOL, x
	case json.Number:
		if i, err := x.Int64(); err == nil {
			setInt(i)
		} else if f, err := x.Float64(); err == nil {
			p.kind, p.f = C.SCRUBJAY_VALUE_DOUBLE, f
		} else {
			p.text = x.String()
		}
	case int:
		setInt(int64(x))
	case int8:
		setInt(int64(x))
	case int16:
		setInt(int64(x))
	case int32:
		setInt(int64(x))
	case int64:
		setInt(x)
	case uint, uint8, uint16, uint32, uint64, uintptr:
		u := reflect.ValueOf(x).Uint()
		if u <= math.MaxInt64 {
			setInt(int64(u))
		} else {
			p.text = fmt.Sprint(u)
		}
	case float32:
		p.kind, p.f = C.SCRUBJAY_VALUE_DOUBLE, float64(x)
	case float64:
		p.kind, p.f = C.SCRUBJAY_VALUE_DOUBLE, x
	default:
		p.text = fmt.Sprint(x)
	}
	if p.kind == C.SCRUBJAY_VALUE_DOUBLE && (math.IsNaN(p.f) || math.IsInf(p.f, 0)) {
		p.kind = C.SCRUBJAY_VALUE_NULL // carries no data
	}
	return p
}

// replacementBufs keeps the buffers that scrubjay_redact_attributes writes replacements
// into, so that a span with replacements is redacted in one call (an empty buffer would make
// the library redact it twice: once to size the buffer, once to fill it).
var replacementBufs = sync.Pool{New: func() any { b := make([]byte, 4096); return &b }}

// redactPairs makes the one scrubjay_redact_attributes call, counting into r. The attribute
// array, keys and strings are copied into one C allocation (C memory may not hold Go
// pointers, and cgo checks every Go pointer argument for pointers inside it: an array in C
// memory is not walked).
func (e *Engine) redactPairs(pairs []pair, r *Report) {
	n := len(pairs)
	if n == 0 {
		return
	}
	head := n * int(unsafe.Sizeof(C.scrubjay_attribute{}))
	size := head
	for _, p := range pairs {
		size += len(p.key) + len(p.text)
	}
	block := C.malloc(C.size_t(size + 1))
	defer C.free(block)
	attrs := unsafe.Slice((*C.scrubjay_attribute)(block), n)
	mem := unsafe.Slice((*byte)(block), size+1)
	at := head
	for i, p := range pairs {
		a := &attrs[i]
		a.key = (*C.uint8_t)(unsafe.Pointer(&mem[at]))
		a.key_len = C.size_t(copy(mem[at:], p.key))
		at += len(p.key)
		a.kind = p.kind
		a.str_value = (*C.uint8_t)(unsafe.Pointer(&mem[at]))
		a.str_len = C.size_t(copy(mem[at:], p.text))
		at += len(p.text)
		a.int_value = C.int64_t(p.i)
		a.double_value = C.double(p.f)
		a.bool_value = C.bool(p.b)
		a.outcome = C.SCRUBJAY_OUTCOME_KEEP
	}
	pooled := replacementBufs.Get().(*[]byte)
	defer func() {
		if cap(*pooled) <= maxPooledBytes {
			replacementBufs.Put(pooled)
		}
	}()
	status := C.scrubjay_status(C.SCRUBJAY_STATUS_PANIC)
	e.use(func(ptr *C.scrubjay_engine) {
		for {
			var needed C.size_t
			bp, bc := bytesPtr(*pooled)
			rp := r.acquire()
			status = C.scrubjay_redact_attributes_report(ptr, rp, &attrs[0], C.size_t(n), bp, bc, &needed)
			r.release()
			if status == C.SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
				*pooled = make([]byte, int(needed))
				continue
			}
			return
		}
	})
	buf := *pooled
	if status != C.SCRUBJAY_STATUS_OK && status != C.SCRUBJAY_STATUS_UNCHANGED {
		r.addFailed(n)
	}
	for i := range attrs {
		p := &pairs[i]
		switch {
		case status != C.SCRUBJAY_STATUS_OK && status != C.SCRUBJAY_STATUS_UNCHANGED:
			// Fail closed: a call that failed keeps nothing it could not check.
			p.outcome, p.replacement = C.SCRUBJAY_OUTCOME_REPLACE, failedValue
		default:
			p.outcome = attrs[i].outcome
			if p.outcome == C.SCRUBJAY_OUTCOME_REPLACE {
				off, l := int(attrs[i].replacement_offset), int(attrs[i].replacement_len)
				p.replacement = string(buf[off : off+l])
			}
		}
	}
}

// redactTree sends one nested entry through the library's tree walk, as {key: value}.
// Returns false when the entry is removed.
// keepOriginals puts back, in the library's output red, the original of each scalar or slice
// of scalars that came out as it went in (the JSON round trip turns numbers into json.Number
// and slices into []any).
func keepOriginals(attrs, red map[string]any) map[string]any {
	for k, v := range attrs {
		got, present := red[k]
		if !present {
			continue
		}
		items, ok := scalarItems(v)
		if !ok {
			continue
		}
		if items == nil {
			text, isText := got.(string)
			raw, isBytes := v.([]byte)
			if !isText || got == v || (isBytes && text == string(raw)) {
				red[k] = v
			}
			continue
		}
		a, errA := json.Marshal(v)
		b, errB := json.Marshal(got)
		if errA == nil && errB == nil && bytes.Equal(a, b) {
			red[k] = v
		}
	}
	return red
}

// bytesAsText is attrs with each []byte value as a string: the library reads bytes as text
// (JSON would carry them as base64).
func bytesAsText(attrs map[string]any) map[string]any {
	out, copied := attrs, false
	for k, v := range attrs {
		raw, ok := v.([]byte)
		if !ok {
			continue
		}
		if !copied {
			out, copied = make(map[string]any, len(attrs)), true
			for k2, v2 := range attrs {
				out[k2] = v2
			}
		}
		out[k] = string(raw)
	}
	return out
}

// hasNested reports whether a value of attrs is neither a scalar nor a slice of scalars.
func hasNested(attrs map[string]any) bool {
	for _, v := range attrs {
		if _, ok := scalarItems(v); !ok {
			return true
		}
	}
	return false
}

// countValues counts v's values as the library's walk does (every map, slice and scalar is
// one, from the root), stopping once the count passes limit (a map that holds itself ends
// there too).
func countValues(v any, limit int) int {
	n := 1
	switch x := v.(type) {
	case map[string]any:
		for _, item := range x {
			if n > limit {
				break
			}
			n += countValues(item, limit-n)
		}
	case []any:
		for _, item := range x {
			if n > limit {
				break
			}
			n += countValues(item, limit-n)
		}
	}
	return n
}

// redactWhole sends attrs through the library's tree walk as one JSON document (its keys in
// sorted order, as encoding/json writes them), counting into r. False when attrs has no
// JSON form.
func (e *Engine) redactWhole(attrs map[string]any, r *Report) (map[string]any, bool) {
	doc, err := json.Marshal(attrs)
	if err != nil {
		return nil, false
	}
	red, err := e.RedactJSONWithReport(doc, r)
	if err != nil {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(red))
	dec.UseNumber()
	var out map[string]any
	if dec.Decode(&out) != nil {
		return nil, false
	}
	return out, true
}

func (e *Engine) redactTree(key string, value any, r *Report) (any, bool) {
	doc, err := json.Marshal(map[string]any{key: value})
	if err != nil {
		// Cannot be represented (channels, cycles...): scanned as text, fail closed.
		return e.RedactWithReport(fmt.Sprint(value), r), true
	}
	red, err := e.RedactJSONWithReport(doc, r)
	if err != nil {
		r.addFailed(1)
		return failedValue, true
	}
	dec := json.NewDecoder(bytes.NewReader(red))
	dec.UseNumber()
	var out map[string]any
	if err := dec.Decode(&out); err != nil {
		r.addFailed(1)
		return failedValue, true
	}
	v, ok := out[key]
	return v, ok
}
