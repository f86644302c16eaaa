package bench

import (
	"context"
	"fmt"
	"os"
	"testing"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

const batchSize = 100 // spans per ConsumeTraces call, as a batch processor would hand over

// batches is a ring of fresh copies of the input, refilled outside the timer: both
// processors change the data in place.
type batches struct {
	source ptrace.Traces
	ready  []ptrace.Traces
}

func newBatches() *batches { return &batches{source: spans(batchSize)} }

func (b *batches) next(tb *testing.B) ptrace.Traces {
	if len(b.ready) == 0 {
		tb.StopTimer()
		b.ready = make([]ptrace.Traces, 64)
		for i := range b.ready {
			b.ready[i] = ptrace.NewTraces()
			b.source.CopyTo(b.ready[i])
		}
		tb.StartTimer()
	}
	td := b.ready[len(b.ready)-1]
	b.ready = b.ready[:len(b.ready)-1]
	return td
}

func perSpan(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/span")
}

// consume runs a processor built by newProcessor over fresh batches.
func consume(newProcessor func(testing.TB) processorTraces) func(*testing.B) {
	return func(b *testing.B) {
		p := newProcessor(b)
		in := newBatches()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := p.ConsumeTraces(context.Background(), in.next(b)); err != nil {
				b.Fatal(err)
			}
		}
		perSpan(b)
	}
}

// libraryOnly is the processor's library calls alone (RedactList for the attributes,
// Redact for the name) on spans converted beforehand: the processor's time minus this is
// the pdata conversion and write-back.
func libraryOnly(b *testing.B) {
	src := spans(batchSize).ResourceSpans().At(0).ScopeSpans().At(0).Spans()
	lists := make([][]scrubjay.Attribute, src.Len())
	names := make([]string, src.Len())
	for j := range lists {
		names[j] = src.At(j).Name()
		for k, v := range src.At(j).Attributes().All() {
			a := scrubjay.Attribute{Key: k}
			switch v.Type() {
			case pcommon.ValueTypeStr:
				a.Kind, a.Str = scrubjay.KindString, v.Str()
			case pcommon.ValueTypeInt:
				a.Kind, a.Int = scrubjay.KindInt, v.Int()
			case pcommon.ValueTypeDouble:
				a.Kind, a.Double = scrubjay.KindDouble, v.Double()
			case pcommon.ValueTypeBool:
				a.Kind, a.Bool = scrubjay.KindBool, v.Bool()
			}
			lists[j] = append(lists[j], a)
		}
	}
	e := scrubjay.Default()
	defer e.Close()
	var out []scrubjay.Outcome
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, l := range lists {
			_ = e.Redact(names[j])
			out, _ = e.RedactList(l, out)
		}
	}
	perSpan(b)
}

// cases are measured in this order, by BenchmarkProcessors and by TestBenchmarkRatio.
var cases = []struct {
	name string
	run  func(*testing.B)
}{
	{"scrubjay", consume(newScrubjay)},
	{"contrib-redaction-17-regexps", consume(newContrib)},
	{"library-calls-only", libraryOnly},
}

// BenchmarkProcessors: both processors, then the scrubjay processor's library calls alone
// (the rest of its time is the pdata conversion and write-back).
func BenchmarkProcessors(b *testing.B) {
	for _, c := range cases {
		b.Run(c.name, c.run)
	}
}

// TestBenchmarkRatio prints the per-span costs and the ratio, measured in the same run. It
// runs only when SCRUBJAY_BENCH=1 (make collector-bench).
func TestBenchmarkRatio(t *testing.T) {
	if os.Getenv("SCRUBJAY_BENCH") == "" {
		t.Skip("set SCRUBJAY_BENCH=1 to measure")
	}
	ns := map[string]float64{}
	for _, c := range cases {
		ns[c.name] = testing.Benchmark(c.run).Extra["ns/span"]
		fmt.Printf("%-34s %9.0f ns/span\n", c.name, ns[c.name])
	}
	fmt.Printf("%-34s %9.0f ns/span (scrubjay processor minus its library calls)\n",
		"pdata conversion and write-back", ns["scrubjay"]-ns["library-calls-only"])
	fmt.Printf("ratio %.1fx (contrib redaction / scrubjay, per 20-attribute span)\n",
		ns["contrib-redaction-17-regexps"]/ns["scrubjay"])
}
