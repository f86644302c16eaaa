// Package scrubjay redacts PII and secrets from tracing data with the scrubjay engine, through
// its C ABI (include/scrubjay.h). One compiled policy; every rule in one pass; the same results
// as every other scrubjay binding.
//
//	engine := scrubjay.Default()
//	defer engine.Close()
//	engine.Redact("card 4111 1111 1111 1111 for john.doe@company.com")
//	// "card [REDACTED:credit_card] for [REDACTED:email]"
//
// An Engine is safe for concurrent use by any number of goroutines.
//
// To count what is redacted, pass a Report (Engine.NewReport) to the *WithReport variants
// of the calls (RedactWithReport, RedactAttributesWithReport, RedactListWithReport,
// RedactJSONWithReport, RedactBytesWithReport): values per rule (Report.Counts), attributes
// that allow.keys removed (Report.Denied), values that failed closed per reason
// (Report.FailClosed). The OpenTelemetry wrappers (package otel, otel.WithMeter) and the
// Collector processor record these counts as metrics.
//
// # Reversible tokens
//
// A policy's tokenize action replaces a value by a token that the keys of a key ring open
// again ([TOKEN:email:k1:<base64url>], AES-SIV: the same value and key give the same token);
// its pseudonym action numbers values instead (<email_1>). A KeyRing (LoadKeyRing,
// ParseKeyRing) holds the keys; Engine.Reveal puts the values back:
//
//	engine, _ := scrubjay.New([]byte(`{"version": 1, "tokenize": {"keys_file": "keys.json"},
//		"content": [{"builtin": "email", "action": "tokenize"}]}`))
//	token := engine.Redact("login for jane.doe@example.com") // login for [TOKEN:email:k1:...]
//	keys, _ := scrubjay.LoadKeyRing("keys.json")
//	engine.Reveal(token, keys) // "login for jane.doe@example.com"
//
// A tokenize action without its key (no ring, no active key, or a record whose
// tokenize.key_id_from attribute names a key the ring lacks) masks the value instead, counted
// under ReasonTokenKeyUnavailable. Tokens whose key the ring lacks, or that were changed, are
// left as they are by Reveal.
//
// The package finds the C library through pkg-config (scrubjay.pc): install it once with
// `make install PREFIX=...` at the repository root, put PREFIX/lib/pkgconfig on
// PKG_CONFIG_PATH when PREFIX is not a system prefix, and `go get` this module from
// anywhere. scrubjay.pc names the static archive, so programs carry the engine and need no
// shared library at run time.
package scrubjay

