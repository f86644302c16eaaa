package scrubjayprocessor

import (
	"sync"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// listBufs are the RedactList buffers, reused from span to span: a span's attributes then
// reach the library without a map[string]any being built and taken apart again.
type listBufs struct {
	attrs []scrubjay.Attribute
	out   []scrubjay.Outcome
}

var listPool = sync.Pool{New: func() any { return new(listBufs) }}

// A buffer grown by one huge map is dropped rather than kept.
const maxPooledAttrs = 1024

func (b *listBufs) release() {
	if cap(b.attrs) > maxPooledAttrs {
		return
	}
	clear(b.attrs[:cap(b.attrs)]) // drop the references to this map's strings
	clear(b.out[:cap(b.out)])
	listPool.Put(b)
}

// redactFlat redacts a map of scalars and lists of scalars with one RedactList call and
// applies the outcomes in place. False, with m untouched, when m holds a nested value or
// more values than the policy's max_nodes: RedactAttributes takes those whole.
func redactFlat(e *scrubjay.Engine, m pcommon.Map, c counter) bool {
	b := listPool.Get().(*listBufs)
	defer b.release()
	var flat bool
	if b.attrs, flat = flatten(m, b.attrs[:0]); !flat {
		return false
	}
	var ok bool
	if b.out, ok = e.RedactListWithReport(b.attrs, b.out, c.report); !ok {
		return false
	}
	apply(m, b.out, c.tally)
	return true
}

// flatten appends m's values in map order, a list's items one after another under its key.
func flatten(m pcommon.Map, attrs []scrubjay.Attribute) ([]scrubjay.Attribute, bool) {
	flat := true
	m.Range(func(k string, v pcommon.Value) bool {
		if v.Type() != pcommon.ValueTypeSlice {
			a, scalar := toAttribute(k, v)
			attrs = append(attrs, a)
			flat = scalar
			return flat
		}
		items := v.Slice()
		for i := 0; i < items.Len() && flat; i++ {
			a, scalar := toAttribute(k, items.At(i))
			a.ListItem = true
			attrs = append(attrs, a)
			flat = scalar
		}
		return flat
	})
	return attrs, flat
}

func toAttribute(k string, v pcommon.Value) (scrubjay.Attribute, bool) {
	a := scrubjay.Attribute{Key: k}
	switch v.Type() {
	case pcommon.ValueTypeEmpty:
		a.Kind = scrubjay.KindNull
	case pcommon.ValueTypeStr:
		a.Kind, a.Str = scrubjay.KindString, v.Str()
	case pcommon.ValueTypeInt:
		a.Kind, a.Int = scrubjay.KindInt, v.Int()
	case pcommon.ValueTypeDouble:
		a.Kind, a.Double = scrubjay.KindDouble, v.Double()
	case pcommon.ValueTypeBool:
		a.Kind, a.Bool = scrubjay.KindBool, v.Bool()
	case pcommon.ValueTypeBytes:
		a.Kind, a.Str = scrubjay.KindBytes, string(v.Bytes().AsRaw())
	default:
		return a, false // a map, or a list inside a list
	}
	return a, true
}

// apply writes the outcomes back, walking m in the order flatten did.
func apply(m pcommon.Map, out []scrubjay.Outcome, t *tally) {
	i := 0
	m.RemoveIf(func(_ string, v pcommon.Value) bool {
		if v.Type() == pcommon.ValueTypeSlice {
			n := v.Slice().Len()
			items := out[i : i+n]
			i += n
			j := 0
			v.Slice().RemoveIf(func(item pcommon.Value) bool {
				j++
				return applyOne(item, items[j-1], t)
			})
			return false
		}
		i++
		return applyOne(v, out[i-1], t)
	})
}

// applyOne applies one outcome to v; true when v is to be removed.
func applyOne(v pcommon.Value, o scrubjay.Outcome, t *tally) bool {
	switch o.Action {
	case scrubjay.Remove:
		t.removed()
		return true
	case scrubjay.Replace:
		v.SetStr(o.Replacement)
		t.changed(o.Replacement)
	}
	return false
}
