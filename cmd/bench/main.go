// Command bench measures the checker's server against nginx serving the
// same pages as static files, with fixed parameters so figures compare
// across runs: start-up time, wrk throughput and latency for four targets,
// resident memory with every language loaded, and compressed page weights.
// It writes a markdown report and exits 0 even when a target is missed (it
// is a measurement); non-zero only when something failed to run.
//
//	go run ./cmd/bench -out docs/benchmarks.md
//
// Standard library only; wrk and nginx come from Debian (installed when run
// as root). Only loopback traffic.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Fixed parameters and bounds on everything the tool waits for.
const (
	threads        = 1 // wrk -t
	healthzTimeout = 15 * time.Second
	nginxTimeout   = 10 * time.Second
	stepTimeout    = 10 * time.Second
	walkSteps      = 30  // longest path through the questions
	walkBudget     = 300 // POSTs the discovery walk may send in all
	answersMid     = 3   // answers in the mid-flow state
	startTarget    = 0.25
	questionTarget = 0.15
)

type options struct {
	bin      string
	out      string
	duration time.Duration
	conns    int
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var o options
	fl.StringVar(&o.bin, "bin", "bin/pnp", "path to the pnp binary (make build)")
	fl.StringVar(&o.out, "out", "docs/benchmarks.md", `markdown report path ("-" for stdout)`)
	fl.DurationVar(&o.duration, "duration", 5*time.Second, "how long wrk drives each target")
	fl.IntVar(&o.conns, "conns", 32, "wrk connections")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if o.duration < time.Second || o.duration > 10*time.Minute {
		fmt.Fprintln(stderr, "bench: -duration must be between 1s and 10m")
		return 2
	}
	if o.conns < threads || o.conns > 10000 {
		fmt.Fprintf(stderr, "bench: -conns must be between %d and 10000\n", threads)
		return 2
	}
	say := func(format string, a ...any) { fmt.Fprintf(stderr, "bench: "+format+"\n", a...) }
	r, err := bench(o, say)
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	md := r.markdown()
	if o.out == "-" {
		fmt.Fprint(stdout, md)
	} else {
		if err := os.WriteFile(o.out, []byte(md), 0o644); err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		say("wrote %s", o.out)
	}
	for _, line := range r.verdicts() {
		say("%s", line)
	}
	return 0
}

