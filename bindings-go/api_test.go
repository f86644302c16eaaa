package scrubjay

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestRedactKeepsCleanStringsAndFailsClosedAfterClose(t *testing.T) {
	e := Default()
	clean := "GET /health 200 trace 4bf92f3577b34da6a3ce929d0e0e4736"
	if got := e.Redact(clean); got != clean {
		t.Fatalf("clean text changed: %q", got)
	}
	if got := e.Redact("mail a@b.io"); got != "mail [REDACTED:email]" {
		t.Fatalf("got %q", got)
	}
	if got := string(e.RedactBytes([]byte("\xff a@b.io"))); got != "\xff [REDACTED:email]" {
		t.Fatalf("got %q", got)
	}
	e.Close()
	e.Close() // twice is fine
	defer func() {
		if r := recover(); r != ErrClosed {
			t.Fatalf("use after Close: %v", r)
		}
	}()
	e.Redact("a@b.io")
}

func TestPolicyErrors(t *testing.T) {
	_, err := New([]byte(`{"version": 1, "content": [{"id": "pin", "pattern": "pin=(?=[0-9])"}]}`))
	var pe *PolicyError
	if !errors.As(err, &pe) {
		t.Fatalf("want a *PolicyError, got %v", err)
	}
	if pe.Rule != "pin" || pe.Field != "pattern" || pe.Position < 0 || !strings.Contains(pe.Error(), "pin") {
		t.Fatalf("%+v", pe)
	}
	yaml := "version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n"
	e, err := New([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := e.Redact("see TICKET-123456 a@b.io"); got != "see [REDACTED:ticket] a@b.io" {
		t.Fatalf("got %q", got)
	}
}

func TestAttributesKeepTypesAndNesting(t *testing.T) {
	e := Default()
	defer e.Close()
	in := map[string]any{
		"db.password":      "hunter2",
		"http.status_code": 200,
		"ratio":            0.5,
		"ok":               true,
		"none":             nil,
		"payment.ref":      int64(4111111111111111),
		"tags":             []string{"vip", "x@y.io"},
		"clean":            []int{1, 2},
		"user":             map[string]any{"email": "jane@example.org", "id": 7},
		"raw":              []byte("mail a@b.io"),
	}
	out := e.RedactAttributes(in)
	want := map[string]any{
		"db.password": "[REDACTED:password]", "http.status_code": 200, "ratio": 0.5, "ok": true,
		"none": nil, "payment.ref": "[REDACTED:credit_card]", "tags": []any{"vip", "[REDACTED:email]"},
		"raw": "mail [REDACTED:email]",
	}
	for k, w := range want {
		if fmt.Sprint(out[k]) != fmt.Sprint(w) {
			t.Errorf("%s: got %#v, want %#v", k, out[k], w)
		}
	}
	if _, ok := out["clean"].([]int); !ok {
		t.Errorf("an unchanged slice keeps its type: %#v", out["clean"])
	}
	if _, ok := out["http.status_code"].(int); !ok {
		t.Errorf("an unchanged number keeps its type: %#v", out["http.status_code"])
	}
	user := out["user"].(map[string]any)
	if user["email"] != "[REDACTED:email]" || fmt.Sprint(user["id"]) != "7" {
		t.Errorf("nested: %#v", user)
	}
	if in["db.password"] != "hunter2" {
		t.Error("the input map was modified")
	}
}

func TestDeepNestingFailsClosed(t *testing.T) {
	e := Default()
	defer e.Close()
	deep := map[string]any{"email": "a@b.io"}
	for i := 0; i < 10000; i++ {
		deep = map[string]any{"child": deep}
	}
	out := fmt.Sprint(e.RedactAttributes(map[string]any{"root": deep}))
	// Deeper than the JSON reader's limit the entry is replaced whole ([REDACTED:error]);
	// shallower but deeper than the policy's max_depth, by [REDACTED:too_deep].
	if strings.Contains(out, "a@b.io") || !strings.Contains(out, "[REDACTED:") {
		t.Fatalf("deep value not failed closed: %.200s", out)
	}
	mid := map[string]any{"email": "a@b.io"}
	for i := 0; i < 100; i++ {
		mid = map[string]any{"child": mid}
	}
	out = fmt.Sprint(e.RedactAttributes(map[string]any{"root": mid}))
	if strings.Contains(out, "a@b.io") || !strings.Contains(out, "[REDACTED:too_deep]") {
		t.Fatalf("deep value not failed closed: %.200s", out)
	}
}

func TestScanAndSanitizers(t *testing.T) {
	e := Default()
	defer e.Close()
	f, err := e.Scan("mail a@b.io")
	if err != nil || len(f) != 1 || f[0] != (Finding{Rule: "email", Start: 5, End: 11}) {
		t.Fatalf("%v %v", f, err)
	}
	if _, err := e.Scan("\xff"); err == nil {
		t.Fatal("scan accepted invalid UTF-8")
	}
	if u, _ := e.SanitizeURL("https://u:p@h.example/a?token=abc&page=2#frag"); u != "https://REDACTED:REDACTED@h.example/a?token=REDACTED&page=2" {
		t.Fatalf("url %q", u)
	}
	if s, _ := e.NormalizeSQL("SELECT * FROM t WHERE a = 'x' AND b IN (1, 2)"); s != "SELECT * FROM t WHERE a = ? AND b IN (?)" {
		t.Fatalf("sql %q", s)
	}
	if h, _ := e.SanitizeHeader("Authorization", "Bearer abc.def"); h != "Bearer [REDACTED]" {
		t.Fatalf("header %q", h)
	}
	header, v, err := e.SanitizeBaggage("user.id=42,tenant.id=acme")
	if err != nil || header != "tenant.id=acme" || len(v) != 1 || v[0].Key != "user.id" || v[0].Reason != "blocked_key" {
		t.Fatalf("%q %+v %v", header, v, err)
	}
	if err := ValidateTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"); err != nil {
		t.Fatal(err)
	}
	var te *TraceparentError
	if err := ValidateTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"); !errors.As(err, &te) || te.Reason == "" {
		t.Fatalf("%v", err)
	}
	if Version() == "" {
		t.Fatal("no version")
	}
}

