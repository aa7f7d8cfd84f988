package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// termResult is what the SIGTERM-under-load phase saw.
type termResult struct {
	workers        int
	sent           int
	sentAfterTerm  int
	received       int            // complete responses
	receivedBy     map[string]int // "METHOD path status" -> complete responses
	errorsBy       map[string]int // kind of error -> count
	errorsBefore   int            // failed requests started before SIGTERM
	received5xx    int
	signalErr      error
	exited         bool
	exitCode       int
	shutdown       time.Duration // SIGTERM to exit
	logged         int
	loggedBy       map[string]int
	mismatches     []string // logged but not received
	serverStopped  bool     // the server logged "stopped"
	serverErrLines int
}

func key(method, path string, status int) string {
	return method + " " + path + " " + strconv.Itoa(status)
}

// sigtermUnderLoad runs termWorkers clients sending the three requests in
// turn; after termBefore it sends SIGTERM, keeps sending for termAfter, then
// waits for the server to exit.
func sigtermUnderLoad(s *server, w *walked, drain time.Duration) termResult {
	reqs := w.requests()
	tr := &http.Transport{MaxIdleConns: termWorkers, MaxIdleConnsPerHost: termWorkers, IdleConnTimeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	r := termResult{workers: termWorkers, receivedBy: map[string]int{}, errorsBy: map[string]int{}}
	var mu sync.Mutex
	var termAt time.Time // zero until SIGTERM is sent; guarded by mu
	start := time.Now()
	stopAt := start.Add(termBefore + termAfter)
	const maxPerWorker = 1_000_000

	var wg sync.WaitGroup
	for id := 0; id < termWorkers; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for i := 0; i < maxPerWorker && time.Now().Before(stopAt); i++ {
				q := reqs[(id+i)%len(reqs)]
				mu.Lock()
				afterTerm := !termAt.IsZero()
				mu.Unlock()
				status, err := send(client, s.base, q)
				mu.Lock()
				r.sent++
				if afterTerm {
					r.sentAfterTerm++
				}
				if err != nil {
					r.errorsBy[errorKind(err)]++
					if !afterTerm {
						r.errorsBefore++
					}
				} else {
					r.received++
					r.receivedBy[key(q.method, q.path, status)]++
					if status >= 500 {
						r.received5xx++
					}
				}
				mu.Unlock()
				if err != nil {
					time.Sleep(10 * time.Millisecond) // refused after shutdown: don't spin
				}
			}
		}(id)
	}
	time.Sleep(time.Until(start.Add(termBefore)))
	mu.Lock()
	termAt = time.Now()
	mu.Unlock()
	r.signalErr = s.signalTerm()
	wg.Wait()
	r.exitCode, r.exited = s.exitCode(drain + 10*time.Second - time.Since(termAt))
	if r.exited {
		r.shutdown = s.exitedAt.Sub(termAt)
	}
	return r
}

// send makes one request with a deadline and reads the whole response.
func send(client *http.Client, base string, q request) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), termReqTimeout)
	defer cancel()
	var body io.Reader
	if q.body != "" {
		body = strings.NewReader(q.body)
	}
	req, err := http.NewRequestWithContext(ctx, q.method, base+q.path, body)
	if err != nil {
		return 0, err
	}
	if q.body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, fmt.Errorf("reading the body: %w", err)
	}
	return resp.StatusCode, nil
}

func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed (EOF)"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case strings.Contains(err.Error(), "server closed idle connection"):
		return "server closed idle connection"
	}
	msg := err.Error()
	if len(msg) > 80 {
		msg = msg[:80] + "..."
	}
	return "other: " + msg
}

// logStats is what the server's access log says.
type logStats struct {
	requests  int
	by        map[string]int // "METHOD path status" -> lines
	fiveXX    int
	errLines  int // level=ERROR
	stopped   bool
	malformed int
}

// parseLog reads slog text lines: key=value pairs, values quoted when they
// hold spaces or quotes.
func parseLog(text string) logStats {
	st := logStats{by: map[string]int{}}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		kv := logFields(line)
		if kv["level"] == "ERROR" {
			st.errLines++
		}
		switch kv["msg"] {
		case "stopped":
			st.stopped = true
		case "request":
			status, err := strconv.Atoi(kv["status"])
			if err != nil || kv["method"] == "" || kv["path"] == "" {
				st.malformed++
				continue
			}
			st.requests++
			st.by[key(kv["method"], kv["path"], status)]++
			if status >= 500 {
				st.fiveXX++
			}
		}
	}
	return st
}

func logFields(line string) map[string]string {
	kv := map[string]string{}
	for i := 0; i < len(line); {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		eq := strings.IndexByte(line[i:], '=')
		if eq < 0 {
			break
		}
		k := line[i : i+eq]
		i += eq + 1
		var v string
		if i < len(line) && line[i] == '"' {
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				j = len(line) - 1
			}
			if u, err := strconv.Unquote(line[i : j+1]); err == nil {
				v = u
			} else {
				v = line[i : j+1]
			}
			i = j + 1
		} else {
			j := strings.IndexByte(line[i:], ' ')
			if j < 0 {
				j = len(line) - i
			}
			v = line[i : i+j]
			i += j
		}
		kv[k] = v
	}
	return kv
}

// compare checks that every request the server logged in this phase reached
// the client with the same status.
func (r *termResult) compare(log logStats) {
	r.logged, r.loggedBy = log.requests, log.by
	r.serverStopped, r.serverErrLines = log.stopped, log.errLines
	keys := make([]string, 0, len(log.by))
	for k := range log.by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if n, got := log.by[k], r.receivedBy[k]; n > got {
			r.mismatches = append(r.mismatches, fmt.Sprintf("%s: logged %d, received %d", k, n, got))
		}
	}
}
