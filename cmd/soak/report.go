package main

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
)

type machine struct {
	cpus      int
	goVersion string // the Go that runs soak
	serverGo  string // the Go that built the server
	kernel    string
	wrk       string
	load      string // /proc/loadavg's 1-minute figure when the run starts
}

func machineInfo(bin string) machine {
	m := machine{cpus: runtime.NumCPU(), goVersion: runtime.Version(), serverGo: "unknown"}
	if bi, err := buildinfo.ReadFile(bin); err == nil {
		m.serverGo = bi.GoVersion
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = "Linux " + strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			m.load = f[0]
		}
	}
	return m
}

type report struct {
	opts              options
	started, finished time.Time
	machine           machine
	walk              *walked
	wrk               wrkResult
	rssBefore         int64 // KiB
	rssMax, rssAfter  int64
	term              termResult
	logAll, logTerm   logStats
}

// failures lists every check that failed.
func (r *report) failures() []string {
	var f []string
	w := r.wrk
	if w.non2xx3xx > 0 {
		f = append(f, fmt.Sprintf("wrk: %d responses were not 2xx or 3xx", w.non2xx3xx))
	}
	if w.read > 0 || w.write > 0 {
		f = append(f, fmt.Sprintf("wrk: socket errors: read %d, write %d", w.read, w.write))
	}
	if w.connect > int64(r.opts.conns) {
		f = append(f, fmt.Sprintf("wrk: %d connect errors, more than the %d connections opening once", w.connect, r.opts.conns))
	}
	if w.requests == 0 {
		f = append(f, "wrk sent no requests")
	}
	if r.logAll.fiveXX > 0 {
		f = append(f, fmt.Sprintf("the server logged %d responses with a 5xx status", r.logAll.fiveXX))
	}
	if r.logAll.errLines > 0 {
		f = append(f, fmt.Sprintf("the server logged %d lines at level ERROR", r.logAll.errLines))
	}
	if r.rssAfter > 3*r.rssBefore {
		f = append(f, fmt.Sprintf("RSS 2 s after the load (%s) is more than 3x RSS before it (%s)", mib(r.rssAfter), mib(r.rssBefore)))
	}
	t := r.term
	if t.received == 0 {
		f = append(f, "SIGTERM phase: no complete response at all")
	}
	if t.received5xx > 0 {
		f = append(f, fmt.Sprintf("SIGTERM phase: %d responses with a 5xx status", t.received5xx))
	}
	if t.signalErr != nil {
		f = append(f, fmt.Sprintf("sending SIGTERM: %v", t.signalErr))
	}
	for _, m := range t.mismatches {
		f = append(f, "logged but not received: "+m)
	}
	if !t.exited {
		f = append(f, fmt.Sprintf("the server had not exited %s after SIGTERM (drain %s)", r.opts.drain+10*time.Second, r.opts.drain))
	} else if t.exitCode != 0 {
		f = append(f, fmt.Sprintf("the server exited with code %d after SIGTERM", t.exitCode))
	}
	return f
}

