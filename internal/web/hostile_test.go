package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// arabic is a small Arabic catalogue beside the real English one, so
// tests can tell which language an error page is in.
var arabicErrors = map[string]string{
	"error.404.title": "الصفحة غير موجودة",
	"error.405.title": "لا يمكن فتح هذه الصفحة بهذه الطريقة",
	"error.400.title": "لم نتمكن من قراءة إجاباتك",
	"error.start":     "ابدأ من جديد",
}

// twoLanguages returns the real rules and an English and Arabic catalogue.
func twoLanguages(t *testing.T) (*rules.Set, *i18n.Catalog) {
	t.Helper()
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	locales := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(checker.Files, "locales", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(checker.Files, p)
		locales[strings.TrimPrefix(p, "locales/")] = &fstest.MapFile{Data: data}
		return err
	}))
	english, err := i18n.Load(locales, ".")
	require.NoError(t, err)
	arabic := map[string]map[string]string{}
	for id, text := range arabicErrors {
		arabic[id] = map[string]string{"hash": english.HashOf(id), "other": text}
	}
	doc, err := json.Marshal(arabic)
	require.NoError(t, err)
	locales["languages.yaml"] = &fstest.MapFile{Data: []byte("languages:\n  - {tag: en, name: English, english: English, dir: ltr, reviewed: source}\n  - {tag: ar, name: العربية, english: Arabic, dir: rtl}\n")}
	locales["ar.json"] = &fstest.MapFile{Data: doc}
	cat, err := i18n.Load(locales, ".")
	require.NoError(t, err)
	return set, cat
}

func newServerTwo(t *testing.T) *testServer {
	t.Helper()
	set, cat := twoLanguages(t)
	static, err := fs.Sub(checker.Files, "static")
	require.NoError(t, err)
	logs := &bytes.Buffer{}
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	require.NoError(t, err)
	ts := &testServer{Server: httptestServer(t, srv.Handler()), set: set, cat: cat, logs: logs}
	return ts
}

// Monitors probe with HEAD: every page reached by GET answers HEAD the same
// way, with no body. Other methods get 405 with an Allow header that tells
// the truth; OPTIONS gets 204.
func TestMethods(t *testing.T) {
	ts := newServer(t, correctOn(t))
	css := cssURL(t, ts)
	gets := []string{"/", "/healthz", css, "/en", "/en/", "/en/check", "/en/help/bill", "/en/staff/england", "/en/rules/wales", "/en/rules/wales/mermaid"}
	for _, path := range gets {
		t.Run("HEAD "+path, func(t *testing.T) {
			get := ts.do(t, "GET", path, nil)
			head := ts.do(t, "HEAD", path, nil)
			assert.Equal(t, get.status, head.status)
			assert.Less(t, head.status, 400)
			assert.Empty(t, head.body)
			assert.Equal(t, get.header.Get("Content-Type"), head.header.Get("Content-Type"))
		})
		for _, m := range []string{"PUT", "DELETE", "PATCH", "TRACE", "CONNECT"} {
			t.Run(m+" "+path, func(t *testing.T) {
				p := ts.do(t, m, path, nil)
				assert.Equal(t, http.StatusMethodNotAllowed, p.status)
				allow := p.header.Get("Allow")
				assert.Contains(t, allow, "GET")
				assert.Contains(t, allow, "HEAD")
				assert.NotContains(t, allow, m)
				if m != "CONNECT" {
					assert.Contains(t, p.body, "This page cannot be opened that way")
				}
			})
		}
	}
	p := ts.do(t, "POST", "/en/help/bill", url.Values{})
	assert.Equal(t, http.StatusMethodNotAllowed, p.status)
	assert.NotContains(t, p.header.Get("Allow"), "POST")
	p = ts.do(t, "DELETE", "/en/check", nil)
	assert.Contains(t, p.header.Get("Allow"), "POST")
	p = ts.do(t, "OPTIONS", "/en/check", nil)
	assert.Equal(t, http.StatusNoContent, p.status)
	assert.Contains(t, p.header.Get("Allow"), "POST")
}

