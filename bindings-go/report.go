package scrubjay

/*
#include "scrubjay.h"
*/
import "C"

import (
	"errors"
	"runtime"
	"sync"
	"unsafe"
)

// Report counts what redaction calls did: the values each rule redacted (a content rule id
// such as "email", or a field rule name), the attributes removed because the policy's
// allow.keys does not list them (Denied), and the values that failed closed, replaced whole
// instead of scanned, per reason (FailClosed). Make one with Engine.NewReport, pass it to the
// *WithReport calls (a nil *Report counts nothing), read it, Clear it to start again.
//
//	report := engine.NewReport()
//	defer report.Close()
//	engine.RedactWithReport("mail a@example.com or b@example.com", report)
//	report.Counts() // map[email:2]
//
// A Report is safe for concurrent use; calls that count into the same report take turns for
// the moment they count, so goroutines that redact a lot may each keep one and Merge them.
// Close frees it (a finalizer does so too, as a safety net); a report may outlive its engine,
// and may count calls of other engines (by rule name).
type Report struct {
	mu  sync.Mutex // held for each library call on ptr
	ptr *C.scrubjay_report
	// Values this package replaced by [REDACTED:error] because a library call failed.
	failed uint64
}

// ErrReportClosed is panicked with when a Report is used after Close.
var ErrReportClosed = errors.New("scrubjay: report is closed")

// ReasonRedactionFailed is the FailClosed reason of values replaced by [REDACTED:error]
// because the library call that was to redact them failed (the library's own reasons are
// too_large, too_deep, scan_budget, undecidable, invalid_utf8, hash_key_unavailable and
// token_key_unavailable). The OpenTelemetry wrappers count items they drop, unexported,
// under the same reason.
const ReasonRedactionFailed = "redaction_failed"

// ReasonTokenKeyUnavailable is the library's FailClosed reason of values that a tokenize
// action could not tokenize and masked instead: the policy has no key ring or no active key,
// or the record's key id (tokenize.key_id_from) is not in the ring.
const ReasonTokenKeyUnavailable = "token_key_unavailable"

// NewReport is an empty report for the engine's rules.
func (e *Engine) NewReport() *Report {
	var r *Report
	e.use(func(ptr *C.scrubjay_engine) {
		p := C.scrubjay_report_new(ptr)
		if p == nil {
			panic("scrubjay: the library could not make a report")
		}
		r = &Report{ptr: p}
	})
	runtime.SetFinalizer(r, (*Report).Close)
	return r
}

// Close frees the report. It is safe to call more than once, and on a nil *Report; the
// report is unusable after.
func (r *Report) Close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ptr != nil {
		C.scrubjay_report_free(r.ptr)
		r.ptr = nil
		runtime.SetFinalizer(r, nil)
	}
}

// acquire locks r for one library call and returns its pointer: nil for a nil *Report
// (the call counts nothing). release undoes it.
func (r *Report) acquire() *C.scrubjay_report {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	if r.ptr == nil {
		r.mu.Unlock()
		panic(ErrReportClosed)
	}
	return r.ptr
}

func (r *Report) release() {
	if r != nil {
		r.mu.Unlock()
	}
}

// read runs f with r's pointer, holding off Close and the calls that count into r.
func (r *Report) read(f func(*C.scrubjay_report)) {
	p := r.acquire()
	defer r.release()
	f(p)
}

// addFailed counts n values replaced by [REDACTED:error].
func (r *Report) addFailed(n int) {
	if r == nil || n == 0 {
		return
	}
	r.mu.Lock()
	r.failed += uint64(n)
	r.mu.Unlock()
}

// Counts is the number of values each rule redacted, for the rules that redacted any.
func (r *Report) Counts() map[string]uint64 {
	out := map[string]uint64{}
	r.read(func(p *C.scrubjay_report) {
		n := C.scrubjay_report_rule_count(p)
		if n == 0 {
			return
		}
		counts := make([]C.uint64_t, int(n))
		var got C.size_t
		if C.scrubjay_report_counts(p, &counts[0], n, &got) != C.SCRUBJAY_STATUS_OK {
			return
		}
		for i, c := range counts {
			if c > 0 {
				out[C.GoString(C.scrubjay_report_rule_name(p, C.uint32_t(i)))] += uint64(c)
			}
		}
	})
	return out
}

// Total is the number of values redacted, every rule together.
func (r *Report) Total() uint64 {
	var total uint64
	for _, n := range r.Counts() {
		total += n
	}
	return total
}

// Denied is the number of attributes removed because the policy's allow.keys does not list
// them.
func (r *Report) Denied() uint64 {
	var n uint64
	r.read(func(p *C.scrubjay_report) { n = uint64(C.scrubjay_report_denied(p)) })
	return n
}

// failReasons are the library's fail-closed reasons, by number.
var failReasons = sync.OnceValue(func() []string {
	var names []string
	for i := 0; ; i++ {
		name := C.scrubjay_fail_reason_name(C.uint32_t(i))
		if name == nil {
			return names
		}
		names = append(names, C.GoString(name))
	}
})

// FailClosed is the number of values that failed closed (replaced whole instead of scanned:
// too large, too deep, past the scan budget, ...), per reason, for the reasons with any;
// values this package replaced by [REDACTED:error] count under ReasonRedactionFailed.
func (r *Report) FailClosed() map[string]uint64 {
	out := map[string]uint64{}
	reasons := failReasons()
	r.read(func(p *C.scrubjay_report) {
		for i, name := range reasons {
			if n := uint64(C.scrubjay_report_fail_closed(p, C.uint32_t(i))); n > 0 {
				out[name] = n
			}
		}
		if r != nil && r.failed > 0 {
			out[ReasonRedactionFailed] += r.failed
		}
	})
	return out
}

// Merge adds the counts of other into r (of the same engine rule by rule, of another engine
// by rule name). Merging a report into itself doubles it.
func (r *Report) Merge(other *Report) {
	if r == nil || other == nil {
		return
	}
	if r == other {
		r.read(func(p *C.scrubjay_report) {
			C.scrubjay_report_merge(p, p)
			r.failed *= 2
		})
		return
	}
	// Two locks, always taken in the same order.
	first, second := r, other
	if uintptr(unsafe.Pointer(second)) < uintptr(unsafe.Pointer(first)) {
		first, second = second, first
	}
	first.acquire()
	defer first.release()
	second.acquire()
	defer second.release()
	C.scrubjay_report_merge(r.ptr, other.ptr)
	r.failed += other.failed
}

// Clear zeroes every count.
func (r *Report) Clear() {
	if r == nil {
		return
	}
	r.read(func(p *C.scrubjay_report) {
		C.scrubjay_report_clear(p)
		r.failed = 0
	})
}
