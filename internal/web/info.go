package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/graph"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// infoPages are the short pages on what people ask besides "will I be
// charged". Their words are messages info.<slug>.title and .p1, .p2 ...;
// their sources are citations from the rules, so they are checked too.
var infoPages = []struct {
	Slug  string
	Cites []string
}{
	{"bill", []string{"eng-2015-reg5", "eng-2015-reg6", "eng-2015-reg3-1", "eng-debt-reporting"}},
	{"home-office", []string{"eng-data-sharing", "eng-status-checks", "eng-debt-reporting", "sco-urgent-care"}},
	{"interpreter", []string{"eng-interpreting"}},
	{"gp", []string{"eng-gp-no-documents", "eng-2015-reg2-relevant-services", "sco-sg-gp", "wal-whc-gp", "ni-2015-reg24"}},
	{"everyone-pays", []string{"eng-2015-reg2-relevant-services", "sco-sg-dental"}},
	{"report", nil},
}

func (s *Server) infoLinks(b *base) []infoLink {
	var out []infoLink
	for _, p := range infoPages {
		out = append(out, infoLink{Slug: p.Slug, Title: b.T("info." + p.Slug + ".title")})
	}
	return out
}

type infoPage struct {
	base
	Slug       string
	Paragraphs []string
	Citations  []citeView
	Others     []infoLink
	Note       []string
}

func (s *Server) info(c echo.Context) error {
	slug := c.Param("page")
	for _, ip := range infoPages {
		if ip.Slug != slug {
			continue
		}
		p := infoPage{base: s.base(c, "/help/"+slug), Slug: slug}
		p.Title = p.T("info." + slug + ".title")
		p.Paragraphs = messageList(&p.base, "info."+slug+".p")
		p.Note = messageList(&p.base, "info."+slug+".note")
		for _, id := range ip.Cites {
			if ct := s.cfg.Rules.Citation(id); ct != nil {
				p.Citations = append(p.Citations, citeView{Label: ct.Label(), URL: ct.URL, Quote: ct.Quote})
			}
		}
		for _, l := range s.infoLinks(&p.base) {
			if l.Slug != slug {
				p.Others = append(p.Others, l)
			}
		}
		return s.render(c, http.StatusOK, "info", p)
	}
	return echo.NewHTTPError(http.StatusNotFound)
}

// messageList returns the messages prefix1, prefix2 ... that exist.
func messageList(b *base, prefix string) []string {
	var out []string
	for i := 1; b.L.Has(prefix + strconv.Itoa(i)); i++ {
		out = append(out, b.T(prefix+strconv.Itoa(i)))
	}
	return out
}

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
	p := staffPage{base: s.base(c, "/staff/"+tree.Nation), Nation: tree.Nation, CorrectOn: tree.CorrectOn}
	p.NationName = p.T("nation." + tree.Nation)
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
				via[o.Next] = append(via[o.Next], p.First(q.LabelIDs(o)))
			}
		}
	}
	for _, kinds := range [][]string{{"free-this-service"}, {"free"}, {"chargeable-not-withheld", "chargeable-upfront", "chargeable"}, {"get-advice"}} {
		sec := refSection{Anchor: kinds[0], Heading: p.T("staff.section." + kinds[0]), Intro: p.T("staff.intro." + kinds[0])}
		for _, o := range tree.Outcomes {
			if !slices.Contains(kinds, o.Kind) {
				continue
			}
			row := refRow{Anchor: o.ID, Title: p.First(o.TitleIDs()), Via: via[o.ID], Citations: citations(tree, o.Cite)}
			for _, id := range o.Bring {
				row.Bring = append(row.Bring, p.T("doc."+id))
			}
			sec.Rows = append(sec.Rows, row)
		}
		p.Sections = append(p.Sections, sec)
	}
	return s.render(c, http.StatusOK, "staff", p)
}

// The whole tree, for reviewers: every question with its options and where
// each leads, and every outcome with its citations.

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
	p := rulesPage{base: s.base(c, "/rules/"+tree.Nation), Nation: tree.Nation, CorrectOn: tree.CorrectOn,
		Version: s.cfg.Rules.Version, Sources: tree.Sources}
	p.NationName = p.T("nation." + tree.Nation)
	p.Title = p.TF("rules.title", "Nation", p.NationName)
	title := func(id string) string {
		if q := tree.Question(id); q != nil {
			if q.Route {
				return p.T("rules.route")
			}
			return p.First(q.TextIDs())
		}
		return p.First(tree.Outcome(id).TitleIDs())
	}
	for _, q := range tree.Questions {
		n := treeNode{ID: q.ID, Route: q.Route}
		if q.Route {
			n.Text = p.T("rules.route")
		} else {
			n.Text = p.First(q.TextIDs())
		}
		for _, o := range q.Options {
			label := ""
			switch {
			case q.Route && o.Otherwise:
				label = p.T("rules.otherwise")
			case q.Route:
				label = describeFacts(o.Facts)
			default:
				label = p.First(q.LabelIDs(o))
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
		p.Nodes = append(p.Nodes, treeNode{ID: o.ID, Text: p.First(o.TitleIDs()), Kind: p.T("kind." + o.Kind), Cites: citations(tree, o.Cite)})
	}
	return s.render(c, http.StatusOK, "rules", p)
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
	if err := graph.Mermaid(&b, tree, c.Get("localizer").(interface {
		T(string, any) string
		First(...string) string
	})); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+tree.Nation+`.mmd"`)
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
}
