package scrubjay

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// testKey is a fresh random key of n bytes (32 or 64), base64url: no key is written down.
func testKey(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

type ringKey struct {
	ID  string `json:"id"`
	Key string `json:"key"`
}

// ringJSON is a key ring's JSON text; active "" names none.
func ringJSON(t *testing.T, active string, keys ...ringKey) []byte {
	t.Helper()
	doc := map[string]any{"version": 1, "keys": keys}
	if active != "" {
		doc["active"] = active
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeRing(t *testing.T, text []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// tokenEngine tokenizes emails with the ring at path.
func tokenEngine(t *testing.T, path string) *Engine {
	t.Helper()
	policy, err := json.Marshal(map[string]any{
		"version":  1,
		"builtins": []string{"email"},
		"tokenize": map[string]any{"keys_file": path},
		"content":  []any{map[string]any{"builtin": "email", "action": "tokenize"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return mustNew(t, string(policy))
}

func mustParseRing(t *testing.T, text []byte) *KeyRing {
	t.Helper()
	k, err := ParseKeyRing(text)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Close)
	return k
}

func mustReveal(t *testing.T, e *Engine, text string, keys *KeyRing) string {
	t.Helper()
	out, err := e.Reveal(text, keys)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var tokenK1 = regexp.MustCompile(`^login for (\[TOKEN:email:k1:[A-Za-z0-9_-]{40,}\])$`)

// The round trip: a policy whose ring is a file, redact, reveal with the same file.
func TestTokenRoundTrip(t *testing.T) {
	key := testKey(t, 64)
	path := writeRing(t, ringJSON(t, "k1", ringKey{"k1", key}))
	engine := tokenEngine(t, path)

	red := engine.Redact("login for jane.doe@example.com")
	if !tokenK1.MatchString(red) {
		t.Fatalf("not a token: %q", red)
	}
	keys, err := LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer keys.Close()
	if got := mustReveal(t, engine, red, keys); got != "login for jane.doe@example.com" {
		t.Fatalf("revealed %q", got)
	}
	// A token inside JSON attributes, and inside a longer text twice.
	attrs := engine.RedactAttributes(map[string]any{"note": "from bob@example.org", "n": 3})
	note, _ := attrs["note"].(string)
	if got := mustReveal(t, engine, note+" / "+note, keys); got != "from bob@example.org / from bob@example.org" {
		t.Fatalf("revealed %q", got)
	}
	// A 32-byte key works the same.
	path32 := writeRing(t, ringJSON(t, "short", ringKey{"short", testKey(t, 32)}))
	e32 := tokenEngine(t, path32)
	keys32, err := LoadKeyRing(path32)
	if err != nil {
		t.Fatal(err)
	}
	defer keys32.Close()
	red32 := e32.Redact("to jane.doe@example.com")
	if !strings.HasPrefix(red32, "to [TOKEN:email:short:") {
		t.Fatalf("got %q", red32)
	}
	if got := mustReveal(t, e32, red32, keys32); got != "to jane.doe@example.com" {
		t.Fatalf("revealed %q", got)
	}
}

// Tokens are deterministic: the same value under the same key gives the same token in two
// engines; another key gives another token.
func TestTokenIsTheSameAcrossEngines(t *testing.T) {
	key := testKey(t, 64)
	path := writeRing(t, ringJSON(t, "k1", ringKey{"k1", key}))
	a := tokenEngine(t, path).Redact("login for jane.doe@example.com")
	b := tokenEngine(t, path).Redact("login for jane.doe@example.com")
	if a != b || !tokenK1.MatchString(a) {
		t.Fatalf("two engines: %q and %q", a, b)
	}
	other := tokenEngine(t, writeRing(t, ringJSON(t, "k1", ringKey{"k1", testKey(t, 64)})))
	c := other.Redact("login for jane.doe@example.com")
	if c == a || !tokenK1.MatchString(c) {
		t.Fatalf("another key gave %q (first %q)", c, a)
	}
}

// Tokens that do not open stay as they are: a ring with the same id and other bytes, a ring
// without that id, a token with one character changed.
func TestRevealLeavesWhatItCannotOpen(t *testing.T) {
	key := testKey(t, 64)
	path := writeRing(t, ringJSON(t, "k1", ringKey{"k1", key}))
	engine := tokenEngine(t, path)
	red := engine.Redact("login for jane.doe@example.com")
	token := tokenK1.FindStringSubmatch(red)[1]

	wrong := mustParseRing(t, ringJSON(t, "k1", ringKey{"k1", testKey(t, 64)}))
	if got := mustReveal(t, engine, red, wrong); got != red {
		t.Fatalf("wrong key revealed %q", got)
	}
	forgotten := mustParseRing(t, ringJSON(t, "k2", ringKey{"k2", key}))
	if got := mustReveal(t, engine, red, forgotten); got != red {
		t.Fatalf("a ring without k1 revealed %q", got)
	}

	right := mustParseRing(t, ringJSON(t, "k1", ringKey{"k1", key}))
	// One base64 character of the token changed (the one before the closing bracket).
	at := len(token) - 2
	swap := byte('A')
	if token[at] == 'A' {
		swap = 'B'
	}
	tampered := token[:at] + string(swap) + token[at+1:]
	text := tampered + " " + token
	if got := mustReveal(t, engine, text, right); got != tampered+" jane.doe@example.com" {
		t.Fatalf("revealed %q", got)
	}
	// Nothing opened: the input itself comes back.
	if got := mustReveal(t, engine, tampered, right); got != tampered {
		t.Fatalf("revealed %q", got)
	}
	if got := mustReveal(t, engine, "", right); got != "" {
		t.Fatalf("revealed %q", got)
	}
}

// Rotation: a ring with a new active key makes new tokens with it and still opens the old.
func TestRevealAfterRotation(t *testing.T) {
	k1, k2 := ringKey{"k1", testKey(t, 64)}, ringKey{"k2", testKey(t, 64)}
	before := tokenEngine(t, writeRing(t, ringJSON(t, "k1", k1))).Redact("login for jane.doe@example.com")
	rotated := writeRing(t, ringJSON(t, "k2", k1, k2))
	engine := tokenEngine(t, rotated)
	after := engine.Redact("login for bob@example.org")
	if !tokenK1.MatchString(before) || !strings.HasPrefix(after, "login for [TOKEN:email:k2:") {
		t.Fatalf("tokens %q and %q", before, after)
	}
	keys, err := LoadKeyRing(rotated)
	if err != nil {
		t.Fatal(err)
	}
	defer keys.Close()
	if keys.Active() != "k2" || strings.Join(keys.IDs(), ",") != "k1,k2" {
		t.Fatalf("active %q, ids %v", keys.Active(), keys.IDs())
	}
	got := mustReveal(t, engine, before+"\n"+after, keys)
	if got != "login for jane.doe@example.com\nlogin for bob@example.org" {
		t.Fatalf("revealed %q", got)
	}
}

// Pseudonyms number values in one attribute map by the map's keys in sorted order, the same
// value keeping its number, whichever order Go iterates the map in.
func TestPseudonymsAreConsistentWithinOneMap(t *testing.T) {
	engine := mustNew(t, `{"version": 1, "builtins": ["email"], "content": [{"builtin": "email", "action": "pseudonym"}],
		"fields": [{"keys": ["enduser.id"], "name": "user", "action": "pseudonym"}]}`)
	for i := 0; i < 50; i++ {
		got := engine.RedactAttributes(map[string]any{
			"a.from":     "b@x.io",
			"b.to":       []any{"a@x.io", "b@x.io"},
			"c.msg":      "reply to a@x.io, cc c@x.io",
			"d.cc":       "c@x.io",
			"enduser.id": "u-1",
			"http.code":  200,
		})
		want := map[string]any{
			"a.from":     "<email_1>",
			"b.to":       []any{"<email_2>", "<email_1>"},
			"c.msg":      "reply to <email_2>, cc <email_3>",
			"d.cc":       "<email_3>",
			"enduser.id": "<user_1>",
			"http.code":  200,
		}
		if !equalJSON(got, want) {
			t.Fatalf("round %d: got %v, want %v", i, got, want)
		}
	}
	// Each map numbers afresh.
	if got := engine.Redact("c@x.io and a@x.io and c@x.io"); got != "<email_1> and <email_2> and <email_1>" {
		t.Fatalf("got %q", got)
	}
}

func equalJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(x) == string(y)
}

// Load errors carry the library's message, naming the file or the entry and no key bytes.
func TestKeyRingLoadErrors(t *testing.T) {
	_, err := ParseKeyRing([]byte(`{"version": 1, "keys": [{"id": "k1", "key": "not base64!"}]}`))
	var ke *KeyRingError
	if !errors.As(err, &ke) || ke.Error() != "keys[0] (`k1`): `key` is not base64" {
		t.Fatalf("got %#v", err)
	}
	// A key of the wrong length: named by its entry, its bytes nowhere.
	short := testKey(t, 16)
	_, err = ParseKeyRing(ringJSON(t, "", ringKey{"k1", short}))
	if err == nil || err.Error() != "key `k1` has 16 bytes; AES-SIV takes 32 or 64" || strings.Contains(err.Error(), short) {
		t.Fatalf("got %v", err)
	}
	_, err = ParseKeyRing([]byte(`{"keys": [], "active": "x"}`))
	if err == nil || !strings.Contains(err.Error(), "no key `x`") {
		t.Fatalf("got %v", err)
	}
	if _, err = ParseKeyRing(nil); err == nil {
		t.Fatal("an empty ring text loaded")
	}

	path := writeRing(t, []byte(`{"version": 1, "keys": [{"id": "k1", "key": "not base64!"}]}`))
	_, err = LoadKeyRing(path)
	if !errors.As(err, &ke) || ke.Message != path+": keys[0] (`k1`): `key` is not base64" {
		t.Fatalf("got %#v", err)
	}
	missing := filepath.Join(t.TempDir(), "absent.json")
	_, err = LoadKeyRing(missing)
	if !errors.As(err, &ke) || !strings.HasPrefix(ke.Message, "cannot read key ring "+missing+": ") {
		t.Fatalf("got %#v", err)
	}
}

// A ring shows its ids and its active id, never a key.
func TestKeyRingShowsIdsNotKeys(t *testing.T) {
	k1, k2 := testKey(t, 64), testKey(t, 32)
	keys := mustParseRing(t, ringJSON(t, "k2", ringKey{"k1", k1}, ringKey{"k2", k2}))
	if keys.Active() != "k2" || strings.Join(keys.IDs(), ",") != "k1,k2" {
		t.Fatalf("active %q, ids %v", keys.Active(), keys.IDs())
	}
	want := `scrubjay.KeyRing{active: "k2", ids: ["k1" "k2"]}`
	if keys.String() != want {
		t.Fatalf("String() = %s", keys.String())
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		shown := fmt.Sprintf(format, keys)
		if strings.Contains(shown, k1) || strings.Contains(shown, k2) {
			t.Fatalf("%s shows a key: %s", format, shown)
		}
	}
	ids := keys.IDs()
	ids[0] = "changed"
	if keys.IDs()[0] != "k1" {
		t.Fatal("IDs shares the ring's slice")
	}
	none := mustParseRing(t, ringJSON(t, "", ringKey{"k1", k1}))
	if none.Active() != "" {
		t.Fatalf("active %q", none.Active())
	}
}

// A tokenize action without the record's key fails closed to the mask label and is counted
// as token_key_unavailable.
func TestReportCountsTokenKeyUnavailable(t *testing.T) {
	path := writeRing(t, ringJSON(t, "k1", ringKey{"k1", testKey(t, 64)}, ringKey{"acme", testKey(t, 64)}))
	engine := mustNew(t, `{"version": 1, "builtins": ["email"],
		"tokenize": {"keys_file": "`+path+`", "key_id_from": ["tenant.id"]},
		"fields": [{"keys": ["enduser.id"], "action": "tokenize"}],
		"content": [{"builtin": "email", "action": "tokenize"}]}`)
	r := engine.NewReport()
	defer r.Close()
	got := engine.RedactAttributesWithReport(map[string]any{"tenant.id": "initech", "enduser.id": "u-1", "note": "mail a@b.io"}, r)
	want := map[string]any{"tenant.id": "initech", "enduser.id": "[REDACTED:enduser.id]", "note": "mail [REDACTED:email]"}
	if !equalJSON(got, want) {
		t.Fatalf("got %v", got)
	}
	expectCounts(t, "failed closed", r.FailClosed(), map[string]uint64{ReasonTokenKeyUnavailable: 2})

	// The record's key when the ring holds it, and its tokens open with the ring.
	r.Clear()
	got = engine.RedactAttributesWithReport(map[string]any{"tenant.id": "acme", "enduser.id": "u-1"}, r)
	token, _ := got["enduser.id"].(string)
	if !strings.HasPrefix(token, "[TOKEN:enduser.id:acme:") {
		t.Fatalf("got %v", got)
	}
	expectCounts(t, "tokenized", r.FailClosed(), map[string]uint64{})
	keys, err := LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	defer keys.Close()
	if out := mustReveal(t, engine, token, keys); out != "u-1" {
		t.Fatalf("revealed %q", out)
	}
}

func TestRevealErrorsAndClose(t *testing.T) {
	key := testKey(t, 64)
	engine := tokenEngine(t, writeRing(t, ringJSON(t, "k1", ringKey{"k1", key})))
	keys, err := ParseKeyRing(ringJSON(t, "k1", ringKey{"k1", key}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := engine.Reveal("\xff [TOKEN:email:k1:AAAA]", keys); err == nil {
		t.Fatal("no error for input that is not UTF-8")
	}
	if _, err := engine.Reveal("x", nil); err == nil {
		t.Fatal("no error for a nil ring")
	}
	red := engine.Redact("a@b.io")
	keys.Close()
	keys.Close() // twice is fine
	if _, err := engine.Reveal(red, keys); !errors.Is(err, ErrKeyRingClosed) {
		t.Fatalf("after Close: %v", err)
	}
	if keys.Active() != "k1" {
		t.Fatalf("active %q after Close", keys.Active())
	}
}

// One ring and one engine shared by goroutines (run under -race by make go-test).
func TestRevealFromGoroutines(t *testing.T) {
	key := testKey(t, 64)
	engine := tokenEngine(t, writeRing(t, ringJSON(t, "k1", ringKey{"k1", key})))
	keys := mustParseRing(t, ringJSON(t, "k1", ringKey{"k1", key}))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				value := strings.Repeat("x", i%7+1) + "@example.com"
				got, err := engine.Reveal(engine.Redact("to "+value), keys)
				if err != nil || got != "to "+value {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("revealed %q", got)
	}
}
