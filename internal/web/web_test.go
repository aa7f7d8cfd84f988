package web_test

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
	"github.com/patientsnotpassports/checker/internal/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testServer struct {
	*httptest.Server
	srv  *web.Server
	set  *rules.Set
	cat  *i18n.Catalog
	logs *bytes.Buffer
}

func newWebServer(t *testing.T, ts *testServer) *web.Server {
	t.Helper()
	require.NotNil(t, ts.srv)
	return ts.srv
}

func newServer(t *testing.T, today rules.Date) *testServer {
	t.Helper()
	cat, err := i18n.Load(checker.Files, "locales")
	require.NoError(t, err)
	return newServerWith(t, today, cat)
}

// newServerWith is newServer with the given messages.
func newServerWith(t *testing.T, today rules.Date, cat *i18n.Catalog) *testServer {
	t.Helper()
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	static, err := fs.Sub(checker.Files, "static")
	require.NoError(t, err)
	logs := &bytes.Buffer{}
	srv, err := web.New(web.Config{
		Rules: set, Catalog: cat, Static: static, Contact: "reports@example.org",
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Today:  func() rules.Date { return today },
	})
	require.NoError(t, err)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, srv: srv, set: set, cat: cat, logs: logs}
}

func correctOn(t *testing.T) rules.Date {
	d, err := rules.ParseDate("2026-11-25")
	require.NoError(t, err)
	return d
}

type page struct {
	status int
	header http.Header
	body   string
}

var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (ts *testServer) do(t *testing.T, method, path string, form url.Values, headers ...string) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, ts.URL+path, body)
	require.NoError(t, err)
	if form != nil {
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

var (
	stateField    = regexp.MustCompile(`name="state" value="([^"]*)"`)
	questionField = regexp.MustCompile(`name="question" value="([^"]*)"`)
	answerValues  = regexp.MustCompile(`name="answer" id="answer-\d+" value="([^"]*)"`)
)

func field(t *testing.T, re *regexp.Regexp, body string) string {
	t.Helper()
	m := re.FindStringSubmatch(body)
	require.NotNil(t, m, "no %s in page", re)
	return html.UnescapeString(m[1])
}

// Every scenario, public and ours, driven through the HTML forms: at each
// step the page must ask the question the case's facts lead to and offer
// the option they choose; the result page must show the outcome and every
// citation of it.
func TestEveryScenarioThroughTheForms(t *testing.T) {
	t.Parallel()
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	suite, err := scenario.LoadFS(rfs, "scenarios")
	require.NoError(t, err)
	require.Greater(t, len(suite.Cases), 300)

	servers := map[string]*testServer{}
	for _, c := range suite.Cases {
		r := scenario.Run(set, c)
		require.True(t, r.Passed(), "%s: %v", c.ID, r.Failures)
		day := set.Tree(c.Nation).CorrectOn
		if !c.AsOf.IsZero() {
			day = c.AsOf
		}
		ts := servers[day.String()]
		if ts == nil {
			ts = newServer(t, day)
			servers[day.String()] = ts
		}
		t.Run(c.ID, func(t *testing.T) {
			loc := ts.cat.Localizer("en")
			p := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {c.Nation}})
			require.Equal(t, http.StatusOK, p.status, p.body)
			for _, step := range r.Steps {
				if !step.Answered() {
					continue
				}
				require.Equal(t, step.Question.ID, field(t, questionField, p.body), "question asked")
				var offered []string
				for _, m := range answerValues.FindAllStringSubmatch(p.body, -1) {
					offered = append(offered, m[1])
				}
				require.Contains(t, offered, step.Option.ID)
				p = ts.do(t, "POST", "/en/check", url.Values{
					"action": {"next"}, "state": {field(t, stateField, p.body)},
					"question": {step.Question.ID}, "answer": {step.Option.ID},
				})
				require.Equal(t, http.StatusOK, p.status, p.body)
			}
			body := html.UnescapeString(p.body)
			assert.NotContains(t, body, `name="question"`, "the last answer leads to a result")
			assert.Contains(t, body, loc.T("kind."+r.Outcome.Kind, nil))
			assert.Contains(t, body, loc.First(r.Outcome.TitleIDs()...))
			law := between(t, body, `<div id="law">`, `</div>`)
			for _, id := range r.Outcome.Cite {
				assert.Contains(t, law, set.Tree(c.Nation).Citation(id).Label())
			}
			if len(r.Outcome.Checked) > 0 {
				checked := between(t, body, `<div id="checked">`, `</div>`)
				for _, id := range r.Outcome.Checked {
					assert.Contains(t, checked, set.Tree(c.Nation).Citation(id).Label())
				}
			} else {
				assert.NotContains(t, body, `id="checked"`)
			}
			// Every guidance block for this outcome, with the law it cites.
			for _, b := range set.Blocks(c.Nation, "result") {
				if !b.AppliesTo(r.Outcome) {
					continue
				}
				block := between(t, p.body, `id="block-`+b.ID+`"`, `</section>`)
				for _, id := range b.Cite {
					assert.Contains(t, block, `data-cite="`+id+`"`, "block %s", b.ID)
				}
			}
			// The notice about delaying care is the one the runner derives.
			if r.Delay == rules.DelayNothing {
				assert.NotContains(t, body, `id="delay-notice"`)
			} else {
				assert.Contains(t, body, fmt.Sprintf(`id="delay-notice" data-delay="%d"`, r.Delay))
			}
		})
	}
}

