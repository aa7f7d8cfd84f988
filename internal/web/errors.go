package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

type errorPage struct {
	base
	Code int
	// Message is the prefix of the error's messages: <Message>.title and
	// <Message>.body.
	Message string
}

// handleError shows every error as a page in the person's language, with a
// way to start again. Client errors are 4xx; only our own faults are 5xx,
// and only those are logged as errors.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := http.StatusInternalServerError, ""
	var he *echo.HTTPError
	if errors.As(err, &he) {
		code = he.Code
		if m, ok := he.Message.(string); ok && m != http.StatusText(code) {
			msg = m // a message id naming the fault, e.g. error.query
		}
	} else {
		s.cfg.Logger.Error("handler error", "path", c.Request().URL.Path, "err", err.Error())
	}
	b := s.base(c, startPlace)
	if msg == "" || !b.L.Has(msg+".title") {
		msg = "error." + fmt.Sprint(code)
	}
	if !b.L.Has(msg + ".title") {
		msg = "error.other"
		if code >= 500 {
			msg = "error.500"
		}
	}
	p := errorPage{base: b, Code: code, Message: msg}
	p.Title = p.T(msg + ".title")
	c.Response().Header().Set("Cache-Control", "no-store")
	if c.Request().Method == http.MethodHead {
		c.Response().WriteHeader(code)
		return
	}
	if rerr := s.render(c, code, "error", p); rerr != nil {
		s.cfg.Logger.Error("render error page", "err", rerr.Error())
		_ = c.String(code, http.StatusText(code))
	}
}