// An error under a language's path is in that language, whatever the
// browser asks for; elsewhere it follows the browser.
func TestErrorsSpeakThePathsLanguage(t *testing.T) {
	ts := newServerTwo(t)
	for _, tt := range []struct{ method, path, want string }{
		{"GET", "/ar/nowhere", "الصفحة غير موجودة"},
		{"GET", "/ar/help/nothing", "الصفحة غير موجودة"},
		{"PUT", "/ar/check", "لا يمكن فتح هذه الصفحة بهذه الطريقة"},
		{"DELETE", "/ar/help/bill", "لا يمكن فتح هذه الصفحة بهذه الطريقة"},
		{"POST", "/ar/check", "لم نتمكن من قراءة إجاباتك"},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			p := ts.do(t, tt.method, tt.path, url.Values{"action": {"show"}, "state": {"junk"}}, "Accept-Language", "en")
			assert.Contains(t, p.body, `<html lang="ar" dir="rtl"`)
			assert.Contains(t, p.body, tt.want)
			assert.Contains(t, p.body, `href="/ar/"`)
		})
	}
	p := ts.do(t, "GET", "/zz/nowhere", nil, "Accept-Language", "ar")
	assert.Contains(t, p.body, `<html lang="ar"`)
}

// Paths with empty segments get the friendly 404 with every security
// header and a log line, never a redirect.
func TestDoubleSlashPaths(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, path := range []string{"/en//check", "//evil.example", "/static//x", "//en/", "/en/help//bill"} {
		t.Run(path, func(t *testing.T) {
			ts.logs.Reset()
			p := ts.do(t, "GET", path, nil)
			assert.Equal(t, http.StatusNotFound, p.status)
			assert.Empty(t, p.header.Get("Location"))
			assertSecure(t, p)
			assert.Contains(t, p.body, "Page not found")
			assert.Contains(t, ts.logs.String(), "status=404")
		})
	}
}

// Answers are read from the form body only: a query string on the flow is
// refused, even with nothing in the body.
func TestAnswersInTheAddressAreRefused(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, path := range []string{"/en/check?action=start&nation=england", "/en/check?", "/en/check?x"} {
		p := ts.do(t, "POST", path, url.Values{})
		assert.Equal(t, http.StatusBadRequest, p.status, path)
		assert.Contains(t, p.body, "Answers cannot be sent in a web address", path)
	}
	p := ts.do(t, "POST", "/en/check?action=next", url.Values{"action": {"start"}, "nation": {"england"}})
	assert.Equal(t, http.StatusBadRequest, p.status, "a query is refused even beside a good body")
}

// The body limit is the same whether the length is declared or the body
// is chunked, and it is answered with 413.
func TestBodyLimit(t *testing.T) {
	ts := newServer(t, correctOn(t))
	post := func(body io.Reader, length int64) page {
		req, err := http.NewRequest("POST", ts.URL+"/en/check", body)
		require.NoError(t, err)
		req.ContentLength = length
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return page{status: resp.StatusCode, header: resp.Header, body: string(b)}
	}
	field := "action=show&state=" + strings.Repeat("a", web.MaxBody)
	for _, tt := range []struct {
		name   string
		body   io.Reader
		length int64
	}{
		{"declared", strings.NewReader(field), int64(len(field))},
		{"chunked", io.MultiReader(strings.NewReader(field)), -1},
		{"declared 10 MB", strings.NewReader(strings.Repeat("a", 10<<20)), 10 << 20},
		{"chunked 10 MB", io.MultiReader(strings.NewReader(strings.Repeat("a", 10<<20))), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := post(tt.body, tt.length)
			assert.Equal(t, http.StatusRequestEntityTooLarge, p.status)
			assert.Contains(t, p.body, "What you sent is too large")
		})
	}
	ok := "action=start&nation=england&pad=" + strings.Repeat("a", web.MaxBody-100)
	assert.Equal(t, http.StatusOK, post(strings.NewReader(ok), -1).status, "a chunked body under the limit is read")
}

