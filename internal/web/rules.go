package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/graph"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The whole tree, for reviewers: every question with its options and where
// each leads, and every outcome with its citations and how each provision
// was read.

type treeOption struct {
	Label, Next, NextTitle string
	Dates                  string
}

type treeNode struct {
	ID, Text string
	Route    bool
	Kind     string
	Options  []treeOption
	Cites    []citeView
	Checked  []citeView
}

type rulesPage struct {
	base
	Nation     string
	NationName string
	CorrectOn  rules.Date
	Version    string
	Nodes      []treeNode
	Sources    []*rules.Source
}

func (s *Server) rulesPage(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.serveCached(c, func() (string, any) { return "rules", s.treePage(c, tree) })
}

func (s *Server) treePage(c echo.Context, tree *rules.Tree) rulesPage {
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	p := rulesPage{base: s.base(c, rulesPlace(tree.Nation)), Nation: tree.Nation, NationName: nt.Name,
		CorrectOn: tree.CorrectOn, Version: s.cfg.Rules.Version, Sources: tree.Sources}
	p.Title = p.TF("rules.title", "Nation", p.NationName)
	title := func(id string) string {
		if q := tree.Question(id); q != nil {
			if q.Route {
				return p.T("rules.route")
			}
			return nt.Questions[id].Legend
		}
		return nt.Outcomes[id].Heading
	}
	for _, q := range tree.Questions {
		n := treeNode{ID: q.ID, Route: q.Route, Text: title(q.ID)}
		for _, o := range q.Options {
			var label string
			switch {
			case q.Route && o.Otherwise:
				label = p.T("rules.otherwise")
			case q.Route:
				label = describeFacts(o.Facts)
			default:
				label = nt.Questions[q.ID].Labels[o.ID]
			}
			opt := treeOption{Label: label, Next: o.Next, NextTitle: title(o.Next)}
			if !o.From.IsZero() || !o.Until.IsZero() {
				opt.Dates = p.TF("rules.dates", "From", o.From.String(), "Until", o.Until.String())
			}
			n.Options = append(n.Options, opt)
		}
		p.Nodes = append(p.Nodes, n)
	}
	for _, o := range tree.Outcomes {
		ot := nt.Outcomes[o.ID]
		p.Nodes = append(p.Nodes, treeNode{ID: o.ID, Text: ot.Heading, Kind: ot.KindLabel, Cites: ot.Citations, Checked: ot.Checked})
	}
	return p
}

func describeFacts(m rules.Match) string {
	var parts []string
	for _, name := range m.Names() {
		parts = append(parts, name+" = "+strings.Join(m[name].Values, " / "))
	}
	return strings.Join(parts, "; ")
}

// mermaid serves the tree as Mermaid text, for reviewers' own tools.
func (s *Server) mermaid(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	var b strings.Builder
	if err := graph.Mermaid(&b, tree, s.langOf(c).L); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+tree.Nation+`.mmd"`)
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
}
