package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// collector is the otelcol-scrubjay process under load.
type collector struct {
	cmd      *exec.Cmd
	endpoint string // OTLP/HTTP traces URL
	dir      string
}

const config = `
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:%d
processors:
  scrubjay: {}
  batch:
    timeout: 200ms
exporters:
  otlp_http:
    endpoint: %s
    compression: none
    sending_queue:
      queue_size: 10000
service:
  telemetry:
    logs:
      level: warn
    metrics:
      level: none
  pipelines:
    traces:
      receivers: [otlp]
      processors: [scrubjay, batch]
      exporters: [otlp_http]
`

func startCollector(bin, sinkURL string) (*collector, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "scrubjay-load")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(config, port, sinkURL)), 0o644); err != nil {
		return nil, err
	}
	c := &collector{cmd: exec.Command(bin, "--config", "file:"+path), dir: dir,
		endpoint: fmt.Sprintf("http://127.0.0.1:%d/v1/traces", port)}
	c.cmd.Stdout, c.cmd.Stderr = os.Stdout, os.Stderr
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	if err := c.waitReady(port); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

func (c *collector) waitReady(port int) error {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			conn.Close()
			return nil
		}
	}
	return fmt.Errorf("the collector did not listen on port %d", port)
}

func (c *collector) pid() int { return c.cmd.Process.Pid }

func (c *collector) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Kill()
	}
	os.RemoveAll(c.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

var client = &http.Client{Timeout: 10 * time.Second}