// The hostile-input table: every row gets its status, the friendly page in
// English with a way to start again, the security headers and a log line,
// and reflects nothing of what was sent.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	const marker = "<b>x7q</b>"
	start := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}})
	good := field(t, stateField, start.body)
	version := strings.Split(good, "|")[1]
	afterOne := field(t, stateField, ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {good}, "question": {"care"}, "answer": {"hospital"}}).body)
	scotland := field(t, stateField, ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"scotland"}}).body)
	scotAnswered := field(t, stateField, ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {scotland}, "question": {"care"}, "answer": {"nhs-24"}}).body)
	many := url.Values{"action": {"show"}, "state": {good}}
	for i := range 10000 {
		many.Set(fmt.Sprintf("f%d", i), "x")
	}
	type row struct {
		name   string
		method string
		path   string
		body   string
		want   int
	}
	form := func(v url.Values) string { return v.Encode() }
	rows := []row{
		{"tampered state", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {marker}}), 400},
		{"truncated state", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {afterOne[:len(afterOne)-4]}}), 400},
		{"state with a bad option", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {"2|" + version + "|england|care:" + "spa||"}}), 400},
		{"replayed state: an old page sent again", "POST", "/en/check", form(url.Values{"action": {"next"}, "state": {good}, "question": {"reason"}, "answer": {"none"}}), 409},
		{"cross-nation state: Scotland's answers on England's tree", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {strings.Replace(scotAnswered, "|scotland|", "|england|", 1)}}), 400},
		{"state of older rules", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {"2|0123abcd|england|||"}}), 409},
		{"state of an older release", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {version + "|england|care:hospital"}}), 409},
		{"invalid UTF-8 in the state", "POST", "/en/check", "action=show&state=%ff%fe" + marker, 400},
		{"invalid UTF-8 in the answer", "POST", "/en/check", "action=next&question=care&answer=%c3%28&state=" + url.QueryEscape(good), 400},
		{"invalid UTF-8 in the nation", "POST", "/en/check", "action=start&nation=%ff", 422},
		{"field sent twice", "POST", "/en/check", "action=start&action=start&nation=england", 400},
		{"bad percent-encoding", "POST", "/en/check", "action=start&nation=%zz", 400},
		{"10,000 fields", "POST", "/en/check", many.Encode(), 413},
		{"100 fields", "POST", "/en/check", strings.Repeat("a=1&", 100) + "action=show", 400},
		{"10 MB body", "POST", "/en/check", strings.Repeat("a", 10<<20), 413},
		{"unknown action", "POST", "/en/check", form(url.Values{"action": {marker}, "state": {good}}), 400},
		{"unknown nation at start", "POST", "/en/check", form(url.Values{"action": {"start"}, "nation": {marker}}), 422},
		{"unknown nation in state", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {"2|" + version + "|atlantis|||"}}), 400},
		{"unknown node in state", "POST", "/en/check", form(url.Values{"action": {"show"}, "state": {"2|" + version + "|england|nowhere:gp||"}}), 400},
		{"change with a huge index", "POST", "/en/check", form(url.Values{"action": {"change:99999999999999999999"}, "state": {afterOne}}), 400},
		{"change with a negative index", "POST", "/en/check", form(url.Values{"action": {"change:-1"}, "state": {afterOne}}), 400},
		{"unknown language", "GET", "/xx/", "", 404},
		{"language with a bad companion", "GET", "/en+en/", "", 404},
		{"language like a path", "GET", "/..%2f..%2fetc/", "", 404},
		{"unknown help page", "GET", "/en/help/" + url.PathEscape(marker), "", 404},
		{"unknown staff nation", "GET", "/en/staff/atlantis", "", 404},
		{"unknown rules nation", "GET", "/en/rules/atlantis", "", 404},
		{"static traversal", "GET", "/static/../../etc/passwd", "", 404},
		{"static traversal encoded", "GET", "/static/%2e%2e/%2e%2e/etc/passwd", "", 404},
		{"static traversal double-encoded", "GET", "/static/%252e%252e/embed.go", "", 404},
		{"static file without its hash", "GET", "/static/app.css", "", 404},
		{"static encoded slash", "GET", "/static/x%2f..%2fapp.css", "", 404},
		{"embedded source by traversal", "GET", "/static/../rules/vocabulary.yaml", "", 404},
		{"cross-site post", "POST", "/en/check", form(url.Values{"action": {"start"}, "nation": {"england"}}), 403},
		{"form sent as JSON", "POST", "/en/check", `{"action":"start"}`, 415},
	}
	for _, m := range []string{"PUT", "DELETE", "PATCH", "TRACE"} {
		rows = append(rows, row{"method " + m, m, "/en/check", "", 405})
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			ts.logs.Reset()
			var headers []string
			switch r.name {
			case "cross-site post":
				headers = []string{"Sec-Fetch-Site", "cross-site"}
			case "form sent as JSON":
				headers = []string{"Content-Type", "application/json"}
			}
			p := ts.raw(t, r.method, r.path, r.body, headers...)
			assert.Equal(t, r.want, p.status, p.body)
			assert.Less(t, p.status, 500)
			assertSecure(t, p)
			assert.Contains(t, p.body, `<html lang="en"`)
			if r.want != 422 {
				assert.Contains(t, p.body, `href="/en/"`, "a way to start again")
			}
			assert.NotContains(t, p.body, marker, "input is never reflected unescaped")
			logs := ts.logs.String()
			assert.Contains(t, logs, fmt.Sprintf("status=%d", r.want), "a log line")
			assert.NotContains(t, logs, "x7q")
			assert.NotContains(t, logs, "hospital")
			assert.NotContains(t, logs, "panic")
		})
	}
}

