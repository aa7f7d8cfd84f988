package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The papers: a printable sheet for hospital staff and a reply letter,
// in the person's language with English beside it.

// paperKinds are the papers a result offers, each a flow action and a
// template: the sheet for hospital staff, the reply letter, the person's
// own sheet, a letter an advocate sends, and a letter asking for a bill
// for care already given to be reviewed or cancelled.
var paperKinds = []string{"sheet", "letter"}

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
}

type biFact struct {
	Question, Answer biText
}

var paperLabels = []string{"to", "name", "dob", "number", "date", "signed", "contact", "rule", "facts", "law", "documents", "documents-evidence", "ask", "received", "interpreter", "reasons", "print", "back", "title", "help", "checked"}

// paper renders the printable sheet or the reply letter for an outcome.
func (s *Server) paper(c echo.Context, kind string, tree *rules.Tree, st State, res *rules.Result) error {
	o := res.Outcome
	p := paperPage{base: s.base(c, nil), Kind: o.Kind, Evidence: o.Evidence}
	en := s.cfg.Catalog.Localizer(i18n.Reference)
	p.State = st.String()
	p.Bilingual = p.Lang.Tag != i18n.Reference
	bi := func(ids ...string) biText { return biText{Local: p.L.First(ids...), English: en.First(ids...)} }

	p.Labels = map[string]biText{}
	for _, id := range paperLabels {
		p.Labels[id] = bi("paper."+kind+"."+id, "paper."+id)
	}
	p.Basis = s.cfg.Rules.Vocabulary.Kind(o.Kind).NotCharged
	p.Heading = bi(o.TitleIDs()...)
	p.Why = bi(o.WhyIDs()...)
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
	p.Checked = citations(tree, o.Checked)
	for _, id := range o.Bring {
		p.Bring = append(p.Bring, bi("doc."+id))
	}
	p.Footer = biText{
		Local:   p.TF("paper.footer", "Date", p.Date(tree.CorrectOn)),
		English: en.T("paper.footer", map[string]any{"Date": dateIn(en, tree.CorrectOn)}),
	}
	p.Title = p.Labels["title"].Local
	return s.render(c, http.StatusOK, kind, p)
}
