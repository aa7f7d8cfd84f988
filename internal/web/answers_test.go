package web_test

import (
	"compress/gzip"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/scenario"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bill route: the day of care is asked in three fields, checked, and
// the tree is walked as the law stood that day, without asking how urgent
// finished care was.
func TestBillRoute(t *testing.T) {
	ts := newServer(t, correctOn(t))
	start := ts.do(t, "GET", "/en/bill", nil)
	require.Equal(t, http.StatusOK, start.status)
	assert.Contains(t, start.body, `name="day"`)
	assert.Contains(t, start.body, `name="nation"`)

	for _, tt := range []struct {
		name            string
		day, month, yr  string
		nation, wantErr string
	}{
		{"no nation", "1", "2", "2025", "", "Choose where you had the care"},
		{"missing year", "1", "2", "", "england", "Enter the day, month and year"},
		{"not a date", "31", "2", "2025", "england", "Enter a real date"},
		{"letters", "x", "2", "2025", "england", "Enter a real date"},
		{"in the future", "1", "1", "2099", "england", "must be today or in the past"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-start"}, "nation": {tt.nation}, "day": {tt.day}, "month": {tt.month}, "year": {tt.yr}})
			assert.Equal(t, http.StatusUnprocessableEntity, p.status)
			assert.Contains(t, p.body, "There is a problem")
			assert.Contains(t, html.UnescapeString(p.body), tt.wantErr)
		})
	}

	// Care in England on 1 March 2017, before upfront charging began.
	p := ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-start"}, "nation": {"england"}, "day": {"1"}, "month": {"3"}, "year": {"2017"}})
	require.Equal(t, http.StatusOK, p.status, p.body)
	for _, a := range []string{"hospital", "none", "uk", "no-permission", "none"} {
		q := field(t, questionField, p.body)
		require.NotEqual(t, "urgency", q, "finished care is not asked about urgency")
		p = ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, p.body)}, "question": {q}, "answer": {a}})
		require.Equal(t, http.StatusOK, p.status, p.body)
	}
	body := html.UnescapeString(p.body)
	assert.NotContains(t, body, `name="question"`, "a result")
	assert.Contains(t, body, `id="bill-context"`)
	assert.Contains(t, body, "1 March 2017")
	assert.NotContains(t, body, "You can be asked to pay before treatment", "no upfront charging before 23 October 2017")
	assert.Contains(t, body, `value="bill-letter"`, "a letter about the bill")
	letter := html.UnescapeString(ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-letter"}, "state": {field(t, stateField, p.body)}}).body)
	assert.Contains(t, letter, "invoice")

	// Before the day the Welsh tree starts: get advice, with the reason.
	p = ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-start"}, "nation": {"wales"}, "day": {"1"}, "month": {"1"}, "year": {"2020"}})
	require.Equal(t, http.StatusOK, p.status)
	body = html.UnescapeString(p.body)
	assert.Contains(t, body, "Get advice about this bill")
	assert.Contains(t, body, "1 February 2023")
}

// A result offers the bill route, keeping the nation.
func TestBillFromAResult(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "scotland", "gp")
	d := ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-date"}, "state": {field(t, stateField, p.body)}})
	require.Equal(t, http.StatusOK, d.status)
	assert.NotContains(t, d.body, `name="nation"`, "the nation is kept")
	r := ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-start"}, "state": {field(t, stateField, d.body)}, "day": {"2"}, "month": {"5"}, "year": {"2024"}})
	require.Equal(t, http.StatusOK, r.status, r.body)
	assert.Contains(t, r.body, `name="question" value="care"`)
}

// Each nation has a page on paying first, with a letter for the clinician,
// and a page on challenging a decision; results where a charge can be made
// link to both.
func TestGuides(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, n := range ts.set.Nations {
		for _, path := range []string{"/en/pay-first/" + n, "/en/pay-first/" + n + "/letter", "/en/challenge/" + n} {
			p := ts.do(t, "GET", path, nil)
			assert.Equal(t, http.StatusOK, p.status, path)
		}
	}
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/challenge/atlantis", nil).status)
	letter := html.UnescapeString(ts.do(t, "GET", "/en/pay-first/scotland/letter", nil).body)
	assert.Contains(t, letter, "No Scottish rule requires payment before treatment")
	assert.NotContains(t, letter, "2015", "no English regulation on a Scottish letter")

	charged := walk(t, ts, "england", "hospital", "none", "uk", "no-permission", "none", "can-wait")
	assert.Contains(t, charged.body, `href="/en/challenge/england"`)
	assert.Contains(t, charged.body, `href="/en/pay-first/england"`)
	free := walk(t, ts, "england", "gp")
	assert.NotContains(t, free.body, `href="/en/challenge/england"`)
}

