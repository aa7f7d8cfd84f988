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
	"time"

	"github.com/labstack/echo/v4"
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
	// Timeouts bound each connection and the drain on shutdown; zero
	// fields take DefaultTimeouts.
	Timeouts Timeouts
}

// Timeouts bound how long the server waits on a client, and how long it
// lets requests in flight finish when it stops.
type Timeouts struct {
	ReadHeader time.Duration
	Read       time.Duration
	Write      time.Duration
	Idle       time.Duration
	// Drain is how long requests in flight may run after a stop is asked
	// for; connections still open then are cut.
	Drain time.Duration
}

// DefaultTimeouts suit a public server: a slow phone on a poor signal
// still gets its page, a stalled client does not hold a connection.
var DefaultTimeouts = Timeouts{
	ReadHeader: 5 * time.Second,
	Read:       10 * time.Second,
	Write:      20 * time.Second,
	Idle:       60 * time.Second,
	Drain:      10 * time.Second,
}

func (t Timeouts) withDefaults() Timeouts {
	d := DefaultTimeouts
	for _, f := range []struct{ v, def *time.Duration }{
		{&t.ReadHeader, &d.ReadHeader}, {&t.Read, &d.Read}, {&t.Write, &d.Write}, {&t.Idle, &d.Idle}, {&t.Drain, &d.Drain},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return t
}

// Server is the web checker.
type Server struct {
	cfg    Config
	echo   *echo.Echo
	assets *assets
	pages  map[string]*template.Template
	lib    library
	off    offlineState
}

// New builds the server, parsing every template up front so a broken one
// stops the program at start-up rather than on a page.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Today == nil {
		cfg.Today = rules.Today
	}
	cfg.Timeouts = cfg.Timeouts.withDefaults()
	if err := cfg.Rules.CheckMessages(func(id string) bool { return cfg.Catalog.Has(i18n.Reference, id) }); err != nil {
		return nil, fmt.Errorf("rules need messages the locales lack:\n%w", err)
	}
	a, err := loadAssets(cfg.Static)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, assets: a, lib: library{byKey: map[string]*compiled{}}}
	if s.pages, err = parsePages(a); err != nil {
		return nil, err
	}
	s.echo = s.routes()
	return s, nil
}

// routes registers every page. Each GET also answers HEAD, for monitors
// and load balancers; any other method gets Echo's 405 with an Allow header
// naming the methods the path has (OPTIONS gets 204 with the same). The
// language is read per route, not by a group, whose catch-all would turn
// every unmatched method into a 404.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Use(accessLog(s.cfg.Logger), recoverPanic(s.cfg.Logger), secureHeaders, canonicalPath, limitBody, crossOrigin())

	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, h, m...)
	}
	get(routeHealth, func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	get(routeStatic, s.assets.serve)
	get(routeHome, s.home)
	get(routeLangTop, s.withSlash, s.language)
	get(routeStart, s.start, s.language)
	e.POST(routeCheck, s.check, s.language, noStore)
	get(routeCheck, s.checkByGet, s.language)
	get(routeHelp, s.help, s.language)
	get(routeStaff, s.staff, s.language)
	get(routeRules, s.rulesPage, s.language)
	get(routeMermaid, s.mermaid, s.language)
	get(routeChallenge, s.challenge, s.language)
	get(routeBill, s.bill, s.language)
	get(routePayFirst, s.payFirst, s.language)
	get(routeClinician, s.clinicianLetter, s.language)
	get(routeStaffRef, s.staffReference, s.language)
	e.POST(routeStaffRef, s.staffReference, s.language, noStore)
	get(routeManifest, s.manifest, s.language)
	get(routeOffline, s.offlineData, s.language)
	e.POST(routeRemove, s.removeOffline, s.language, noStore)
	get(routeWorker, s.serviceWorker)
	return e
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve listens on addr until ctx is done, then stops accepting requests
// and lets those in flight finish for up to the drain timeout. Connections
// still open then (a stalled upload, a client that never reads) are cut:
// a stop asked for is a clean stop, and Serve returns nil.
func (s *Server) Serve(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.ServeListener(ctx, ln)
}

// ServeListener is Serve on a listener the caller opened.
func (s *Server) ServeListener(ctx context.Context, ln net.Listener) error {
	t := s.cfg.Timeouts
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	s.cfg.Logger.Info("serving", "addr", "http://"+ln.Addr().String(), "rules", s.cfg.Rules.Version)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	drain, cancel := context.WithTimeout(context.Background(), t.Drain)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("drain: %w", err)
		}
		s.cfg.Logger.Warn("drain ran out; cutting the connections still open", "drain", t.Drain.String())
		if err := srv.Close(); err != nil {
			return fmt.Errorf("cut connections: %w", err)
		}
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
