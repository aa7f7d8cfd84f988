package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

type nationChoice struct {
	ID, Name string
	Checked  bool
}

type startPage struct {
	base
	Nations   []nationChoice
	CorrectOn rules.Date
	Error     bool
	Help      []helpLink
}

// start is the first page: what the checker does, and the nation.
func (s *Server) start(c echo.Context) error {
	return s.serveCached(c, func() (string, any) { return "start", s.startPage(c, "", false) })
}

// startPage builds the start page; chosen and missing come from a start
// form sent without a nation.
func (s *Server) startPage(c echo.Context, chosen string, missing bool) startPage {
	p := startPage{base: s.base(c, startPlace), Error: missing}
	p.Title = p.T("start.title")
	if missing {
		p.Title = p.T("ui.error-prefix") + " " + p.Title
	}
	for _, n := range s.cfg.Rules.Nations {
		p.Nations = append(p.Nations, nationChoice{ID: n, Name: p.T("nation." + n), Checked: n == chosen})
		if d := s.cfg.Rules.Tree(n).CorrectOn; p.CorrectOn.IsZero() || d.Before(p.CorrectOn.Time) {
			p.CorrectOn = d
		}
	}
	p.Help = s.helpLinks(&p.base)
	return p
}

// home sends "/" to the start page in the language the browser prefers.
func (s *Server) home(c echo.Context) error {
	c.Response().Header().Set("Vary", "Accept-Language")
	return c.Redirect(http.StatusSeeOther, Paths{Lang: s.cfg.Catalog.Match(c.Request().Header.Get("Accept-Language"))}.Start())
}

func (s *Server) withSlash(c echo.Context) error {
	return c.Redirect(http.StatusMovedPermanently, s.langOf(c).Paths.Start())
}
