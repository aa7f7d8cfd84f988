package web

import (
	"time"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// staleAfter is how old the rules' correct_on date may be before every
// result warns that the rules may be out of date.
const staleAfter = 183 * 24 * time.Hour

type answerView struct {
	Question, Answer string
	Step             int
}

type resultPage struct {
	base
	*outcomeText
	Nation     string
	NationName string
	// Delay says whether the care must not be delayed for payment, or would
	// not be if a clinician finds it urgent.
	Delay rules.Delay
	// DelayNotice is the nation's words for Delay.
	DelayNotice string
	Answers     []answerView
	CorrectOn   rules.Date
	Stale       bool
	HelpPages   []helpLink
}

func (s *Server) resultPage(c echo.Context, tree *rules.Tree, st State, res *rules.Result) resultPage {
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	p := resultPage{
		base: s.base(c, nil), outcomeText: nt.Outcomes[res.Outcome.ID],
		Nation: tree.Nation, NationName: nt.Name, CorrectOn: tree.CorrectOn,
	}
	p.State = st.String()
	p.Title = p.Heading
	p.Delay = res.Delay(s.cfg.Rules.Vocabulary, tree.Nation)
	switch p.Delay {
	case rules.DelayMustNot:
		p.DelayNotice = p.L.First(tree.Nation+".result.not-delayed", "result.not-delayed")
	case rules.DelayIfUrgent:
		p.DelayNotice = p.L.First(tree.Nation+".result.not-delayed-if", "result.not-delayed-if")
	}
	p.Answers = answers(nt, res)
	p.Stale = s.cfg.Today().Sub(tree.CorrectOn.Time) > staleAfter
	p.HelpPages = s.helpLinks(&p.base)
	return p
}

// answers lists the answers given, each with the index to change it.
func answers(nt *nationText, res *rules.Result) []answerView {
	var out []answerView
	for _, step := range res.Steps {
		if !step.Answered() {
			continue
		}
		qt := nt.Questions[step.Question.ID]
		out = append(out, answerView{Question: qt.Legend, Answer: qt.Labels[step.Option.ID], Step: len(out)})
	}
	return out
}