// The staff view of a result says what the desk does; the staff reference
// is searched by POST, never kept in an address.
func TestStaffViews(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	staff := ts.do(t, "POST", "/en/check", url.Values{"action": {"staff-on"}, "state": {field(t, stateField, p.body)}})
	require.Equal(t, http.StatusOK, staff.status)
	assert.Contains(t, staff.body, `id="staff-view"`)
	assert.Contains(t, html.UnescapeString(staff.body), "Do not charge. Record the exemption")
	// The desk records the patient's papers, not "your" papers.
	view := field(t, regexp.MustCompile(`(?s)<section class="staff-view" id="staff-view">(.*?)</section>`), staff.body)
	assert.Contains(t, view, "Home Office letters about the asylum claim")
	assert.NotRegexp(t, `(?i)\byours?\b`, view)
	assert.Contains(t, staff.body, `value="staff-off"`)
	off := ts.do(t, "POST", "/en/check", url.Values{"action": {"staff-off"}, "state": {field(t, stateField, staff.body)}})
	assert.NotContains(t, off.body, `id="staff-view"`)

	ref := ts.do(t, "GET", "/en/staff/england/reference", nil)
	require.Equal(t, http.StatusOK, ref.status)
	found := ts.do(t, "POST", "/en/staff/england/reference", url.Values{"q": {"asylum"}})
	require.Equal(t, http.StatusOK, found.status)
	assert.Equal(t, "no-store", found.header.Get("Cache-Control"))
	assert.Contains(t, found.body, `id="search-result"`)
	assert.Less(t, len(found.body), len(ref.body), "the search narrows the rows")
	assert.Equal(t, http.StatusBadRequest, ts.do(t, "POST", "/en/staff/england/reference?q=asylum", url.Values{}).status, "no search words in the address")
}

// After Back or Change, later answers are kept and offered again; only
// the ones a change makes unreachable are dropped (WCAG 3.3.7).
func TestAnswersAreKeptAfterBackAndChange(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	state := field(t, stateField, p.body)

	back := ts.do(t, "POST", "/en/check", url.Values{"action": {"change:1"}, "state": {state}})
	assert.Equal(t, "reason", field(t, questionField, back.body))
	assert.Contains(t, back.body, `value="none" checked`)
	// Continue without changing: the next question has its answer chosen.
	next := ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, back.body)}, "question": {"reason"}, "answer": {"none"}})
	assert.NotEqual(t, "reason", field(t, questionField, next.body))
	assert.Contains(t, next.body, `value="uk" checked`, "the third answer is offered again")

	// A change that leads elsewhere drops the answers it cannot reach.
	changed := ts.do(t, "POST", "/en/check", url.Values{"action": {"change:0"}, "state": {state}})
	gp := ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, changed.body)}, "question": {"care"}, "answer": {"gp"}})
	assert.NotContains(t, gp.body, `name="question"`, "GP care is a result")
	assert.NotContains(t, field(t, stateField, gp.body), "asylum", "answers beyond a result are dropped")
}

// Every real question is answered through the English pages: a question
// not marked open must get an answer with all it needs; an open one must
// still lack something, so the mark is removed once it is answered.
func TestRealQuestions(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	qs, err := scenario.LoadQuestions(rfs, scenario.QuestionsDir, ts.set)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(qs), 80)
	srv := newWebServer(t, ts)
	for _, q := range qs {
		t.Run(q.ID, func(t *testing.T) {
			missing := srv.Ask(q)
			if q.Open == "" {
				assert.Empty(t, missing)
			} else {
				assert.NotEmpty(t, missing, "answered in full: remove the open note")
			}
		})
	}
}

// Pages that depend only on the language and the day, and static files,
// are served from memory, compressed when the browser takes it, with a
// strong ETag that answers a repeat visit with 304.
func TestCompressedAndCached(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, path := range []string{"/en/", "/en/help/bill", "/en/staff/england", cssURL(t, ts)} {
		plain := ts.do(t, "GET", path, nil, "Accept-Encoding", "identity")
		etag := plain.header.Get("ETag")
		require.NotEmpty(t, etag, path)
		assert.Regexp(t, `^"[0-9a-f]{32}"$`, etag)
		for _, coding := range []string{"gzip", "br"} {
			zipped := ts.do(t, "GET", path, nil, "Accept-Encoding", "gzip;q=0.5, "+coding)
			assert.Equal(t, coding, zipped.header.Get("Content-Encoding"), path)
			assert.Less(t, len(zipped.body), len(plain.body)/2, path)
			assert.Equal(t, plain.body, unpack(t, zipped), path)
			assert.Contains(t, zipped.header.Get("Vary"), "Accept-Encoding")
		}
		again := ts.do(t, "GET", path, nil, "If-None-Match", etag)
		assert.Equal(t, http.StatusNotModified, again.status, path)
	}
	p := ts.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {"england"}})
	assert.Empty(t, p.header.Get("ETag"), "pages with answers are never cached")
	r := walk(t, ts, "england", "gp")
	z := ts.do(t, "POST", "/en/check", url.Values{"action": {"show"}, "state": {field(t, stateField, r.body)}}, "Accept-Encoding", "gzip")
	assert.Equal(t, "gzip", z.header.Get("Content-Encoding"), "a large page made for one request is compressed")
	assert.Empty(t, z.header.Get("ETag"))
}

