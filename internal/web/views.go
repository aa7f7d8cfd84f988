package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

type nationChoice struct {
	ID, Name string
	Checked  bool
}

type infoLink struct {
	Slug, Title string
}

type startPage struct {
	base
	Nations   []nationChoice
	CorrectOn rules.Date
	Error     bool
	Help      []infoLink
}

func (s *Server) startPage(c echo.Context, status int, missing bool) error {
	p := startPage{base: s.base(c, "/"), Error: missing}
	p.Title = p.T("start.title")
	chosen := c.FormValue("nation")
	for _, n := range s.cfg.Rules.Nations {
		p.Nations = append(p.Nations, nationChoice{ID: n, Name: p.T("nation." + n), Checked: n == chosen})
		if d := s.cfg.Rules.Tree(n).CorrectOn; p.CorrectOn.IsZero() || d.Before(p.CorrectOn.Time) {
			p.CorrectOn = d
		}
	}
	p.Help = s.infoLinks(&p.base)
	return s.render(c, status, "start", p)
}

type optionView struct {
	ID, Label, Hint string
	Checked         bool
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
}

func (s *Server) questionPage(c echo.Context, tree *rules.Tree, st State, res *rules.Result, chosen string, missing bool) questionPage {
	q := res.Next
	p := questionPage{
		base: s.base(c, "/"), Nation: tree.Nation, QuestionID: q.ID,
		Error: missing, IsFirst: len(st.Answers) == 0,
	}
	p.State = st.String()
	p.Legend = p.First(q.TextIDs())
	if p.Has(q.HintIDs()) {
		p.Hint = p.First(q.HintIDs())
	}
	p.Title = p.Legend
	if missing {
		p.Title = p.T("ui.error-prefix") + " " + p.Title
	}
	for _, o := range q.OptionsOn(s.cfg.Today()) {
		v := optionView{ID: o.ID, Label: p.First(q.LabelIDs(o)), Checked: o.ID == chosen}
		if p.Has(q.OptionHintIDs(o)) {
			v.Hint = p.First(q.OptionHintIDs(o))
		}
		p.Options = append(p.Options, v)
	}
	return p
}

type answerView struct {
	Question, Answer string
	Step             int
}

type citeView struct {
	Label, URL, Quote, Note string
}

type orgView struct {
	Name, Phone, URL, Description string
}

type resultPage struct {
	base
	Nation     string
	NationName string
	Kind       string
	KindLabel  string
	Means      string
	Title      string
	Why        string
	NotDelayed bool
	Answers    []answerView
	Citations  []citeView
	Evidence   bool
	Bring      []string
	Steps      []string
	Help       []orgView
	CorrectOn  rules.Date
	Stale      bool
	HelpPages  []infoLink
}

func (s *Server) resultPage(c echo.Context, tree *rules.Tree, st State, res *rules.Result) resultPage {
	o := res.Outcome
	p := resultPage{
		base: s.base(c, "/"), Nation: tree.Nation, Kind: o.Kind,
		Evidence: o.Evidence, CorrectOn: tree.CorrectOn,
	}
	p.State = st.String()
	p.NationName = p.T("nation." + tree.Nation)
	p.KindLabel = p.T("kind." + o.Kind)
	p.Means = p.T("kind." + o.Kind + ".means")
	p.Title = p.First(o.TitleIDs())
	p.Why = p.First(o.WhyIDs())
	if d := s.cfg.Rules.Vocabulary.DerivedFact("must_not_be_delayed"); d != nil {
		p.NotDelayed = res.Holds(d)
	}
	p.Answers = s.answers(&p.base, res)
	p.Citations = citations(tree, o.Cite)
	for _, id := range o.Bring {
		p.Bring = append(p.Bring, p.T("doc."+id))
	}
	for _, id := range o.Steps {
		p.Steps = append(p.Steps, p.First(o.StepIDs(id)))
	}
	p.Help = s.organisations(&p.base, tree.Nation, o.Help)
	p.Stale = s.cfg.Today().Sub(tree.CorrectOn.Time) > staleAfter
	p.HelpPages = s.infoLinks(&p.base)
	return p
}

// answers lists the answers given, each with the index to change it.
func (s *Server) answers(b *base, res *rules.Result) []answerView {
	var out []answerView
	n := 0
	for _, step := range res.Steps {
		if !step.Answered() {
			continue
		}
		q := step.Question
		out = append(out, answerView{
			Question: b.First(q.TextIDs()),
			Answer:   b.First(q.LabelIDs(step.Option)),
			Step:     n,
		})
		n++
	}
	return out
}

func citations(tree *rules.Tree, ids []string) []citeView {
	var out []citeView
	for _, id := range ids {
		if c := tree.Citation(id); c != nil {
			out = append(out, citeView{Label: c.Label(), URL: c.URL, Quote: c.Quote, Note: c.Note})
		}
	}
	return out
}

// organisations lists the outcome's own organisations first, then the
// others that help in the nation.
func (s *Server) organisations(b *base, nation string, first []string) []orgView {
	var out []orgView
	seen := map[string]bool{}
	add := func(o *rules.Organisation) {
		if o == nil || seen[o.ID] {
			return
		}
		seen[o.ID] = true
		out = append(out, orgView{Name: o.Name, Phone: o.Phone, URL: o.URL, Description: b.T(o.DescriptionID())})
	}
	for _, id := range first {
		add(s.cfg.Rules.Organisation(id))
	}
	for _, o := range s.cfg.Rules.OrganisationsFor(nation) {
		add(o)
	}
	return out
}

// home sends "/" to the start page in the language the browser prefers.
func (s *Server) home(c echo.Context) error {
	c.Response().Header().Set("Vary", "Accept-Language")
	return c.Redirect(http.StatusSeeOther, "/"+s.cfg.Catalog.Match(c.Request().Header.Get("Accept-Language"))+"/")
}

func (s *Server) withSlash(c echo.Context) error {
	return c.Redirect(http.StatusMovedPermanently, "/"+c.Param("lang")+"/")
}

func (s *Server) start(c echo.Context) error { return s.startPage(c, http.StatusOK, false) }

// english returns the English localizer, shown beside a translation on
// papers for hospital staff.
func (s *Server) english() *i18n.Localizer { return s.cfg.Catalog.Localizer(i18n.Reference) }
