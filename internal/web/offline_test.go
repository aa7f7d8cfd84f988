package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestPerLanguage(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	for _, l := range ts.cat.Languages {
		p := ts.do(t, "GET", "/"+l.Tag+"/manifest.webmanifest", nil)
		require.Equal(t, http.StatusOK, p.status)
		assert.Equal(t, "application/manifest+json", p.header.Get("Content-Type"))
		var m struct {
			Name, ShortName, Description, StartURL, Scope, Display, ThemeColor, BackgroundColor string
			Icons                                                                               []struct{ Src, Sizes, Purpose string }
		}
		require.NoError(t, json.Unmarshal([]byte(strings.NewReplacer(`"short_name"`, `"ShortName"`, `"start_url"`, `"StartURL"`,
			`"theme_color"`, `"ThemeColor"`, `"background_color"`, `"BackgroundColor"`).Replace(p.body)), &m))
		loc := ts.cat.Localizer(l.Tag)
		assert.Equal(t, loc.T("offline.app-name", nil), m.Name)
		assert.Equal(t, loc.T("offline.app-short-name", nil), m.ShortName)
		assert.Equal(t, "/"+l.Tag+"/", m.StartURL)
		assert.Equal(t, "/"+l.Tag+"/", m.Scope)
		assert.Equal(t, "standalone", m.Display)
		assert.NotEmpty(t, m.ThemeColor)
		assert.NotEmpty(t, m.BackgroundColor)
		var sizes []string
		for _, i := range m.Icons {
			sizes = append(sizes, i.Sizes+" "+i.Purpose)
			icon := ts.do(t, "GET", i.Src, nil)
			assert.Equal(t, http.StatusOK, icon.status, i.Src)
			assert.Equal(t, "image/png", icon.header.Get("Content-Type"))
		}
		assert.ElementsMatch(t, []string{"192x192 any", "512x512 any", "512x512 maskable"}, sizes)
		start := ts.do(t, "GET", "/"+l.Tag+"/", nil)
		assert.Contains(t, start.body, `<link rel="manifest" href="/`+l.Tag+`/manifest.webmanifest">`)
	}
}

func TestServiceWorkerScript(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "GET", "/sw.js", nil)
	require.Equal(t, http.StatusOK, p.status)
	assert.Equal(t, "no-cache", p.header.Get("Cache-Control"))
	assert.Equal(t, "text/javascript; charset=utf-8", p.header.Get("Content-Type"))
	assert.Contains(t, p.body, `const VERSION = "`+ts.srv.OfflineVersion()+`";`)
	assert.Regexp(t, `import \{ assemble, removedPage \} from "/static/[0-9a-f]+/offline\.mjs";`, p.body)
	assert.NotContains(t, p.body, "localStorage")
	assert.NotContains(t, p.body, "indexedDB")
	// Offered on the start page and help pages, explained, with a form to
	// remove it that works without JavaScript.
	for _, path := range []string{"/en/", "/en/help/bill"} {
		page := ts.do(t, "GET", path, nil)
		assert.Contains(t, page.body, `data-offline-keep hidden`, path)
		assert.Contains(t, page.body, `action="/en/offline/remove"`, path)
		assert.Contains(t, strings.ToLower(page.body), "someone with the phone could see", "%s: %s", path, "the risk is said")
	}
}

