package scrubjayprocessor

import (
	"context"
	"testing"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap/confmaptest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
)

// loadConfig reads one named configuration of testdata/config.yaml as the Collector does.
func loadConfig(t *testing.T, name string) *Config {
	t.Helper()
	cm, err := confmaptest.LoadConf("testdata/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := cm.Sub(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg := NewFactory().CreateDefaultConfig().(*Config)
	if err := sub.Unmarshal(cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// settings are a pipeline's processor settings, with tel's meter when tel is not nil.
func settings(tel *componenttest.Telemetry) processor.Settings {
	set := processortest.NewNopSettings(typeStr)
	if tel != nil {
		set.TelemetrySettings = tel.NewTelemetrySettings()
	}
	return set
}

// processTraces (and processLogs, processMetrics) sends one batch through a processor built by
// the factory, started and shut down as a pipeline does, and returns what reached the next
// consumer.
func processTraces(t *testing.T, cfg *Config, tel *componenttest.Telemetry, td ptrace.Traces) ptrace.Traces {
	t.Helper()
	var sink consumertest.TracesSink
	p, err := NewFactory().CreateTraces(context.Background(), settings(tel), cfg, &sink)
	if err != nil {
		t.Fatal(err)
	}
	lifecycle(t, p, func() error { return p.ConsumeTraces(context.Background(), td) })
	if len(sink.AllTraces()) != 1 {
		t.Fatalf("%d batches reached the next consumer", len(sink.AllTraces()))
	}
	return sink.AllTraces()[0]
}

func processLogs(t *testing.T, cfg *Config, tel *componenttest.Telemetry, ld plog.Logs) plog.Logs {
	t.Helper()
	var sink consumertest.LogsSink
	p, err := NewFactory().CreateLogs(context.Background(), settings(tel), cfg, &sink)
	if err != nil {
		t.Fatal(err)
	}
	lifecycle(t, p, func() error { return p.ConsumeLogs(context.Background(), ld) })
	if len(sink.AllLogs()) != 1 {
		t.Fatalf("%d batches reached the next consumer", len(sink.AllLogs()))
	}
	return sink.AllLogs()[0]
}

func processMetrics(t *testing.T, cfg *Config, md pmetric.Metrics) pmetric.Metrics {
	t.Helper()
	var sink consumertest.MetricsSink
	p, err := NewFactory().CreateMetrics(context.Background(), settings(nil), cfg, &sink)
	if err != nil {
		t.Fatal(err)
	}
	lifecycle(t, p, func() error { return p.ConsumeMetrics(context.Background(), md) })
	if len(sink.AllMetrics()) != 1 {
		t.Fatalf("%d batches reached the next consumer", len(sink.AllMetrics()))
	}
	return sink.AllMetrics()[0]
}

func lifecycle(t *testing.T, p component.Component, consume func() error) {
	t.Helper()
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	if err := consume(); err != nil {
		t.Fatal(err)
	}
	if err := p.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func defaultConfig() *Config { return NewFactory().CreateDefaultConfig().(*Config) }

// str is the string form of attrs[key], "<absent>" when there is none.
func str(attrs pcommon.Map, key string) string {
	v, ok := attrs.Get(key)
	if !ok {
		return "<absent>"
	}
	return v.AsString()
}

func expect(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}