/*
#cgo pkg-config: scrubjay
#include <stdlib.h>
#include "scrubjay.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// Engine is a compiled redaction policy. Build one with New or Default and share it; Close
// frees it (a finalizer does so too, as a safety net).
type Engine struct {
	mu  sync.RWMutex // Close takes it exclusively; calls share it
	ptr *C.scrubjay_engine
	// The policy's limits.max_nodes (see RedactAttributes).
	maxNodes int
	// Whether the policy numbers values (a pseudonym action): then RedactAttributes hands a
	// map's values over in key order (see there).
	numbersValues bool
}

// PolicyError is an invalid policy: the rule, the field and the byte position at fault
// (empty or -1 when not known).
type PolicyError struct {
	Rule     string
	Field    string
	Position int
	Message  string
}

func (e *PolicyError) Error() string { return e.Message }

// ErrClosed is returned (or panicked with, for methods without an error) after Close.
var ErrClosed = errors.New("scrubjay: engine is closed")

// Version is the version of the linked library.
func Version() string { return C.GoString(C.scrubjay_version()) }

func wrap(ptr *C.scrubjay_engine) *Engine {
	e := &Engine{ptr: ptr, maxNodes: int(C.scrubjay_engine_max_nodes(ptr))}
	runtime.SetFinalizer(e, (*Engine).Close)
	return e
}

// New compiles a policy (JSON or YAML).
func New(policy []byte) (*Engine, error) {
	var cerr *C.scrubjay_error
	p, n := bytesPtr(policy)
	ptr := C.scrubjay_engine_new(p, n, &cerr)
	runtime.KeepAlive(policy)
	if ptr == nil {
		defer C.scrubjay_error_free(cerr)
		err := &PolicyError{Message: C.GoString(C.scrubjay_error_message(cerr)), Position: -1}
		if r := C.scrubjay_error_rule(cerr); r != nil {
			err.Rule = C.GoString(r)
		}
		if f := C.scrubjay_error_field(cerr); f != nil {
			err.Field = C.GoString(f)
		}
		err.Position = int(C.scrubjay_error_position(cerr))
		return nil, err
	}
	e := wrap(ptr)
	e.numbersValues = bool(C.scrubjay_engine_numbers_values(ptr))
	return e, nil
}

// Default is the engine for the embedded default policy.
func Default() *Engine {
	ptr := C.scrubjay_engine_new_default()
	if ptr == nil {
		panic("scrubjay: the default policy failed to compile")
	}
	return wrap(ptr)
}

// Close frees the engine. It is safe to call more than once; the engine is unusable after.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ptr != nil {
		C.scrubjay_engine_free(e.ptr)
		e.ptr = nil
		runtime.SetFinalizer(e, nil)
	}
}

// use runs f with the engine pointer, holding off Close.
func (e *Engine) use(f func(*C.scrubjay_engine)) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ptr == nil {
		panic(ErrClosed)
	}
	f(e.ptr)
	runtime.KeepAlive(e)
}

func bytesPtr(b []byte) (*C.uint8_t, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

func stringPtr(s string) (*C.uint8_t, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

type bufferFn func(out *C.uint8_t, cap C.size_t, outLen *C.size_t) C.scrubjay_status

// callBuffer runs a buffer-convention call: a first try with a stack-sized guess, a second
// with the size the library asked for.
func callBuffer(guess int, f bufferFn) ([]byte, C.scrubjay_status) {
	buf := make([]byte, guess+64)
	for {
		var n C.size_t
		p, c := bytesPtr(buf)
		st := f(p, c, &n)
		if st == C.SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
			buf = make([]byte, int(n))
			continue
		}
		return buf[:min(int(n), len(buf))], st
	}
}

func statusError(st C.scrubjay_status) error {
	switch st {
	case C.SCRUBJAY_STATUS_INVALID_UTF8:
		return errors.New("scrubjay: input is not UTF-8")
	case C.SCRUBJAY_STATUS_INVALID_INPUT:
		return errors.New("scrubjay: invalid input")
	case C.SCRUBJAY_STATUS_INVALID_ARGUMENT:
		return errors.New("scrubjay: invalid argument")
	case C.SCRUBJAY_STATUS_PANIC:
		return errors.New("scrubjay: internal error (panic)")
	}
	return fmt.Errorf("scrubjay: status %d", int(st))
}

// failedValue replaces, failing closed, a value whose library call failed.
const failedValue = "[REDACTED:error]"

// Redact redacts one string. A string with nothing to redact is returned as it is, without
// copying.
func (e *Engine) Redact(s string) string { return e.RedactWithReport(s, nil) }

// RedactWithReport is Redact, counting what it redacts into r (nil: nowhere).
func (e *Engine) RedactWithReport(s string, r *Report) string {
	var out string
	failed := false
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := stringPtr(s)
		buf, st := callBuffer(len(s), func(o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
			rp := r.acquire()
			defer r.release()
			return C.scrubjay_redact_report(ptr, rp, in, n, o, c, l)
		})
		switch st {
		case C.SCRUBJAY_STATUS_UNCHANGED:
			out = s
		case C.SCRUBJAY_STATUS_OK:
			out = string(buf)
		default:
			// Fail closed: never hand back text that was not redacted.
			out, failed = failedValue, true
		}
	})
	runtime.KeepAlive(s)
	if failed {
		r.addFailed(1)
	}
	return out
}

// RedactBytes redacts bytes at byte level (invalid UTF-8 is kept, everything around it scanned).
func (e *Engine) RedactBytes(b []byte) []byte { return e.RedactBytesWithReport(b, nil) }

// RedactBytesWithReport is RedactBytes, counting what it redacts into r (nil: nowhere).
func (e *Engine) RedactBytesWithReport(b []byte, r *Report) []byte {
	var out []byte
	failed := false
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := bytesPtr(b)
		buf, st := callBuffer(len(b), func(o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
			rp := r.acquire()
			defer r.release()
			return C.scrubjay_redact_report(ptr, rp, in, n, o, c, l)
		})
		switch st {
		case C.SCRUBJAY_STATUS_UNCHANGED:
			out = b
		case C.SCRUBJAY_STATUS_OK:
			out = buf
		default:
			out, failed = []byte(failedValue), true
		}
	})
	runtime.KeepAlive(b)
	if failed {
		r.addFailed(1)
	}
	return out
}

// RedactJSON redacts a JSON document: every key path through the field rules, every string
// through the content rules, OTLP/JSON key/value attributes named by their key.
func (e *Engine) RedactJSON(doc []byte) ([]byte, error) { return e.RedactJSONWithReport(doc, nil) }

// RedactJSONWithReport is RedactJSON, counting what it redacts into r (nil: nowhere). A
// document that gives an error counts nothing.
func (e *Engine) RedactJSONWithReport(doc []byte, r *Report) ([]byte, error) {
	var out []byte
	var err error
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := bytesPtr(doc)
		buf, st := callBuffer(len(doc), func(o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
			rp := r.acquire()
			defer r.release()
			return C.scrubjay_redact_json_report(ptr, rp, in, n, o, c, l)
		})
		if st == C.SCRUBJAY_STATUS_OK {
			out = buf
		} else {
			err = statusError(st)
		}
	})
	runtime.KeepAlive(doc)
	return out, err
}

func (e *Engine) textOp(s string, f func(*C.scrubjay_engine, *C.uint8_t, C.size_t, *C.uint8_t, C.size_t, *C.size_t) C.scrubjay_status) (string, error) {
	var out string
	var err error
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := stringPtr(s)
		buf, st := callBuffer(len(s), func(o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
			return f(ptr, in, n, o, c, l)
		})
		if st == C.SCRUBJAY_STATUS_OK {
			out = string(buf)
		} else {
			err = statusError(st)
		}
	})
	runtime.KeepAlive(s)
	return out, err
}

// SanitizeURL removes credentials, sensitive query values and the fragment of a URL, then runs
// the content rules over the rest. Input that is not UTF-8 gives an error.
func (e *Engine) SanitizeURL(url string) (string, error) {
	return e.textOp(url, func(p *C.scrubjay_engine, i *C.uint8_t, n C.size_t, o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
		return C.scrubjay_sanitize_url(p, i, n, o, c, l)
	})
}

// NormalizeSQL turns literals into ?, collapses IN lists and VALUES rows, and drops comments.
func (e *Engine) NormalizeSQL(sql string) (string, error) {
	return e.textOp(sql, func(p *C.scrubjay_engine, i *C.uint8_t, n C.size_t, o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
		return C.scrubjay_normalize_sql(p, i, n, o, c, l)
	})
}

// ErrUnknownDialect is wrapped by the error NormalizeSQLDialect returns for a name that is no
// SQL dialect.
var ErrUnknownDialect = errors.New("scrubjay: unknown SQL dialect")

// NormalizeSQLDialect is NormalizeSQL with the statement read in one database's dialect,
// which dialect names: postgresql, mysql, mariadb, mssql, oracle, sqlite, generic, or an
// OpenTelemetry db.system.name value such as microsoft.sql_server ("" is generic). Any other
// name gives an error that wraps ErrUnknownDialect and names it.
func (e *Engine) NormalizeSQLDialect(sql, dialect string) (string, error) {
	dp, dn := stringPtr(dialect)
	var st C.scrubjay_status
	out, err := e.textOp(sql, func(p *C.scrubjay_engine, i *C.uint8_t, n C.size_t, o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
		st = C.scrubjay_normalize_sql_dialect(p, dp, dn, i, n, o, c, l)
		return st
	})
	runtime.KeepAlive(dialect)
	if st == C.SCRUBJAY_STATUS_INVALID_ARGUMENT {
		return "", fmt.Errorf("%w %q: expected postgresql, mysql, mariadb, mssql, oracle, sqlite or generic, "+
			"or an OpenTelemetry db.system.name value such as microsoft.sql_server", ErrUnknownDialect, dialect)
	}
	return out, err
}

// SanitizeHeader sanitizes one HTTP header value (authorization keeps its scheme, cookies
// their names, secret headers are masked whole).
func (e *Engine) SanitizeHeader(name, value string) (string, error) {
	nm, nn := stringPtr(name)
	out, err := e.textOp(value, func(p *C.scrubjay_engine, i *C.uint8_t, n C.size_t, o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
		return C.scrubjay_sanitize_header(p, nm, nn, i, n, o, c, l)
	})
	runtime.KeepAlive(name)
	return out, err
}

// BaggageViolation is one member dropped from a baggage header. Key is empty when the member
// had none.
type BaggageViolation struct {
	Key    string
	HasKey bool
	Reason string
}

// SanitizeBaggage enforces the policy's baggage rules and returns the kept header and what was
// dropped.
func (e *Engine) SanitizeBaggage(header string) (string, []BaggageViolation, error) {
	var out string
	var violations []BaggageViolation
	var err error
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := stringPtr(header)
		buf := make([]byte, len(header)+64)
		var vs []C.scrubjay_baggage_violation
		for {
			var outLen, count C.size_t
			p, c := bytesPtr(buf)
			var vp *C.scrubjay_baggage_violation
			if len(vs) > 0 {
				vp = &vs[0]
			}
			st := C.scrubjay_sanitize_baggage(ptr, in, n, p, c, &outLen, vp, C.size_t(len(vs)), &count)
			if st == C.SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
				buf = make([]byte, max(int(outLen), len(buf)))
				vs = make([]C.scrubjay_baggage_violation, int(count))
				continue
			}
			if st != C.SCRUBJAY_STATUS_OK {
				err = statusError(st)
				return
			}
			out = string(buf[:outLen])
			for _, v := range vs[:count] {
				bv := BaggageViolation{Reason: C.GoString(v.reason)}
				if v.key != nil {
					bv.HasKey = true
					bv.Key = C.GoStringN((*C.char)(unsafe.Pointer(v.key)), C.int(v.key_len))
				}
				violations = append(violations, bv)
			}
			return
		}
	})
	runtime.KeepAlive(header)
	return out, violations, err
}

// TraceparentError says why a traceparent header is invalid.
type TraceparentError struct{ Reason string }

func (e *TraceparentError) Error() string { return "scrubjay: invalid traceparent: " + e.Reason }

// ValidateTraceparent checks a traceparent header (format, version, non-zero ids); nil when
// valid, a *TraceparentError otherwise.
func ValidateTraceparent(header string) error {
	in, n := stringPtr(header)
	var reason *C.char
	st := C.scrubjay_validate_traceparent(in, n, &reason)
	runtime.KeepAlive(header)
	switch st {
	case C.SCRUBJAY_STATUS_OK:
		return nil
	case C.SCRUBJAY_STATUS_INVALID_INPUT:
		return &TraceparentError{Reason: C.GoString(reason)}
	}
	return statusError(st)
}

// Finding is one thing a scan found: the rule and the byte range. Never the value.
type Finding struct {
	Rule       string
	Start, End int
}

// Scan reports what the policy would redact in s (byte offsets). Input that is not UTF-8
// gives an error.
func (e *Engine) Scan(s string) ([]Finding, error) {
	var out []Finding
	var err error
	e.use(func(ptr *C.scrubjay_engine) {
		in, n := stringPtr(s)
		found := make([]C.scrubjay_finding, 8)
		for {
			var count C.size_t
			st := C.scrubjay_scan(ptr, in, n, &found[0], C.size_t(len(found)), &count)
			if st == C.SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
				found = make([]C.scrubjay_finding, int(count))
				continue
			}
			if st != C.SCRUBJAY_STATUS_OK {
				err = statusError(st)
				return
			}
			out = make([]Finding, 0, int(count))
			for _, f := range found[:count] {
				out = append(out, Finding{
					Rule:  C.GoString(C.scrubjay_rule_name(ptr, f.rule_id)),
					Start: int(f.start),
					End:   int(f.end),
				})
			}
			return
		}
	})
	runtime.KeepAlive(s)
	return out, err
}
