package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The papers: a printable sheet for hospital staff, a reply letter, a
// letter an advocate sends and a letter about a bill for care already
// given, each in the person's language with English beside it; and a sheet
// for the person themself, in their language only.

// paperKinds are the papers a result offers, each a flow action and a
// template: the sheet for hospital staff, the reply letter, the person's
// own sheet, a letter an advocate sends, and a letter asking for a bill
// for care already given to be reviewed or cancelled.
var paperKinds = []string{"sheet", "letter", "person-sheet", "advocate-letter", "bill-letter"}

// letterKinds are the papers written as letters. A letter has one writer
// ("I") and one reader, so it never carries the outcome's explanation,
// which speaks to the person as "you": it says why in its own words,
// paper.<kind>.why.<outcome kind> (or paper.letter.why.<outcome kind>).
var letterKinds = []string{"letter", "advocate-letter", "bill-letter"}

// kindLabels are the labels only some papers have, each looked up as
// paper.<kind>.<label>.
var kindLabels = map[string][]string{
	"person-sheet":    {"intro", "private", "nation", "answer", "why", "steps", "bring", "bring-evidence", "orgs", "phone", "web", "emergency"},
	"advocate-letter": {"on-behalf", "care-dates", "applications", "asylum-date", "visa-date", "eu-date", "consent", "advocate", "organisation"},
	"bill-letter":     {"about", "invoice", "invoice-date", "care-dates", "enclosed"},
}

// biText is one text in the person's language and in English.
type biText struct {
	Local, English string
}

type paperPage struct {
	base
	// Bilingual is true when the page's language is not English, so every
	// text is shown with its English beside it.
	Bilingual bool
	Kind      string
	Heading   biText
	Ask       []biText
	Why       biText
	Facts     []biFact
	Citations []citeView
	// Checked are provisions the path checked that do not apply here.
	Checked  []citeView
	Bring    []biText
	Evidence bool
	// Basis is true when the answers are the reason not to charge. Papers
	// for an answer that the person may be charged leave out their status
	// answers and the "no exemption applies" reasoning: they are handed to
	// the hospital and must not weaken the person's position.
	Basis  bool
	Footer biText
	Labels map[string]biText
	// CareDate is the day care was given, when the answers were given for
	// a bill already received; empty otherwise, and filled in by hand.
	CareDate biText
	// Outcome, NationName and DelayNotice are for the person's own sheet,
	// in their language only.
	Outcome     *outcomeText
	NationName  string
	DelayNotice string
	CorrectOn   string
}

type biFact struct {
	Question, Answer biText
}

var paperLabels = []string{"to", "name", "dob", "number", "date", "signed", "contact", "rule", "facts", "law", "documents", "documents-evidence", "ask", "received", "interpreter", "reasons", "print", "back", "title", "help", "checked"}

// paper renders one of the papers (paperKinds) for an outcome.
func (s *Server) paper(c echo.Context, kind string, tree *rules.Tree, st State, res *rules.Result) error {
	o := res.Outcome
	p := paperPage{base: s.base(c, nil), Kind: o.Kind, Evidence: o.Evidence}
	en := s.cfg.Catalog.Localizer(i18n.Reference)
	p.State = st.String()
	p.Bilingual = p.Lang.Tag != i18n.Reference
	bi := func(ids ...string) biText {
		t := biText{Local: p.L.First(ids...), English: en.First(ids...)}
		if i18n.StripFallbacks(t.Local) == t.English {
			t.English = t.Local // shown once, marked as English
		}
		return t
	}

	p.Labels = map[string]biText{}
	for _, id := range paperLabels {
		p.Labels[id] = bi("paper."+kind+"."+id, "paper."+id)
	}
	for _, id := range kindLabels[kind] {
		p.Labels[id] = bi("paper." + kind + "." + id)
	}
	p.Basis = s.cfg.Rules.Vocabulary.Kind(o.Kind).NotCharged
	p.Heading = bi(o.TitleIDs()...)
	p.Why = bi(o.WhyIDs()...)
	if slices.Contains(letterKinds, kind) {
		p.Why = bi("paper."+kind+".why."+o.Kind, "paper.letter.why."+o.Kind)
	}
	if !st.CareDate.IsZero() {
		p.CareDate = biText{Local: p.Date(st.CareDate), English: dateIn(en, st.CareDate)}
	}
	for i := 1; ; i++ {
		id := "paper." + kind + "." + o.Kind + "." + strconv.Itoa(i)
		if !en.Has(id) {
			break
		}
		p.Ask = append(p.Ask, bi(id))
	}
	for _, step := range res.Steps {
		if p.Basis && step.Answered() {
			q := step.Question
			p.Facts = append(p.Facts, biFact{Question: bi(q.TextIDs()...), Answer: bi(q.LabelIDs(step.Option)...)})
		}
	}
	p.Citations = citations(tree, o.Cite)
	// A letter an adviser sends, or one about a bill, goes to the hospital
	// that wants payment: when the answer is that the person may be
	// charged, it does not list the exemptions found not to apply.
	if p.Basis || (kind != "advocate-letter" && kind != "bill-letter") {
		p.Checked = citations(tree, o.Checked)
	}
	for _, id := range o.Bring {
		// Named without "your": a paper's writer is "I", or an adviser.
		p.Bring = append(p.Bring, bi("paper.doc."+id, "doc."+id))
	}
	p.Footer = biText{
		Local:   p.TF("paper.footer", "Date", p.Date(tree.CorrectOn)),
		English: en.T("paper.footer", map[string]any{"Date": dateIn(en, tree.CorrectOn)}),
	}
	p.Title = p.Labels["title"].Local
	if kind == "person-sheet" {
		s.forThePerson(&p, tree, res)
	}
	return s.render(c, http.StatusOK, kind, p)
}

// forThePerson fills the person's own sheet: their answer as the result
// page gives it, in their language only, since the sheet is for them.
func (s *Server) forThePerson(p *paperPage, tree *rules.Tree, res *rules.Result) {
	nt := s.compiledFor(p.Lang.Tag).Nations[tree.Nation]
	p.Bilingual = false
	p.Outcome = nt.Outcomes[res.Outcome.ID]
	p.NationName = nt.Name
	p.CorrectOn = p.TF("paper.person-sheet.correct-on", "Date", p.Date(tree.CorrectOn))
	p.Footer = biText{Local: p.T("paper.person-sheet.footer"), English: p.T("paper.person-sheet.footer")}
	for id, t := range p.Labels {
		p.Labels[id] = biText{Local: t.Local, English: t.Local}
	}
	switch res.Delay(s.cfg.Rules.Vocabulary, tree.Nation) {
	case rules.DelayMustNot:
		p.DelayNotice = p.L.First(tree.Nation+".result.not-delayed", "result.not-delayed")
	case rules.DelayIfUrgent:
		p.DelayNotice = p.L.First(tree.Nation+".result.not-delayed-if", "result.not-delayed-if")
	}
}