func TestOfflineData(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	v := ts.srv.OfflineVersion()
	assert.Regexp(t, `^[0-9a-f]{16}$`, v)
	p := ts.do(t, "GET", "/en/offline/"+v+".json", nil)
	require.Equal(t, http.StatusOK, p.status)
	assert.Contains(t, p.header.Get("Cache-Control"), "immutable")
	var d struct {
		Version, Rules string
		Nations        map[string]struct {
			Start     string
			Questions map[string]struct {
				Route   bool
				Options []struct{ ID, Next, Label string }
			}
			Outcomes map[string]struct{ Kind, Title string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(p.body), &d))
	assert.Equal(t, v, d.Version)
	assert.Equal(t, ts.set.Version, d.Rules)
	require.Len(t, d.Nations, len(ts.set.Nations))
	for _, n := range ts.set.Nations {
		tree := ts.set.Tree(n)
		assert.Len(t, d.Nations[n].Questions, len(tree.Questions), n)
		assert.Len(t, d.Nations[n].Outcomes, len(tree.Outcomes), n)
		for _, q := range tree.Questions {
			assert.Equal(t, q.Route, d.Nations[n].Questions[q.ID].Route)
			assert.Len(t, d.Nations[n].Questions[q.ID].Options, len(q.Options))
		}
	}
	// Another version is not there: a worker never keeps a mix.
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/offline/0000000000000000.json", nil).status)
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/xx/offline/"+v+".json", nil).status)
	// The data holds no answers and no state.
	assert.NotRegexp(t, regexp.MustCompile(`"state"`), p.body)
}

func TestRemoveFromThisPhone(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "POST", "/en/offline/remove", url.Values{})
	require.Equal(t, http.StatusOK, p.status, p.body)
	assert.Equal(t, `"cache", "storage"`, p.header.Get("Clear-Site-Data"))
	assert.Equal(t, "no-store", p.header.Get("Cache-Control"))
	assert.Contains(t, p.body, ts.cat.Localizer("en").T("offline.removed.title", nil))
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/offline/remove", nil).status, "nothing is removed by a link")
}

// conformanceLanguages are the two languages the fixtures hold texts in:
// English, and Arabic (right to left) where the catalogue has it.
func conformanceLanguages(ts *testServer) []*i18n.Language {
	out := []*i18n.Language{ts.cat.Languages[0]}
	if ar := ts.cat.Language("ar"); ar != nil {
		out = append(out, ar)
	} else if len(ts.cat.Languages) > 1 {
		out = append(out, ts.cat.Languages[1])
	}
	return out
}

