package scrubjay_test

import (
	"fmt"

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
