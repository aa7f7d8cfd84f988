package web_test

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startServing runs a server with the given timeouts on loopback and
// returns its address, a function asking it to stop, and a channel
// receiving what ServeListener returned.
func startServing(t *testing.T, timeouts web.Timeouts) (string, context.CancelFunc, chan error) {
	t.Helper()
	set, cat := twoLanguages(t)
	static, err := fs.Sub(checker.Files, "static")
	require.NoError(t, err)
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Timeouts: timeouts, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ServeListener(ctx, ln) }()
	t.Cleanup(cancel)
	return ln.Addr().String(), cancel, done
}

// beginUpload sends a form's headers and part of its body, then stalls.
func beginUpload(t *testing.T, addr, body string, sent int) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	head := "POST /en/check HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Content-Length: " + itoa(len(body)) + "\r\n\r\n"
	_, err = conn.Write([]byte(head + body[:sent]))
	require.NoError(t, err)
	time.Sleep(50 * time.Millisecond) // let the server start reading it
	return conn
}

func within(t *testing.T, done chan error, d time.Duration) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("the server did not stop within %s", d)
		return nil
	}
}

// A stalled upload begun just before a stop must not make the stop fail:
// when the drain runs out, the connection is cut and Serve returns nil, so
// the process exits 0.
func TestStopCutsAStalledUpload(t *testing.T) {
	addr, stop, done := startServing(t, web.Timeouts{Read: time.Minute, Drain: 100 * time.Millisecond})
	beginUpload(t, addr, "action=start&nation=england", 5)
	began := time.Now()
	stop()
	assert.NoError(t, within(t, done, 5*time.Second))
	assert.Less(t, time.Since(began), 2*time.Second, "stopped soon after the drain ran out")
}

// A slow request that finishes within the drain gets its normal answer.
func TestStopLetsARequestInFlightFinish(t *testing.T) {
	addr, stop, done := startServing(t, web.Timeouts{Read: time.Minute, Drain: 5 * time.Second})
	body := "action=start&nation=england"
	conn := beginUpload(t, addr, body, 5)
	stop()
	time.Sleep(100 * time.Millisecond) // the stop has begun: no new connections
	_, err := conn.Write([]byte(body[5:]))
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(page), `name="question" value="care"`)
	assert.NoError(t, within(t, done, 6*time.Second))
}

// With no request in flight, a stop is immediate.
func TestStopWhenIdle(t *testing.T) {
	addr, stop, done := startServing(t, web.Timeouts{Drain: time.Second})
	resp, err := http.Get("http://" + addr + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	stop()
	assert.NoError(t, within(t, done, 3*time.Second))
}

// The read timeout ends a client that never finishes its request.
func TestReadTimeoutEndsAStalledClient(t *testing.T) {
	addr, _, _ := startServing(t, web.Timeouts{Read: 200 * time.Millisecond, ReadHeader: 200 * time.Millisecond})
	conn := beginUpload(t, addr, "action=start&nation=england", 5)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	b, _ := io.ReadAll(conn) // the server answers or closes; either way it does not wait for ever
	assert.NotContains(t, strings.ToLower(string(b)), "200 ok")
}

func itoa(n int) string { return strconv.Itoa(n) }