// Each nation's guidance pages show every block of their slot, by its
// stable id, with every citation it rests on.
func TestGuidanceBlocksByNation(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, n := range ts.set.Nations {
		for slot, path := range map[string]string{
			"pay-first":  "/en/pay-first/" + n,
			"challenge":  "/en/challenge/" + n,
			"staff-desk": "/en/staff/" + n,
			"staff":      "/en/staff/" + n + "/reference",
		} {
			page := ts.do(t, "GET", path, nil)
			require.Equal(t, http.StatusOK, page.status, path)
			blocks := ts.set.Blocks(n, slot)
			assert.NotEmpty(t, blocks, "%s has %s blocks", n, slot)
			for _, b := range blocks {
				block := between(t, page.body, `id="block-`+b.ID+`"`, `</section>`)
				for _, id := range b.Cite {
					assert.Contains(t, block, `data-cite="`+id+`"`, "%s %s block %s", n, slot, b.ID)
				}
			}
		}
	}
}

// About care already given, each nation's bill blocks that apply to the
// outcome are shown, by id and with their citations, on a result reached
// through the forms.
func TestBillBlocksByNation(t *testing.T) {
	ts := newServer(t, correctOn(t))
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	suite, err := scenario.LoadFS(rfs, "scenarios")
	require.NoError(t, err)
	for _, n := range ts.set.Nations {
		day := correctOn(t) // the server's today; a bill is for care on or before it
		tried := 0
		for _, c := range suite.Cases {
			if c.Nation != n || !c.AsOf.IsZero() || tried >= 3 {
				continue
			}
			bc := *c
			bc.AsOf, bc.AfterCare = day, true
			r := scenario.Run(ts.set, &bc)
			if r.Outcome == nil || ts.set.Vocabulary.Kind(r.Outcome.Kind).NotCharged || len(r.Failures) > 1 {
				continue
			}
			tried++
			p := ts.do(t, "POST", "/en/check", url.Values{"action": {"bill-start"}, "nation": {n},
				"day": {strconv.Itoa(day.Day())}, "month": {strconv.Itoa(int(day.Month()))}, "year": {strconv.Itoa(day.Year())}})
			for _, st := range r.Steps {
				if !st.Answered() {
					continue
				}
				p = ts.do(t, "POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, p.body)}, "question": {st.Question.ID}, "answer": {st.Option.ID}})
				require.Equal(t, http.StatusOK, p.status, "%s %s", n, c.ID)
			}
			require.Contains(t, p.body, `id="bill-context"`, "%s %s", n, c.ID)
			shown := 0
			for _, b := range ts.set.Blocks(n, "bill") {
				if !b.AppliesTo(r.Outcome) {
					continue
				}
				shown++
				block := between(t, p.body, `id="block-`+b.ID+`"`, `</section>`)
				for _, id := range b.Cite {
					assert.Contains(t, block, `data-cite="`+id+`"`, "%s %s bill block %s", n, c.ID, b.ID)
				}
			}
			assert.Positive(t, shown, "%s %s: bill blocks", n, c.ID)
		}
		assert.Positive(t, tried, "%s: a chargeable case", n)
	}
}

// unpack returns a body as read, whatever its content coding.
func unpack(t *testing.T, p page) string {
	t.Helper()
	var r io.Reader = strings.NewReader(p.body)
	switch p.header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(r)
		require.NoError(t, err)
		r = zr
	case "br":
		r = brotli.NewReader(r)
	case "":
	default:
		t.Fatalf("unknown content coding %q", p.header.Get("Content-Encoding"))
	}
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

// A result can link to the help pages its outcome names: England's GP
// result links to the GP page, whose note a person can print for a
// surgery; a hospital result does not.
func TestResultLinksItsHelpPages(t *testing.T) {
	ts := newServer(t, correctOn(t))
	pages := regexp.MustCompile(`(?s)<ul class="help-links" id="result-pages">(.*?)</ul>\s*<div class="actions">`)
	gp := walk(t, ts, "england", "gp")
	assert.Contains(t, field(t, pages, gp.body), `<a href="/en/help/gp">`, "before the papers")
	hospital := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	assert.NotContains(t, hospital.body, `id="result-pages"`)
}
