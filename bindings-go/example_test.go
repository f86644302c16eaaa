package scrubjay_test

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
)

func Example() {
	engine := scrubjay.Default()
	defer engine.Close()
	fmt.Println(engine.Redact("card 4111 1111 1111 1111 for john.doe@company.com"))
	attrs := engine.RedactAttributes(map[string]any{"db.password": "hunter2", "http.status_code": 200})
	fmt.Println(attrs["db.password"], attrs["http.status_code"])
	// Output:
	// card [REDACTED:credit_card] for [REDACTED:email]
	// [REDACTED:password] 200
}

func ExampleReport() {
	engine := scrubjay.Default()
	defer engine.Close()
	report := engine.NewReport()
	defer report.Close()
	engine.RedactWithReport("mail a@example.com or b@example.com", report)
	engine.RedactAttributesWithReport(map[string]any{"db.password": "hunter2"}, report)
	fmt.Println(report.Counts(), report.Denied(), report.FailClosed())
	// Output:
	// map[email:2 password:1] 0 map[]
}

// Reversible tokens: a policy tokenizes emails with the keys of a ring file, and the same
// ring reveals them.
func ExampleEngine_Reveal() {
	// A ring with one fresh random 64-byte key (the scrubjay command's keys subcommand
	// writes one).
	key := make([]byte, 64)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	ring, _ := json.Marshal(map[string]any{"version": 1, "active": "k1",
		"keys": []any{map[string]string{"id": "k1", "key": base64.RawURLEncoding.EncodeToString(key)}}})
	dir, _ := os.MkdirTemp("", "scrubjay-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "keys.json")
	if err := os.WriteFile(path, ring, 0o600); err != nil {
		panic(err)
	}
	quoted, _ := json.Marshal(path)
	policy := `{"version": 1, "builtins": ["email"], "tokenize": {"keys_file": ` + string(quoted) + `},
		"content": [{"builtin": "email", "action": "tokenize"}]}`

	engine, _ := scrubjay.New([]byte(policy))
	defer engine.Close()
	token := engine.Redact("login for jane.doe@example.com") // login for [TOKEN:email:k1:...]
	keys, _ := scrubjay.LoadKeyRing(path)
	defer keys.Close()
	revealed, _ := engine.Reveal(token, keys)

	fmt.Println(strings.HasPrefix(token, "login for [TOKEN:email:k1:"), keys)
	fmt.Println(revealed)
	// Output:
	// true scrubjay.KeyRing{active: "k1", ids: ["k1"]}
	// login for jane.doe@example.com
}
