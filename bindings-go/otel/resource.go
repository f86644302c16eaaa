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
	return redactResource(res, engineOr(engine), nil)
}

// redactResource is RedactResource, counting into r.
func redactResource(res *resource.Resource, e *scrubjay.Engine, r *scrubjay.Report) *resource.Resource {
	if res == nil {
		return nil
	}
	return resource.NewWithAttributes(res.SchemaURL(), redactKVs(e, res.Attributes(), r)...)
}

// resourceCache remembers the scrubbed copy of the last resource seen: a provider's spans
// all share one *resource.Resource, which is immutable, so it is scrubbed once (and what that
// scrub redacted is counted once, in the report of the export that made it).
type resourceCache struct {
	last atomic.Pointer[resourcePair]
}

type resourcePair struct{ in, out *resource.Resource }

func (c *resourceCache) get(res *resource.Resource, e *scrubjay.Engine, r *scrubjay.Report) *resource.Resource {
	if p := c.last.Load(); p != nil && p.in == res {
		return p.out
	}
	out := redactResource(res, e, r)
	c.last.Store(&resourcePair{in: res, out: out})
	return out
}
