package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The staff quick reference: every always-free service and every exempt
// group of a nation, with citations and the papers that show it, built from
// the rules so it never disagrees with the checker.

type refRow struct {
	Anchor    string
	Title     string
	Via       []string
	Citations []citeView
	Bring     []string
}

type staffPage struct {
	base
	Nation     string
	NationName string
	CorrectOn  rules.Date
	Sections   []refSection
	Nations    []nationChoice
}

type refSection struct {
	Anchor, Heading, Intro string
	Rows                   []refRow
}

func (s *Server) staff(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.serveCached(c, func() (string, any) { return "staff", s.staffPage(c, tree) })
}

func (s *Server) staffPage(c echo.Context, tree *rules.Tree) staffPage {
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	p := staffPage{base: s.base(c, staffPlace(tree.Nation)), Nation: tree.Nation, NationName: nt.Name, CorrectOn: tree.CorrectOn}
	p.Title = p.TF("staff.title", "Nation", p.NationName)
	for _, n := range s.cfg.Rules.Nations {
		p.Nations = append(p.Nations, nationChoice{ID: n, Name: p.T("nation." + n), Checked: n == tree.Nation})
	}
	via := map[string][]string{}
	for _, q := range tree.Questions {
		if q.Route {
			continue
		}
		for _, o := range q.OptionsOn(s.cfg.Today()) {
			if tree.Outcome(o.Next) != nil {
				via[o.Next] = append(via[o.Next], nt.Questions[q.ID].Labels[o.ID])
			}
		}
	}
	for _, kinds := range [][]string{{"free-this-service"}, {"free"}, {"chargeable-not-withheld", "chargeable-upfront", "chargeable"}, {"get-advice"}} {
		sec := refSection{Anchor: kinds[0], Heading: p.T("staff.section." + kinds[0]), Intro: p.T("staff.intro." + kinds[0])}
		for _, o := range tree.Outcomes {
			if !slices.Contains(kinds, o.Kind) {
				continue
			}
			ot := nt.Outcomes[o.ID]
			sec.Rows = append(sec.Rows, refRow{Anchor: o.ID, Title: ot.Heading, Via: via[o.ID], Citations: ot.Citations, Bring: ot.Bring})
		}
		p.Sections = append(p.Sections, sec)
	}
	return p
}
