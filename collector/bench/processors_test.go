package bench

import (
	"context"
	"testing"

	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/redactionprocessor"
	"github.com/scrubjay/scrubjay/collector/scrubjayprocessor"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
)

// regexRules are the rules of bindings-go's per-rule baseline (e-mail, card, SSN, phone,
// IPv4, JWT, bearer, AWS, GitHub, Slack, Stripe, OpenAI, Google keys, private keys,
// key=value secrets, URL credentials, IBAN) as the contrib processor's blocked_values.
var regexRules = []string{
	`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`,
	`\b(?:\d[ -]?){13,19}\b`,
	`\b\d{3}-\d{2}-\d{4}\b`,
	`\+?\d{1,3}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b`,
	`\b(?:\d{1,3}\.){3}\d{1,3}\b`,
	`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`,
	`(?i)bearer\s+[A-Za-z0-9._~+/-]+=*`,
	`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
	`\bgh[pousr]_[A-Za-z0-9]{36}\b`,
	`\bxox[abposr]-[A-Za-z0-9-]+`,
	`\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}`,
	`\bsk-[A-Za-z0-9_-]{20,}`,
	`\bAIza[0-9A-Za-z_-]{35}\b`,
	`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	`(?i)(?:password|passwd|secret|token|api_key)\s*[=:]\s*[^\s&,;]+`,
	`://[^/\s:@]+:[^/\s@]+@`,
	`\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b`,
}

func newScrubjay(tb testing.TB) processorTraces {
	return create(tb, scrubjayprocessor.NewFactory(), nil)
}

func newContrib(tb testing.TB) processorTraces {
	return create(tb, redactionprocessor.NewFactory(), func(cfg any) {
		c := cfg.(*redactionprocessor.Config)
		c.AllowAllKeys = true
		c.BlockedValues = regexRules
		c.Summary = "silent"
	})
}

type processorTraces = processor.Traces

func create(tb testing.TB, f processor.Factory, configure func(any)) processor.Traces {
	cfg := f.CreateDefaultConfig()
	if configure != nil {
		configure(cfg)
	}
	p, err := f.CreateTraces(context.Background(), processortest.NewNopSettings(f.Type()), cfg, consumertest.NewNop())
	if err != nil {
		tb.Fatal(err)
	}
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = p.Shutdown(context.Background()) })
	return p
}
