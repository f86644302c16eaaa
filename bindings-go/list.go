package scrubjay

/*
#include "scrubjay.h"
*/
import "C"

import "math"

// Kind is the type of an Attribute's value.
type Kind int

// The kinds of scalar an Attribute holds.
const (
	KindNull   Kind = iota // no value
	KindString             // Str
	KindInt                // Int
	KindDouble             // Double
	KindBool               // Bool
	KindBytes              // Str, raw bytes scanned as text
)

// Attribute is one typed scalar for RedactList: a value of a map, or an item of a list of
// scalars (ListItem: the list's items are consecutive Attributes with the list's key, in
// order, so that an item after a command-line option takes the option's field rule).
type Attribute struct {
	Key      string
	ListItem bool
	Kind     Kind
	Str      string
	Int      int64
	Double   float64
	Bool     bool
}

// Action is what RedactList decided for one Attribute.
type Action int

// The actions of an Outcome.
const (
	Keep    Action = iota // the value stays as it is
	Remove                // the attribute (or list item) goes
	Replace               // the value becomes the string Replacement
)

// Outcome is RedactList's decision for one Attribute.
type Outcome struct {
	Action      Action
	Replacement string
}

var kinds = [...]C.scrubjay_value_kind{
	KindNull: C.SCRUBJAY_VALUE_NULL, KindString: C.SCRUBJAY_VALUE_STRING, KindInt: C.SCRUBJAY_VALUE_INT,
	KindDouble: C.SCRUBJAY_VALUE_DOUBLE, KindBool: C.SCRUBJAY_VALUE_BOOL, KindBytes: C.SCRUBJAY_VALUE_BYTES,
}

// RedactList redacts a map of scalars and lists of scalars given as a flat list, in one
// library call, with the same results as RedactAttributes on the equivalent map: it is for
// callers that hold typed values already (an OpenTelemetry Collector's pdata) and would
// otherwise build a map[string]any only to have it taken apart again. Keys must not repeat
// except within one list. Outcomes are written into out (grown when short) and returned,
// one per Attribute.
//
// It returns false, deciding nothing, when the map has more values than the policy's
// limits.max_nodes: past them the library's walk of the whole map decides which values fail
// closed, so such a map goes through RedactAttributes.
func (e *Engine) RedactList(attrs []Attribute, out []Outcome) ([]Outcome, bool) {
	return e.RedactListWithReport(attrs, out, nil)
}

// RedactListWithReport is RedactList, counting what it redacts into r (nil: nowhere). A map
// it refuses (false) counts nothing.
func (e *Engine) RedactListWithReport(attrs []Attribute, out []Outcome, r *Report) ([]Outcome, bool) {
	if listValues(attrs) > e.maxNodes {
		return out, false
	}
	if cap(out) < len(attrs) {
		out = make([]Outcome, len(attrs))
	}
	out = out[:len(attrs)]
	pooled := pairBufs.Get().(*[]pair)
	pairs := (*pooled)[:0]
	defer func() {
		if cap(pairs) > maxPooledPairs {
			return
		}
		clear(pairs)
		*pooled = pairs[:0]
		pairBufs.Put(pooled)
	}()
	for _, a := range attrs {
		item := -1
		if a.ListItem {
			item = 0
		}
		p := pair{key: a.Key, item: item, kind: C.SCRUBJAY_VALUE_NULL, text: a.Str, i: a.Int, f: a.Double, b: a.Bool}
		if a.Kind >= 0 && int(a.Kind) < len(kinds) {
			p.kind = kinds[a.Kind]
		}
		if p.kind == C.SCRUBJAY_VALUE_DOUBLE && (math.IsNaN(p.f) || math.IsInf(p.f, 0)) {
			p.kind = C.SCRUBJAY_VALUE_NULL // carries no data, as in RedactAttributes
		}
		pairs = append(pairs, p)
	}
	e.redactPairs(pairs, r)
	for i := range pairs {
		switch pairs[i].outcome {
		case C.SCRUBJAY_OUTCOME_KEEP:
			out[i] = Outcome{}
		case C.SCRUBJAY_OUTCOME_REMOVE:
			out[i] = Outcome{Action: Remove}
		default:
			out[i] = Outcome{Action: Replace, Replacement: pairs[i].replacement}
		}
	}
	return out, true
}

// listValues counts the values of the map attrs stands for as the library's walk does: the
// map, each scalar, each list and each of its items.
func listValues(attrs []Attribute) int {
	n := 1 + len(attrs)
	for i, a := range attrs {
		if a.ListItem && (i == 0 || !attrs[i-1].ListItem || attrs[i-1].Key != a.Key) {
			n++
		}
	}
	return n
}
