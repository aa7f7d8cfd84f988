package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// Config is what the server needs.
type Config struct {
	Rules   *rules.Set
	Catalog *i18n.Catalog
	// Static holds the files served under /static/.
	Static fs.FS
	// Contact is where people report an answer they think is wrong: an
	// email address or a web address.
	Contact string
	Logger  *slog.Logger
	// Today returns the day the rules are applied on; by default the
	// current day in the UK.
	Today func() rules.Date
}

// Server is the web checker.
type Server struct {
	cfg    Config
	echo   *echo.Echo
	assets *assets
	pages  map[string]*template.Template
}

// MaxBody is the largest request body accepted. A form holds a few hundred
// bytes of answers; anything larger is refused before it is read.
const MaxBody = "16K"

// New builds the server, parsing every template up front so a broken one
// stops the program at start-up rather than on a page.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Today == nil {
		cfg.Today = rules.Today
	}
	if err := cfg.Rules.CheckMessages(func(id string) bool { return cfg.Catalog.Has(i18n.Reference, id) }); err != nil {
		return nil, fmt.Errorf("rules need messages the locales lack:\n%w", err)
	}
	a, err := loadAssets(cfg.Static)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, assets: a}
	if s.pages, err = parsePages(a); err != nil {
		return nil, err
	}
	s.echo = s.routes()
	return s, nil
}

func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Pre(canonicalPath)
	e.Use(accessLog(s.cfg.Logger), recoverPanic(s.cfg.Logger), secureHeaders,
		middleware.BodyLimit(MaxBody), crossOrigin())

	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/static/*", s.assets.serve)
	e.GET("/", s.home)

	g := e.Group("/:lang", s.language)
	g.GET("", s.withSlash)
	g.GET("/", s.start)
	g.POST("/check", s.check, noStore)
	g.GET("/check", s.checkByGet)
	g.GET("/help/:page", s.info)
	g.GET("/staff/:nation", s.staff)
	g.GET("/rules/:nation", s.rulesPage)
	g.GET("/rules/:nation/mermaid", s.mermaid)
	// The group's not-found handler would answer other methods with 404;
	// say plainly that the page exists but not for that method.
	for path, allow := range map[string]string{
		"/": "GET, HEAD", "/check": "GET, HEAD, POST", "/help/:page": "GET, HEAD",
		"/staff/:nation": "GET, HEAD", "/rules/:nation": "GET, HEAD",
	} {
		var methods []string
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodPost, http.MethodOptions} {
			if !strings.Contains(allow, m) {
				methods = append(methods, m)
			}
		}
		g.Match(methods, path, methodNotAllowed(allow))
	}
	return e
}

func methodNotAllowed(allow string) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Allow", allow)
		return echo.NewHTTPError(http.StatusMethodNotAllowed)
	}
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve listens on addr until ctx is done, then stops accepting requests
// and waits up to drain for those in flight to finish.
func (s *Server) Serve(ctx context.Context, addr string, drain time.Duration) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.echo,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	s.cfg.Logger.Info("serving", "addr", "http://"+ln.Addr().String(), "rules", s.cfg.Rules.Version)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("drain: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
