package scrubjay

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

type vectorCase struct {
	Name          string          `json:"name"`
	Policy        json.RawMessage `json:"policy"`
	Op            string          `json:"op"`
	Input         json.RawMessage `json:"input"`
	Expected      json.RawMessage `json:"expected"`
	ExpectedError *string         `json:"expected_error"`
	ErrorRule     *string         `json:"error_rule"`
	ErrorField    *string         `json:"error_field"`
	ErrorPosition *int            `json:"error_position"`
	Dialect       *string         `json:"dialect"`
	Keys          json.RawMessage `json:"keys"`
}

func decode(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

// normalize makes values comparable: numbers as float64 or int64, slices as []any.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		out := map[string]any{}
		for k, item := range x {
			out[k] = normalize(item)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = normalize(item)
		}
		return out
	}
	return v
}

func TestVectors(t *testing.T) {
	files, _ := filepath.Glob("../tests/vectors/*.json")
	sort.Strings(files)
	total := 0
	def := Default()
	defer def.Close()
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cases []vectorCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, c := range cases {
			total++
			c := c
			t.Run(filepath.Base(file)+"/"+c.Name, func(t *testing.T) { runVector(t, def, c) })
		}
	}
	if total < 300 {
		t.Fatalf("only %d vectors", total)
	}
}

func runVector(t *testing.T, def *Engine, c vectorCase) {
	engine := def
	if string(c.Policy) != "null" {
		e, err := New(c.Policy)
		if err != nil {
			pe := err.(*PolicyError)
			if c.ExpectedError == nil {
				t.Fatalf("policy error: %v", err)
			}
			if !strings.Contains(pe.Message, *c.ExpectedError) {
				t.Fatalf("error %q lacks %q", pe.Message, *c.ExpectedError)
			}
			if c.ErrorRule != nil && pe.Rule != *c.ErrorRule {
				t.Fatalf("rule %q, want %q", pe.Rule, *c.ErrorRule)
			}
			if c.ErrorField != nil && pe.Field != *c.ErrorField {
				t.Fatalf("field %q, want %q", pe.Field, *c.ErrorField)
			}
			if c.ErrorPosition != nil && pe.Position != *c.ErrorPosition {
				t.Fatalf("position %d, want %d", pe.Position, *c.ErrorPosition)
			}
			return
		}
		defer e.Close()
		engine = e
	}
	if c.ExpectedError != nil {
		t.Fatal("expected a policy error")
	}
	input := decode(t, c.Input)
	text, _ := input.(string)
	var got any
	switch c.Op {
	case "redact":
		got = engine.Redact(text)
	case "redact_attributes":
		got = engine.RedactAttributes(input.(map[string]any))
	case "scan":
		findings, err := engine.Scan(text)
		if err != nil {
			t.Fatal(err)
		}
		list := []any{}
		for _, f := range findings {
			list = append(list, map[string]any{"rule": f.Rule, "start": json.Number(itoa(f.Start)), "end": json.Number(itoa(f.End))})
		}
		got = list
		// The vectors may name a null path for string scans.
		want := normalize(decode(t, c.Expected)).([]any)
		for _, w := range want {
			delete(w.(map[string]any), "path")
		}
		if !reflect.DeepEqual(normalize(got), want) {
			t.Fatalf("got %v, want %v", normalize(got), want)
		}
		return
	case "normalize_sql":
		var err error
		if c.Dialect == nil {
			got, err = engine.NormalizeSQL(text)
		} else {
			got, err = engine.NormalizeSQLDialect(text, *c.Dialect)
		}
		if err != nil {
			t.Fatal(err)
		}
	case "reveal":
		keys, err := ParseKeyRing(c.Keys)
		if err != nil {
			t.Fatal(err)
		}
		defer keys.Close()
		if got, err = engine.Reveal(text, keys); err != nil {
			t.Fatal(err)
		}
	case "sanitize_url":
		got, _ = engine.SanitizeURL(text)
	case "validate_traceparent":
		if err := ValidateTraceparent(text); err == nil {
			got = map[string]any{"valid": true}
		} else {
			got = map[string]any{"valid": false, "reason": err.(*TraceparentError).Reason}
		}
	case "sanitize_baggage":
		header, violations, err := engine.SanitizeBaggage(text)
		if err != nil {
			t.Fatal(err)
		}
		list := []any{}
		for _, v := range violations {
			var key any
			if v.HasKey {
				key = v.Key
			}
			list = append(list, map[string]any{"key": key, "reason": v.Reason})
		}
		got = map[string]any{"header": header, "violations": list}
	default:
		t.Fatalf("op %s is not implemented by the Go runner", c.Op)
	}
	want := normalize(decode(t, c.Expected))
	if !reflect.DeepEqual(normalize(got), want) {
		t.Fatalf("\n     got: %#v\nexpected: %#v", normalize(got), want)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
