package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// check is the whole question flow: one POST endpoint per language. The
// form says what to do (action) and carries the answers so far (state);
// nothing is kept on the server between requests.
func (s *Server) check(c echo.Context) error {
	action := c.FormValue("action")
	if action == "start" {
		tree := s.cfg.Rules.Tree(c.FormValue("nation"))
		if tree == nil {
			return s.startPage(c, http.StatusUnprocessableEntity, true)
		}
		return s.walkAndShow(c, http.StatusOK, tree, State{Version: s.cfg.Rules.Version, Nation: tree.Nation}, "")
	}

	st, err := ParseState(c.FormValue("state"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if st.Version != s.cfg.Rules.Version {
		return echo.NewHTTPError(http.StatusConflict)
	}
	tree := s.cfg.Rules.Tree(st.Nation)
	if tree == nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	res, err := tree.Walk(s.cfg.Today(), st.Answers)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}

	switch {
	case action == "next":
		if res.Next == nil || c.FormValue("question") != res.Next.ID {
			// A second click on an old page: show where the answers lead.
			return s.show(c, http.StatusConflict, tree, st, res, "", false)
		}
		answer := c.FormValue("answer")
		if answer == "" {
			return s.show(c, http.StatusUnprocessableEntity, tree, st, res, "", true)
		}
		return s.walkAndShow(c, http.StatusOK, tree, st.With(rules.Answer{Question: res.Next.ID, Option: answer}), "")

	case action == "back":
		if len(st.Answers) == 0 {
			return s.startPage(c, http.StatusOK, false)
		}
		last := st.Answers[len(st.Answers)-1]
		return s.walkAndShow(c, http.StatusOK, tree, st.Upto(len(st.Answers)-1), last.Option)

	case strings.HasPrefix(action, "change:"):
		n, err := strconv.Atoi(strings.TrimPrefix(action, "change:"))
		if err != nil || n < 0 || n >= len(st.Answers) {
			return echo.NewHTTPError(http.StatusBadRequest)
		}
		return s.walkAndShow(c, http.StatusOK, tree, st.Upto(n), st.Answers[n].Option)

	case action == "show":
		return s.show(c, http.StatusOK, tree, st, res, "", false)

	case action == "sheet" || action == "letter":
		if res.Outcome == nil {
			return echo.NewHTTPError(http.StatusBadRequest)
		}
		return s.document(c, action, tree, st, res)
	}
	return echo.NewHTTPError(http.StatusBadRequest)
}

// walkAndShow replays changed answers (an answer that does not fit is bad
// input) and shows where they lead.
func (s *Server) walkAndShow(c echo.Context, status int, tree *rules.Tree, st State, chosen string) error {
	res, err := tree.Walk(s.cfg.Today(), st.Answers)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	return s.show(c, status, tree, st, res, chosen, false)
}

// show renders where the answers lead: the next question, or the result.
// chosen pre-selects an option when going back; missing marks a question
// sent without an answer.
func (s *Server) show(c echo.Context, status int, tree *rules.Tree, st State, res *rules.Result, chosen string, missing bool) error {
	if res.Next != nil {
		return s.render(c, status, "question", s.questionPage(c, tree, st, res, chosen, missing))
	}
	return s.render(c, status, "result", s.resultPage(c, tree, st, res))
}

// checkByGet sends a reload or a shared link of the question page back to
// the start: answers are never read from a URL.
func (s *Server) checkByGet(c echo.Context) error {
	return c.Redirect(http.StatusSeeOther, "/"+c.Param("lang")+"/")
}
