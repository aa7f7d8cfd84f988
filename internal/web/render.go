package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"start", "question", "result", "sheet", "letter", "info", "staff", "rules", "error"}

func parsePages(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset": a.URL,
		"add":   func(a, b int) int { return a + b },
		"tel":   telURL,
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles,
			"templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// telURL makes a tel: link from a phone number in the rules. Only digits
// and a leading + survive, so the link is safe to mark as a URL.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// base is what every page shows: the language, the words, the way out.
type base struct {
	L    *i18n.Localizer
	Lang *i18n.Language
	// Languages are the other languages the page can be read in.
	Languages []*i18n.Language
	// Path is the page's address without the language, for switching
	// language on pages reached by GET.
	Path  string
	Title string
	// Reviewed is false for a translation no fluent speaker has checked.
	Reviewed bool
	Contact  string
	// State is the answers so far, on pages reached by POST; the language
	// switch re-posts it instead of linking.
	State string
}

// T returns a message in the page's language.
func (b base) T(id string) string { return b.L.T(id, nil) }

// TF returns a message filled with one named value, e.g.
// {{.TF "start.correct-on" "Date" .CorrectOn}}.
func (b base) TF(id string, pairs ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		data[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return b.L.T(id, data)
}

// First returns the first of the message ids that exists.
func (b base) First(ids []string) string { return b.L.First(ids...) }

// Has reports whether a message exists (for optional hints).
func (b base) Has(ids []string) bool {
	for _, id := range ids {
		if b.L.Has(id) {
			return true
		}
	}
	return false
}

// Date writes a day the way the page's language does.
func (b base) Date(d rules.Date) string {
	return b.L.T("date."+fmt.Sprint(int(d.Month())), map[string]any{"Day": d.Day(), "Year": d.Year()})
}

func (s *Server) base(c echo.Context, path string) base {
	loc := c.Get("localizer").(*i18n.Localizer)
	var others []*i18n.Language
	for _, l := range s.cfg.Catalog.Languages {
		if l.Tag != loc.Lang.Tag {
			others = append(others, l)
		}
	}
	return base{
		L: loc, Lang: loc.Lang, Languages: others, Path: path,
		Reviewed: loc.Lang.Reviewed != "", Contact: s.cfg.Contact,
	}
}

// render writes a page, buffering it so a template error becomes a clean
// 500 rather than half a page.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// language checks the language at the start of the path and puts its
// localizer in the context. An unknown language is a 404, shown in the
// language the browser asks for.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := c.Param("lang")
		if s.cfg.Catalog.Language(lang) == nil {
			c.Set("localizer", s.cfg.Catalog.Localizer(s.cfg.Catalog.Match(c.Request().Header.Get("Accept-Language"))))
			return echo.NewHTTPError(http.StatusNotFound)
		}
		c.Set("localizer", s.cfg.Catalog.Localizer(lang))
		return next(c)
	}
}

type errorPage struct {
	base
	Code    int
	Message string
}

// handleError shows every error as a page in the person's language, with
// a way to start again. Client errors are 4xx; only our own faults are 5xx.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	if he, ok := err.(*echo.HTTPError); ok {
		code = he.Code
	} else {
		s.cfg.Logger.Error("handler error", "path", c.Request().URL.Path, "err", err.Error())
	}
	if c.Get("localizer") == nil {
		c.Set("localizer", s.cfg.Catalog.Localizer(s.cfg.Catalog.Match(c.Request().Header.Get("Accept-Language"))))
	}
	msg := "error." + fmt.Sprint(code)
	loc := c.Get("localizer").(*i18n.Localizer)
	if !loc.Has(msg + ".title") {
		msg = "error.other"
		if code >= 500 {
			msg = "error.500"
		}
	}
	p := errorPage{base: s.base(c, "/"), Code: code, Message: msg}
	p.Title = p.T(msg + ".title")
	c.Response().Header().Set("Cache-Control", "no-store")
	if rerr := s.render(c, code, "error", p); rerr != nil {
		s.cfg.Logger.Error("render error page", "err", rerr.Error())
		_ = c.String(code, http.StatusText(code))
	}
}

// staleAfter is how old the rules' correct_on date may be before every
// result warns that the rules may be out of date.
const staleAfter = 183 * 24 * time.Hour
