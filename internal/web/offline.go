package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The checker, installable and offline on request (docs/offline.md).
//
// Nothing is stored on the phone until the person asks: a button then
// registers the service worker at /sw.js, which keeps the language's public
// pages and the offline data (the tree and its compiled texts, below) in
// Cache Storage under the offline version, a hash of the rules, the
// locales and the static files. Answers are never stored: the worker
// replays the state posted with each step, as the server does.

// offlineFiles are the static files the worker needs and keeps.
var offlineFiles = []string{"app.css", "app.js", "offline.mjs", "icon.svg", "icon-192.png", "icon-512.png", "icon-maskable-512.png"}

// offlineState is what the offline routes keep per server: the version,
// the worker script and each language's data.
type offlineState struct {
	once    sync.Once
	version string
	sw      *blob
	mu      sync.Mutex
	data    map[string]*blob // lang -> offline data
	mani    map[string]*blob // lang -> manifest
}

func (s *Server) offline() *offlineState {
	o := &s.off
	o.once.Do(func() {
		o.data, o.mani = map[string]*blob{}, map[string]*blob{}
		h := sha256.New()
		fmt.Fprintf(h, "rules %s\n", s.cfg.Rules.Version)
		for _, l := range s.cfg.Catalog.Languages {
			ids := s.cfg.Catalog.IDs(l.Tag)
			sort.Strings(ids)
			for _, id := range ids {
				text, _ := s.cfg.Catalog.Text(l.Tag, id)
				fmt.Fprintf(h, "%s %s %q\n", l.Tag, id, text)
			}
		}
		names := make([]string, 0, len(s.assets.hashed))
		for name := range s.assets.hashed {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(h, "asset %s\n", s.assets.hashed[name])
		}
		o.version = hex.EncodeToString(h.Sum(nil))[:16]
		sw := s.assets.files["sw.js"].plain
		head := fmt.Sprintf("const VERSION = %q;\nconst CSP = %q;\nimport { assemble, removedPage } from %q;\n", o.version, contentSecurityPolicy, s.assets.URL("offline.mjs"))
		o.sw = newBlob(append([]byte(head), sw...), "text/javascript; charset=utf-8", brotliStatic)
	})
	return o
}

// OfflineVersion is the version of the offline pieces: a hash of the rules,
// the locales and the static files. A new version replaces the phone's
// cache at its next online visit.
func (s *Server) OfflineVersion() string { return s.offline().version }

// serviceWorker serves the worker: a stable address, never cached without
// asking the server, so a new version is found at the next online visit.
func (s *Server) serviceWorker(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return s.offline().sw.serve(c)
}

