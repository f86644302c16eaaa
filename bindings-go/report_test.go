package scrubjay

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

func mustNew(t *testing.T, policy string) *Engine {
	t.Helper()
	e, err := New([]byte(policy))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func expectCounts(t *testing.T, what string, got, want map[string]uint64) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// Every *WithReport call counts into the report, per rule; calls without one count nowhere.
func TestReportCountsEveryCallPerRule(t *testing.T) {
	e := Default()
	defer e.Close()
	r := e.NewReport()
	defer r.Close()
	expectCounts(t, "new", r.Counts(), map[string]uint64{})

	if got := e.RedactWithReport("card 4111 1111 1111 1111 for john.doe@company.com", r); got != "card [REDACTED:credit_card] for [REDACTED:email]" {
		t.Fatalf("got %q", got)
	}
	expectCounts(t, "string", r.Counts(), map[string]uint64{"email": 1, "credit_card": 1})
	e.Redact("not counted: a@b.io")
	e.RedactWithReport("GET /health 200", r)
	expectCounts(t, "unchanged", r.Counts(), map[string]uint64{"email": 1, "credit_card": 1})

	// Scalars (one library call), a nested map (the tree walk), a list.
	out := e.RedactAttributesWithReport(map[string]any{
		"db.password": "hunter2", "http.status_code": 200, "tags": []string{"x@y.io"},
	}, r)
	if out["db.password"] != "[REDACTED:password]" {
		t.Fatalf("got %v", out)
	}
	e.RedactAttributesWithReport(map[string]any{"user": map[string]any{"email": "jane@example.org"}}, r)
	expectCounts(t, "attributes", r.Counts(), map[string]uint64{"email": 3, "credit_card": 1, "password": 1})

	outcomes, ok := e.RedactListWithReport([]Attribute{
		{Key: "note", Kind: KindString, Str: "mail a@b.io"},
		{Key: "args", ListItem: true, Kind: KindString, Str: "--password"},
		{Key: "args", ListItem: true, Kind: KindString, Str: "hunter2"},
	}, nil, r)
	if !ok || outcomes[2].Replacement != "[REDACTED:password]" {
		t.Fatalf("%v %v", ok, outcomes)
	}
	if _, err := e.RedactJSONWithReport([]byte(`{"k": "card 4111-1111-1111-1111"}`), r); err != nil {
		t.Fatal(err)
	}
	if _, err := e.RedactJSONWithReport([]byte(`{"not json a@b.io`), r); err == nil {
		t.Fatal("no error for a document that is not JSON")
	}
	e.RedactBytesWithReport([]byte("\xff c@d.io"), r)
	expectCounts(t, "all", r.Counts(), map[string]uint64{"email": 5, "credit_card": 2, "password": 2})
	if r.Total() != 9 || r.Denied() != 0 || len(r.FailClosed()) != 0 {
		t.Errorf("total %d, denied %d, failed closed %v", r.Total(), r.Denied(), r.FailClosed())
	}

	// Merge (into itself too), Clear.
	r2 := e.NewReport()
	defer r2.Close()
	e.RedactWithReport("a@b.io", r2)
	r.Merge(r2)
	r2.Merge(r2)
	expectCounts(t, "merged", r.Counts(), map[string]uint64{"email": 6, "credit_card": 2, "password": 2})
	expectCounts(t, "doubled", r2.Counts(), map[string]uint64{"email": 2})
	r.Clear()
	expectCounts(t, "cleared", r.Counts(), map[string]uint64{})
}

// Attributes removed because allow.keys does not list them are Denied; values past the
// limits fail closed per reason, and values the library could not take at all under
// ReasonRedactionFailed.
func TestReportCountsDeniedAndFailClosed(t *testing.T) {
	allow := mustNew(t, `{"version": 1, "allow": {"keys": ["http.*", "user.*"]}}`)
	r := allow.NewReport()
	defer r.Close()
	out := allow.RedactAttributesWithReport(map[string]any{"http.route": "/x", "app.secret": "s", "app.other": 1, "user.email": "a@b.io"}, r)
	if len(out) != 2 || r.Denied() != 2 {
		t.Fatalf("out %v, denied %d", out, r.Denied())
	}
	expectCounts(t, "allowed", r.Counts(), map[string]uint64{"email": 1})

	limited := mustNew(t, `{"version": 1, "limits": {"max_value_bytes": 16, "max_depth": 4}}`)
	r = limited.NewReport()
	defer r.Close()
	if got := limited.RedactWithReport(strings.Repeat("y", 40), r); got != "[REDACTED:too_large]" {
		t.Fatalf("got %q", got)
	}
	limited.RedactAttributesWithReport(map[string]any{"a": map[string]any{"b": map[string]any{"c": map[string]any{"d": map[string]any{"e": "x"}}}}}, r)
	// Deeper than the JSON reader's limit: the library refuses the document, and the entry
	// is replaced by [REDACTED:error].
	deep := map[string]any{"email": "a@b.io"}
	for i := 0; i < 1000; i++ {
		deep = map[string]any{"child": deep}
	}
	if out := limited.RedactAttributesWithReport(map[string]any{"root": deep}, r); out["root"] != "[REDACTED:error]" {
		t.Fatalf("got %.100v", out)
	}
	expectCounts(t, "failed closed", r.FailClosed(), map[string]uint64{"too_large": 1, "too_deep": 1, ReasonRedactionFailed: 1})
	r.Clear()
	expectCounts(t, "cleared", r.FailClosed(), map[string]uint64{})
}

// A report counts another engine's calls by rule name, outlives its engine, and a nil
// report is no report.
func TestReportAcrossEnginesAndNil(t *testing.T) {
	e := Default()
	r := e.NewReport()
	defer r.Close()
	custom := mustNew(t, `{"version": 1, "builtins": ["email"], "content": [{"id": "ticket", "pattern": "TCK-[0-9]{6}"}]}`)
	custom.RedactWithReport("a@b.io TCK-123456", r)
	e.RedactWithReport("c@d.io", r)
	e.Close()
	expectCounts(t, "two engines", r.Counts(), map[string]uint64{"email": 2, "ticket": 1})

	var none *Report
	if got := custom.RedactWithReport("a@b.io", none); got != "[REDACTED:email]" {
		t.Fatalf("got %q", got)
	}
	expectCounts(t, "nil", none.Counts(), map[string]uint64{})
	if none.Denied() != 0 || len(none.FailClosed()) != 0 || none.Total() != 0 {
		t.Error("a nil report counts something")
	}
	none.Merge(r)
	none.Clear()
	none.Close()
}

func TestReportUseAfterClosePanics(t *testing.T) {
	e := Default()
	defer e.Close()
	r := e.NewReport()
	r.Close()
	r.Close() // twice is fine
	defer func() {
		if got := recover(); got != ErrReportClosed {
			t.Fatalf("use after Close: %v", got)
		}
	}()
	e.RedactWithReport("a@b.io", r)
}

// Goroutines may share a report (run under -race by make go-test).
func TestReportSharedByGoroutines(t *testing.T) {
	e := Default()
	defer e.Close()
	shared := e.NewReport()
	defer shared.Close()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := e.NewReport()
			defer own.Close()
			for i := 0; i < 200; i++ {
				e.RedactWithReport("mail a@b.io", shared)
				e.RedactAttributesWithReport(map[string]any{"db.password": "x", "n": i}, own)
			}
			shared.Merge(own)
			_ = shared.Counts()
		}()
	}
	wg.Wait()
	expectCounts(t, "shared", shared.Counts(), map[string]uint64{"email": 1600, "password": 1600})
}
