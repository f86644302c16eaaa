package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"
)

// rssWatcher samples a process's resident memory (VmRSS) at a fixed interval.
type rssWatcher struct {
	samples []float64
	done    chan struct{}
	stopped chan struct{}
}

type rssSamples []float64

func watchRSS(pid int, every time.Duration) *rssWatcher {
	w := &rssWatcher{done: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(w.stopped)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-tick.C:
				if mb, ok := residentMB(pid); ok {
					w.samples = append(w.samples, mb)
				}
			}
		}
	}()
	return w
}

func (w *rssWatcher) stop() rssSamples {
	close(w.done)
	<-w.stopped
	return w.samples
}

func residentMB(pid int) (float64, bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var kb float64
		if _, err := fmt.Sscanf(sc.Text(), "VmRSS: %f kB", &kb); err == nil {
			return kb / 1024, true
		}
	}
	return 0, false
}

func (s rssSamples) String() string {
	parts := make([]string, len(s))
	for i, mb := range s {
		parts[i] = fmt.Sprintf("%.0f", mb)
	}
	return strings.Join(parts, " ")
}

// growth compares the mean of the last third of the samples with the mean of the second
// third (the first is the warm-up): 0.1 is 10 % more. False with fewer than six samples.
func (s rssSamples) growth() (float64, bool) {
	if len(s) < 6 {
		return 0, false
	}
	third := len(s) / 3
	middle, last := mean(s[third:2*third]), mean(s[len(s)-third:])
	return (last - middle) / middle, true
}

func mean(s []float64) float64 {
	total := 0.0
	for _, v := range s {
		total += v
	}
	return total / float64(len(s))
}