// TestOfflineFixtures writes the conformance fixtures when
// PNP_OFFLINE_FIXTURES names a folder: each language's offline data, and
// every scenario and PNP_SEED-seeded random walks per nation (1,000 by
// default, PNP_WALKS) with the outcome and the result's assembled text in
// every language. internal/web/browser/offline-conformance.test.mjs runs
// it and checks that the offline assembler (static/offline.mjs) agrees.
func TestOfflineFixtures(t *testing.T) {
	dir := os.Getenv("PNP_OFFLINE_FIXTURES")
	if dir == "" {
		t.Skip("PNP_OFFLINE_FIXTURES is not set")
	}
	seed := int64(1)
	if s := os.Getenv("PNP_SEED"); s != "" {
		var err error
		seed, err = strconv.ParseInt(s, 10, 64)
		require.NoError(t, err)
	}
	walks := 1000
	if s := os.Getenv("PNP_WALKS"); s != "" {
		var err error
		walks, err = strconv.Atoi(s)
		require.NoError(t, err)
	}
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	today := set.Tree(set.Nations[0]).CorrectOn
	for _, n := range set.Nations {
		if d := set.Tree(n).CorrectOn; d.After(today.Time) {
			today = d
		}
	}
	servers := map[string]*testServer{}
	server := func(day rules.Date) *testServer {
		if servers[day.String()] == nil {
			servers[day.String()] = newServer(t, day)
		}
		return servers[day.String()]
	}
	type answer struct {
		Question string `json:"question"`
		Option   string `json:"option"`
	}
	type fixture struct {
		// Flow, for some walks, is the same walk through the server's
		// forms, with a Change, a kept answer and two Backs: each page's
		// status, state, question and pre-selected option.
		Flow     []flowStep          `json:"flow,omitempty"`
		Name     string              `json:"name"`
		Nation   string              `json:"nation"`
		Today    string              `json:"today"`
		CareDate string              `json:"care_date,omitempty"`
		Answers  []answer            `json:"answers"`
		Outcome  string              `json:"outcome"`
		Texts    map[string][]string `json:"texts"`
	}
	var out []fixture
	add := func(name, nation string, day, care rules.Date, as []rules.Answer) {
		ts := server(day)
		f := fixture{Name: name, Nation: nation, Today: day.String(), Texts: map[string][]string{}}
		if !care.IsZero() {
			f.CareDate = care.String()
		}
		for _, a := range as {
			f.Answers = append(f.Answers, answer{a.Question, a.Option})
		}
		for _, l := range conformanceLanguages(ts) {
			outcome, texts, err := ts.srv.OfflineCase(l.Tag, nation, care, as)
			require.NoError(t, err, name)
			f.Outcome, f.Texts[l.Tag] = outcome, texts
		}
		out = append(out, f)
	}
	suite, err := scenario.LoadFS(rfs, "scenarios")
	require.NoError(t, err)
	for _, c := range suite.Cases {
		r := scenario.Run(set, c)
		day := set.Tree(c.Nation).CorrectOn
		if !c.AsOf.IsZero() {
			day = c.AsOf
		}
		var care rules.Date
		if c.AfterCare {
			care = day
			day = today
			if care.Before(set.Tree(c.Nation).CompleteFrom.Time) {
				continue // before the rules: the server says so, not the tree
			}
		}
		var as []rules.Answer
		for _, s := range r.Steps {
			if s.Answered() {
				as = append(as, rules.Answer{Question: s.Question.ID, Option: s.Option.ID})
			}
		}
		add("scenario "+c.ID, c.Nation, day, care, as)
	}
	rng := rand.New(rand.NewSource(seed))
	for _, n := range set.Nations {
		tree := set.Tree(n)
		span := int(today.Sub(tree.CompleteFrom.Time).Hours() / 24)
		for i := 0; i < walks; i++ {
			var care rules.Date
			day := today
			if i%5 == 4 && span > 0 {
				care = rules.Date{Time: tree.CompleteFrom.AddDate(0, 0, rng.Intn(span+1))}
				day = care
			}
			var as []rules.Answer
			for {
				var r *rules.Result
				if care.IsZero() {
					r, err = tree.Walk(day, as)
				} else {
					r, err = tree.WalkAfterCare(set.Vocabulary, care, as)
				}
				require.NoError(t, err)
				if r.Next == nil {
					break
				}
				opts := r.Next.OptionsOn(day)
				as = append(as, rules.Answer{Question: r.Next.ID, Option: opts[rng.Intn(len(opts))].ID})
			}
			add(fmt.Sprintf("walk %s %d (seed %d)", n, i, seed), n, today, care, as)
			if i < 50 && care.IsZero() && len(as) > 0 {
				out[len(out)-1].Flow = flowThroughForms(t, server(today), n, as)
			}
		}
	}
	for _, l := range server(today).cat.Languages {
		data, err := server(today).srv.OfflineData(l.Tag)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "data-"+l.Tag+".json"), data, 0o644))
	}
	body, err := json.Marshal(map[string]any{"seed": seed, "fixtures": out})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fixtures.json"), body, 0o644))
	t.Logf("wrote %d fixtures with seed %d", len(out), seed)
}

// Budgets, in bytes on the wire with Accept-Encoding: gzip, br.
const (
	budgetStart    = 30_000  // the start page and what it needs to render and work
	budgetQuestion = 8_000   // each further question page
	budgetOffline  = 250_000 // one language's offline store
)

