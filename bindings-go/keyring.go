package scrubjay

/*
#include "scrubjay.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
)

// KeyRing holds the keys that open the tokens a policy's tokenize action writes
// ([TOKEN:<rule>:<key id>:<token>]), by id; Engine.Reveal reads tokens back with it. Load one
// with LoadKeyRing (a file) or ParseKeyRing (its JSON text):
//
//	{"version": 1, "active": "k2", "keys": [{"id": "k1", "key": "<base64url of 32 or 64 bytes>"}, ...]}
//
// The keys live in the library, never in Go memory, and are wiped by Close (a finalizer does
// so too, as a safety net). A ring's String, and any printing of it, shows its ids, never a
// key. A KeyRing is safe for concurrent use.
type KeyRing struct {
	mu     sync.RWMutex // Close takes it exclusively; Reveal shares it
	ptr    *C.scrubjay_keyring
	ids    []string
	active string
}

// KeyRingError is a key ring that could not be loaded, with the library's message (which
// names the file or the entry at fault, never a key's bytes).
type KeyRingError struct {
	Message string
}

func (e *KeyRingError) Error() string { return e.Message }

// ErrKeyRingClosed is returned by Engine.Reveal given a KeyRing after its Close.
var ErrKeyRingClosed = errors.New("scrubjay: key ring is closed")

// ringIDs is what this package reads of a ring's JSON, once the library has accepted it:
// the ids, not the keys (the decoder skips their values without keeping them).
type ringIDs struct {
	Active *string `json:"active"`
	Keys   []struct {
		ID string `json:"id"`
	} `json:"keys"`
}

func keyRingError(cerr *C.scrubjay_error) error {
	defer C.scrubjay_error_free(cerr)
	if cerr == nil {
		return &KeyRingError{Message: "scrubjay: the key ring could not be loaded"}
	}
	return &KeyRingError{Message: C.GoString(C.scrubjay_error_message(cerr))}
}

// ParseKeyRing reads a key ring from its JSON text. An invalid ring gives a *KeyRingError.
func ParseKeyRing(text []byte) (*KeyRing, error) {
	var cerr *C.scrubjay_error
	p, n := bytesPtr(text)
	ptr := C.scrubjay_keyring_from_json(p, n, &cerr)
	runtime.KeepAlive(text)
	if ptr == nil {
		return nil, keyRingError(cerr)
	}
	// The C ABI does not list a ring's ids: read them from the text the library accepted
	// (it allows no other members, so both read the same document).
	var doc ringIDs
	if err := json.Unmarshal(text, &doc); err != nil {
		C.scrubjay_keyring_free(ptr)
		return nil, &KeyRingError{Message: "scrubjay: the key ring's ids: " + err.Error()}
	}
	k := &KeyRing{ptr: ptr, ids: make([]string, len(doc.Keys))}
	for i, key := range doc.Keys {
		k.ids[i] = key.ID
	}
	if doc.Active != nil {
		k.active = *doc.Active
	}
	runtime.SetFinalizer(k, (*KeyRing).Close)
	return k, nil
}

// LoadKeyRing reads a key ring from the file at path, which holds its JSON text. A file that
// cannot be read or holds no valid ring gives a *KeyRingError naming the file.
func LoadKeyRing(path string) (*KeyRing, error) {
	text, err := os.ReadFile(path)
	if err == nil {
		k, perr := ParseKeyRing(text)
		clear(text)
		if perr == nil {
			return k, nil
		}
	}
	// Failed: the library reads the file itself, for its own message naming it.
	var cerr *C.scrubjay_error
	p, n := stringPtr(path)
	ptr := C.scrubjay_keyring_from_file(p, n, &cerr)
	runtime.KeepAlive(path)
	if ptr == nil {
		return nil, keyRingError(cerr)
	}
	C.scrubjay_keyring_free(ptr)
	return nil, &KeyRingError{Message: fmt.Sprintf("key ring %s changed while it was read: load it again", path)}
}

// IDs is the ids of the ring's keys, in the ring's order.
func (k *KeyRing) IDs() []string { return append([]string(nil), k.ids...) }

// Active is the id of the ring's active key (the key new tokens are made with when the
// ring is a policy's), or "" when it names none.
func (k *KeyRing) Active() string { return k.active }

// String shows the ring's ids and its active id, never a key.
func (k *KeyRing) String() string {
	return fmt.Sprintf("scrubjay.KeyRing{active: %q, ids: %q}", k.active, k.ids)
}

// Close frees the ring, wiping its keys. It is safe to call more than once; the ring cannot
// reveal anything after (IDs and Active still answer).
func (k *KeyRing) Close() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ptr != nil {
		C.scrubjay_keyring_free(k.ptr)
		k.ptr = nil
		runtime.SetFinalizer(k, nil)
	}
}

// Reveal replaces each token in text that the engine's policy writes (its tokenize.template)
// and that a key of keys opens by the value it stands for. Tokens whose key the ring lacks,
// and tokens that were changed, stay as they are; a text in which no token opened is
// returned as it is, without copying. Input that is not UTF-8 gives an error, as does a nil
// or closed ring (ErrKeyRingClosed).
//
//	keys, err := scrubjay.LoadKeyRing("/etc/scrubjay/keys.json")
//	...
//	engine.Reveal("login for [TOKEN:email:k1:YqMf...]", keys) // "login for jane.doe@example.com"
func (e *Engine) Reveal(text string, keys *KeyRing) (string, error) {
	if keys == nil {
		return "", errors.New("scrubjay: Reveal needs a key ring")
	}
	var out string
	var err error
	e.use(func(ptr *C.scrubjay_engine) {
		keys.mu.RLock()
		defer keys.mu.RUnlock()
		if keys.ptr == nil {
			err = ErrKeyRingClosed
			return
		}
		in, n := stringPtr(text)
		buf, st := callBuffer(len(text), func(o *C.uint8_t, c C.size_t, l *C.size_t) C.scrubjay_status {
			return C.scrubjay_reveal(ptr, keys.ptr, in, n, o, c, l)
		})
		switch st {
		case C.SCRUBJAY_STATUS_UNCHANGED:
			out = text
		case C.SCRUBJAY_STATUS_OK:
			out = string(buf)
		default:
			err = statusError(st)
		}
	})
	runtime.KeepAlive(text)
	runtime.KeepAlive(keys)
	return out, err
}
