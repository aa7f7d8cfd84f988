package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestLuaStringEscapesEverything(t *testing.T) {
	if got := luaString(`a"b\c` + "\n/%"); got != `"a\034b\092c\010\047\037"` {
		t.Errorf("luaString = %s", got)
	}
}

func TestParseWrk(t *testing.T) {
	out := `Running 10s test @ http://127.0.0.1:1234
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.01ms    2.00ms  80.00ms   90.00%
    Req/Sec     5.00k   300.00    6.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    2.10ms
     90%    3.00ms
     99%    1.20s
  100000 requests in 10.01s, 1.20GB read
  Socket errors: connect 3, read 1, write 2, timeout 4
  Non-2xx or 3xx responses: 7
Requests/sec:   9990.50
Transfer/sec:    122.00MB
`
	r, err := parseWrk(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.requests != 100000 || r.rps != 9990.5 || r.p50 != 812*time.Microsecond || r.p99 != 1200*time.Millisecond {
		t.Errorf("parsed %+v", r)
	}
	if r.non2xx3xx != 7 || r.connect != 3 || r.read != 1 || r.write != 2 || r.timeout != 4 {
		t.Errorf("errors %+v", r)
	}
	clean := strings.Replace(strings.Replace(out, "  Socket errors: connect 3, read 1, write 2, timeout 4\n", "", 1), "  Non-2xx or 3xx responses: 7\n", "", 1)
	if r, err := parseWrk(clean); err != nil || r.non2xx3xx != 0 || r.read != 0 {
		t.Errorf("clean run: %+v, %v", r, err)
	}
	if _, err := parseWrk("unable to connect to 127.0.0.1:1 Connection refused"); err == nil {
		t.Error("no error for output without results")
	}
}

func TestParseLog(t *testing.T) {
	log := `time=2026-12-01T04:00:00.000Z level=INFO msg=serving addr=http://127.0.0.1:1 rules=abc
time=2026-12-01T04:00:00.001Z level=INFO msg=request method=GET path=/en/ status=200 duration_ms=0
time=2026-12-01T04:00:00.002Z level=INFO msg=request method=POST path="/en/a b" status=200 duration_ms=1
time=2026-12-01T04:00:00.003Z level=ERROR msg=panic path=/en/check panic="boom \"x\"" stack="..."
time=2026-12-01T04:00:00.004Z level=INFO msg=request method=POST path=/en/check status=500 duration_ms=1
time=2026-12-01T04:00:00.005Z level=INFO msg=stopped
`
	st := parseLog(log)
	if st.requests != 3 || st.fiveXX != 1 || st.errLines != 1 || !st.stopped || st.malformed != 0 {
		t.Errorf("stats %+v", st)
	}
	if st.by["POST /en/a b 200"] != 1 || st.by["GET /en/ 200"] != 1 {
		t.Errorf("by %v", st.by)
	}

	r := termResult{receivedBy: map[string]int{"GET /en/ 200": 1, "POST /en/a b 200": 0}}
	r.compare(st)
	if len(r.mismatches) != 2 {
		t.Errorf("mismatches %v", r.mismatches)
	}
}

// A fake flow: the first answer to the first question ends at once, so the
// walk must back up; answers then lead through three questions to a result.
func TestWalkBacksUpToFindThreeQuestions(t *testing.T) {
	question := func(state, name string, answers ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<form method="post" action="/en/check" class="back-form"><input type="hidden" name="state" value="%s"></form>`, state)
		fmt.Fprintf(&b, `<form method="post" action="check"><input type="hidden" name="state" value="%s"><input type="hidden" name="question" value="%s">`, state, name)
		for _, a := range answers {
			fmt.Fprintf(&b, `<input type="radio" name="answer" value="%s">`, a)
		}
		return b.String() + `</form>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /en/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<form method="post" action="/en/check"><input type="radio" name="nation" value="england"></form>`)
	})
	mux.HandleFunc("POST /en/check", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if r.Form.Get("action") == "start" {
			fmt.Fprint(w, question("s0", "care", "gp", "hospital"))
			return
		}
		if r.Form.Get("action") != "next" || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		state := r.Form.Get("state") + "," + r.Form.Get("answer")
		switch state {
		case "s0,gp":
			fmt.Fprint(w, "<h1>free</h1>")
		case "s0,hospital":
			fmt.Fprint(w, question(state, "q2", "x"))
		case "s0,hospital,x":
			fmt.Fprint(w, question(state, "q3", "y"))
		case "s0,hospital,x,y":
			fmt.Fprint(w, "<h1>result</h1>")
		default:
			http.Error(w, "unknown "+state, http.StatusBadRequest)
		}
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	w, err := walk(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	if w.questions != 3 || strings.Join(w.answers, ",") != "hospital,x,y" {
		t.Errorf("walked %+v", w)
	}
	q, _ := url.ParseQuery(w.question.body)
	if q.Get("state") != "s0,hospital" || q.Get("answer") != "x" || q.Get("action") != "next" {
		t.Errorf("question step %q", w.question.body)
	}
	res, _ := url.ParseQuery(w.result.body)
	if res.Get("state") != "s0,hospital,x" || res.Get("answer") != "y" || w.result.path != "/en/check" {
		t.Errorf("result step %s %q", w.result.path, w.result.body)
	}
}
