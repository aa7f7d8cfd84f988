package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// check is the whole question flow: one POST endpoint per language. The
// form says what to do (action) and carries the answers so far (state);
// nothing is kept on the server between requests.
func (s *Server) check(c echo.Context) error {
	form, err := readForm(c)
	if err != nil {
		return err
	}
	action := form.Get("action")
	if action == "bill-start" {
		return s.billStart(c, form)
	}
	if action == "start" {
		tree := s.cfg.Rules.Tree(form.Get("nation"))
		if tree == nil {
			return s.render(c, http.StatusUnprocessableEntity, "start", s.startPage(c, "", true))
		}
		return s.walkAndShow(c, http.StatusOK, tree, State{Rules: s.cfg.Rules.Version, Nation: tree.Nation})
	}

	st, err := ParseState(form.Get("state"))
	switch {
	case errors.Is(err, errStateOld):
		return echo.NewHTTPError(http.StatusConflict)
	case err != nil:
		return echo.NewHTTPError(http.StatusBadRequest)
	case st.Rules != s.cfg.Rules.Version:
		return echo.NewHTTPError(http.StatusConflict)
	}
	tree := s.cfg.Rules.Tree(st.Nation)
	if tree == nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if action == "companion-on" || action == "companion-off" {
		st.Companion = ""
		if action == "companion-on" {
			st.Companion = i18n.Reference
		}
		action = "show"
	}
	s.useCompanion(c, st.Companion)
	res, err := s.walk(tree, st)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}

	switch {
	case action == "next":
		if res.Next == nil || form.Get("question") != res.Next.ID {
			// A second click on an old page: show where the answers lead.
			return s.show(c, http.StatusConflict, tree, st, res, false)
		}
		answer := form.Get("answer")
		if answer == "" {
			return s.show(c, http.StatusUnprocessableEntity, tree, st, res, true)
		}
		return s.walkAndShow(c, http.StatusOK, tree, st.Answer(rules.Answer{Question: res.Next.ID, Option: answer}))

	case action == "back":
		if len(st.Answers) == 0 {
			return s.render(c, http.StatusOK, "start", s.startPage(c, st.Nation, false))
		}
		return s.walkAndShow(c, http.StatusOK, tree, st.Rewind(len(st.Answers)-1))

	case strings.HasPrefix(action, "change:"):
		n, err := strconv.Atoi(strings.TrimPrefix(action, "change:"))
		if err != nil || n < 0 || n >= len(st.Answers) {
			return echo.NewHTTPError(http.StatusBadRequest)
		}
		return s.walkAndShow(c, http.StatusOK, tree, st.Rewind(n))

	case action == "staff-on" || action == "staff-off":
		st.Staff = action == "staff-on"
		return s.show(c, http.StatusOK, tree, st, res, false)

	case action == "another-care":
		// The same person, another kind of care: every answer is kept
		// ahead and offered again.
		return s.walkAndShow(c, http.StatusOK, tree, st.Rewind(0))

	case action == "another-person":
		return s.walkAndShow(c, http.StatusOK, tree, State{Rules: st.Rules, Nation: st.Nation, Staff: st.Staff, Companion: st.Companion})

	case action == "bill-date":
		return s.render(c, http.StatusOK, "date", s.datePage(c, st, dateForm{}))

	case action == "show":
		return s.show(c, http.StatusOK, tree, st, res, false)

	case action == "report":
		return s.report(c, tree, st, res)

	case slices.Contains(paperKinds, action):
		if res.Outcome == nil {
			return echo.NewHTTPError(http.StatusBadRequest)
		}
		return s.paper(c, action, tree, st, res)
	}
	return echo.NewHTTPError(http.StatusBadRequest)
}

// walk replays a state's answers: about care already given, as the law
// stood on that day and without what cannot be judged after care.
func (s *Server) walk(tree *rules.Tree, st State) (*rules.Result, error) {
	if !st.CareDate.IsZero() {
		return tree.WalkAfterCare(s.cfg.Rules.Vocabulary, st.CareDate, st.Answers)
	}
	return tree.Walk(s.cfg.Today(), st.Answers)
}

// day is the day a state's answers are judged on: today, or the day care
// was given for a bill already received.
func (s *Server) day(st State) rules.Date {
	if !st.CareDate.IsZero() {
		return st.CareDate
	}
	return s.cfg.Today()
}

