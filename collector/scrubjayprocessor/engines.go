package scrubjayprocessor

import (
	"path"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// engines holds the compiled policies: the default one and those chosen per resource.
type engines struct {
	fallback *scrubjay.Engine
	services []serviceEngine
}

type serviceEngine struct {
	match  map[string]string
	engine *scrubjay.Engine
}

func compileAll(cfg *Config) (*engines, error) {
	es := &engines{}
	var err error
	if es.fallback, err = cfg.PolicySource.compile(); err != nil {
		return nil, err
	}
	for _, sp := range cfg.Policies {
		e, err := sp.compile()
		if err != nil {
			es.close()
			return nil, err
		}
		es.services = append(es.services, serviceEngine{match: sp.Match, engine: e})
	}
	return es, nil
}

// forResource is the engine of the first per-service policy whose globs all match the
// resource's attributes (read before they are redacted), else the default one.
func (es *engines) forResource(attrs pcommon.Map) *scrubjay.Engine {
	for _, s := range es.services {
		if matches(s.match, attrs) {
			return s.engine
		}
	}
	return es.fallback
}

func matches(globs map[string]string, attrs pcommon.Map) bool {
	for key, glob := range globs {
		v, ok := attrs.Get(key)
		if !ok {
			return false
		}
		if hit, _ := path.Match(glob, v.AsString()); !hit {
			return false
		}
	}
	return true
}

func (es *engines) close() {
	if es.fallback != nil {
		es.fallback.Close()
	}
	for _, s := range es.services {
		s.engine.Close()
	}
}
