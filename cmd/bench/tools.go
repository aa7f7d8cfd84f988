package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ensureTool finds a command, installing its Debian package when run as root.
func ensureTool(name, pkg string, say func(string, ...any)) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, dir := range []string{"/usr/sbin", "/sbin"} {
		if p := filepath.Join(dir, name); isExec(p) {
			return p, nil
		}
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		return "", fmt.Errorf("%s is missing: install Debian's %s (apt-get install %s) and run again", name, pkg, pkg)
	}
	say("installing Debian's %s", pkg)
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", pkg}} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			return "", fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	if p := filepath.Join("/usr/sbin", name); isExec(p) {
		return p, nil
	}
	return "", fmt.Errorf("%s is still missing after apt-get install %s", name, pkg)
}

func isExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

func wrkVersion(path string) string {
	out, _ := exec.Command(path, "-v").CombinedOutput()
	return parseWrkVersion(string(out))
}

// parseWrkVersion reads "wrk debian/4.1.0-3+b2 [epoll] Copyright ...".
func parseWrkVersion(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	if f := strings.Fields(line); len(f) >= 2 && f[0] == "wrk" {
		return f[0] + " " + f[1]
	}
	return "wrk (unknown version)"
}

func nginxVersion(path string) string {
	out, _ := exec.Command(path, "-v").CombinedOutput()
	return parseNginxVersion(string(out))
}

// parseNginxVersion reads "nginx version: nginx/1.22.1".
func parseNginxVersion(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "nginx version:"); ok {
			if v := strings.TrimSpace(rest); v != "" {
				return v
			}
		}
	}
	return "nginx (unknown version)"
}

// luaString quotes s for Lua, escaping every byte that is not a letter or a
// digit as \ddd, so no body can break out of the string.
func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// luaScript sets the one request wrk repeats: its method, body and headers,
// always with Accept-Encoding: gzip.
func luaScript(r request) string {
	var b strings.Builder
	b.WriteString("-- written by cmd/bench\n")
	fmt.Fprintf(&b, "wrk.method = %s\n", luaString(r.method))
	b.WriteString("wrk.headers[\"Accept-Encoding\"] = \"gzip\"\n")
	if r.body != "" {
		fmt.Fprintf(&b, "wrk.body = %s\n", luaString(r.body))
		b.WriteString("wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n")
	}
	return b.String()
}

// wrkResult is what wrk reported for one target.
type wrkResult struct {
	name        string
	requests    int64
	seconds     float64
	rps         float64
	p50, p99    time.Duration
	non2xx3xx   int64
	connect     int64
	read, write int64
	timeout     int64
	output      string
}