// between returns the text of body from the first start to the next end.
func between(t *testing.T, body, start, end string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, start)
	require.True(t, ok, "no %s in page", start)
	in, _, _ := strings.Cut(after, end)
	return in
}

func TestNoCookiesAndHeaders(t *testing.T) {
	ts := newServer(t, correctOn(t))
	start := ts.do(t, "GET", "/en/", nil)
	q := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"wales"}})
	css := regexp.MustCompile(`href="(/static/[^"]+app\.css)"`).FindStringSubmatch(start.body)
	require.NotNil(t, css)
	asset := ts.do(t, "GET", css[1], nil)
	for _, p := range []page{start, q, asset, ts.do(t, "GET", "/", nil), ts.do(t, "GET", "/en/nowhere", nil)} {
		assert.Empty(t, p.header.Values("Set-Cookie"))
		assert.Contains(t, p.header.Get("Content-Security-Policy"), "script-src 'self'")
		assert.Contains(t, p.header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
		assert.Equal(t, "nosniff", p.header.Get("X-Content-Type-Options"))
		assert.Equal(t, "no-referrer", p.header.Get("Referrer-Policy"))
		assert.NotEmpty(t, p.header.Get("Permissions-Policy"))
	}
	assert.Equal(t, "no-store", q.header.Get("Cache-Control"), "pages with answers are never stored")
	assert.Equal(t, "public, max-age=31536000, immutable", asset.header.Get("Cache-Control"))
	assert.Equal(t, "text/css; charset=utf-8", asset.header.Get("Content-Type"))
	// No inline script or style anywhere.
	for _, p := range []page{start, q} {
		assert.NotRegexp(t, `<script>|<script [^>]*>[^<]|<style|style="|onclick=`, p.body)
	}
}

// Answers reach neither the log nor any URL: the log holds method, path,
// status and time only.
func TestAnswersNeverReachTheLog(t *testing.T) {
	ts := newServer(t, correctOn(t))
	const marker = "marker-7f3a9c"
	p := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}})
	state := field(t, stateField, p.body)
	ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {state}, "question": {"care"}, "answer": {"hospital"}, "note": {marker}},
		"Referer", "https://example.org/"+marker, "User-Agent", marker, "Cookie", "x="+marker)
	ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {state + marker}, "question": {"care"}, "answer": {marker}})
	ts.do(t, "GET", "/en/help/bill?q="+marker, nil)
	logs := ts.logs.String()
	assert.Contains(t, logs, "path=/en/check")
	assert.Contains(t, logs, "status=200")
	assert.NotContains(t, logs, marker)
	assert.NotContains(t, logs, "hospital")
	assert.NotContains(t, logs, state)
}