func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%d µs", d.Microseconds())
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func (r *report) markdown() string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	o, w, t := r.opts, r.wrk, r.term
	p("# Soak test")
	p("")
	p("Written by `make soak` (`go run ./cmd/soak`); `make soak-quick` runs a 10-second")
	p("version that prints the report instead. It starts `%s serve` on a free", o.bin)
	p("loopback port, finds real requests by walking the HTML, loads them with wrk,")
	p("samples the server's resident memory, then sends SIGTERM under load and checks")
	p("that every request the server logged reached the client.")
	p("")
	p("- Run: %s UTC (%s)", r.started.Format("2006-01-02 15:04"), r.finished.Sub(r.started).Round(time.Second))
	p("- Machine: %d CPUs (nproc), %s; %s; Go %s (server built with %s)",
		r.machine.cpus, r.machine.kernel, r.machine.wrk, strings.TrimPrefix(r.machine.goVersion, "go"), r.machine.serverGo)
	if r.machine.load != "" {
		p("- Load average (1 min) when the run started: %s, on a machine others may share; throughput and latency vary with it", r.machine.load)
	}
	p("- Parameters: `-duration %s -conns %d -drain %s`, wrk with %d threads; SIGTERM phase: %d clients, SIGTERM after %s, %s more load",
		o.duration, o.conns, o.drain, threads, t.workers, termBefore, termAfter)
	p("")
	p("## Requests")
	p("")
	p("wrk rotates among three requests found by walking the English flow for England")
	p("(first radio each time, backing up to the next radio when a result comes before")
	p("a third question; hidden fields copied from the HTML). The path used has %d", r.walk.questions)
	p("questions, answered `%s` (%d POSTs to find it).", strings.Join(r.walk.answers, "` → `"), r.walk.posts)
	p("")
	p("| Request | What it shows |")
	p("|---|---|")
	p("| `%s` | the start page |", r.walk.start)
	p("| `%s` (form body) | the 3rd question, mid-flow |", r.walk.question)
	p("| `%s` (form body) | the result |", r.walk.result)
	p("")
	p("## Load (wrk)")
	p("")
	p("| Requests | Requests/s | p50 latency | p99 latency | Non-2xx/3xx | Socket errors (connect / read / write / timeout) |")
	p("|---:|---:|---:|---:|---:|---|")
	p("| %d in %.1f s | %.0f | %s | %s | %d | %d / %d / %d / %d |", w.requests, w.seconds, w.rps, ms(w.p50), ms(w.p99),
		w.non2xx3xx, w.connect, w.read, w.write, w.timeout)
	p("")
	p("Connect errors up to one per connection (the ramp) and timeouts (over wrk's 2 s)")
	p("are reported; any other socket error or any non-2xx/3xx response fails the run.")
	p("")
	p("## Memory (VmRSS)")
	p("")
	p("| Before the load | Max during it (1 s samples) | 2 s after it | After / before |")
	p("|---:|---:|---:|---:|")
	ratio := 0.0
	if r.rssBefore > 0 {
		ratio = float64(r.rssAfter) / float64(r.rssBefore)
	}
	p("| %s | %s | %s | %.2fx (limit 3x) |", mib(r.rssBefore), mib(r.rssMax), mib(r.rssAfter), ratio)
	p("")
	p("## SIGTERM under load")
	p("")
	shutdown := "did not exit"
	code := "none"
	if t.exited {
		shutdown = ms(t.shutdown)
		code = fmt.Sprint(t.exitCode)
	}
	p("| Requests sent | Complete responses | Failed | Logged by the server | Logged but not received | 5xx received | Exit code | SIGTERM to exit |")
	p("|---:|---:|---:|---:|---:|---:|---:|---:|")
	p("| %d (%d after SIGTERM) | %d | %d | %d | %d | %d | %s | %s |", t.sent, t.sentAfterTerm, t.received,
		t.sent-t.received, t.logged, len(t.mismatches), t.received5xx, code, shutdown)
	p("")
	if len(t.errorsBy) > 0 {
		kinds := make([]string, 0, len(t.errorsBy))
		for k := range t.errorsBy {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%s %d", k, t.errorsBy[k]))
		}
		p("Failed requests, expected once the server stops listening: %s (%d of them started before SIGTERM).", strings.Join(parts, ", "), t.errorsBefore)
		p("")
	}
	p("| Request and status | Logged | Received |")
	p("|---|---:|---:|")
	keys := map[string]bool{}
	for k := range t.loggedBy {
		keys[k] = true
	}
	for k := range t.receivedBy {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		p("| `%s` | %d | %d |", k, t.loggedBy[k], t.receivedBy[k])
	}
	p("")
	stopped := "did not log"
	if t.serverStopped {
		stopped = "logged"
	}
	p("The server %s `stopped`. Over the whole run it logged %d requests, %d with a 5xx status, and %d lines at level ERROR.",
		stopped, r.logAll.requests, r.logAll.fiveXX, r.logAll.errLines)
	p("")
	p("## Result")
	p("")
	if fails := r.failures(); len(fails) > 0 {
		p("**FAIL**")
		p("")
		for _, f := range fails {
			p("- %s", f)
		}
	} else {
		p("**PASS**: no 5xx, no non-2xx/3xx, no socket errors beyond the reported ones, RSS within 3x, every logged request received, exit code 0.")
	}
	return b.String()
}
