// Command scrubjay-load pushes spans through an otelcol-scrubjay binary at a fixed rate and
// reports throughput, drops and the Collector's resident memory (make collector-load).
//
//	scrubjay-load -collector target/otelcol-scrubjay -rate 20000 -duration 60s
//
// Everything runs on 127.0.0.1: the Collector receives OTLP/HTTP from this program and
// exports with otlphttp back to a sink in this program, which counts what arrives. It exits
// 1 when spans were dropped or resident memory kept growing after the warm-up.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"time"
)

func main() {
	bin := flag.String("collector", "target/otelcol-scrubjay", "the otelcol-scrubjay binary")
	rate := flag.Int("rate", 20000, "spans per second")
	duration := flag.Duration("duration", time.Minute, "how long to send")
	batch := flag.Int("batch", 100, "spans per OTLP request")
	flag.Parse()

	sink, err := startSink()
	if err != nil {
		log.Fatal(err)
	}
	col, err := startCollector(*bin, sink.url)
	if err != nil {
		log.Fatal(err)
	}
	rss := watchRSS(col.pid(), 5*time.Second)
	sent, failed := send(col.endpoint, *rate, *batch, *duration)
	drained := sink.waitFor(sent, 30*time.Second)
	samples := rss.stop()
	col.stop()

	got := sink.count()
	fmt.Printf("sent %d spans in %s (%.0f spans/s asked, %.0f spans/s sent), %d requests refused\n",
		sent, *duration, float64(*rate), float64(sent)/duration.Seconds(), failed)
	fmt.Printf("received %d spans, dropped %d (drained in %s)\n", got, sent-got, drained.Round(time.Millisecond))
	fmt.Printf("collector resident memory (MB, every 5 s): %s\n", samples)
	ok := got == sent && failed == 0
	switch growth, judged := samples.growth(); {
	case !judged:
		fmt.Println("too few memory samples to judge growth (run for 30 s or more)")
	case growth > 0.25:
		fmt.Printf("resident memory grew %.0f%% from the second third of the run to the last\n", growth*100)
		ok = false
	default:
		fmt.Printf("resident memory flat: %+.0f%% from the second third of the run to the last\n", growth*100)
	}
	if !ok {
		os.Exit(1)
	}
}
