package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"start", "question", "result", "sheet", "letter", "person-sheet", "advocate-letter", "bill-letter", "report",
	"info", "staff", "rules", "error", "date", "guide", "clinician", "reference", "removed"}

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
	// URL builds the page's links, in its language.
	URL Paths
	// Languages are the other languages the page can be read in, each
	// with the address of this page in it (GET pages) and of the flow.
	Languages []altLang
	Title     string
	// Reviewed is false for a translation no fluent speaker has checked.
	Reviewed bool
	Contact  string
	// State is the answers so far, on pages reached by POST; the language
	// switch re-posts it instead of linking.
	State string
	// English is this page in English, for the notice on a translation no
	// fluent speaker has checked; nil on English pages.
	English *altLang
	// C is the companion language shown under the page's own (English,
	// for advocates and interpreters), or nil; Here is this page with the
	// companion switched the other way (pages reached by GET).
	C    *i18n.Localizer
	Here string
	// FontNotice offers the English page where a phone may lack the font.
	FontNotice bool

	// comp is the companion language's compiled pieces, if one is shown.
	comp *compiled
}

// A blockView is a block with its copy in the companion language, if any.
type blockView struct {
	*blockText
	C *blockText
}

// Pair sets each of a nation's blocks beside its companion-language copy.
func (b base) Pair(nation string, blocks []*blockText) []blockView {
	out := make([]blockView, len(blocks))
	for i, bt := range blocks {
		out[i] = blockView{blockText: bt}
		if b.comp != nil {
			out[i].C = b.comp.Nations[nation].byID[bt.ID]
		}
	}
	return out
}

// Also returns the companion text when it differs from the page's own.
func (b base) Also(companion, own string) string { return other(companion, own) }

// T2 returns a message in the companion language when one is shown and it
// differs from the page's own text; "" otherwise.
func (b base) T2(id string) string {
	if b.C == nil {
		return ""
	}
	if t := b.C.T(id, nil); t != i18n.StripFallbacks(b.L.T(id, nil)) {
		return t
	}
	return ""
}

type altLang struct {
	*i18n.Language
	// URL is the page in that language (pages reached by GET).
	URL string
	// Check is the flow's address in that language (pages reached by POST).
	Check string
}

// T returns a message in the page's language.
func (b base) T(id string) string { return b.L.T(id, nil) }

// TF returns a message filled with named values, e.g.
// {{.TF "start.correct-on" "Date" .CorrectOn}}.
func (b base) TF(id string, pairs ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		data[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return b.L.T(id, data)
}

// Date writes a day the way the page's language does.
func (b base) Date(d rules.Date) string { return dateIn(b.L, d) }

func dateIn(l *i18n.Localizer, d rules.Date) string {
	return l.T("date."+fmt.Sprint(int(d.Month())), map[string]any{"Day": d.Day(), "Year": d.Year()})
}

// base makes the common part of a page. here is the page's own address as
// a function of its language's paths, for pages reached by GET; nil for
// pages reached by POST, whose language switch re-posts the state.
func (s *Server) base(c echo.Context, here place) base {
	rl := s.langOf(c)
	b := base{
		L: rl.L, Lang: rl.L.Lang, URL: rl.Paths, C: rl.Companion,
		Reviewed: rl.L.Lang.Reviewed != "", Contact: s.cfg.Contact,
		FontNotice: rl.L.Lang.FontNotice,
	}
	for _, l := range s.cfg.Catalog.Languages {
		if l.Tag == rl.L.Lang.Tag {
			continue
		}
		alt := altLang{Language: l, Check: rl.Paths.In(l.Tag).Check()}
		if here != nil {
			alt.URL = here(rl.Paths.In(l.Tag))
		}
		b.Languages = append(b.Languages, alt)
		if l.Tag == i18n.Reference {
			b.English = &b.Languages[len(b.Languages)-1]
		}
	}
	if rl.Companion != nil {
		b.comp = s.compiledFor(rl.Companion.Lang.Tag)
	}
	if here != nil && rl.L.Lang.Tag != i18n.Reference {
		if rl.Companion != nil {
			b.Here = here(rl.Paths.Alone())
		} else {
			b.Here = here(rl.Paths.With(i18n.Reference))
		}
	}
	return b
}

// render writes a page, buffering it so a template error becomes a clean
// 500 rather than half a page.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	body, err := s.renderBytes(name, data)
	if err != nil {
		return err
	}
	return writeHTML(c, status, body)
}

func (s *Server) renderBytes(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	note := ""
	if p, ok := data.(interface{ fallbackNote() string }); ok {
		note = p.fallbackNote()
	}
	return markFallbacks(buf.Bytes(), note), nil
}

// fallbackNote is what follows English shown in place of a translation.
func (b base) fallbackNote() string {
	if b.L == nil {
		return ""
	}
	return i18n.StripFallbacks(b.T("ui.fallback-note"))
}

var (
	fallbackOpen  = []byte(i18n.FallbackOpen)
	fallbackClose = []byte(i18n.FallbackClose)
	rcdata        = regexp.MustCompile(`(?i)^<(/?)(title|textarea)\b`)
)

// markFallbacks turns the localizer's markers around English shown in
// place of a stale or missing translation into an element marked as
// English, followed by a visible note in the page's language. Inside a
// tag (an attribute), a title or a textarea, where markup cannot go, the
// markers are dropped. html/template has escaped every < and > in text
// and attributes, so each < here starts a tag.
func markFallbacks(page []byte, note string) []byte {
	if !bytes.Contains(page, fallbackOpen) {
		return page
	}
	open := []byte(`<span lang="en" dir="ltr" class="fallback">`)
	closing := []byte(`</span><span class="fallback__note"> ` + template.HTMLEscapeString(note) + `</span>`)
	out := make([]byte, 0, len(page)+1024)
	plain := false // inside a title or textarea
	for len(page) > 0 {
		text, rest := page, []byte(nil)
		if i := bytes.IndexByte(page, '<'); i >= 0 {
			text, rest = page[:i], page[i:]
		}
		if plain {
			out = append(out, strip(text)...)
		} else {
			out = append(out, bytes.ReplaceAll(bytes.ReplaceAll(text, fallbackOpen, open), fallbackClose, closing)...)
		}
		if rest == nil {
			break
		}
		end := bytes.IndexByte(rest, '>') + 1
		if end == 0 {
			end = len(rest)
		}
		tag := rest[:end]
		if m := rcdata.FindSubmatch(tag); m != nil {
			plain = len(m[1]) == 0
		}
		out = append(out, strip(tag)...)
		page = rest[end:]
	}
	return out
}

func strip(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, fallbackOpen, nil), fallbackClose, nil)
}

// serveCached answers a GET page that depends only on its language, the
// rules and the day from the compiled pages, rendering it the first time.
func (s *Server) serveCached(c echo.Context, make func() (string, any)) error {
	rl := s.langOf(c)
	lib := s.compiledFor(rl.L.Lang.Tag)
	key := rl.Paths.Companion + c.Request().URL.Path
	b, err := lib.page(key, func() (*blob, error) {
		name, data := make()
		body, err := s.renderBytes(name, data)
		if err != nil {
			return nil, err
		}
		return newBlob(body, echo.MIMETextHTMLCharsetUTF8, brotliPage), nil
	})
	if err != nil {
		return err
	}
	return b.serve(c)
}
