package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// "Report a wrong answer": a page the person can copy or print, made from
// the answers in the form. The server neither keeps nor sends it; the
// person sends it, if they choose, to the configured contact. The email
// link carries a subject only, never the answers. With no contact
// configured there is nowhere to send a report, so the action does not
// exist and no page links to it.

type reportPage struct {
	base
	Version    string
	CorrectOn  string
	NationName string
	CareDate   string
	Outcome    *outcomeText
	Answers    []answerView
	// Text is the whole report as plain text, to copy.
	Text string
	// Mailto is a mailto: link to the contact with a subject only, when
	// the contact is an email address; Web is the contact's address when
	// it is a web page.
	Mailto string
	Web    string
}

var (
	contactEmail = regexp.MustCompile(`^[^\s@/:?#]+@[^\s@/:?#]+\.[^\s@/:?#]+$`)
	contactWeb   = regexp.MustCompile(`^https://[^\s]+$`)
)

func (s *Server) report(c echo.Context, tree *rules.Tree, st State, res *rules.Result) error {
	if s.cfg.Contact == "" {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if res.Outcome == nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	p := reportPage{
		base: s.base(c, nil), Version: st.Rules, NationName: nt.Name,
		Outcome: nt.Outcomes[res.Outcome.ID], Answers: answers(nt, res),
	}
	p.State = st.String()
	p.Title = p.T("report.title")
	p.CorrectOn = p.Date(tree.CorrectOn)
	if !st.CareDate.IsZero() {
		p.CareDate = p.Date(st.CareDate)
	}

	var b strings.Builder
	line := func(label, value string) { b.WriteString(label + ": " + value + "\n") }
	b.WriteString(p.T("report.title") + "\n\n")
	line(p.T("report.rules"), p.Version)
	line(p.T("report.correct-on"), p.CorrectOn)
	line(p.T("report.nation"), p.NationName)
	if p.CareDate != "" {
		line(p.T("report.day"), p.CareDate)
	}
	line(p.T("report.outcome"), p.Outcome.KindLabel+". "+p.Outcome.Heading)
	b.WriteString("\n" + p.T("report.answers") + ":\n")
	for _, a := range p.Answers {
		b.WriteString("- " + a.Question + "\n  " + a.Answer + "\n")
	}
	// A textarea and an address hold text, not markup: no fallback marks.
	p.Text = i18n.StripFallbacks(b.String())

	subject := i18n.StripFallbacks(p.TF("report.subject", "Version", p.Version))
	switch {
	case contactEmail.MatchString(s.cfg.Contact):
		u := url.URL{Scheme: "mailto", Opaque: s.cfg.Contact, RawQuery: "subject=" + strings.ReplaceAll(url.QueryEscape(subject), "+", "%20")}
		p.Mailto = u.String()
	case contactWeb.MatchString(s.cfg.Contact):
		p.Web = s.cfg.Contact
	}
	return s.render(c, http.StatusOK, "report", p)
}
