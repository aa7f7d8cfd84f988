package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// Guides are a nation's pages of guidance for a situation, each built from
// the nation's blocks: challenging a charging decision, and being asked to
// pay before care (with a letter to the clinician).

type guidePage struct {
	base
	Nation    string
	Lead      string
	Blocks    []*blockText
	Help      []orgView
	Letter    string
	Others    []helpLink
	CorrectOn rules.Date
}

type guide struct {
	slot   string // the blocks shown
	title  string // message id, filled with the nation's name
	lead   string // message id
	place  func(nation string) place
	letter bool
}

var (
	challengeGuide = guide{slot: "challenge", title: "challenge.title", lead: "challenge.lead", place: challengePlace}
	payFirstGuide  = guide{slot: "pay-first", title: "payfirst.title", lead: "payfirst.lead", place: payFirstPlace, letter: true}
)

func (s *Server) challenge(c echo.Context) error { return s.guide(c, challengeGuide) }

func (s *Server) payFirst(c echo.Context) error { return s.guide(c, payFirstGuide) }

func (s *Server) guide(c echo.Context, g guide) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.serveCached(c, func() (string, any) {
		nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
		p := guidePage{base: s.base(c, g.place(tree.Nation)), Nation: tree.Nation, Blocks: nt.Blocks[g.slot], CorrectOn: tree.CorrectOn}
		p.Title = p.TF(g.title, "Nation", nt.Name)
		p.Lead = p.T(g.lead)
		p.Help = organisations(s.cfg.Rules, p.L, tree.Nation, nil)
		if g.letter {
			p.Letter = p.URL.ClinicianLetter(tree.Nation)
		}
		for _, n := range s.cfg.Rules.Nations {
			if n != tree.Nation {
				p.Others = append(p.Others, helpLink{Title: p.TF(g.title, "Nation", p.T("nation."+n)), URL: g.place(n)(p.URL)})
			}
		}
		return "guide", p
	})
}

type clinicianPage struct {
	base
	Nation     string
	NationName string
	Paragraphs []string
	CorrectOn  rules.Date
}

// clinicianLetter is a printable letter asking the treating clinician to
// assess how urgent the care is and to record it, filled in by hand.
func (s *Server) clinicianLetter(c echo.Context) error {
	tree := s.cfg.Rules.Tree(c.Param("nation"))
	if tree == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.serveCached(c, func() (string, any) {
		p := clinicianPage{base: s.base(c, clinicianPlace(tree.Nation)), Nation: tree.Nation, CorrectOn: tree.CorrectOn}
		p.NationName = p.T("nation." + tree.Nation)
		p.Title = p.T("clinician.title")
		p.Paragraphs = messageList(p.L, tree.Nation+".clinician.p")
		if len(p.Paragraphs) == 0 {
			p.Paragraphs = messageList(p.L, "clinician.p")
		}
		return "clinician", p
	})
}
