package web

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/patientsnotpassports/checker/internal/scenario"
)

// Ask answers a real question the way a person would: through the
// English pages, walking the forms with the question's facts (or opening
// the page it names), and checks the answer contains what the question
// needs. It returns what is missing; none means the question is answered.
func (s *Server) Ask(q *scenario.Question) []string {
	b := browser{h: s.echo, lang: "en"}
	var page string
	var err error
	if q.Page != "" {
		page, err = b.get(Paths{Lang: b.lang}.prefix() + q.Page)
	} else {
		page, err = s.walkForms(&b, q)
	}
	if err != nil {
		return []string{err.Error()}
	}
	var missing []string
	text := strings.ToLower(pageText(page))
	for _, ph := range q.MustContain.Phrases {
		if !strings.Contains(text, strings.ToLower(ph)) {
			missing = append(missing, fmt.Sprintf("no %q", ph))
		}
	}
	for _, id := range q.MustContain.Cites {
		if !strings.Contains(page, `data-cite="`+id+`"`) {
			missing = append(missing, "no citation "+id)
		}
	}
	return missing
}

// walkForms drives the flow with the answers the question's facts choose.
func (s *Server) walkForms(b *browser, q *scenario.Question) (string, error) {
	r := scenario.Run(s.cfg.Rules, q.Case(s.cfg.Rules))
	if !r.Passed() {
		return "", fmt.Errorf("the facts do not give the answer: %s", strings.Join(r.Failures, "; "))
	}
	form := url.Values{"action": {"start"}, "nation": {q.Nation}}
	if !q.CareDate.IsZero() {
		d := q.CareDate
		form = url.Values{"action": {"bill-start"}, "nation": {q.Nation},
			"day": {strconv.Itoa(d.Day())}, "month": {strconv.Itoa(int(d.Month()))}, "year": {strconv.Itoa(d.Year())}}
	}
	page, err := b.post(form)
	for _, step := range r.Steps {
		if err != nil {
			return "", err
		}
		if !step.Answered() {
			continue
		}
		page, err = b.post(url.Values{"action": {"next"}, "state": {hiddenState(page)},
			"question": {step.Question.ID}, "answer": {step.Option.ID}})
	}
	if err == nil && q.Staff {
		page, err = b.post(url.Values{"action": {"staff-on"}, "state": {hiddenState(page)}})
	}
	return page, err
}

// browser sends requests straight to the handler, as a person's browser
// would over the network.
type browser struct {
	h    http.Handler
	lang string
}

func (b *browser) get(path string) (string, error) {
	return b.do(httptest.NewRequest(http.MethodGet, path, nil))
}

func (b *browser) post(form url.Values) (string, error) {
	req := httptest.NewRequest(http.MethodPost, Paths{Lang: b.lang}.Check(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) do(req *http.Request) (string, error) {
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK {
		return "", fmt.Errorf("%s %s answered %d", req.Method, req.URL.Path, rec.Code)
	}
	return string(body), nil
}

var (
	stateValue = regexp.MustCompile(`name="state" value="([^"]*)"`)
	tags       = regexp.MustCompile(`(?s)<[^>]*>`)
	space      = regexp.MustCompile(`\s+`)
)

func hiddenState(page string) string {
	if m := stateValue.FindStringSubmatch(page); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// pageText is what a reader sees of a page: its text without markup.
func pageText(page string) string {
	if _, body, ok := strings.Cut(page, "<main"); ok {
		page = body
	}
	return space.ReplaceAllString(html.UnescapeString(tags.ReplaceAllString(page, " ")), " ")
}
