package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/pdata/ptrace/ptraceotlp"
)

// backend is what the Collector exports to in the end-to-end test: an OTLP/HTTP server that
// keeps every request it receives, as protobuf, the way the otlphttp exporter sends them.
type backend struct {
	*httptest.Server
	mu     sync.Mutex
	traces []ptrace.Traces
	logs   []plog.Logs
}

func newBackend(t *testing.T) *backend {
	b := &backend{}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/traces", func(w http.ResponseWriter, r *http.Request) {
		req := ptraceotlp.NewExportRequest()
		if !decode(t, w, r, req.UnmarshalProto) {
			return
		}
		b.mu.Lock()
		b.traces = append(b.traces, req.Traces())
		b.mu.Unlock()
		reply(w, ptraceotlp.NewExportResponse().MarshalProto)
	})
	mux.HandleFunc("/v1/logs", func(w http.ResponseWriter, r *http.Request) {
		req := plogotlp.NewExportRequest()
		if !decode(t, w, r, req.UnmarshalProto) {
			return
		}
		b.mu.Lock()
		b.logs = append(b.logs, req.Logs())
		b.mu.Unlock()
		reply(w, plogotlp.NewExportResponse().MarshalProto)
	})
	b.Server = httptest.NewServer(mux)
	t.Cleanup(b.Close)
	return b
}

func decode(t *testing.T, w http.ResponseWriter, r *http.Request, unmarshal func([]byte) error) bool {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = unmarshal(body)
	}
	if err != nil {
		t.Errorf("the backend received an undecodable %s request: %v", r.URL.Path, err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return false
	}
	return true
}

func reply(w http.ResponseWriter, marshal func() ([]byte, error)) {
	data, _ := marshal()
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(data)
}

// received is what arrived so far, merged into one batch of each signal.
func (b *backend) received() (ptrace.Traces, plog.Logs) {
	b.mu.Lock()
	defer b.mu.Unlock()
	td, ld := ptrace.NewTraces(), plog.NewLogs()
	for _, t := range b.traces {
		t.ResourceSpans().MoveAndAppendTo(td.ResourceSpans())
	}
	for _, l := range b.logs {
		l.ResourceLogs().MoveAndAppendTo(ld.ResourceLogs())
	}
	b.traces, b.logs = []ptrace.Traces{td}, []plog.Logs{ld}
	return td, ld
}
