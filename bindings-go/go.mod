module github.com/scrubjay/scrubjay/bindings-go

go 1.22
