package otel

import (
	"sync/atomic"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/otel/sdk/resource"
)

// RedactResource is res with its attributes scrubbed (the schema URL kept): for the log SDK,
// whose records carry the LoggerProvider's resource and cannot be given another, pass it to
// sdklog.WithResource. A nil engine is the default policy.
func RedactResource(res *resource.Resource, engine *scrubjay.Engine) *resource.Resource {
	if res == nil {
		return nil
	}
	return resource.NewWithAttributes(res.SchemaURL(), redactKVs(engineOr(engine), res.Attributes())...)
}

// resourceCache remembers the scrubbed copy of the last resource seen: a provider's spans
// all share one *resource.Resource, which is immutable, so it is scrubbed once.
type resourceCache struct {
	last atomic.Pointer[resourcePair]
}

type resourcePair struct{ in, out *resource.Resource }

func (c *resourceCache) get(res *resource.Resource, e *scrubjay.Engine) *resource.Resource {
	if p := c.last.Load(); p != nil && p.in == res {
		return p.out
	}
	out := RedactResource(res, e)
	c.last.Store(&resourcePair{in: res, out: out})
	return out
}
