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
	// Now is the one thing to do now (the first step); Steps the rest.
	Now        string
	Steps      []string
	Nation     string
	NationName string
	// CareDate is the day care was given, for a bill; zero otherwise.
	CareDate rules.Date
	// Charged is true where a charge can be made, so the pages on paying
	// first and challenging a decision apply.
	Charged bool
	// Staff shows what the desk does; Desk is the nation's desk summary.
	Staff   bool
	StaffDo string
	Desk    []*blockText
	// StillFree is what stays free for everyone, beside a charged result.
	StillFree []string
	// BillVerdict says, about care already given, whether the bill looks
	// lawful and the first thing to do about it.
	BillVerdict string
	// C2 is the outcome in the companion language, shown under the page's
	// own words; nil without one.
	C2 *outcomeText
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
	nt := s.compiledOn(s.langOf(c).L.Lang.Tag, s.day(st)).Nations[tree.Nation]
	ot := nt.Outcomes[res.Outcome.ID]
	p := resultPage{
		base: s.base(c, nil), outcomeText: ot,
		Nation: tree.Nation, NationName: nt.Name, CorrectOn: tree.CorrectOn,
		CareDate: st.CareDate, Charged: !ot.NotCharged, Staff: st.Staff,
	}
	if len(ot.Steps) > 0 {
		p.Now, p.Steps = ot.Steps[0], ot.Steps[1:]
	}
	if p.Charged {
		p.StillFree = nt.StillFree
	}
	if !st.CareDate.IsZero() {
		// About a bill, the one thing to do now is about the bill.
		p.BillVerdict = p.L.First(tree.Nation+".bill.verdict."+ot.Tone, "bill.verdict."+ot.Tone)
		p.Now, p.Steps = p.BillVerdict, ot.Steps
	}
	if p.C != nil {
		p.C2 = s.compiledOn(p.C.Lang.Tag, s.day(st)).Nations[tree.Nation].Outcomes[res.Outcome.ID]
	}
	if st.Staff {
		p.StaffDo = p.L.First(tree.Nation+".staff.do."+ot.Kind, "staff.do."+ot.Kind)
		p.Desk = nt.Blocks["staff-desk"]
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
