package otel

import (
	"sync"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
)

var (
	defaultOnce   sync.Once
	defaultEngine *scrubjay.Engine
)

// engineOr is e, or the process's shared engine for the default policy when e is nil. That
// engine lives as long as the process: exporters and processors may be used until exit.
func engineOr(e *scrubjay.Engine) *scrubjay.Engine {
	if e != nil {
		return e
	}
	defaultOnce.Do(func() { defaultEngine = scrubjay.Default() })
	return defaultEngine
}