func runWrk(path, base string, r request, o options) (wrkResult, error) {
	f, err := os.CreateTemp("", "pnp-bench-*.lua")
	if err != nil {
		return wrkResult{}, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(luaScript(r)); err != nil {
		f.Close()
		return wrkResult{}, err
	}
	f.Close()
	secs := int(o.duration.Round(time.Second) / time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), o.duration+60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, fmt.Sprintf("-t%d", threads), fmt.Sprintf("-c%d", o.conns),
		fmt.Sprintf("-d%ds", secs), "--latency", "-s", f.Name(), base+r.path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	res, err := parseWrk(string(out))
	if err != nil {
		return res, fmt.Errorf("reading wrk's output: %v\n%s", err, out)
	}
	return res, nil
}

var (
	wrkTotalRe  = regexp.MustCompile(`(?m)^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)`)
	wrkRPSRe    = regexp.MustCompile(`(?m)^Requests/sec:\s*([\d.]+)`)
	wrkPctRe    = regexp.MustCompile(`(?m)^\s*(50|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$`)
	wrkNonRe    = regexp.MustCompile(`(?m)^\s*Non-2xx or 3xx responses:\s*(\d+)`)
	wrkSocketRe = regexp.MustCompile(`(?m)^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

func wrkDuration(num, unit string) (time.Duration, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, err
	}
	mult := map[string]float64{"us": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9}[unit]
	return time.Duration(v * mult), nil
}

// parseWrk reads wrk's text output (with --latency). The socket-error and
// non-2xx lines are printed only when non-zero.
func parseWrk(out string) (wrkResult, error) {
	r := wrkResult{output: out}
	m := wrkTotalRe.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("no request count")
	}
	r.requests, _ = strconv.ParseInt(m[1], 10, 64)
	d, err := wrkDuration(m[2], m[3])
	if err != nil {
		return r, err
	}
	r.seconds = d.Seconds()
	if m = wrkRPSRe.FindStringSubmatch(out); m == nil {
		return r, fmt.Errorf("no Requests/sec")
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	pcts := wrkPctRe.FindAllStringSubmatch(out, -1)
	if len(pcts) != 2 {
		return r, fmt.Errorf("no latency distribution (50%% and 99%%)")
	}
	for _, p := range pcts {
		d, err := wrkDuration(p[2], p[3])
		if err != nil {
			return r, err
		}
		if p[1] == "50" {
			r.p50 = d
		} else {
			r.p99 = d
		}
	}
	if m = wrkNonRe.FindStringSubmatch(out); m != nil {
		r.non2xx3xx, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m = wrkSocketRe.FindStringSubmatch(out); m != nil {
		r.connect, _ = strconv.ParseInt(m[1], 10, 64)
		r.read, _ = strconv.ParseInt(m[2], 10, 64)
		r.write, _ = strconv.ParseInt(m[3], 10, 64)
		r.timeout, _ = strconv.ParseInt(m[4], 10, 64)
	}
	return r, nil
}

// weight is a page's size on the wire with Accept-Encoding: gzip.
type weight struct {
	name     string
	req      request
	encoding string // Content-Encoding
	wire     int64  // body bytes as sent
	plain    int64  // body bytes once decompressed
	headers  int64  // response header bytes, as HTTP/1.1 text
}

// weigh sends r with Accept-Encoding: gzip on a transport that leaves the
// body compressed, and counts the bytes.
func weigh(base string, r request) (weight, error) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, base+r.path, body)
	if err != nil {
		return weight{}, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if r.body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{Timeout: stepTimeout, Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return weight{}, fmt.Errorf("%s: %w", r, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return weight{}, fmt.Errorf("%s: %w", r, err)
	}
	if resp.StatusCode != http.StatusOK {
		return weight{}, fmt.Errorf("%s answered %s", r, resp.Status)
	}
	w := weight{req: r, encoding: resp.Header.Get("Content-Encoding"), wire: int64(len(raw)), plain: int64(len(raw))}
	var hb strings.Builder
	fmt.Fprintf(&hb, "%s %s\r\n", resp.Proto, resp.Status)
	resp.Header.Write(&hb)
	hb.WriteString("\r\n")
	w.headers = int64(hb.Len())
	if w.encoding == "gzip" {
		n, err := gunzipLen(raw)
		if err != nil {
			return w, fmt.Errorf("%s: gzip body: %w", r, err)
		}
		w.plain = n
	}
	return w, nil
}

// nginx is the nginx master process serving the static copies.
type nginx struct {
	cmd    *exec.Cmd
	dir    string
	base   string
	stderr *strings.Builder
	exited chan struct{}
	err    error
}

// nginxConf is the whole configuration: one worker, in the foreground,
// serving dir on addr, each page's gzip form made in advance (gzip_static),
// as our server keeps its pages compressed: like is compared with like.
func nginxConf(dir, addr string) string {
	return fmt.Sprintf(`# written by cmd/bench
worker_processes 1;
daemon off;
error_log stderr;
pid %[1]s/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    types { text/html html; }
    default_type application/octet-stream;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    gzip_static on;
    server {
        listen %[2]s;
        root %[1]s/www;
        index index.html;
    }
}
`, dir, addr)
}

func startNginx(path, startPage, questionPage string) (*nginx, error) {
	dir, err := os.MkdirTemp("", "pnp-bench-nginx-")
	if err != nil {
		return nil, err
	}
	// nginx's worker may run as nobody: everything it serves is readable.
	www := filepath.Join(dir, "www")
	if err := os.Mkdir(www, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	os.Chmod(dir, 0o755)
	for name, body := range map[string]string{"index.html": startPage, "question.html": questionPage} {
		var zipped bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestCompression)
		zw.Write([]byte(body))
		zw.Close()
		if err := os.WriteFile(filepath.Join(www, name), []byte(body), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(www, name+".gz"), zipped.Bytes(), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConf(dir, addr)), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	n := &nginx{dir: dir, base: "http://" + addr, stderr: &strings.Builder{}, exited: make(chan struct{})}
	n.cmd = exec.Command(path, "-e", "stderr", "-p", dir, "-c", conf)
	n.cmd.Stdout, n.cmd.Stderr = n.stderr, n.stderr
	if err := n.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting nginx: %w", err)
	}
	go func() { n.err = n.cmd.Wait(); close(n.exited) }()
	return n, nil
}

func (n *nginx) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-n.exited:
			return fmt.Errorf("nginx exited (%v):\n%s", n.err, n.stderr)
		default:
		}
		resp, err := client.Get(n.base + "/")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("nginx did not answer 200 at %s/ within %s", n.base, timeout)
}

// stop ends the nginx master this tool started (by its pid; it stops its
// worker) and removes the temp dir.
func (n *nginx) stop() {
	select {
	case <-n.exited:
	default:
		n.cmd.Process.Signal(os.Interrupt) // SIGINT: fast shutdown
		select {
		case <-n.exited:
		case <-time.After(5 * time.Second):
			n.cmd.Process.Kill()
			select {
			case <-n.exited:
			case <-time.After(5 * time.Second):
			}
		}
	}
	os.RemoveAll(n.dir)
}

// profile runs the question-step Go benchmark under the CPU profiler and
// returns the top of go tool pprof -top.
func profile() (string, error) {
	dir, err := os.MkdirTemp("", "pnp-bench-prof-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "cpu.prof")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	goBin := "go"
	if g := os.Getenv("GO"); g != "" {
		goBin = g
	}
	test := exec.CommandContext(ctx, goBin, "test", "./internal/web", "-run", "^$", "-bench", "BenchmarkQuestionStep",
		"-benchtime", "2000x", "-cpuprofile", file, "-o", filepath.Join(dir, "web.test"))
	if out, err := test.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go test -bench BenchmarkQuestionStep: %v\n%s", err, out)
	}
	top := exec.CommandContext(ctx, goBin, "tool", "pprof", "-top", "-nodecount", "15", filepath.Join(dir, "web.test"), file)
	out, err := top.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %v\n%s", err, out)
	}
	return pprofTop(string(out)), nil
}

// pprofTop keeps pprof's summary and table, dropping the File/Type/Time
// preamble lines that name temp paths.
func pprofTop(out string) string {
	var keep []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") ||
			strings.HasPrefix(line, "Time:") || strings.HasPrefix(line, "Main binary filename:") {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}