func bench(o options, say func(string, ...any)) (*report, error) {
	r := &report{opts: o, started: time.Now().UTC()}
	r.machine = machineInfo()

	wrkPath, err := ensureTool("wrk", "wrk", say)
	if err != nil {
		return nil, err
	}
	r.machine.wrk = wrkVersion(wrkPath)
	nginxPath, err := ensureTool("nginx", "nginx", say)
	if err != nil {
		return nil, err
	}
	r.machine.nginx = nginxVersion(nginxPath)

	srv, err := startServer(o.bin)
	if err != nil {
		return nil, err
	}
	defer srv.kill()
	if r.startup, err = srv.waitHealthy(healthzTimeout); err != nil {
		return nil, err
	}
	say("server pid %d at %s answered /healthz %s after exec", srv.cmd.Process.Pid, srv.base, r.startup.Round(time.Millisecond))

	say("walking the questions")
	w, err := walk(srv.base)
	if err != nil {
		return nil, fmt.Errorf("discovering requests: %w", err)
	}
	r.walk = w
	say("found a path of %d questions (%d POSTs); mid-flow state %q", w.questions, w.posts, w.midState)

	// Every language the start page offers, then the memory.
	for _, tag := range w.languages {
		if _, err := get(srv.base, "/"+tag+"/"); err != nil {
			return nil, fmt.Errorf("loading language %s: %w", tag, err)
		}
	}
	if r.rssLoaded, err = rss(srv.cmd.Process.Pid); err != nil {
		return nil, err
	}

	// Weights with Accept-Encoding: gzip.
	for _, p := range []struct {
		name string
		req  request
	}{{"Start page", w.start}, {"Question page (3 answers)", w.question}, {"Result page", w.result}} {
		wt, err := weigh(srv.base, p.req)
		if err != nil {
			return nil, err
		}
		wt.name = p.name
		r.weights = append(r.weights, wt)
	}

	// nginx serving the same start page and question page as static files.
	ng, err := startNginx(nginxPath, w.startPage, w.questionPage)
	if err != nil {
		return nil, err
	}
	defer ng.stop()
	if err := ng.waitReady(nginxTimeout); err != nil {
		return nil, err
	}
	staticStart := request{method: http.MethodGet, path: "/"}
	if wt, err := weigh(ng.base, staticStart); err != nil {
		return nil, err
	} else {
		wt.name = "Start page from nginx (gzip made in advance)"
		r.weights = append(r.weights, wt)
	}
	say("nginx pid %d at %s", ng.cmd.Process.Pid, ng.base)

	targets := []struct {
		name, base string
		req        request
	}{
		{"nginx: start page (static)", ng.base, staticStart},
		{"pnp: /healthz (the framework floor)", srv.base, request{method: http.MethodGet, path: "/healthz"}},
		{"pnp: start page (GET /en/)", srv.base, w.start},
		{"pnp: question step (POST, 3 answers replayed)", srv.base, w.question},
	}
	for _, t := range targets {
		say("wrk -t%d -c%d -d%s --latency: %s", threads, o.conns, o.duration, t.name)
		res, err := runWrk(wrkPath, t.base, t.req, o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		if res.non2xx3xx > 0 || res.read > 0 || res.write > 0 || res.requests == 0 {
			return nil, fmt.Errorf("%s: wrk saw errors (non-2xx/3xx %d, read %d, write %d, requests %d):\n%s",
				t.name, res.non2xx3xx, res.read, res.write, res.requests, res.output)
		}
		res.name = t.name
		r.results = append(r.results, res)
	}
	if r.rssAfter, err = rss(srv.cmd.Process.Pid); err != nil {
		return nil, err
	}

	if len(r.missed()) > 0 {
		say("a target was missed: profiling BenchmarkQuestionStep")
		prof, err := profile()
		if err != nil {
			return nil, err
		}
		r.profile = prof
	}
	r.finished = time.Now().UTC()
	return r, nil
}

// server is the pnp process under test.
type server struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	logf    *os.File
	started time.Time
	exited  chan struct{}
	err     error
}

func startServer(bin string) (*server, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("no server binary at %s (run make build): %w", bin, err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logf, err := os.CreateTemp("", "pnp-bench-*.log")
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(bin, "serve", "-addr", addr)
	cmd.Stdout, cmd.Stderr = logf, logf
	s := &server{cmd: cmd, base: "http://" + addr, logf: logf, exited: make(chan struct{})}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		os.Remove(logf.Name())
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	go func() { s.err = cmd.Wait(); close(s.exited) }()
	return s, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitHealthy polls /healthz every few milliseconds and returns the time
// from exec to the first 200.
func (s *server) waitHealthy(timeout time.Duration) (time.Duration, error) {
	client := &http.Client{Timeout: time.Second}
	deadline := s.started.Add(timeout)
	var last string
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return 0, fmt.Errorf("the server exited before answering /healthz (%v); its log:\n%s", s.err, s.logTail())
		default:
		}
		resp, err := client.Get(s.base + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(s.started), nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("GET %s/healthz did not answer 200 within %s (last: %s); server log:\n%s", s.base, timeout, last, s.logTail())
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logf.Name())
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// kill stops the server (this process alone, by its pid) and removes its log.
func (s *server) kill() {
	select {
	case <-s.exited:
	default:
		s.cmd.Process.Kill()
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
		}
	}
	s.logf.Close()
	os.Remove(s.logf.Name())
}

// rss reads VmRSS, in KiB, from /proc/PID/status.
func rss(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the server's memory: %w", err)
	}
	return parseVmRSS(string(b))
}

func parseVmRSS(status string) (int64, error) {
	for _, line := range strings.Split(status, "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			if f := strings.Fields(rest); len(f) >= 1 {
				return strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/PID/status")
}
