package web_test

import (
	"html"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
	"github.com/patientsnotpassports/checker/internal/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newServerContact is newServer with another report contact ("" for none).
func newServerContact(t *testing.T, today rules.Date, contact string) *testServer {
	t.Helper()
	base := newServer(t, today)
	static, err := fs.Sub(checker.Files, "static")
	require.NoError(t, err)
	srv, err := web.New(web.Config{
		Rules: base.set, Catalog: base.cat, Static: static, Contact: contact,
		Logger: slog.New(slog.NewTextHandler(base.logs, nil)),
		Today:  func() rules.Date { return today },
	})
	require.NoError(t, err)
	return &testServer{Server: httptestServer(t, srv.Handler()), set: base.set, cat: base.cat, logs: base.logs}
}

// paperCase is a result reached through the forms, with the outcome the
// rules give for it.
type paperCase struct {
	name    string
	nation  string
	outcome *rules.Outcome
	state   string
	result  string
}

// resultsByKind drives, for each nation, the first scenario of each kind
// of outcome through the real forms and returns the result pages.
func resultsByKind(t *testing.T, ts map[string]*testServer, nations ...string) []paperCase {
	t.Helper()
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	suite, err := scenario.LoadFS(rfs, "scenarios")
	require.NoError(t, err)
	var out []paperCase
	for _, nation := range nations {
		seen := map[string]bool{}
		for _, c := range suite.Cases {
			if c.Nation != nation || !c.AsOf.IsZero() || seen[c.Expected.Outcome] {
				continue
			}
			r := scenario.Run(set, c)
			require.True(t, r.Passed(), "%s: %v", c.ID, r.Failures)
			seen[r.Outcome.Kind] = true
			s := ts[nation]
			p := s.do(t, "POST", "/en/check", url.Values{"action": {"start"}, "nation": {nation}})
			for _, step := range r.Steps {
				if !step.Answered() {
					continue
				}
				p = s.do(t, "POST", "/en/check", url.Values{
					"action": {"next"}, "state": {field(t, stateField, p.body)},
					"question": {step.Question.ID}, "answer": {step.Option.ID},
				})
				require.Equal(t, http.StatusOK, p.status, "%s: %s", c.ID, p.body)
			}
			require.NotContains(t, p.body, `name="question"`, c.ID)
			out = append(out, paperCase{
				name: nation + "/" + r.Outcome.Kind + "/" + r.Outcome.ID, nation: nation, outcome: r.Outcome,
				state: field(t, stateField, p.body), result: p.body,
			})
		}
		for _, kind := range []string{"free", "chargeable", "get-advice"} {
			found := slices.ContainsFunc(out, func(pc paperCase) bool {
				return pc.nation == nation && strings.HasPrefix(pc.outcome.Kind, kind)
			})
			require.True(t, found, "%s: no scenario reaches a %s outcome", nation, kind)
		}
	}
	return out
}

func serversByNation(t *testing.T, nations ...string) map[string]*testServer {
	t.Helper()
	out := map[string]*testServer{}
	for _, n := range nations {
		rfs, err := fs.Sub(checker.Files, "rules")
		require.NoError(t, err)
		set, err := rules.Load(rfs)
		require.NoError(t, err)
		out[n] = newServer(t, set.Tree(n).CorrectOn)
	}
	return out
}

var (
	tags      = regexp.MustCompile(`<[^>]*>`)
	sentences = regexp.MustCompile(`[.!?;]\s+|\n`)
	wordI     = regexp.MustCompile(`\bI\b`)
	wordYou   = regexp.MustCompile(`(?i)\byou\b`)
	messageID = regexp.MustCompile(`\b(paper|report|result)\.[a-z-]+(\.[a-z0-9-]+)*\b`)
)

// mainText is the text of a page's main element, one line per element.
func mainText(t *testing.T, body string) string {
	t.Helper()
	in := between(t, body, `<main`, `</main>`)
	return html.UnescapeString(tags.ReplaceAllString(in, "\n"))
}

// mixedSentences returns the sentences of text that say both "I" and
// "you": a letter has one writer and one reader.
func mixedSentences(text string) []string {
	var out []string
	for _, s := range sentences.Split(text, -1) {
		if wordI.MatchString(s) && wordYou.MatchString(s) {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

var paperTitles = map[string]string{
	"sheet":           "Information for hospital staff about NHS charges",
	"letter":          "Letter to the hospital about charges",
	"person-sheet":    "Your answer from the NHS charging checker",
	"advocate-letter": "Letter from an adviser about NHS charges",
	"bill-letter":     "Letter about an NHS bill for care already given",
}

// Every paper renders for every kind of outcome in every nation, through
// the buttons of the result page, and no paper mixes "I" and "you".
func TestPapersForEveryKindInEveryNation(t *testing.T) {
	t.Parallel()
	nations := []string{"england", "scotland", "wales", "northern-ireland"}
	ts := serversByNation(t, nations...)
	for _, pc := range resultsByKind(t, ts, nations...) {
		tree := ts[pc.nation].set.Tree(pc.nation)
		for _, kind := range []string{"sheet", "letter", "person-sheet", "advocate-letter", "bill-letter"} {
			t.Run(pc.name+"/"+kind, func(t *testing.T) {
				if kind == "bill-letter" {
					// Offered on results about care already given, where there is a bill.
					require.NotContains(t, pc.result, `name="action" value="bill-letter"`)
				} else {
					require.Contains(t, pc.result, `name="action" value="`+kind+`"`, "the result offers the paper")
				}
				p := ts[pc.nation].do(t, "POST", "/en/check", url.Values{"action": {kind}, "state": {pc.state}})
				require.Equal(t, http.StatusOK, p.status, p.body)
				text := mainText(t, p.body)
				assert.Contains(t, html.UnescapeString(p.body), paperTitles[kind])
				assert.Empty(t, messageID.FindAllString(text, -1), "a message id shows instead of its text")
				assert.Empty(t, mixedSentences(text), "sentences that mix I and you")
				for _, id := range pc.outcome.Cite {
					assert.Contains(t, text, tree.Citation(id).Label(), "cites %s", id)
				}
				assert.NotRegexp(t, `<script>|<style|style="`, p.body)
			})
		}
	}
}

// The person's own sheet has every phone number written out, the date
// the rules are correct on, and says who can read it.
func TestPersonSheet(t *testing.T) {
	t.Parallel()
	nations := []string{"england", "wales"}
	ts := serversByNation(t, nations...)
	for _, pc := range resultsByKind(t, ts, nations...) {
		t.Run(pc.name, func(t *testing.T) {
			s := ts[pc.nation]
			p := s.do(t, "POST", "/en/check", url.Values{"action": {"person-sheet"}, "state": {pc.state}})
			require.Equal(t, http.StatusOK, p.status)
			text := mainText(t, p.body)
			assert.Contains(t, text, "Anyone who has your phone or this paper can read it.")
			phones := 0
			for _, o := range s.set.OrganisationsFor(pc.nation) {
				if o.Phone != "" {
					assert.Contains(t, text, o.Phone, o.ID)
					phones++
				}
			}
			for _, id := range pc.outcome.Help {
				if o := s.set.Organisation(id); o != nil && o.Phone != "" {
					assert.Contains(t, text, o.Phone, id)
				}
			}
			assert.Positive(t, phones)
			assert.Contains(t, text, "call 999")
			loc := s.cat.Localizer("en")
			assert.Contains(t, text, "These rules were last checked against the law on")
			assert.Contains(t, text, loc.T("date."+itoa(int(s.set.Tree(pc.nation).CorrectOn.Month())), map[string]any{
				"Day": s.set.Tree(pc.nation).CorrectOn.Day(), "Year": s.set.Tree(pc.nation).CorrectOn.Year(),
			}))
			assert.Contains(t, text, loc.First(pc.outcome.TitleIDs()...))
			for _, step := range pc.outcome.Steps {
				assert.Contains(t, text, loc.First(pc.outcome.StepIDs(step)...))
			}
			assert.NotContains(t, p.body, `class="bi__en"`, "in the person's language only")
			assert.NotContains(t, text, "To: the Overseas Visitors team", "for the person, not the hospital")
		})
	}
}

// The letter about a bill is about care already given, names the invoice,
// and, where the person may be charged, asks for an itemised bill, a
// review with evidence, and a payment plan.
func TestBillLetter(t *testing.T) {
	t.Parallel()
	nations := []string{"england", "northern-ireland"}
	ts := serversByNation(t, nations...)
	for _, pc := range resultsByKind(t, ts, nations...) {
		t.Run(pc.name, func(t *testing.T) {
			p := ts[pc.nation].do(t, "POST", "/en/check", url.Values{"action": {"bill-letter"}, "state": {pc.state}})
			require.Equal(t, http.StatusOK, p.status)
			text := mainText(t, p.body)
			assert.NotContains(t, text, "I need")
			assert.NotContains(t, strings.ToLower(text), "need this care")
			assert.NotContains(t, strings.ToLower(text), "care i need")
			assert.Contains(t, text, "Invoice number")
			assert.Contains(t, text, "Date of the invoice")
			assert.Contains(t, text, "invoice")
			assert.Contains(t, text, "care already given")
			if ts[pc.nation].set.Vocabulary.Kind(pc.outcome.Kind).NotCharged {
				assert.Contains(t, text, "Please cancel this invoice")
			} else {
				assert.Contains(t, text, "itemised bill")
				assert.Contains(t, text, "review")
				assert.Contains(t, text, "evidence I have is enclosed")
				assert.Contains(t, text, "plan to pay in affordable instalments")
			}
		})
	}
}

// The advocate's letter is written on the person's behalf with their
// consent, with blanks for the dates the hospital needs, the regulation
// relied on and a request for written reasons.
func TestAdvocateLetter(t *testing.T) {
	ts := serversByNation(t, "england")
	p := walk(t, ts["england"], "england", "hospital", "none", "uk", "asylum", "waiting")
	body := ts["england"].do(t, "POST", "/en/check", url.Values{"action": {"advocate-letter"}, "state": {field(t, stateField, p.body)}}).body
	text := mainText(t, body)
	for _, want := range []string{
		"on behalf of", "with their consent", "Patient's name", "Patient's date of birth", "Dates of care",
		"Asylum claim", "Visa application", "EU Settlement Scheme application",
		"The regulations relied on are:", "SI 2015/238 reg 15(b)", "with the reasons for it", "signed consent",
	} {
		assert.Contains(t, text, want)
	}
	assert.Equal(t, 14, strings.Count(body, `<span class="fill"`),
		"blanks: to, name, birth, number, care, three applications, interpreter, and the adviser's name, organisation, contact, signature and date")
	assert.NotContains(t, text, "I have asked the UK government for asylum", "the adviser is I; the person's own answers are not repeated as the adviser's")
}

// "Report a wrong answer" shows the rules version and the answers, made in
// the page; the email link carries a subject only.
func TestReportAWrongAnswer(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	state := field(t, stateField, p.body)
	version := strings.Split(state, "|")[1]
	require.Contains(t, p.body, `value="report"`)
	r := ts.do(t, "POST", "/en/check", url.Values{"action": {"report"}, "state": {state}})
	require.Equal(t, http.StatusOK, r.status)
	body := html.UnescapeString(r.body)
	assert.Contains(t, body, version)
	assert.Contains(t, body, "England")
	answers := []string{
		"What kind of NHS care is this about?", "Hospital care: an appointment, a test or scan, an operation or a stay in hospital",
		"Which of these describes you?", "I have asked the UK government for asylum (protection as a refugee)",
		"I am waiting for a decision or for an appeal",
	}
	for _, a := range answers {
		assert.Equal(t, 2, strings.Count(body, a), "in the report and in its text to copy: %s", a)
	}
	assert.Contains(t, body, "The checker has not stored it or sent it anywhere")
	m := regexp.MustCompile(`id="report-mailto" href="([^"]*)"`).FindStringSubmatch(r.body)
	require.NotNil(t, m)
	link, err := url.Parse(html.UnescapeString(m[1]))
	require.NoError(t, err)
	assert.Equal(t, "mailto", link.Scheme)
	assert.Equal(t, "reports@example.org", link.Opaque)
	assert.Equal(t, []string{"subject"}, keys(link.Query()))
	assert.Equal(t, "Checker answer report, rules "+version, link.Query().Get("subject"))
	for _, a := range append(answers, "asylum", "hospital", "waiting") {
		assert.NotContains(t, strings.ToLower(m[1]), strings.ToLower(a))
	}
	assert.NotContains(t, ts.logs.String(), "asylum")

	// A web address as the contact gets a link, not an email.
	web := newServerContact(t, correctOn(t), "https://example.org/report")
	p = walk(t, web, "england", "hospital", "none", "uk", "asylum", "waiting")
	r = web.do(t, "POST", "/en/check", url.Values{"action": {"report"}, "state": {field(t, stateField, p.body)}})
	assert.Contains(t, r.body, `href="https://example.org/report"`)
	assert.NotContains(t, r.body, "mailto:")
}

func keys(v url.Values) []string {
	var out []string
	for k := range v {
		out = append(out, k)
	}
	return out
}

// With no contact there is nowhere to send a report: no button, no link
// in the footer or among the help pages, and no report page.
func TestNoReportLinkWithoutContact(t *testing.T) {
	ts := newServerContact(t, correctOn(t), "")
	p := walk(t, ts, "england", "hospital", "none", "uk", "asylum", "waiting")
	state := field(t, stateField, p.body)
	for name, body := range map[string]string{
		"result": p.body,
		"start":  ts.do(t, "GET", "/en/", nil).body,
		"help":   ts.do(t, "GET", "/en/help/bill", nil).body,
		"staff":  ts.do(t, "GET", "/en/staff/england", nil).body,
		"sheet":  ts.do(t, "POST", "/en/check", url.Values{"action": {"sheet"}, "state": {state}}).body,
	} {
		assert.NotContains(t, body, `value="report"`, name)
		assert.NotContains(t, body, "/help/report", name)
		assert.NotContains(t, body, "mailto:", name)
		assert.NotContains(t, body, "Report", name)
	}
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/help/report", nil).status)
	assert.Equal(t, http.StatusNotFound, ts.do(t, "POST", "/en/check", url.Values{"action": {"report"}, "state": {state}}).status)

	// With a contact, the result and the footer link to it.
	with := newServer(t, correctOn(t))
	p = walk(t, with, "england", "hospital", "none", "uk", "asylum", "waiting")
	assert.Contains(t, p.body, `value="report"`)
	assert.Contains(t, p.body, `href="/en/help/report"`)
}

// The advocate's letter and the bill letter are handed to the hospital:
// for an answer that the person may be charged, they neither repeat the
// person's status answers nor list the exemptions found not to apply.
func TestNewLettersLeaveOutStatusWhenCharged(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := walk(t, ts, "england", "hospital", "none", "uk", "no-permission", "none", "can-wait")
	state := field(t, stateField, p.body)
	for _, doc := range []string{"advocate-letter", "bill-letter"} {
		body := html.UnescapeString(ts.do(t, "POST", "/en/check", url.Values{"action": {doc}, "state": {state}}).body)
		assert.NotContains(t, body, "I do not have permission to be in the UK", doc)
		assert.NotContains(t, body, "no exemption applies", doc)
		assert.NotContains(t, body, "found not to apply", doc)
		assert.NotContains(t, body, `id="checked"`, doc)
		assert.Contains(t, body, "SI 2015/238 reg 3(1A)", doc)
	}
}

// Every paper an outcome asks for has a name for the papers handed over,
// which never says "your" (the writer of a paper is "I").
func TestPaperDocumentNames(t *testing.T) {
	ts := newServer(t, correctOn(t))
	loc := ts.cat.Localizer("en")
	for _, n := range ts.set.Nations {
		for _, o := range ts.set.Tree(n).Outcomes {
			for _, id := range o.Bring {
				require.True(t, loc.Has("paper.doc."+id), "%s %s: no message paper.doc.%s", n, o.ID, id)
				assert.NotRegexp(t, `(?i)\byours?\b`, loc.T("paper.doc."+id, nil), id)
			}
		}
	}
}
