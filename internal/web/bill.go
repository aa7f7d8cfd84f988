package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The route for a bill already received: the day care was given is asked
// (three plain fields, no JavaScript), and the tree is walked as the law
// stood on that day. The day travels in the state, in the form body only.

type dateForm struct {
	Day, Month, Year string
	// Error is the message id of what is wrong with the answer, if any.
	Error string
}

type datePage struct {
	base
	Form dateForm
	// Nations are offered when the route starts from the start page; a
	// route started from a result keeps its nation in the state.
	Nations []nationChoice
	Nation  string
}

// bill is the first page of the route from the start page: the nation and
// the day of care.
func (s *Server) bill(c echo.Context) error {
	return s.serveCached(c, func() (string, any) { return "date", s.datePage(c, State{}, dateForm{}) })
}

func (s *Server) datePage(c echo.Context, st State, f dateForm) datePage {
	var here place
	if st.Nation == "" {
		here = billPlace
	}
	p := datePage{base: s.base(c, here), Form: f, Nation: st.Nation}
	p.State = st.String()
	if st.Nation == "" {
		p.State = ""
		for _, n := range s.cfg.Rules.Nations {
			p.Nations = append(p.Nations, nationChoice{ID: n, Name: p.T("nation." + n)})
		}
	}
	if f.Day == "" && !st.CareDate.IsZero() {
		p.Form = dateForm{Day: strconv.Itoa(st.CareDate.Day()), Month: strconv.Itoa(int(st.CareDate.Month())), Year: strconv.Itoa(st.CareDate.Year())}
	}
	p.Title = p.T("bill.date.title")
	if f.Error != "" {
		p.Title = p.T("ui.error-prefix") + " " + p.Title
	}
	return p
}

// billStart begins the walk about care already given, from the start
// page (nation and date) or from a result (state and date).
func (s *Server) billStart(c echo.Context, form url.Values) error {
	st := State{Rules: s.cfg.Rules.Version}
	if raw := form.Get("state"); raw != "" {
		prev, err := ParseState(raw)
		if err != nil || prev.Rules != s.cfg.Rules.Version {
			return echo.NewHTTPError(http.StatusConflict)
		}
		st.Nation, st.Staff, st.Companion = prev.Nation, prev.Staff, prev.Companion
	} else {
		st.Nation = form.Get("nation")
	}
	f := dateForm{Day: strings.TrimSpace(form.Get("day")), Month: strings.TrimSpace(form.Get("month")), Year: strings.TrimSpace(form.Get("year"))}
	tree := s.cfg.Rules.Tree(st.Nation)
	if tree == nil {
		f.Error = "bill.date.error.nation"
		st.Nation = ""
		return s.render(c, http.StatusUnprocessableEntity, "date", s.datePage(c, st, f))
	}
	day, msg := parseDay(f, s.cfg.Today())
	if msg != "" {
		f.Error = msg
		return s.render(c, http.StatusUnprocessableEntity, "date", s.datePage(c, st, f))
	}
	st.CareDate = day
	return s.walkAndShow(c, http.StatusOK, tree, st)
}

// parseDay reads the three fields of a day of care; it returns the
// message id of the fault if they do not make a past day.
func parseDay(f dateForm, today rules.Date) (rules.Date, string) {
	if f.Day == "" || f.Month == "" || f.Year == "" {
		return rules.Date{}, "bill.date.error.missing"
	}
	d, err1 := strconv.Atoi(f.Day)
	m, err2 := strconv.Atoi(f.Month)
	y, err3 := strconv.Atoi(f.Year)
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || y > 9999 {
		return rules.Date{}, "bill.date.error.invalid"
	}
	day, err := rules.ParseDate(strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d))
	if err != nil {
		return rules.Date{}, "bill.date.error.invalid"
	}
	if day.After(today.Time) {
		return rules.Date{}, "bill.date.error.future"
	}
	return day, ""
}

func pad2(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// beforeRulesPage answers a bill for care given before the day from which
// the nation's tree encodes the law: the checker cannot say, so it says
// get advice, and why.
func (s *Server) beforeRulesPage(c echo.Context, tree *rules.Tree, st State) resultPage {
	nt := s.compiledFor(s.langOf(c).L.Lang.Tag).Nations[tree.Nation]
	k := s.cfg.Rules.Vocabulary.UncertainKind()
	p := resultPage{
		base: s.base(c, nil), Nation: tree.Nation, NationName: nt.Name, CorrectOn: tree.CorrectOn,
		CareDate: st.CareDate, Charged: true,
	}
	p.State = st.String()
	p.outcomeText = &outcomeText{
		Kind: k.Name, Tone: k.Tone,
		KindLabel: p.T("kind." + k.Name), Means: p.T("kind." + k.Name + ".means"),
		Heading: p.T("bill.before.title"),
		Why:     p.TF("bill.before.why", "Date", p.Date(tree.CompleteFrom), "Nation", nt.Name),
		Steps:   []string{p.T("bill.before.step")},
		Help:    organisations(s.cfg.Rules, p.L, tree.Nation, nil),
	}
	p.Now, p.Steps = p.outcomeText.Steps[0], nil
	// The nation's guidance on bills that does not depend on the answer
	// (asking for a review, complaining, refunds) still helps.
	nt2 := s.compiledOn(p.L.Lang.Tag, s.cfg.Today()).Nations[tree.Nation]
	for i, b := range s.cfg.Rules.Blocks(tree.Nation, "bill") {
		if len(b.Kinds) == 0 && len(b.Outcomes) == 0 {
			p.outcomeText.Bill = append(p.outcomeText.Bill, nt2.Blocks["bill"][i])
		}
	}
	p.Title = p.Heading
	p.HelpPages = s.helpLinks(&p.base)
	return p
}