// Bad input gets a clear 4xx page, in the person's language, with a way to
// start again; never a 500.
func TestBadInput(t *testing.T) {
	ts := newServer(t, correctOn(t))
	good := field(t, stateField, ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}}).body)
	version := strings.Split(good, "|")[1]
	tests := []struct {
		name   string
		method string
		path   string
		form   url.Values
		want   int
	}{
		{"tampered state", "POST", "/en/check", url.Values{"action": {"show"}, "state": {"<script>"}}, 400},
		{"state from older rules", "POST", "/en/check", url.Values{"action": {"show"}, "state": {"2|0000|england|||"}}, 409},
		{"unknown nation", "POST", "/en/check", url.Values{"action": {"show"}, "state": {"2|" + version + "|atlantis|||"}}, 400},
		{"unknown node", "POST", "/en/check", url.Values{"action": {"show"}, "state": {"2|" + version + "|england|nowhere:gp||"}}, 400},
		{"unknown answer", "POST", "/en/check", url.Values{"action": {"next"}, "state": {good}, "question": {"care"}, "answer": {"spa"}}, 400},
		{"stale question", "POST", "/en/check", url.Values{"action": {"next"}, "state": {good}, "question": {"status"}, "answer": {"asylum"}}, 409},
		{"no answer", "POST", "/en/check", url.Values{"action": {"next"}, "state": {good}, "question": {"care"}}, 422},
		{"no nation", "POST", "/en/check", url.Values{"action": {"start"}}, 422},
		{"unknown action", "POST", "/en/check", url.Values{"action": {"explode"}, "state": {good}}, 400},
		{"change out of range", "POST", "/en/check", url.Values{"action": {"change:7"}, "state": {good}}, 400},
		{"sheet before an answer", "POST", "/en/check", url.Values{"action": {"sheet"}, "state": {good}}, 400},
		{"unknown language", "GET", "/xx/", nil, 404},
		{"unknown page", "GET", "/en/help/nothing", nil, 404},
		{"unknown staff nation", "GET", "/en/staff/atlantis", nil, 404},
		{"wrong method", "PUT", "/en/check", url.Values{}, 405},
		{"huge body", "POST", "/en/check", url.Values{"state": {strings.Repeat("a", 64<<10)}}, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ts.do(t, tt.method, tt.path, tt.form)
			assert.Equal(t, tt.want, p.status)
			assert.Contains(t, p.body, `<html lang="en"`)
			if tt.want != 422 {
				assert.Contains(t, p.body, `href="/en/"`, "a way to start again")
			} else {
				assert.Contains(t, p.body, "There is a problem")
			}
		})
	}
}

func TestUnknownLanguageAnswersInTheBrowsersLanguage(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "GET", "/zz/help/bill", nil, "Accept-Language", "en-GB")
	assert.Equal(t, 404, p.status)
	assert.Contains(t, p.body, "Page not found")
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}}, "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, p.status)
	p = ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}}, "Sec-Fetch-Site", "same-origin")
	assert.Equal(t, http.StatusOK, p.status)
}

func TestHomeRedirectsByLanguage(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for header, want := range map[string]string{
		"fr-FR,en;q=0.5":    "/fr/",
		"de-DE,en;q=0.5":    "/en/",
		"ar-EG,ar;q=0.9":    "/ar/",
		"fa-AF":             "/fa-AF/",
		"zh-TW":             "/zh-Hant/",
		"zh-CN":             "/zh-Hans/",
		"cy-GB,en-GB;q=0.8": "/cy/",
		"xx-YY":             "/en/",
		"":                  "/en/",
	} {
		p := ts.do(t, "GET", "/", nil, "Accept-Language", header)
		assert.Equal(t, http.StatusSeeOther, p.status)
		assert.Equal(t, want, p.header.Get("Location"), header)
		assert.Contains(t, p.header.Get("Vary"), "Accept-Language")
	}
	assert.Equal(t, http.StatusOK, ts.do(t, "GET", "/healthz", nil).status)
	assert.Equal(t, http.StatusSeeOther, ts.do(t, "GET", "/en/check", nil).status, "a reload by GET goes to the start, never reads answers from a URL")
}

// walk answers questions in order and returns the last page.
func walk(t *testing.T, ts *testServer, nation string, answers ...string) page {
	t.Helper()
	p := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {nation}})
	for _, a := range answers {
		p = ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, p.body)},
			"question": {field(t, questionField, p.body)}, "answer": {a}})
		require.Equal(t, 200, p.status, p.body)
	}
	return p
}