func TestNormalizeSQLDialect(t *testing.T) {
	e := Default()
	defer e.Close()
	sql := `SELECT "Id" FROM t WHERE name = "Kim Lee" # who`
	for _, c := range []struct{ dialect, want string }{
		{"", "SELECT ? FROM t WHERE name = ? # who"},
		{"generic", "SELECT ? FROM t WHERE name = ? # who"},
		{"mysql", "SELECT ? FROM t WHERE name = ?"},
		{"MariaDB", "SELECT ? FROM t WHERE name = ?"},
		{"sqlite", "SELECT ? FROM t WHERE name = ? # who"},
		{"postgresql", sql},
		{"postgres", sql},
		{"mssql", sql},
		{"microsoft.sql_server", sql},
		{"oracle", sql},
		{"oracle.db", sql},
	} {
		if got, err := e.NormalizeSQLDialect(sql, c.dialect); err != nil || got != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.dialect, got, err, c.want)
		}
	}
	if plain, _ := e.NormalizeSQL(sql); plain != "SELECT ? FROM t WHERE name = ? # who" {
		t.Errorf("NormalizeSQL: %q", plain)
	}
	_, err := e.NormalizeSQLDialect(sql, "h2database")
	if !errors.Is(err, ErrUnknownDialect) {
		t.Fatalf("unknown dialect: %v", err)
	}
	for _, name := range []string{`"h2database"`, "postgresql", "mysql", "mariadb", "mssql", "oracle", "sqlite", "generic", "db.system.name"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%q lacks %s", err, name)
		}
	}
	if _, err := e.NormalizeSQLDialect("SELECT 1", "\xff"); err == nil || errors.Is(err, ErrUnknownDialect) {
		t.Errorf("a dialect name that is not UTF-8: %v", err)
	}
}

