package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/patientsnotpassports/checker/internal/i18n"
)

// reqLang is the language a request is answered in, with its companion
// for the two-language view, if any.
type reqLang struct {
	L *i18n.Localizer
	// Companion is the second language shown under the first, or nil.
	Companion *i18n.Localizer
	Paths     Paths
}

const langKey = "pnp.lang"

// language reads the language (and companion) from the first path
// segment. An unknown language, or a companion equal to the language, is a
// 404, shown in the language the browser asks for.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang, companion := parseLangSegment(c.Param("lang"))
		if s.cfg.Catalog.Language(lang) == nil || (companion != "" && (companion == lang || s.cfg.Catalog.Language(companion) == nil)) {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		rl := &reqLang{L: s.cfg.Catalog.Localizer(lang), Paths: Paths{Lang: lang, Companion: companion}}
		if companion != "" {
			rl.Companion = s.cfg.Catalog.Localizer(companion)
		}
		c.Set(langKey, rl)
		return next(c)
	}
}

// useCompanion shows a companion language under the page's own, for a
// flow whose state asks for it.
func (s *Server) useCompanion(c echo.Context, tag string) {
	rl := s.langOf(c)
	if tag == "" || tag == rl.L.Lang.Tag || s.cfg.Catalog.Language(tag) == nil {
		rl.Companion, rl.Paths.Companion = nil, ""
		return
	}
	rl.Companion = s.cfg.Catalog.Localizer(tag)
	rl.Paths.Companion = tag
}

// langOf returns the request's language. Where no route set it (a 404 or
// 405, an error before routing), it is taken from the first path segment
// if that names a language, or else from the browser's Accept-Language, so
// an error under /ar/ is still in Arabic.
func (s *Server) langOf(c echo.Context) *reqLang {
	if rl, ok := c.Get(langKey).(*reqLang); ok {
		return rl
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(c.Request().URL.Path, "/"), "/")
	lang, _ := parseLangSegment(seg)
	if s.cfg.Catalog.Language(lang) == nil {
		lang = s.cfg.Catalog.Match(c.Request().Header.Get("Accept-Language"))
	}
	rl := &reqLang{L: s.cfg.Catalog.Localizer(lang), Paths: Paths{Lang: lang}}
	c.Set(langKey, rl)
	return rl
}