func TestResultPage(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "maternity", "none", "uk", "no-permission", "none")
	body := html.UnescapeString(p.body)
	assert.Contains(t, body, "You may be charged, but you must still get the care")
	assert.Contains(t, body, "must not be delayed or refused because you cannot pay")
	assert.Contains(t, body, "PQ 207239 (maternity)")
	assert.Contains(t, body, "not legal advice")
	assert.Contains(t, body, "25 November 2026")
	assert.Contains(t, body, "Doctors of the World UK")
	assert.Contains(t, body, `href="tel:08081647686"`)
	assert.Contains(t, body, `value="change:0"`)
	assert.NotContains(t, body, "more than six months ago")

	// Change the first answer: back at the first question, with it chosen.
	state := field(t, stateField, p.body)
	q := ts.do(t, "POST", "/en/check", url.Values{"action": {"change:0"}, "state": {state}})
	assert.Equal(t, "care", field(t, questionField, q.body))
	assert.Contains(t, q.body, `value="maternity" checked`)

	// Back from the result: the last question, with its answer chosen.
	b := ts.do(t, "POST", "/en/check", url.Values{"action": {"back"}, "state": {state}})
	assert.Equal(t, "situation", field(t, questionField, b.body))
	assert.Contains(t, b.body, `value="none" checked`)
}

func TestStaleRulesWarn(t *testing.T) {
	old := correctOn(t)
	ts := newServer(t, rules.Date{Time: old.AddDate(0, 7, 0)})
	p := walk(t, ts, "scotland", "gp")
	assert.Contains(t, p.body, "more than six months ago")
}

func TestSheetAndLetter(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	state := field(t, stateField, p.body)
	sheet := html.UnescapeString(ts.do(t, "POST", "/en/check", url.Values{"action": {"sheet"}, "state": {state}}).body)
	assert.Contains(t, sheet, "Information for hospital staff about NHS charges")
	assert.Contains(t, sheet, "To: the Overseas Visitors team")
	assert.Contains(t, sheet, "SI 2015/238 reg 15(b)")
	assert.Contains(t, sheet, "has made an application, which has not yet been determined")
	assert.Contains(t, sheet, "I am waiting for a decision or for an appeal")
	letter := html.UnescapeString(ts.do(t, "POST", "/en/check", url.Values{"action": {"letter"}, "state": {state}}).body)
	assert.Contains(t, letter, "Please cancel any charge made for this care")
	assert.Contains(t, letter, "Please send me your decision, and the reasons for it, in writing.")
}

func TestInfoStaffAndRulesPages(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, slug := range []string{"bill", "home-office", "interpreter", "gp", "everyone-pays", "report"} {
		p := ts.do(t, "GET", "/en/help/"+slug, nil)
		assert.Equal(t, 200, p.status, slug)
	}
	assert.Contains(t, ts.do(t, "GET", "/en/help/report", nil).body, "reports@example.org")
	for _, n := range ts.set.Nations {
		staff := html.UnescapeString(ts.do(t, "GET", "/en/staff/"+n, nil).body)
		tree := ts.set.Tree(n)
		for _, o := range tree.Outcomes {
			if o.Kind == "free" || o.Kind == "free-this-service" {
				assert.Contains(t, staff, `id="`+o.ID+`"`, "%s %s", n, o.ID)
			}
		}
		r := ts.do(t, "GET", "/en/rules/"+n, nil)
		assert.Equal(t, 200, r.status)
		for _, q := range tree.Questions {
			assert.Contains(t, r.body, `id="`+q.ID+`"`)
		}
		m := ts.do(t, "GET", "/en/rules/"+n+"/mermaid", nil)
		assert.Contains(t, m.body, "flowchart TD")
	}
}

// Papers for an answer that the person may be charged are handed to the
// hospital: they must not repeat the person's status answers.
func TestPapersLeaveOutStatusWhenCharged(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "no-permission", "none", "can-wait")
	state := field(t, stateField, p.body)
	for _, doc := range []string{"sheet", "letter"} {
		body := html.UnescapeString(ts.do(t, "POST", "/en/check", url.Values{"action": {doc}, "state": {state}}).body)
		assert.NotContains(t, body, "I do not have permission to be in the UK", doc)
		assert.NotContains(t, body, "no exemption applies", doc)
		assert.Contains(t, body, "SI 2015/238 reg 3(1A)", doc)
	}
}

// The staff reference groups outcomes by kind; a kind added to the
// vocabulary must not silently drop out of it.
func TestStaffReferenceShowsEveryKind(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, n := range ts.set.Nations {
		body := ts.do(t, "GET", "/en/staff/"+n+"/reference", nil).body
		for _, o := range ts.set.Tree(n).Outcomes {
			assert.Contains(t, body, `id="`+o.ID+`"`, "%s: outcome %s (%s)", n, o.ID, o.Kind)
		}
	}
}