// walkAndShow replays changed answers (an answer that does not fit is bad
// input) and shows where they lead.
func (s *Server) walkAndShow(c echo.Context, status int, tree *rules.Tree, st State) error {
	if !st.CareDate.IsZero() && st.CareDate.Before(tree.CompleteFrom.Time) {
		return s.render(c, status, "result", s.beforeRulesPage(c, tree, st))
	}
	res, err := s.walk(tree, st)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	return s.show(c, status, tree, st, res, false)
}

// show renders where the answers lead: the next question, or the result.
// missing marks a question sent without an answer.
func (s *Server) show(c echo.Context, status int, tree *rules.Tree, st State, res *rules.Result, missing bool) error {
	if res.Next != nil {
		reach := tree.Reachable(res.Next.ID)
		st = st.Prune(func(q string) bool { return reach[q] })
		return s.ask(c, status, tree, st, res, missing)
	}
	st.Ahead = nil
	return s.render(c, status, "result", s.resultPage(c, tree, st, res))
}

type optionView struct {
	optionText
	Checked bool
	// Label2 and Hint2 are the option in the companion language.
	Label2, Hint2 string
}

type questionPage struct {
	base
	Nation     string
	QuestionID string
	Legend     string
	Hint       string
	Options    []optionView
	Error      bool
	IsFirst    bool
	// Legend2 and Hint2 are the question in the companion language.
	Legend2, Hint2 string
}

// ask shows the next question. Its page depends on the answers only
// through the state field and what the key names, so it is rendered once
// as a shell and then filled in.
func (s *Server) ask(c echo.Context, status int, tree *rules.Tree, st State, res *rules.Result, missing bool) error {
	rl := s.langOf(c)
	q := res.Next
	key := strings.Join([]string{rl.Paths.Companion, tree.Nation, q.ID, st.Kept(q.ID),
		strconv.FormatBool(missing), strconv.FormatBool(len(st.Answers) == 0)}, "|")
	sh, err := s.compiledOn(rl.L.Lang.Tag, s.day(st)).shell(key, func() (*shell, error) {
		p := s.questionPage(c, tree, st, res, missing)
		p.State = stateMark
		body, err := s.renderBytes("question", p)
		if err != nil {
			return nil, err
		}
		return newShell(body)
	})
	if err != nil {
		return err
	}
	return sh.serve(c, status, st.String())
}

func (s *Server) questionPage(c echo.Context, tree *rules.Tree, st State, res *rules.Result, missing bool) questionPage {
	q := res.Next
	qt := s.compiledOn(s.langOf(c).L.Lang.Tag, s.day(st)).Nations[tree.Nation].Questions[q.ID]
	p := questionPage{
		base: s.base(c, nil), Nation: tree.Nation, QuestionID: q.ID,
		Legend: qt.Legend, Hint: qt.Hint, Error: missing, IsFirst: len(st.Answers) == 0,
	}
	p.State = st.String()
	p.Title = p.Legend
	if missing {
		p.Title = p.T("ui.error-prefix") + " " + p.Title
	}
	keep := st.Kept(q.ID)
	var ct *questionText
	if p.C != nil {
		ct = s.compiledOn(p.C.Lang.Tag, s.day(st)).Nations[tree.Nation].Questions[q.ID]
		p.Legend2, p.Hint2 = other(ct.Legend, qt.Legend), other(ct.Hint, qt.Hint)
	}
	for i, o := range qt.Options {
		v := optionView{optionText: o, Checked: o.ID == keep}
		if ct != nil && i < len(ct.Options) {
			v.Label2, v.Hint2 = other(ct.Options[i].Label, o.Label), other(ct.Options[i].Hint, o.Hint)
		}
		p.Options = append(p.Options, v)
	}
	return p
}

// other returns the companion text when it differs from the page's own
// (English shown in place of a translation is the same text).
func other(companion, own string) string {
	if companion == i18n.StripFallbacks(own) {
		return ""
	}
	return companion
}

// checkByGet sends a reload or a shared link of the question page back to
// the start: answers are never read from a URL.
func (s *Server) checkByGet(c echo.Context) error {
	return c.Redirect(http.StatusSeeOther, s.langOf(c).Paths.Start())
}
