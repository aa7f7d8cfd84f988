package main

import (
	"strings"
	"testing"
	"time"
)

const wrkOut = `Running 5s test @ http://127.0.0.1:41885/en/check
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    14.80ms    9.12ms  89.00ms   80.12%
    Req/Sec     2.44k   210.33     2.80k    70.00%
  Latency Distribution
     50%   14.23ms
     75%   18.01ms
     90%   24.50ms
     99%   89.00ms
  12158 requests in 5.01s, 42.56MB read
  Socket errors: connect 0, read 1, write 2, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   2425.37
Transfer/sec:      8.49MB
`

func TestParseWrk(t *testing.T) {
	r, err := parseWrk(wrkOut)
	if err != nil {
		t.Fatal(err)
	}
	if r.requests != 12158 || r.seconds != 5.01 || r.rps != 2425.37 {
		t.Errorf("requests %d in %gs at %g/s", r.requests, r.seconds, r.rps)
	}
	if r.p50 != 14230*time.Microsecond || r.p99 != 89*time.Millisecond {
		t.Errorf("p50 %s p99 %s", r.p50, r.p99)
	}
	if r.read != 1 || r.write != 2 || r.timeout != 3 || r.non2xx3xx != 7 {
		t.Errorf("errors: %+v", r)
	}
}

func TestParseWrkUnits(t *testing.T) {
	out := strings.NewReplacer("14.23ms", "812.00us", "89.00ms", "1.20s").Replace(wrkOut)
	r, err := parseWrk(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.p50 != 812*time.Microsecond || r.p99 != 1200*time.Millisecond {
		t.Errorf("p50 %s p99 %s", r.p50, r.p99)
	}
}

func TestParseWrkIncomplete(t *testing.T) {
	for _, cut := range []string{"  Latency Distribution", "Requests/sec:", "  12158 requests"} {
		i := strings.Index(wrkOut, cut)
		if _, err := parseWrk(wrkOut[:i]); err == nil {
			t.Errorf("output cut at %q parsed without an error", cut)
		}
	}
}

func TestVersions(t *testing.T) {
	if got := parseWrkVersion("wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: ..."); got != "wrk debian/4.1.0-3+b2" {
		t.Errorf("wrk: %q", got)
	}
	if got := parseNginxVersion("nginx version: nginx/1.22.1\n"); got != "nginx/1.22.1" {
		t.Errorf("nginx: %q", got)
	}
	if got := parseNginxVersion("something else"); !strings.Contains(got, "unknown") {
		t.Errorf("nginx, no version: %q", got)
	}
}

func TestParseVmRSS(t *testing.T) {
	got, err := parseVmRSS("Name:\tpnp\nVmPeak:\t 1300000 kB\nVmRSS:\t   28264 kB\nRssAnon:\t 10000 kB\n")
	if err != nil || got != 28264 {
		t.Errorf("got %d, %v", got, err)
	}
	if _, err := parseVmRSS("Name:\tpnp\n"); err == nil {
		t.Error("no VmRSS line parsed without an error")
	}
}

func TestParseLoadavg(t *testing.T) {
	if got := parseLoadavg("3.86 4.29 5.98 3/512 10715\n"); got != "3.86 4.29 5.98" {
		t.Errorf("got %q", got)
	}
}

func TestLuaScript(t *testing.T) {
	s := luaScript(request{method: "POST", path: "/en/check", body: `action=show&state=a"b\` + "\n"})
	for _, want := range []string{`wrk.method = "POST"`, `wrk.headers["Accept-Encoding"] = "gzip"`, `wrk.body = "action\061show\038state\061a\034b\092\010"`, "Content-Type"} {
		if !strings.Contains(s, want) {
			t.Errorf("script lacks %s:\n%s", want, s)
		}
	}
	if g := luaScript(request{method: "GET", path: "/en/"}); strings.Contains(g, "wrk.body") {
		t.Errorf("GET script sets a body:\n%s", g)
	}
}

func TestNginxConf(t *testing.T) {
	c := nginxConf("/tmp/d", "127.0.0.1:9999")
	for _, want := range []string{"worker_processes 1;", "daemon off;", "error_log stderr;", "pid /tmp/d/nginx.pid;", "access_log off;", "gzip_static on;", "listen 127.0.0.1:9999;", "root /tmp/d/www;"} {
		if !strings.Contains(c, want) {
			t.Errorf("config lacks %q", want)
		}
	}
}

func TestPprofTop(t *testing.T) {
	out := "File: web.test\nBuild ID: abc\nType: cpu\nTime: 2026-12-01\nDuration: 1s, Total samples = 900ms\nShowing nodes accounting for 600ms\n      flat  flat%%   sum%%        cum   cum%%\n     100ms 11%% 11%% 200ms 22%%  runtime.mallocgc\n"
	got := pprofTop(out)
	if strings.Contains(got, "File:") || strings.Contains(got, "Build ID") || strings.Contains(got, "Time:") {
		t.Errorf("preamble kept:\n%s", got)
	}
	if !strings.Contains(got, "runtime.mallocgc") || !strings.Contains(got, "Type: cpu") {
		t.Errorf("table lost:\n%s", got)
	}
}

func TestVerdict(t *testing.T) {
	r := &report{results: []wrkResult{{rps: 1000}, {rps: 3000}, {rps: 200}, {rps: 400}}}
	if m := r.missed(); len(m) != 1 || m[0].name != "Start page" {
		t.Fatalf("missed %v", m)
	}
	v := r.verdict(goals[0])
	if !strings.Contains(v, "missed** by 0.050x") || !strings.Contains(v, "50 requests/s short of 250") || !strings.Contains(v, "25% more") {
		t.Errorf("verdict: %s", v)
	}
	if v := r.verdict(goals[1]); !strings.Contains(v, "**met**") {
		t.Errorf("verdict: %s", v)
	}
}
