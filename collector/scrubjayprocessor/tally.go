package scrubjayprocessor

import (
	"strings"
)

// The engine's markers: a redacted value reads [REDACTED:<rule>], and a value that failed
// closed [REDACTED:<reason>] with one of the reasons below (the core's FailReason names, and
// the Go package's own "error"). The summary attributes (summary: counts) are read from the
// markers in what changed: a change without one (a URL query value, a mask, a hash) counts
// as "rewritten", a value the policy removed as "removed". The processor's metrics count
// from the engine's reports instead (telemetry.go).
const markerPrefix = "[REDACTED:"

var failReasons = map[string]bool{
	"too_large": true, "too_deep": true, "scan_budget": true, "undecidable": true,
	"invalid_utf8": true, "hash_key_unavailable": true, "token_key_unavailable": true,
	"error": true,
}

// tally counts what was redacted in one span or record, for its summary attributes. The zero
// value is empty and allocates only when something changed; a nil *tally counts nothing.
type tally struct {
	rules  map[string]int64
	failed int64
}

func (t *tally) add(rule string, n int64) {
	if t.rules == nil {
		t.rules = map[string]int64{}
	}
	t.rules[rule] += n
}

func (t *tally) removed() {
	if t != nil {
		t.add("removed", 1)
	}
}

// changed counts the markers in a value the library changed (strings inside slices and
// maps included).
func (t *tally) changed(v any) {
	if t != nil && !t.countMarkers(v) {
		t.add("rewritten", 1)
	}
}

func (t *tally) countMarkers(v any) bool {
	found := false
	switch x := v.(type) {
	case string:
		for rest := x; ; {
			i := strings.Index(rest, markerPrefix)
			if i < 0 {
				break
			}
			rest = rest[i+len(markerPrefix):]
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				break
			}
			rule := rest[:end]
			found = true
			t.add(rule, 1)
			if failReasons[rule] {
				t.failed++
			}
		}
	case []any:
		for _, item := range x {
			found = t.countMarkers(item) || found
		}
	case map[string]any:
		for _, item := range x {
			found = t.countMarkers(item) || found
		}
	}
	return found
}

func (t *tally) empty() bool { return t == nil || (len(t.rules) == 0 && t.failed == 0) }