// The statements of a map are read in the dialect its db.system.name (else db.system) names.
func TestAttributesReadStatementsInTheirDialect(t *testing.T) {
	e := Default()
	defer e.Close()
	statement := `SELECT * FROM t WHERE name = "Kim Lee" # who`
	for _, c := range []struct {
		attrs map[string]any
		want  string
	}{
		{map[string]any{"db.system.name": "mysql", "db.statement": statement}, "SELECT * FROM t WHERE name = ?"},
		{map[string]any{"db.system": "mariadb", "db.query.text": statement}, "SELECT * FROM t WHERE name = ?"},
		{map[string]any{"db.system.name": "h2database", "db.statement": statement}, "SELECT * FROM t WHERE name = ? # who"},
		{map[string]any{"db.statement": statement}, "SELECT * FROM t WHERE name = ? # who"},
		// A slice sends the map through the library as pairs, a nested value as one tree.
		{map[string]any{"db.system.name": "mysql", "db.statement": statement, "tags": []any{"a", "b"}}, "SELECT * FROM t WHERE name = ?"},
		{map[string]any{"db.system.name": "mysql", "db.statement": statement, "child": map[string]any{"n": 1}}, "SELECT * FROM t WHERE name = ?"},
	} {
		out := e.RedactAttributes(c.attrs)
		got, _ := out["db.statement"].(string)
		if got == "" {
			got, _ = out["db.query.text"].(string)
		}
		if got != c.want {
			t.Errorf("%v: got %q, want %q", c.attrs, got, c.want)
		}
		for k, v := range c.attrs {
			if s, ok := v.(string); ok && k != "db.statement" && k != "db.query.text" && out[k] != s {
				t.Errorf("%s: got %v", k, out[k])
			}
		}
	}
	// RedactList, the system after the statement.
	list, ok := e.RedactList([]Attribute{
		{Key: "db.statement", Kind: KindString, Str: statement},
		{Key: "db.system.name", Kind: KindString, Str: "mysql"},
	}, nil)
	want := []Outcome{{Action: Replace, Replacement: "SELECT * FROM t WHERE name = ?"}, {}}
	if !ok || !reflect.DeepEqual(list, want) {
		t.Fatalf("RedactList: %+v %v", list, ok)
	}
}

// One engine, many goroutines, identical results (run with -race in make test).
func TestConcurrentUse(t *testing.T) {
	e := Default()
	defer e.Close()
	inputs := make([]map[string]any, 500)
	want := make([]string, len(inputs))
	for i := range inputs {
		inputs[i] = map[string]any{
			"exception.message": fmt.Sprintf("user%d@example.com card 4111 1111 1111 1111", i),
			"url.full":          fmt.Sprintf("https://api.example.com/u/%d?token=t%d&page=2", i, i),
			"i":                 i,
		}
		want[i] = fmt.Sprint(e.RedactAttributes(inputs[i]))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range inputs {
				j := (i + g*61) % len(inputs)
				if got := fmt.Sprint(e.RedactAttributes(inputs[j])); got != want[j] {
					errs <- got
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Fatalf("a goroutine got %s", got)
	}
}

// Replacements larger than the pooled buffer, maps larger than the pooled pair slice, then
// small ones again: every call redacts in full, whatever the pools hold.
func TestAttributesOfEverySizeAcrossThePools(t *testing.T) {
	e := Default()
	defer e.Close()
	big := strings.Repeat("mail jane@example.com ", 20000) // 440 KB, 20000 replacements
	out := e.RedactAttributes(map[string]any{"app.note": big})
	got, _ := out["app.note"].(string)
	if strings.Contains(got, "@example.com") || strings.Count(got, "[REDACTED:email]") != 20000 {
		t.Fatalf("a large value was not redacted in full (%d bytes out)", len(got))
	}
	wide := map[string]any{}
	for i := 0; i < 3000; i++ {
		wide[fmt.Sprintf("k%d", i)] = fmt.Sprintf("user%d@example.com", i)
	}
	for k, v := range e.RedactAttributes(wide) {
		if v != "[REDACTED:email]" {
			t.Fatalf("%s = %v", k, v)
		}
	}
	small := e.RedactAttributes(map[string]any{"a": "b@example.com", "n": 3})
	if small["a"] != "[REDACTED:email]" || small["n"] != 3 {
		t.Fatalf("after large calls: %v", small)
	}
}
