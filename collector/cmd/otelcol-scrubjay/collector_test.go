package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the distribution under test: OTELCOL_SCRUBJAY (make collector-test sets it to
// the binary `make collector` built), else built here.
func binary(t *testing.T) string {
	if bin := os.Getenv("OTELCOL_SCRUBJAY"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "otelcol-scrubjay")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// collector is a running otelcol-scrubjay process.
type collector struct {
	cmd    *exec.Cmd
	output *bytes.Buffer
	done   chan error
}

// start runs the binary with config; it is stopped (SIGTERM) when the test ends.
func start(t *testing.T, config string) *collector {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &collector{cmd: exec.Command(binary(t), "--config", "file:"+path), output: &bytes.Buffer{}, done: make(chan error, 1)}
	c.cmd.Stdout, c.cmd.Stderr = c.output, c.output
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-c.done:
		case <-time.After(20 * time.Second):
			_ = c.cmd.Process.Kill()
			t.Error("the collector did not stop on SIGTERM")
		}
		if t.Failed() {
			t.Logf("collector output:\n%s", c.output)
		}
	})
	return c
}

// post sends an OTLP/JSON request, retrying while the receiver is not listening yet.
func post(t *testing.T, c *collector, url string, body []byte) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Post(url, "application/json", bytes.NewReader(body))
		if err == nil {
			msg, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("POST %s: %s %s", url, resp.Status, msg)
			}
			return
		}
		select {
		case err := <-c.done:
			t.Fatalf("the collector exited: %v\n%s", err, c.output)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("POST %s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitFor polls until cond holds (30 seconds at most).
func waitFor(t *testing.T, what string, cond func() bool) {
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func get(url string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return string(data)
}

// pipelineConfig: OTLP/HTTP in on port in, scrubjay and batch, otlphttp out to the backend,
// the Collector's own metrics on a Prometheus endpoint on port metrics.
func pipelineConfig(in, metrics int, backendURL string) string {
	return fmt.Sprintf(`
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:%d
processors:
  scrubjay:
    summary: counts
  batch:
    timeout: 100ms
exporters:
  otlp_http:
    endpoint: %s
    compression: none
    encoding: proto
service:
  telemetry:
    logs:
      level: warn
    metrics:
      level: basic
      readers:
        - pull:
            exporter:
              prometheus:
                host: 127.0.0.1
                port: %d
  pipelines:
    traces:
      receivers: [otlp]
      processors: [scrubjay, batch]
      exporters: [otlp_http]
    logs:
      receivers: [otlp]
      processors: [scrubjay, batch]
      exporters: [otlp_http]
`, in, backendURL, metrics)
}

func TestInvalidPolicyStopsTheCollector(t *testing.T) {
	c := start(t, `
receivers: {otlp: {protocols: {http: {endpoint: "127.0.0.1:0"}}}}
processors:
  scrubjay:
    policy: '{"version": 1, "content": [{"id": "pin", "pattern": "pin=(?=[0-9])"}]}'
exporters: {debug: {}}
service: {pipelines: {traces: {receivers: [otlp], processors: [scrubjay], exporters: [debug]}}}
`)
	select {
	case err := <-c.done:
		c.done <- err // for the cleanup
		if err == nil {
			t.Fatal("the collector exited 0 with an invalid policy")
		}
		for _, want := range []string{`rule "pin"`, `field "pattern"`, "position"} {
			if !strings.Contains(c.output.String(), want) {
				t.Errorf("the error lacks %s:\n%s", want, c.output)
			}
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the collector started with an invalid policy")
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	out, err := exec.Command(binary(t), "validate", "--config", "file:../../../examples/collector.yaml").CombinedOutput()
	if err != nil {
		t.Fatalf("examples/collector.yaml: %v\n%s", err, out)
	}
}
