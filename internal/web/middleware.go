package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// contentSecurityPolicy allows nothing but this site's own files: no inline
// script or style, no third-party requests, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secureHeaders sets the headers every response carries.
func secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		return next(c)
	}
}

// noStore stops browsers and proxies keeping pages that show answers.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// accessLog records method, path, status and time, and nothing else: never
// the query, the form, or headers such as Referer and Cookie, so answers
// about immigration status cannot reach a log line. A refused request is
// logged by its route pattern, not its path: its path is whatever the
// sender chose to write.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // write the error page now, so its status is logged
			}
			status := c.Response().Status
			path := c.Request().URL.Path
			if status >= 400 {
				path = c.Path()
				if path == "" {
					path = "-"
				}
			}
			log.Info("request",
				"method", c.Request().Method,
				"path", path,
				"status", status,
				"duration_ms", time.Since(start).Milliseconds())
			return nil
		}
	}
}

// recoverPanic turns a panic into a 500 page. It logs the panic and the
// stack, but not the request, whose body may hold answers.
func recoverPanic(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					if r == http.ErrAbortHandler {
						panic(r)
					}
					log.Error("panic", "path", c.Request().URL.Path, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
					err = echo.NewHTTPError(http.StatusInternalServerError)
				}
			}()
			return next(c)
		}
	}
}

// crossOrigin refuses cross-site form posts using the browser's
// Sec-Fetch-Site and Origin headers (Go's CrossOriginProtection), so no
// cookie or token is needed.
func crossOrigin() echo.MiddlewareFunc {
	cop := http.NewCrossOriginProtection()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := cop.Check(c.Request()); err != nil {
				return echo.NewHTTPError(http.StatusForbidden)
			}
			return next(c)
		}
	}
}

// canonicalPath refuses paths with empty segments ("/en//check"), so each
// page has one address.
func canonicalPath(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; len(p) > 1 && strings.Contains(p, "//") {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		return next(c)
	}
}