func TestBudgets(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	// wire returns the page with its body as sent (len) and as read.
	type sent struct {
		page
		read string
	}
	wire := func(method, path string, form url.Values) sent {
		t.Helper()
		p := ts.do(t, method, path, form, "Accept-Encoding", "gzip, br")
		require.Equal(t, http.StatusOK, p.status, path)
		return sent{page: p, read: unpack(t, p)}
	}
	// The start page: the page, its style sheet, script, icon and manifest.
	start := wire("GET", "/en/", nil)
	total, files := len(start.body), 1
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+|/en/manifest\.webmanifest)"`).FindAllStringSubmatch(ts.do(t, "GET", "/en/", nil).body, -1) {
		total, files = total+len(wire("GET", m[1], nil).body), files+1
	}
	t.Logf("start page and what it needs: %d bytes in %d files (budget %d)", total, files, budgetStart)
	assert.Equal(t, 5, files, "page, style sheet, script, icon and manifest")
	assert.LessOrEqual(t, total, budgetStart)

	// Every question page of 40 seeded walks per nation.
	rng := rand.New(rand.NewSource(7))
	largest, pages := 0, 0
	for _, n := range ts.set.Nations {
		for i := 0; i < 40; i++ {
			p := wire("POST", "/en/check", url.Values{"action": {"start"}, "nation": {n}})
			for questionField.MatchString(p.read) {
				largest, pages = max(largest, len(p.body)), pages+1
				require.LessOrEqual(t, len(p.body), budgetQuestion, "a question page in %s", n)
				var offered []string
				for _, m := range answerValues.FindAllStringSubmatch(p.read, -1) {
					offered = append(offered, m[1])
				}
				p = wire("POST", "/en/check", url.Values{"action": {"next"}, "state": {field(t, stateField, p.read)},
					"question": {field(t, questionField, p.read)}, "answer": {offered[rng.Intn(len(offered))]}})
			}
		}
	}
	t.Logf("question pages: largest %d bytes of %d (budget %d)", largest, pages, budgetQuestion)

	// One language's offline store: every address the worker keeps.
	for _, l := range ts.cat.Languages {
		raw, err := ts.srv.OfflineData(l.Tag)
		require.NoError(t, err)
		var d struct {
			Paths struct {
				Pages          []string
				Manifest, Data string
			}
			Assets map[string]string
		}
		require.NoError(t, json.Unmarshal(raw, &d))
		urls := append(append([]string{}, d.Paths.Pages...), d.Paths.Manifest, d.Paths.Data)
		for _, u := range d.Assets {
			urls = append(urls, u)
		}
		store, data := 0, 0
		for _, u := range urls {
			size := len(wire("GET", u, nil).body)
			store += size
			if u == d.Paths.Data {
				data = size
			}
		}
		t.Logf("offline store (%s): %d bytes in %d files, of which the offline data %d (budget %d)", l.Tag, store, len(urls), data, budgetOffline)
		assert.LessOrEqual(t, store, budgetOffline, l.Tag)
	}
}

// flowStep is one page of a flow through the forms.
type flowStep struct {
	Form     map[string]string `json:"form"`
	Status   int               `json:"status"`
	State    string            `json:"state"`
	Question string            `json:"question,omitempty"`
	Checked  string            `json:"checked,omitempty"`
}

var checkedAnswer = regexp.MustCompile(`name="answer" id="answer-\d+" value="([^"]*)" checked`)

// flowThroughForms walks answers through the server's forms, then changes
// the middle answer, continues with the answer kept, and goes back twice,
// recording each page.
func flowThroughForms(t *testing.T, ts *testServer, nation string, as []rules.Answer) []flowStep {
	type step = flowStep
	var out []step
	state := ""
	post := func(form map[string]string) step {
		v := url.Values{}
		for k, x := range form {
			v.Set(k, x)
		}
		p := ts.do(t, "POST", "/en/check", v)
		st := step{Form: form, Status: p.status}
		if m := stateField.FindStringSubmatch(p.body); m != nil {
			st.State = html.UnescapeString(m[1])
		}
		if m := questionField.FindStringSubmatch(p.body); m != nil {
			st.Question = m[1]
		}
		if m := checkedAnswer.FindStringSubmatch(p.body); m != nil {
			st.Checked = m[1]
		}
		out = append(out, st)
		state = st.State
		return st
	}
	post(map[string]string{"action": "start", "nation": nation})
	for _, a := range as {
		post(map[string]string{"action": "next", "state": state, "question": a.Question, "answer": a.Option})
	}
	post(map[string]string{"action": "staff-on", "state": state})
	post(map[string]string{"action": "show", "state": state})
	k := len(as) / 2
	st := post(map[string]string{"action": fmt.Sprint("change:", k), "state": state})
	if st.Question != "" && st.Checked != "" {
		post(map[string]string{"action": "next", "state": state, "question": st.Question, "answer": st.Checked})
	}
	post(map[string]string{"action": "next", "state": state, "question": st.Question, "answer": ""})
	post(map[string]string{"action": "back", "state": state})
	post(map[string]string{"action": "back", "state": state})
	post(map[string]string{"action": "another-care", "state": state})
	post(map[string]string{"action": "another-person", "state": state})
	return out
}
