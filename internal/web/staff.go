package web

import (
	"net/http"
	"slices"
	"strings"

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
	// Desk is the nation's desk summary (staff-desk blocks); Topics the
	// longer reference's topics (staff blocks).
	Desk   []*blockText
	Topics []*blockText
	// Query is the search on the reference, if any; Matches counts rows
	// found.
	Query   string
	Matches int
	// Reference is true on the longer online reference.
	Reference bool
}

type refSection struct {
	Anchor, Heading, Intro string
	ScreenOnly, Desk       bool
	Rows                   []refRow
}

// staff is the one-page desk summary of a nation, the page printed for the
// reception desk.
func (s *Server) staff(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.serveCached(c, func() (string, any) { return "staff", s.staffPage(c, tree, false) })
}

// staffReference is the longer online reference; a search is posted, so
// its words stay out of the address and the history.
func (s *Server) staffReference(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if c.Request().Method != http.MethodPost {
		return s.serveCached(c, func() (string, any) { return "reference", s.staffPage(c, tree, true) })
	}
	form, err := readForm(c)
	if err != nil {
		return err
	}
	p := s.staffPage(c, tree, true)
	p.Query = strings.TrimSpace(form.Get("q"))
	if len(p.Query) > 200 {
		p.Query = p.Query[:200]
	}
	p.Sections, p.Matches = filterRows(p.Sections, p.Query)
	return s.render(c, http.StatusOK, "reference", p)
}

// filterRows keeps the rows whose words contain every word of the query.
func filterRows(sections []refSection, query string) ([]refSection, int) {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return sections, 0
	}
	var out []refSection
	n := 0
	for _, sec := range sections {
		var rows []refRow
		for _, r := range sec.Rows {
			text := strings.ToLower(r.Title + " " + strings.Join(r.Via, " ") + " " + strings.Join(r.Bring, " "))
			for _, c := range r.Citations {
				text += " " + strings.ToLower(c.Label)
			}
			all := true
			for _, w := range words {
				if !strings.Contains(text, w) {
					all = false
					break
				}
			}
			if all {
				rows = append(rows, r)
			}
		}
		if len(rows) > 0 {
			sec.Rows = rows
			out = append(out, sec)
			n += len(rows)
		}
	}
	return out, n
}

func (s *Server) staffPage(c echo.Context, tree *rules.Tree, reference bool) staffPage {
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	here := staffPlace(tree.Nation)
	if reference {
		here = staffRefPlace(tree.Nation)
	}
	p := staffPage{base: s.base(c, here), Nation: tree.Nation, NationName: nt.Name, CorrectOn: tree.CorrectOn,
		Desk: nt.Blocks["staff-desk"], Topics: nt.Blocks["staff"], Reference: reference}
	p.Title = p.TF("staff.title", "Nation", p.NationName)
	if reference {
		p.Title = p.TF("staff.reference.title", "Nation", p.NationName)
	}
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
				qt := nt.Questions[q.ID]
				via[o.Next] = append(via[o.Next], qt.Legend+" "+qt.Labels[o.ID])
			}
		}
	}
	for _, ss := range s.cfg.Rules.Vocabulary.StaffSections {
		sec := refSection{Anchor: ss.ID, Heading: p.T("staff.section." + ss.ID), Intro: p.L.First(tree.Nation+".staff.intro."+ss.ID, "staff.intro."+ss.ID), ScreenOnly: ss.ScreenOnly, Desk: ss.Desk}
		for _, o := range tree.Outcomes {
			if !slices.Contains(ss.Kinds, o.Kind) {
				continue
			}
			ot := nt.Outcomes[o.ID]
			sec.Rows = append(sec.Rows, refRow{Anchor: o.ID, Title: ot.Heading, Via: via[o.ID], Citations: ot.Citations, Bring: ot.Bring})
		}
		p.Sections = append(p.Sections, sec)
	}
	return p
}
