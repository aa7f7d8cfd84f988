package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
)

// MaxBody is the largest request body accepted, in bytes. A form holds a
// few hundred bytes of answers; anything larger is refused with 413,
// whether its length is declared or it arrives chunked.
const MaxBody = 16 << 10

// maxFields bounds the fields one form may hold; the checker's forms have
// at most five.
const maxFields = 32

var (
	errInQuery  = echo.NewHTTPError(http.StatusBadRequest, "error.query")
	errTooLarge = echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	errForm     = echo.NewHTTPError(http.StatusBadRequest)
	errMedia    = echo.NewHTTPError(http.StatusUnsupportedMediaType)
)

// limitBody refuses a body declared too large before reading it, and caps
// what is read of any other, so a chunked upload cannot grow past MaxBody.
func limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > MaxBody {
			return errTooLarge
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxBody)
		return next(c)
	}
}

// readForm reads a flow form from the request body only. Answers in the
// address would be kept in browser history and server logs, so a query
// string is refused, not merged in as c.FormValue would.
func readForm(c echo.Context) (url.Values, error) {
	r := c.Request()
	if r.URL.RawQuery != "" || r.URL.ForceQuery {
		return nil, errInQuery
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, errMedia
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errTooLarge
		}
		return nil, errForm
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || len(form) > maxFields {
		return nil, errForm
	}
	for _, vs := range form {
		if len(vs) != 1 {
			return nil, errForm // each field once: a repeated field is a tampered form
		}
	}
	return form, nil
}
