// Command soak load-tests the checker's server: it starts bin/pnp on a free
// loopback port, finds real requests by walking the HTML, runs wrk against
// them, samples the server's resident memory, then sends SIGTERM while a Go
// client keeps sending and checks that every request the server logged
// reached the client. It writes a markdown report and exits non-zero when a
// check fails.
//
//	go run ./cmd/soak -duration 60s -out docs/soak.md
//
// Standard library only; wrk comes from Debian (installed when run as root).
package main

import (
	"context"
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
	"syscall"
	"time"
)

// Bounds on everything the tool waits for.
const (
	healthzTimeout = 15 * time.Second
	walkSteps      = 30  // longest path through the questions
	walkBudget     = 200 // POSTs the discovery walk may send in all
	stepTimeout    = 10 * time.Second
	threads        = 2 // wrk -t
	termWorkers    = 50
	termBefore     = 2 * time.Second // load before SIGTERM
	termAfter      = 1 * time.Second // load after SIGTERM
	termReqTimeout = 5 * time.Second
	settle         = 2 * time.Second // wait after wrk before the last RSS sample
)

type options struct {
	bin      string
	duration time.Duration
	conns    int
	out      string
	drain    time.Duration
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("soak", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var o options
	fl.StringVar(&o.bin, "bin", "bin/pnp", "path to the pnp binary")
	fl.DurationVar(&o.duration, "duration", 60*time.Second, "how long wrk runs")
	fl.IntVar(&o.conns, "conns", 200, "wrk connections")
	fl.StringVar(&o.out, "out", "docs/soak.md", `markdown report path ("-" for stdout)`)
	fl.DurationVar(&o.drain, "drain", 3*time.Second, "the server's -drain: how long it waits for requests in flight on SIGTERM")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if o.duration < time.Second || o.duration > time.Hour {
		fmt.Fprintln(stderr, "soak: -duration must be between 1s and 1h")
		return 2
	}
	if o.conns < threads || o.conns > 10000 {
		fmt.Fprintf(stderr, "soak: -conns must be between %d and 10000\n", threads)
		return 2
	}
	if o.drain <= 0 || o.drain > time.Minute {
		fmt.Fprintln(stderr, "soak: -drain must be between 0 and 1m")
		return 2
	}
	r, err := soak(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "soak: %v\n", err)
		return 1
	}
	md := r.markdown()
	if o.out == "-" {
		fmt.Fprint(stdout, md)
	} else {
		if err := os.WriteFile(o.out, []byte(md), 0o644); err != nil {
			fmt.Fprintf(stderr, "soak: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "soak: wrote %s\n", o.out)
	}
	if fails := r.failures(); len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintf(stderr, "soak: FAIL: %s\n", f)
		}
		return 1
	}
	fmt.Fprintln(stderr, "soak: all checks passed")
	return 0
}

// server is the pnp process under test.
type server struct {
	cmd      *exec.Cmd
	base     string // http://127.0.0.1:PORT
	logf     *os.File
	exited   chan struct{}
	exitedAt time.Time
	err      error // from Wait, once exited is closed
}

func soak(o options, progress io.Writer) (*report, error) {
	say := func(format string, a ...any) { fmt.Fprintf(progress, "soak: "+format+"\n", a...) }
	r := &report{opts: o, started: time.Now().UTC()}
	r.machine = machineInfo(o.bin)

	wrkPath, err := ensureWrk(say)
	if err != nil {
		return nil, err
	}
	r.machine.wrk = wrkVersion(wrkPath)

	srv, err := startServer(o.bin, o.drain)
	if err != nil {
		return nil, err
	}
	defer srv.kill()
	say("server pid %d at %s (log %s)", srv.cmd.Process.Pid, srv.base, srv.logf.Name())
	if err := srv.waitHealthy(healthzTimeout); err != nil {
		return nil, err
	}

	say("walking the questions")
	w, err := walk(srv.base)
	if err != nil {
		return nil, fmt.Errorf("discovering requests: %w", err)
	}
	r.walk = w
	say("found a path of %d questions; using question %d and the result step", w.questions, 3)

	pid := srv.cmd.Process.Pid
	if r.rssBefore, err = rss(pid); err != nil {
		return nil, err
	}
	say("running wrk for %s with %d connections", o.duration, o.conns)
	stopSampling := make(chan struct{})
	sampled := make(chan int64, 1)
	go func() { sampled <- sampleMax(pid, stopSampling) }()
	r.wrk, err = runWrk(wrkPath, srv.base, w, o)
	close(stopSampling)
	r.rssMax = <-sampled
	if err != nil {
		return nil, err
	}
	time.Sleep(settle)
	if r.rssAfter, err = rss(pid); err != nil {
		return nil, err
	}
	if r.rssMax < r.rssAfter {
		r.rssMax = r.rssAfter
	}
	if r.rssMax < r.rssBefore {
		r.rssMax = r.rssBefore
	}

	// Everything the server logs from here on belongs to the SIGTERM phase.
	offset, err := srv.logf.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	say("SIGTERM under load: %d clients for %s, then SIGTERM, then %s more", termWorkers, termBefore, termAfter)
	r.term = sigtermUnderLoad(srv, w, o.drain)
	logText, err := os.ReadFile(srv.logf.Name())
	if err != nil {
		return nil, err
	}
	r.logAll = parseLog(string(logText))
	r.logTerm = parseLog(string(logText[offset:]))
	r.term.compare(r.logTerm)
	r.finished = time.Now().UTC()
	return r, nil
}

func startServer(bin string, drain time.Duration) (*server, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("no server binary at %s (run make build): %w", bin, err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logf, err := os.CreateTemp("", "pnp-soak-*.log")
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(bin, "serve", "-addr", addr, "-drain", drain.String())
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, logf: logf, exited: make(chan struct{})}
	go func() { s.err = cmd.Wait(); s.exitedAt = time.Now(); close(s.exited) }()
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

func (s *server) waitHealthy(timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	var last string
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("the server exited before answering /healthz (%v); its log:\n%s", s.err, s.logTail())
		default:
		}
		resp, err := client.Get(s.base + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("GET %s/healthz did not answer 200 within %s (last: %s); server log:\n%s", s.base, timeout, last, s.logTail())
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logf.Name())
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// kill stops the server if it is still running (only this process, by its
// pid) and removes its log.
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
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				return strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// sampleMax samples RSS every second until stop is closed and returns the
// largest sample.
func sampleMax(pid int, stop <-chan struct{}) int64 {
	var max int64
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if v, err := rss(pid); err == nil && v > max {
			max = v
		}
		select {
		case <-stop:
			return max
		case <-t.C:
		}
	}
}

// signalTerm sends SIGTERM to the server process alone.
func (s *server) signalTerm() error { return s.cmd.Process.Signal(syscall.SIGTERM) }

// exitCode waits up to timeout for the server to exit.
func (s *server) exitCode(timeout time.Duration) (int, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	select {
	case <-s.exited:
		return s.cmd.ProcessState.ExitCode(), true
	case <-ctx.Done():
		return -1, false
	}
}
