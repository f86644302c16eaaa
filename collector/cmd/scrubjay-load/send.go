package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/pdata/ptrace/ptraceotlp"
)

// request is one OTLP/protobuf request of n 20-attribute spans, every fourth with a card
// number and an e-mail, every tenth with a token in its URL.
func request(n, seq int) []byte {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("service.name", "load")
	spans := rs.ScopeSpans().AppendEmpty().Spans()
	for i := 0; i < n; i++ {
		s := spans.AppendEmpty()
		id := uint64(seq*n + i + 1)
		s.SetTraceID(pcommon.TraceID([16]byte{1, byte(id >> 32), byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}))
		s.SetSpanID(pcommon.SpanID([8]byte{2, byte(id >> 32), byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}))
		s.SetName("GET /api/orders/{id}")
		a := s.Attributes()
		for k := 0; k < 16; k++ {
			a.PutStr(fmt.Sprintf("app.field_%d", k), fmt.Sprintf("value %d of span %d", k, i))
		}
		a.PutInt("http.response.status_code", 200)
		a.PutStr("url.full", fmt.Sprintf("https://api.example.com/orders/%d?page=2", id))
		if i%10 == 0 {
			a.PutStr("url.full", fmt.Sprintf("https://api.example.com/reset?token=tok_%x&page=2", id))
		}
		note := "processed in batch 17"
		if i%4 == 0 {
			note = fmt.Sprintf("charge failed for user%d@example.com card 4111 1111 1111 1111", id)
		}
		a.PutStr("app.note", note)
		a.PutStr("db.statement", "SELECT id FROM orders WHERE customer_id = 42")
	}
	data, _ := ptraceotlp.NewExportRequestFromTraces(td).MarshalProto()
	return data
}

// send posts requests of batch spans at rate spans per second for d, from a few senders so
// that one slow answer does not lower the rate (bounded: it stops at d whatever happens),
// and returns the spans accepted and the requests refused.
func send(url string, rate, batch int, d time.Duration) (sent int64, failed int) {
	payloads := make([][]byte, 16)
	for i := range payloads {
		payloads[i] = request(batch, i)
	}
	var accepted, refused atomic.Int64
	ticks := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ticks {
				if post(url, payloads[i%len(payloads)]) {
					accepted.Add(int64(batch))
				} else {
					refused.Add(1)
				}
			}
		}()
	}
	interval := time.Duration(float64(time.Second) * float64(batch) / float64(rate))
	tick := time.NewTicker(interval)
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		ticks <- i
	}
	tick.Stop()
	close(ticks)
	wg.Wait()
	return accepted.Load(), int(refused.Load())
}

func post(url string, payload []byte) bool {
	resp, err := client.Post(url, "application/x-protobuf", bytes.NewReader(payload))
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
