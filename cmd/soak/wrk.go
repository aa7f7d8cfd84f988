package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ensureWrk finds wrk, installing Debian's package when run as root.
func ensureWrk(say func(string, ...any)) (string, error) {
	if p, err := exec.LookPath("wrk"); err == nil {
		return p, nil
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		return "", fmt.Errorf("wrk is missing: install Debian's wrk (apt-get install wrk) and run again")
	}
	say("installing Debian's wrk")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "wrk"}} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			return "", fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return exec.LookPath("wrk")
}

func wrkVersion(path string) string {
	out, _ := exec.Command(path, "-v").CombinedOutput()
	line, _, _ := strings.Cut(string(out), "\n")
	if f := strings.Fields(line); len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return "wrk"
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

// luaScript rotates among the requests, one after another on each thread.
func luaScript(reqs []request) string {
	var b strings.Builder
	// The requests are formatted in init, which wrk calls once it has set
	// the Host header; at load time wrk.format would leave it out.
	b.WriteString("-- written by cmd/soak: rotates among the discovered requests\nlocal reqs = {}\ninit = function(args)\n")
	for i, r := range reqs {
		if r.body == "" {
			fmt.Fprintf(&b, "  reqs[%d] = wrk.format(%s, %s)\n", i+1, luaString(r.method), luaString(r.path))
		} else {
			fmt.Fprintf(&b, "  reqs[%d] = wrk.format(%s, %s, {[\"Content-Type\"] = \"application/x-www-form-urlencoded\"}, %s)\n",
				i+1, luaString(r.method), luaString(r.path), luaString(r.body))
		}
	}
	fmt.Fprintf(&b, "end\nlocal n, i = %d, 0\nrequest = function()\n  i = i %% n + 1\n  return reqs[i]\nend\n", len(reqs))
	return b.String()
}

// wrkResult is what wrk reported.
type wrkResult struct {
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

func runWrk(path, base string, w *walked, o options) (wrkResult, error) {
	f, err := os.CreateTemp("", "pnp-soak-*.lua")
	if err != nil {
		return wrkResult{}, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(luaScript(w.requests())); err != nil {
		f.Close()
		return wrkResult{}, err
	}
	f.Close()
	secs := int(o.duration.Round(time.Second) / time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), o.duration+60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, fmt.Sprintf("-t%d", threads), fmt.Sprintf("-c%d", o.conns),
		fmt.Sprintf("-d%ds", secs), "--latency", "-s", f.Name(), base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	r, err := parseWrk(string(out))
	if err != nil {
		return r, fmt.Errorf("reading wrk's output: %v\n%s", err, out)
	}
	return r, nil
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
	m = wrkRPSRe.FindStringSubmatch(out)
	if m == nil {
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