// manifest serves the language's web app manifest.
func (s *Server) manifest(c echo.Context) error {
	rl := s.langOf(c)
	o := s.offline()
	o.mu.Lock()
	b := o.mani[rl.L.Lang.Tag]
	if b == nil {
		p := Paths{Lang: rl.L.Lang.Tag}
		m := map[string]any{
			"name":             i18n.StripFallbacks(rl.L.T("offline.app-name", nil)),
			"short_name":       i18n.StripFallbacks(rl.L.T("offline.app-short-name", nil)),
			"description":      i18n.StripFallbacks(rl.L.T("offline.app-description", nil)),
			"lang":             rl.L.Lang.Tag,
			"dir":              rl.L.Lang.Dir,
			"id":               p.Start(),
			"start_url":        p.Start(),
			"scope":            p.Start(),
			"display":          "standalone",
			"theme_color":      "#0f4c5c",
			"background_color": "#ffffff",
			"icons": []map[string]string{
				{"src": s.assets.URL("icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
				{"src": s.assets.URL("icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
				{"src": s.assets.URL("icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
			},
		}
		body, _ := json.Marshal(m)
		b = newBlob(body, "application/manifest+json", brotliPage)
		o.mani[rl.L.Lang.Tag] = b
	}
	o.mu.Unlock()
	c.Response().Header().Set("Cache-Control", "no-cache")
	return b.serve(c)
}

// offlineData serves the language's offline data under its version; an
// old version is gone (404), so a worker never keeps a mix.
func (s *Server) offlineData(c echo.Context) error {
	rl := s.langOf(c)
	o := s.offline()
	if c.Param("file") != o.version+".json" || rl.Paths.Companion != "" {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	o.mu.Lock()
	b := o.data[rl.L.Lang.Tag]
	if b == nil {
		body, err := json.Marshal(s.buildOfflineData(rl.L))
		if err != nil {
			o.mu.Unlock()
			return err
		}
		b = newBlob(body, echo.MIMEApplicationJSONCharsetUTF8, brotliData)
		o.data[rl.L.Lang.Tag] = b
	}
	o.mu.Unlock()
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return b.serve(c)
}

// OfflineData returns a language's offline data as JSON, for tests.
func (s *Server) OfflineData(lang string) ([]byte, error) {
	return json.Marshal(s.buildOfflineData(s.cfg.Catalog.Localizer(lang)))
}

type removedPage struct {
	base
}

// removeOffline is "Remove from this phone": the browser drops this site's
// caches and storage (and so the worker's pieces); the page says what went.
func (s *Server) removeOffline(c echo.Context) error {
	if _, err := readForm(c); err != nil {
		return err
	}
	c.Response().Header().Set("Clear-Site-Data", `"cache", "storage"`)
	p := removedPage{base: s.base(c, nil)}
	p.Title = p.T("offline.removed.title")
	return s.render(c, http.StatusOK, "removed", p)
}

// The offline data: the tree of each nation (questions with their route
// flag and options, outcomes), the compiled texts, and the messages the
// worker's pages need, with placeholders written {Name}.
type offlineData struct {
	Version    string                   `json:"version"`
	Lang       string                   `json:"lang"`
	Dir        string                   `json:"dir"`
	Rules      string                   `json:"rules"`
	StaleDays  int                      `json:"stale_days"`
	Paths      offlinePaths             `json:"paths"`
	Assets     map[string]string        `json:"assets"`
	Messages   map[string]string        `json:"messages"`
	Kinds      map[string]offlineKind   `json:"kinds"`
	Facts      map[string]offlineFact   `json:"facts"`
	Nations    map[string]*offlineTree  `json:"nations"`
	NationList []string                 `json:"nation_list"`
	HelpPages  []helpLink               `json:"help_pages"`
	Delay      map[string][]offlineWhen `json:"delay"`
	Sheet      offlineSheet             `json:"sheet"`
	Person     offlinePersonSheet       `json:"person_sheet"`
}

// offlinePersonSheet is the person's own sheet (person-sheet.html), in
// their language only: its labels, its footer and the line saying the
// day each nation's rules are correct on.
type offlinePersonSheet struct {
	Labels    map[string]string `json:"labels"`
	Footer    string            `json:"footer"`
	CorrectOn map[string]string `json:"correct_on"`
}

// offlineSheet is the printable sheet for hospital staff (sheet.html) in
// the page's language: its labels, what it asks per outcome kind, and the
// footer per nation.
type offlineSheet struct {
	Labels map[string]string   `json:"labels"`
	Ask    map[string][]string `json:"ask"`
	Footer map[string]string   `json:"footer"`
}

type offlinePaths struct {
	Start     string            `json:"start"`
	Check     string            `json:"check"`
	Bill      string            `json:"bill"`
	Remove    string            `json:"remove"`
	Manifest  string            `json:"manifest"`
	Data      string            `json:"data"`
	Challenge map[string]string `json:"challenge"`
	PayFirst  map[string]string `json:"pay_first"`
	Staff     map[string]string `json:"staff"`
	Pages     []string          `json:"pages"`
}

type offlineKind struct {
	NotCharged bool `json:"not_charged,omitempty"`
}

type offlineFact struct {
	Unsure            string `json:"unsure,omitempty"`
	NotAskedAfterCare bool   `json:"not_asked_after_care,omitempty"`
}

// offlineWhen is one clause of a match: fact -> constraint.
type offlineWhen map[string]offlineConstraint

type offlineConstraint struct {
	Values []string `json:"values,omitempty"`
	Min    *int     `json:"min,omitempty"`
	Max    *int     `json:"max,omitempty"`
}

type offlineTree struct {
	Name         string                      `json:"name"`
	Start        string                      `json:"start"`
	CorrectOn    string                      `json:"correct_on"`
	CompleteFrom string                      `json:"complete_from"`
	Questions    map[string]*offlineQuestion `json:"questions"`
	Outcomes     map[string]*offlineOutcome  `json:"outcomes"`
	// Blocks and Orgs are kept once; outcomes name them by index.
	Blocks    []*offlineBlock     `json:"blocks"`
	Orgs      []orgView           `json:"orgs"`
	Cites     map[string]citeView `json:"cites"`
	StillFree []string            `json:"still_free,omitempty"`
	Notices   map[string]string   `json:"notices"`
	// StaffDo is what the desk does, per outcome kind; Desk the nation's
	// desk summary (blocks by index), for the staff view.
	StaffDo map[string]string `json:"staff_do"`
	// BillVerdict is, per tone, the one thing to do now about a bill for
	// care already given.
	BillVerdict map[string]string `json:"bill_verdict"`
	Desk        []int             `json:"desk,omitempty"`
}

// offlineOutcome is an outcome's texts with its blocks and organisations
// named by index, so each is sent once.
type offlineOutcome struct {
	*outcomeText
	Blocks    []int    `json:"blocks,omitempty"`
	Bill      []int    `json:"bill,omitempty"`
	Help      []int    `json:"help"`
	Citations []string `json:"citations"`
	Checked   []string `json:"checked,omitempty"`
}

// offlineBlock is a block with its citations named by id.
type offlineBlock struct {
	*blockText
	Citations []string `json:"citations,omitempty"`
}

type offlineQuestion struct {
	Route   bool             `json:"route,omitempty"`
	Legend  string           `json:"legend,omitempty"`
	Hint    string           `json:"hint,omitempty"`
	Options []*offlineOption `json:"options"`
}

type offlineOption struct {
	ID        string      `json:"id"`
	Label     string      `json:"label,omitempty"`
	Hint      string      `json:"hint,omitempty"`
	Facts     offlineWhen `json:"facts,omitempty"`
	Otherwise bool        `json:"otherwise,omitempty"`
	Next      string      `json:"next"`
	From      string      `json:"from,omitempty"`
	Until     string      `json:"until,omitempty"`
}

// offlineMessages are the plain messages the worker's pages use.
var offlineMessages = []string{
	"ui.service-name", "ui.skip", "ui.exit", "ui.exit-region", "ui.exit-history", "ui.exit-hint", "ui.footer.not-advice", "ui.footer.privacy", "ui.footer.start",
	"ui.footer.staff", "ui.continue", "ui.error-title", "ui.error-choose", "ui.error-prefix", "ui.answer-for-someone", "ui.back",
	"ui.emergency", "result.now", "result.why", "result.next", "result.bring", "result.bring.evidence", "result.still-free.title",
	"result.still-free.intro", "result.law", "result.law.intro", "result.checked", "result.checked.intro", "result.answers",
	"result.nation", "result.start-again", "result.change", "result.help", "result.more", "result.not-advice", "result.correct-on",
	"result.stale", "result.sheet", "result.letter", "result.person-sheet", "result.advocate-letter", "result.another-care",
	"result.another-person", "result.papers-note", "bill.context", "bill.law-on", "bill.date.legend", "challenge.title",
	"payfirst.title", "offline.answered", "offline.removed.title", "offline.removed.body",
	"result.staff.title", "result.staff.record", "result.staff.on", "result.staff.off", "offline.needs-connection.title", "offline.needs-connection.body", "info.report.title",
	"ui.fallback-note",
}

func (s *Server) buildOfflineData(l *i18n.Localizer) *offlineData {
	o := s.offline()
	p := Paths{Lang: l.Lang.Tag}
	ph := map[string]any{}
	for _, k := range []string{"Date", "Nation", "Day", "Year"} {
		ph[k] = "{" + k + "}"
	}
	d := &offlineData{
		Version: o.version, Lang: l.Lang.Tag, Dir: l.Lang.Dir, Rules: s.cfg.Rules.Version, StaleDays: int(staleAfter.Hours() / 24),
		Paths: offlinePaths{
			Start: p.Start(), Check: p.Check(), Bill: p.Bill(), Remove: p.RemoveOffline(), Manifest: p.Manifest(),
			Data:      p.OfflineData(o.version),
			Challenge: map[string]string{}, PayFirst: map[string]string{}, Staff: map[string]string{},
		},
		Assets:   map[string]string{},
		Messages: map[string]string{}, Kinds: map[string]offlineKind{}, Facts: map[string]offlineFact{},
		Nations: map[string]*offlineTree{}, NationList: s.cfg.Rules.Nations, Delay: map[string][]offlineWhen{},
	}
	for _, name := range offlineFiles {
		d.Assets[name] = s.assets.URL(name)
	}
	for _, id := range offlineMessages {
		d.Messages[id] = l.T(id, ph)
	}
	for i := 1; i <= 12; i++ {
		id := fmt.Sprint("date.", i)
		d.Messages[id] = l.T(id, ph)
	}
	if s.cfg.Contact != "" {
		d.Messages["contact"] = s.cfg.Contact
	}
	b := base{L: l, URL: p}
	d.HelpPages = s.helpLinks(&b)
	d.Paths.Pages = append(d.Paths.Pages, p.Start(), p.Bill())
	for _, h := range d.HelpPages {
		d.Paths.Pages = append(d.Paths.Pages, h.URL)
	}
	v := s.cfg.Rules.Vocabulary
	d.Sheet = offlineSheet{Labels: map[string]string{}, Ask: map[string][]string{}, Footer: map[string]string{}}
	for _, id := range paperLabels {
		d.Sheet.Labels[id] = l.First("paper.sheet."+id, "paper."+id)
	}
	d.Messages["ui.print"] = l.T("ui.print", nil)
	for _, k := range v.Kinds {
		d.Kinds[k.Name] = offlineKind{NotCharged: k.NotCharged}
		for i := 1; l.Has(fmt.Sprint("paper.sheet.", k.Name, ".", i)); i++ {
			d.Sheet.Ask[k.Name] = append(d.Sheet.Ask[k.Name], l.T(fmt.Sprint("paper.sheet.", k.Name, ".", i), nil))
		}
	}
	for _, n := range s.cfg.Rules.Nations {
		d.Sheet.Footer[n] = l.T("paper.footer", map[string]any{"Date": dateIn(l, s.cfg.Rules.Tree(n).CorrectOn)})
	}
	d.Person = offlinePersonSheet{Labels: map[string]string{}, Footer: l.T("paper.person-sheet.footer", nil), CorrectOn: map[string]string{}}
	for _, id := range paperLabels {
		d.Person.Labels[id] = l.First("paper.person-sheet."+id, "paper."+id)
	}
	for _, id := range kindLabels["person-sheet"] {
		d.Person.Labels[id] = l.T("paper.person-sheet."+id, nil)
	}
	for _, n := range s.cfg.Rules.Nations {
		d.Person.CorrectOn[n] = l.T("paper.person-sheet.correct-on", map[string]any{"Date": dateIn(l, s.cfg.Rules.Tree(n).CorrectOn)})
	}
	for _, f := range v.Facts {
		d.Facts[f.Name] = offlineFact{Unsure: f.Unsure, NotAskedAfterCare: f.NotAskedAfterCare}
	}
	comp := s.compiledFor(l.Lang.Tag)
	for _, n := range s.cfg.Rules.Nations {
		t := s.cfg.Rules.Tree(n)
		nt := comp.Nations[n]
		d.Paths.Challenge[n], d.Paths.PayFirst[n], d.Paths.Staff[n] = p.Challenge(n), p.PayFirst(n), p.Staff(n)
		// The desk summary and the longer reference are kept; the pages on
		// paying first and challenging a decision need a connection, so
		// that one language's store stays within its budget in every
		// language (see docs/offline.md).
		d.Paths.Pages = append(d.Paths.Pages, p.Staff(n), p.StaffReference(n))
		ot := &offlineTree{
			Name: nt.Name, Start: t.Start, CorrectOn: t.CorrectOn.String(), CompleteFrom: t.CompleteFrom.String(),
			Questions: map[string]*offlineQuestion{}, Outcomes: map[string]*offlineOutcome{}, StillFree: nt.StillFree,
			Notices: map[string]string{
				"must-not":  l.First(n+".result.not-delayed", "result.not-delayed"),
				"if-urgent": l.First(n+".result.not-delayed-if", "result.not-delayed-if"),
			},
		}
		blockIx, orgIx := map[*blockText]int{}, map[orgView]int{}
		ot.Cites = map[string]citeView{}
		cites := func(cs []citeView) []string {
			var ids []string
			for _, c := range cs {
				ot.Cites[c.ID] = c
				ids = append(ids, c.ID)
			}
			return ids
		}
		block := func(b *blockText) int {
			if i, ok := blockIx[b]; ok {
				return i
			}
			blockIx[b] = len(ot.Blocks)
			ot.Blocks = append(ot.Blocks, &offlineBlock{blockText: b, Citations: cites(b.Citations)})
			return blockIx[b]
		}
		org := func(o orgView) int {
			if i, ok := orgIx[o]; ok {
				return i
			}
			orgIx[o] = len(ot.Orgs)
			ot.Orgs = append(ot.Orgs, o)
			return orgIx[o]
		}
		for _, out := range t.Outcomes {
			text := nt.Outcomes[out.ID]
			oo := &offlineOutcome{outcomeText: text, Help: []int{}, Citations: cites(text.Citations), Checked: cites(text.Checked)}
			for _, b := range text.Blocks {
				oo.Blocks = append(oo.Blocks, block(b))
			}
			for _, b := range text.Bill {
				oo.Bill = append(oo.Bill, block(b))
			}
			for _, o := range text.Help {
				oo.Help = append(oo.Help, org(o))
			}
			ot.Outcomes[out.ID] = oo
		}
		ot.StaffDo, ot.BillVerdict = map[string]string{}, map[string]string{}
		for _, k := range v.Kinds {
			ot.StaffDo[k.Name] = l.First(n+".staff.do."+k.Name, "staff.do."+k.Name)
			ot.BillVerdict[k.Tone] = l.First(n+".bill.verdict."+k.Tone, "bill.verdict."+k.Tone)
		}
		for _, b := range nt.Blocks["staff-desk"] {
			ot.Desk = append(ot.Desk, block(b))
		}
		for _, q := range t.Questions {
			oq := &offlineQuestion{Route: q.Route}
			if !q.Route {
				oq.Legend, oq.Hint = l.First(q.TextIDs()...), optional(l, q.HintIDs())
			}
			for _, op := range q.Options {
				oo := &offlineOption{ID: op.ID, Facts: offlineMatch(op.Facts), Otherwise: op.Otherwise, Next: op.Next}
				if !q.Route {
					oo.Label, oo.Hint = l.First(q.LabelIDs(op)...), optional(l, q.OptionHintIDs(op))
				}
				if !op.From.IsZero() {
					oo.From = op.From.String()
				}
				if !op.Until.IsZero() {
					oo.Until = op.Until.String()
				}
				oq.Options = append(oq.Options, oo)
			}
			ot.Questions[q.ID] = oq
		}
		d.Nations[n] = ot
		if dv := v.DerivedFact(rules.MustNotBeDelayed, n); dv != nil {
			for _, m := range dv.When {
				d.Delay[n] = append(d.Delay[n], offlineMatch(m))
			}
		}
	}
	return d
}

func offlineMatch(m rules.Match) offlineWhen {
	if len(m) == 0 {
		return nil
	}
	out := offlineWhen{}
	for name, c := range m {
		out[name] = offlineConstraint{Values: c.Values, Min: c.Min, Max: c.Max}
	}
	return out
}

// resultTexts is the assembled text of a result: the words a person reads
// that come from the rules, in page order. The offline assembler builds
// the same list from the same pieces; the conformance test compares them.
func resultTexts(p resultPage) []string {
	out := []string{p.KindLabel, p.Heading}
	if p.CareDate.IsZero() {
		out = append(out, p.Means) // about a bill, the verdict says it
	}
	if p.Now != "" {
		out = append(out, p.Now)
	}
	if p.DelayNotice != "" {
		out = append(out, p.DelayNotice)
	}
	out = append(out, p.Why)
	out = append(out, p.Steps...)
	out = append(out, p.Bring...)
	for _, c := range p.Citations {
		out = append(out, c.Label)
	}
	for _, c := range p.Checked {
		out = append(out, c.Label)
	}
	for _, a := range p.Answers {
		out = append(out, a.Question, a.Answer)
	}
	return out
}

// OfflineCase replays answers as the server does, for the conformance
// fixtures: the outcome reached and the result's assembled text in lang.
func (s *Server) OfflineCase(lang, nation string, careDate rules.Date, answers []rules.Answer) (outcome string, texts []string, err error) {
	tree := s.cfg.Rules.Tree(nation)
	if tree == nil {
		return "", nil, fmt.Errorf("no nation %q", nation)
	}
	st := State{Rules: s.cfg.Rules.Version, Nation: nation, Answers: answers, CareDate: careDate}
	res, err := s.walk(tree, st)
	if err != nil {
		return "", nil, err
	}
	if res.Outcome == nil {
		return "", nil, fmt.Errorf("answers stop at question %s", res.Next.ID)
	}
	req, err := http.NewRequest(http.MethodPost, Paths{Lang: lang}.Check(), http.NoBody)
	if err != nil {
		return "", nil, err
	}
	c := s.echo.NewContext(req, echo.NewResponse(discard{}, s.echo))
	return res.Outcome.ID, resultTexts(s.resultPage(c, tree, st, res)), nil
}

// discard is a response writer for pages assembled but never sent.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
