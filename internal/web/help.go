package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
)

// helpPages are the short pages on what people ask besides "will I be
// charged". Their words are messages info.<slug>.title and .p1, .p2 ...;
// their sources are citations from the rules, checked when the server is
// built.
var helpPages = []struct {
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

type helpLink struct {
	Slug, Title, URL string
}

func (s *Server) helpLinks(b *base) []helpLink {
	var out []helpLink
	for _, p := range helpPages {
		if p.Slug == "report" && s.cfg.Contact == "" {
			continue // nowhere to send a report
		}
		out = append(out, helpLink{Slug: p.Slug, Title: b.T("info." + p.Slug + ".title"), URL: b.URL.Help(p.Slug)})
	}
	return out
}

type helpPage struct {
	base
	Slug       string
	Paragraphs []string
	Citations  []citeView
	Others     []helpLink
	Note       []string
}

func (s *Server) help(c echo.Context) error {
	slug := c.Param("page")
	for _, hp := range helpPages {
		if hp.Slug != slug || (slug == "report" && s.cfg.Contact == "") {
			continue
		}
		return s.serveCached(c, func() (string, any) {
			p := helpPage{base: s.base(c, helpPlace(slug)), Slug: slug}
			p.Title = p.T("info." + slug + ".title")
			p.Paragraphs = messageList(p.L, "info."+slug+".p")
			p.Note = messageList(p.L, "info."+slug+".note")
			for _, id := range hp.Cites {
				if ct := s.cfg.Rules.Citation(id); ct != nil {
					p.Citations = append(p.Citations, citeView{Label: ct.Label(), URL: ct.URL, Quote: ct.Quote})
				}
			}
			for _, l := range s.helpLinks(&p.base) {
				if l.Slug != slug {
					p.Others = append(p.Others, l)
				}
			}
			return "info", p
		})
	}
	return echo.NewHTTPError(http.StatusNotFound)
}

// messageList returns the messages prefix1, prefix2 ... that exist.
func messageList(l *i18n.Localizer, prefix string) []string {
	var out []string
	for i := 1; l.Has(prefix + strconv.Itoa(i)); i++ {
		out = append(out, l.T(prefix+strconv.Itoa(i), nil))
	}
	return out
}
