package scrubjay

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// toList flattens a map of scalars and slices of scalars as RedactList takes it, in key
// order.
func toList(t *testing.T, m map[string]any) []Attribute {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Attribute
	for _, k := range keys {
		items, ok := scalarItems(m[k])
		if !ok {
			t.Fatalf("%s is nested", k)
		}
		if items == nil {
			out = append(out, attribute(k, false, m[k]))
			continue
		}
		for _, item := range items {
			out = append(out, attribute(k, true, item))
		}
	}
	return out
}

func attribute(key string, item bool, v any) Attribute {
	a := Attribute{Key: key, ListItem: item}
	switch x := v.(type) {
	case nil:
	case string:
		a.Kind, a.Str = KindString, x
	case []byte:
		a.Kind, a.Str = KindBytes, string(x)
	case int:
		a.Kind, a.Int = KindInt, int64(x)
	case int64:
		a.Kind, a.Int = KindInt, x
	case float64:
		a.Kind, a.Double = KindDouble, x
	case bool:
		a.Kind, a.Bool = KindBool, x
	default:
		panic(fmt.Sprintf("%T", v))
	}
	return a
}

// fromList rebuilds the map RedactAttributes would return from the outcomes.
func fromList(in map[string]any, attrs []Attribute, out []Outcome) map[string]any {
	red := map[string]any{}
	lists := map[string][]any{}
	for i, a := range attrs {
		var v any
		switch out[i].Action {
		case Remove:
			if a.ListItem && lists[a.Key] == nil {
				lists[a.Key] = []any{}
			}
			continue
		case Replace:
			v = out[i].Replacement
		default:
			v = in[a.Key]
			if a.ListItem {
				items, _ := scalarItems(in[a.Key])
				v = items[len(lists[a.Key])]
			}
		}
		if a.ListItem {
			lists[a.Key] = append(lists[a.Key], v)
		} else {
			red[a.Key] = v
		}
	}
	for k, items := range lists {
		red[k] = items
	}
	return red
}

// RedactList gives what RedactAttributes gives, on the benchmark's spans and on values that
// exercise every kind, list items taking an option's field rule, and removal.
func TestRedactListMatchesRedactAttributes(t *testing.T) {
	e := Default()
	defer e.Close()
	cases := benchSpans(200)
	cases = append(cases, map[string]any{
		"db.password": "hunter2", "ok": true, "none": nil, "ratio": 0.5, "payment.ref": int64(4111111111111111),
		"raw": []byte("mail a@b.io"), "tags": []string{"vip", "x@y.io"}, "process.command_args": []string{"app", "--password", "hunter2"},
	})
	var out []Outcome
	for i, m := range cases {
		attrs := toList(t, m)
		var ok bool
		out, ok = e.RedactList(attrs, out)
		if !ok {
			t.Fatal("RedactList refused a small map")
		}
		got, want := fmt.Sprint(fromList(m, attrs, out)), fmt.Sprint(e.RedactAttributes(m))
		if got != want {
			t.Fatalf("case %d:\nRedactList       %s\nRedactAttributes %s", i, got, want)
		}
	}
	last := fmt.Sprint(fromList(cases[len(cases)-1], toList(t, cases[len(cases)-1]), out))
	if strings.Contains(last, "hunter2") || strings.Contains(last, "x@y.io") {
		t.Fatalf("not redacted: %s", last)
	}
}

func TestRedactListRemovesWhatThePolicyRemoves(t *testing.T) {
	e, err := New([]byte("version: 1\nfields:\n  - keys: ['*secret*']\n    action: remove\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	out, ok := e.RedactList([]Attribute{{Key: "app.secret", Kind: KindString, Str: "x"}, {Key: "n", Kind: KindInt, Int: 3}}, nil)
	if !ok || out[0].Action != Remove || out[1].Action != Keep {
		t.Fatalf("%+v", out)
	}
}

// Past limits.max_nodes, RedactList hands the map back to RedactAttributes.
func TestRedactListRefusesMapsPastMaxNodes(t *testing.T) {
	e, err := New([]byte("version: 1\nlimits:\n  max_nodes: 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	small := []Attribute{{Key: "a", Kind: KindString, Str: "a@b.io"}, {Key: "b", Kind: KindInt, Int: 1}}
	if out, ok := e.RedactList(small, nil); !ok || out[0].Replacement != "[REDACTED:email]" {
		t.Fatalf("%v %+v", ok, out)
	}
	list := append(small, Attribute{Key: "c", ListItem: true, Kind: KindString, Str: "x"})
	if _, ok := e.RedactList(list, nil); ok {
		t.Fatal("5 values (map, two scalars, a list, its item) went past max_nodes 4")
	}
}