// Requests that net/http refuses before any handler runs: still 4xx, no
// panic, nothing reflected.
func TestRefusedBeforeTheHandler(t *testing.T) {
	addr, logs := serveReal(t, web.Timeouts{})
	for _, tt := range []struct {
		name, request string
		want          int
	}{
		{"NUL in the request line", "GET /en/\x00x7q HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"NUL in a header", "GET /en/ HTTP/1.1\r\nHost: x\r\nX-A: a\x00x7q\r\n\r\n", 400},
		{"headers over the limit", "GET /en/ HTTP/1.1\r\nHost: x\r\nX-A: " + strings.Repeat("x7q", 20000) + "\r\n\r\n", 431},
		{"URL over the limit", "GET /en/" + strings.Repeat("x7q", 20000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431},
		{"not HTTP at all", "x7q\r\n\r\n", 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
			_, _ = conn.Write([]byte(tt.request))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.want, resp.StatusCode)
			assert.NotContains(t, string(body), "x7q")
		})
	}
	assert.NotContains(t, logs.String(), "panic")
}

// serveReal runs the server on a loopback socket, as pnp serve does.
func serveReal(t *testing.T, timeouts web.Timeouts) (string, *syncBuffer) {
	t.Helper()
	set, cat := twoLanguages(t)
	static, err := fs.Sub(checker.Files, "static")
	require.NoError(t, err)
	logs := &syncBuffer{}
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Timeouts: timeouts, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ServeListener(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), logs
}

func assertSecure(t *testing.T, p page) {
	t.Helper()
	assert.Contains(t, p.header.Get("Content-Security-Policy"), "default-src 'none'")
	assert.Equal(t, "nosniff", p.header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-referrer", p.header.Get("Referrer-Policy"))
	assert.Empty(t, p.header.Values("Set-Cookie"))
}

func cssURL(t *testing.T, ts *testServer) string {
	t.Helper()
	start := ts.do(t, "GET", "/en/", nil)
	m := cssLink.FindStringSubmatch(start.body)
	require.NotNil(t, m)
	return html.UnescapeString(m[1])
}

var cssLink = regexp.MustCompile(`href="(/static/[^"]+app\.css)"`)

// syncBuffer is a log buffer safe for a server writing from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func httptestServer(t *testing.T, h http.Handler) *httptest.Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// raw sends a body exactly as given, with the form content type unless a
// header says otherwise.
func (ts *testServer) raw(t *testing.T, method, path, body string, headers ...string) page {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return page{status: resp.StatusCode, header: resp.Header, body: string(b)}
}
