package scrubjayprocessor

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
)

// Summary modes.
const (
	SummaryNone   = "none"
	SummaryCounts = "counts"
)

// PolicySource is where a policy comes from: inline (a YAML mapping in the Collector's
// configuration, or JSON/YAML text) or a file. Neither means the default policy.
type PolicySource struct {
	Policy     any    `mapstructure:"policy"`
	PolicyFile string `mapstructure:"policy_file"`
}

// ServicePolicy applies a policy to the resources whose attributes match every glob of
// Match (path.Match syntax: `*`, `?`, `[...]`), such as service.name: "payments-*".
type ServicePolicy struct {
	Match        map[string]string `mapstructure:"match"`
	PolicySource `mapstructure:",squash"`
}

// Config is the processor's configuration.
type Config struct {
	PolicySource `mapstructure:",squash"`
	// Policies are tried in order for each resource; the first that matches is used, and
	// resources that none matches get the default one above.
	Policies []ServicePolicy `mapstructure:"policies"`
	// Summary: none, or counts (per span and log record, scrubjay.redacted.<rule> attributes
	// counting what was redacted, and scrubjay.failed_closed).
	Summary string `mapstructure:"summary"`
}

// Validate compiles every policy, so that the Collector refuses to start with the policy
// error (rule, field and position) rather than at the first batch.
func (c *Config) Validate() error {
	if c.Summary != "" && c.Summary != SummaryNone && c.Summary != SummaryCounts {
		return fmt.Errorf("summary: %q is not one of none, counts", c.Summary)
	}
	if err := c.PolicySource.check(); err != nil {
		return err
	}
	for i, sp := range c.Policies {
		if len(sp.Match) == 0 {
			return fmt.Errorf("policies[%d]: match names no resource attribute", i)
		}
		for key, glob := range sp.Match {
			if _, err := path.Match(glob, ""); err != nil {
				return fmt.Errorf("policies[%d]: match %s: %q: %w", i, key, glob, err)
			}
		}
		if err := sp.check(); err != nil {
			return fmt.Errorf("policies[%d]: %w", i, err)
		}
	}
	return nil
}

func (s PolicySource) check() error {
	e, err := s.compile()
	if err != nil {
		return err
	}
	e.Close()
	return nil
}

// compile builds the engine for this source.
func (s PolicySource) compile() (*scrubjay.Engine, error) {
	text, err := s.text()
	if err != nil {
		return nil, err
	}
	if text == nil {
		return scrubjay.Default(), nil
	}
	e, err := scrubjay.New(text)
	var pe *scrubjay.PolicyError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("policy%s: rule %q, field %q, position %d: %s", s.where(), pe.Rule, pe.Field, pe.Position, pe.Message)
	}
	return e, err
}

func (s PolicySource) where() string {
	if s.PolicyFile != "" {
		return " " + s.PolicyFile
	}
	return ""
}

// text is the policy document, or nil for the default policy.
func (s PolicySource) text() ([]byte, error) {
	switch {
	case s.Policy != nil && s.PolicyFile != "":
		return nil, errors.New("policy and policy_file are both set: choose one")
	case s.PolicyFile != "":
		data, err := os.ReadFile(s.PolicyFile)
		if err != nil {
			return nil, fmt.Errorf("policy_file: %w", err)
		}
		return data, nil
	case s.Policy == nil:
		return nil, nil
	}
	if text, ok := s.Policy.(string); ok {
		return []byte(text), nil
	}
	// A mapping written in the Collector's YAML: the same document, as JSON.
	data, err := json.Marshal(s.Policy)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return data, nil
}
