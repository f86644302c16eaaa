package main

import (
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/pdata/ptrace/ptraceotlp"
)

// sink is the backend the Collector exports to: it counts the spans it receives.
type sink struct {
	url   string
	spans atomic.Int64
}

func startSink() (*sink, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &sink{url: "http://" + l.Addr().String()}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/traces", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		req := ptraceotlp.NewExportRequest()
		if err == nil {
			err = req.UnmarshalProto(body)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.spans.Add(int64(req.Traces().SpanCount()))
		data, _ := ptraceotlp.NewExportResponse().MarshalProto()
		w.Header().Set("Content-Type", "application/x-protobuf")
		_, _ = w.Write(data)
	})
	go func() { _ = http.Serve(l, mux) }()
	return s, nil
}

func (s *sink) count() int64 { return s.spans.Load() }

// waitFor waits until n spans arrived or the timeout passed, and says how long it waited.
func (s *sink) waitFor(n int64, timeout time.Duration) time.Duration {
	start := time.Now()
	for s.count() < n && time.Since(start) < timeout {
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}
