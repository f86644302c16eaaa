package scrubjayprocessor

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

func flatMap() pcommon.Map {
	m := pcommon.NewMap()
	m.PutStr("note", "mail jane@example.org")
	m.PutStr("db.password", "hunter2")
	m.PutStr("app.secret_hint", "blue")
	m.PutInt("payment.ref", 4111111111111111)
	m.PutInt("count", 3)
	m.PutDouble("ratio", 0.5)
	m.PutDouble("nan", math.NaN())
	m.PutBool("ok", true)
	m.PutEmptyBytes("raw").FromRaw([]byte("mail a@b.io"))
	m.PutEmpty("none")
	args := m.PutEmptySlice("process.command_args")
	for _, a := range []string{"app", "--password", "hunter2", "--port", "80"} {
		args.AppendEmpty().SetStr(a)
	}
	tags := m.PutEmptySlice("tags")
	tags.AppendEmpty().SetStr("x@y.io")
	tags.AppendEmpty().SetInt(7)
	m.PutEmptySlice("empty")
	return m
}

// The RedactList path and the map path give the same result, removals included.
func TestFlatPathMatchesTheMapPath(t *testing.T) {
	remove, err := scrubjay.New([]byte("version: 1\nfields:\n  - keys: ['*secret*']\n    action: remove\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer remove.Close()
	def := scrubjay.Default()
	defer def.Close()
	for _, e := range []*scrubjay.Engine{def, remove} {
		flat, whole := flatMap(), flatMap()
		var tf, tw tally
		rf, rw := e.NewReport(), e.NewReport()
		if !redactFlat(e, flat, counter{report: rf, tally: &tf}) {
			t.Fatal("a map of scalars and lists did not take the flat path")
		}
		redactWhole(e, whole, counter{report: rw, tally: &tw})
		if a, b := fmt.Sprint(flat.AsRaw()), fmt.Sprint(whole.AsRaw()); a != b { // fmt: NaN equals NaN
			t.Errorf("flat  %v\nwhole %v", a, b)
		}
		if !reflect.DeepEqual(tf, tw) {
			t.Errorf("counts: flat %+v, whole %+v", tf, tw)
		}
		if a, b := rf.Counts(), rw.Counts(); !reflect.DeepEqual(a, b) || len(a) == 0 {
			t.Errorf("reports: flat %v, whole %v", a, b)
		}
		rf.Close()
		rw.Close()
	}
	m := flatMap()
	redactMap(def, m, counter{})
	if str(m, "process.command_args") != `["app","--password","[REDACTED:password]","--port","80"]` {
		t.Errorf("command args: %s", str(m, "process.command_args"))
	}
	nested := flatMap()
	nested.PutEmptyMap("user").PutStr("email", "a@b.io")
	if redactFlat(def, nested, counter{}) {
		t.Error("a map with a nested value took the flat path")
	}
}
