package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

type machine struct {
	cpus      int
	goVersion string
	kernel    string
	load      string // /proc/loadavg's three figures when the run starts
	nginx     string
	wrk       string
}

func machineInfo() machine {
	m := machine{cpus: runtime.NumCPU(), goVersion: runtime.Version(), load: "unknown", kernel: "unknown"}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = "Linux " + strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.load = parseLoadavg(string(b))
	}
	return m
}

// parseLoadavg keeps the 1, 5 and 15 minute figures of /proc/loadavg.
func parseLoadavg(s string) string {
	f := strings.Fields(s)
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

type report struct {
	opts              options
	started, finished time.Time
	machine           machine
	startup           time.Duration
	walk              *walked
	rssLoaded         int64 // KiB, every language loaded, before the load
	rssAfter          int64 // KiB, after every wrk run
	weights           []weight
	results           []wrkResult // nginx, healthz, start page, question step
	profile           string
}

// goal is a target: a result's requests/s as a share of nginx's.
type goal struct {
	name  string
	index int // into results
	min   float64
}

var goals = []goal{{"Start page", 2, startTarget}, {"Question step", 3, questionTarget}}

func (r *report) ratio(i int) float64 {
	if len(r.results) <= i || r.results[0].rps == 0 {
		return 0
	}
	return r.results[i].rps / r.results[0].rps
}

// missed lists the goals not met.
func (r *report) missed() []goal {
	var m []goal
	for _, g := range goals {
		if r.ratio(g.index) < g.min {
			m = append(m, g)
		}
	}
	return m
}

// verdict says how a goal went, and by how much it was missed.
func (r *report) verdict(g goal) string {
	got := r.ratio(g.index)
	if got >= g.min {
		return fmt.Sprintf("%s: %.3fx nginx, target at least %.2fx: **met**", g.name, got, g.min)
	}
	need := g.min * r.results[0].rps
	return fmt.Sprintf("%s: %.3fx nginx, target at least %.2fx: **missed** by %.3fx (%.0f requests/s short of %.0f; %.0f%% more needed)",
		g.name, got, g.min, g.min-got, need-r.results[g.index].rps, need, 100*(need/r.results[g.index].rps-1))
}

func (r *report) verdicts() []string {
	var v []string
	for _, g := range goals {
		v = append(v, strings.ReplaceAll(r.verdict(g), "**", ""))
	}
	return v
}

func (r *report) markdown() string {
	var b strings.Builder
	m := r.machine
	o := r.opts
	secs := int(o.duration.Round(time.Second) / time.Second)
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (cmd/bench) on %s UTC; the run took %s. Every figure below comes from this one run, so the ratios compare like with like; absolute figures depend on the machine.\n\n",
		r.started.Format("2006-01-02 15:04"), r.finished.Sub(r.started).Round(time.Second))
	b.WriteString("## Machine\n\n")
	fmt.Fprintf(&b, "- CPUs (nproc): %d\n", m.cpus)
	fmt.Fprintf(&b, "- Load average at the start (1, 5, 15 min): %s\n", m.load)
	fmt.Fprintf(&b, "- Go: %s; %s\n", m.goVersion, m.kernel)
	fmt.Fprintf(&b, "- nginx: %s\n", m.nginx)
	fmt.Fprintf(&b, "- wrk: %s\n\n", m.wrk)
	b.WriteString("## Parameters\n\n")
	fmt.Fprintf(&b, "- `wrk -t%d -c%d -d%ds --latency` against each target in turn, every request with `Accept-Encoding: gzip`. wrk, the server and nginx share the machine's CPUs.\n", threads, o.conns, secs)
	b.WriteString("- Our server: `bin/pnp serve` on a free 127.0.0.1 port, default settings.\n")
	b.WriteString("- nginx: `worker_processes 1`, `access_log off`, `gzip_static on` (each page's gzip form made in advance at best compression, as our server keeps its pages), serving the start page and a question page exactly as our server sent them, as static files.\n")
	fmt.Fprintf(&b, "- Question step: `POST %s` with `action=show&state=…`, the state `%s` (three answers, England) written by the server during a walk of the forms (%d POSTs, a path of %d questions). Each request is parsed, validated and replayed from the start, and the fourth question rendered.\n",
		r.walk.question.path, r.walk.midState, r.walk.posts, r.walk.questions)
	b.WriteString("\n## Throughput\n\n")
	b.WriteString("| Target | Requests/s | p50 | p99 | Ratio to nginx |\n|---|---:|---:|---:|---:|\n")
	for i, res := range r.results {
		fmt.Fprintf(&b, "| %s | %.0f | %s | %s | %.3fx |\n", res.name, res.rps, ms(res.p50), ms(res.p99), r.ratio(i))
	}
	b.WriteString("\n## Targets\n\n")
	for _, g := range goals {
		fmt.Fprintf(&b, "- %s\n", r.verdict(g))
	}
	b.WriteString("\n## Memory and start-up\n\n")
	fmt.Fprintf(&b, "- Resident memory (VmRSS) with every language loaded (GET /{tag}/ for %d language(s) linked from the start page: %s), before any load: **%s**; after all the wrk runs: %s.\n",
		len(r.walk.languages), strings.Join(r.walk.languages, ", "), mib(r.rssLoaded), mib(r.rssAfter))
	fmt.Fprintf(&b, "- Start-up: exec of bin/pnp to the first 200 on /healthz: **%s**.\n", ms(r.startup))
	b.WriteString("\n## Page weights\n\n")
	b.WriteString("Bytes on the wire with `Accept-Encoding: gzip`: the body as sent, and the response headers.\n\n")
	b.WriteString("| Page | Request | Encoding | Body on the wire | Headers | Uncompressed |\n|---|---|---|---:|---:|---:|\n")
	for _, w := range r.weights {
		enc := w.encoding
		if enc == "" {
			enc = "none"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d B | %s |\n", w.name, w.req, enc, kb(w.wire), w.headers, kb(w.plain))
	}
	var plain []string
	for _, w := range r.weights {
		if w.encoding == "" {
			plain = append(plain, strings.ToLower(w.name[:1])+w.name[1:])
		}
	}
	if len(plain) > 0 {
		fmt.Fprintf(&b, "\nSent uncompressed although the request accepted gzip: %s.\n", strings.Join(plain, "; "))
	}
	if r.profile != "" {
		b.WriteString("\n## Where the time goes\n\n")
		b.WriteString("A target was missed, so: `go test ./internal/web -run '^$' -bench BenchmarkQuestionStep -benchtime 2000x -cpuprofile FILE`, then `go tool pprof -top -nodecount 15`:\n\n```\n")
		b.WriteString(r.profile)
		b.WriteString("\n```\n")
	}
	return b.String()
}

func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

func kb(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%d µs", d.Microseconds())
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func gunzipLen(b []byte) (int64, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, zr)
}
