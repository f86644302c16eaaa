package scrubjayprocessor

import (
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
)

func TestConfigStructIsValidForTheCollector(t *testing.T) {
	if err := componenttest.CheckConfigStruct(defaultConfig()); err != nil {
		t.Fatal(err)
	}
	if err := defaultConfig().Validate(); err != nil {
		t.Fatalf("the default configuration (the default policy) is invalid: %v", err)
	}
}

func TestConfigReadsInlinePoliciesAndPerServicePolicies(t *testing.T) {
	cfg := loadConfig(t, "inline")
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Summary != SummaryCounts || len(cfg.Policies) != 1 ||
		cfg.Policies[0].Match["service.name"] != "payments-*" || cfg.Policies[0].PolicyFile != "testdata/payments.yaml" {
		t.Fatalf("%+v", cfg)
	}
	if _, ok := cfg.Policy.(map[string]any); !ok {
		t.Fatalf("the inline policy is a %T", cfg.Policy)
	}
}

// An invalid configuration stops the Collector at start with the policy error: the rule, the
// field and the position.
func TestConfigErrorsNameWhatIsWrong(t *testing.T) {
	cases := map[string][]string{
		"bad_rule":         {`rule "pin"`, `field "pattern"`, "position "},
		"bad_service_rule": {"policies[0]", `rule "pin"`, `field "pattern"`},
		"both":             {"policy and policy_file are both set"},
		"missing_file":     {"policy_file", "no-such-policy.yaml"},
		"bad_summary":      {"summary", "everything"},
		"bad_glob":         {"policies[0]", "pay[ments"},
		"empty_match":      {"policies[0]", "match"},
	}
	for name, wants := range cases {
		err := loadConfig(t, name).Validate()
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, want := range wants {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", name, err, want)
			}
		}
	}
	if strings.Contains(loadConfig(t, "bad_rule").Validate().Error(), "position -1") {
		t.Error("the pattern error has no position")
	}
}
