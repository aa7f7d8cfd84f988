package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
)

type helpLink struct {
	Slug, Title, URL string
}

func (s *Server) helpLinks(b *base) []helpLink {
	var out []helpLink
	for _, p := range s.cfg.Rules.Vocabulary.HelpPages {
		if p.NeedsContact && s.cfg.Contact == "" {
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
	for _, hp := range s.cfg.Rules.Vocabulary.HelpPages {
		if hp.Slug != slug || (hp.NeedsContact && s.cfg.Contact == "") {
			continue
		}
		return s.serveCached(c, func() (string, any) {
			p := helpPage{base: s.base(c, helpPlace(slug)), Slug: slug}
			p.Title = p.T("info." + slug + ".title")
			p.Paragraphs = messageList(p.L, "info."+slug+".p")
			p.Note = messageList(p.L, "info."+slug+".note")
			for _, id := range hp.Cite {
				if ct := s.cfg.Rules.Citation(id); ct != nil {
					p.Citations = append(p.Citations, citeView{ID: ct.ID, Label: ct.Label(), URL: ct.URL, Quote: ct.Quote})
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
