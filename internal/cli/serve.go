package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/patientsnotpassports/checker/internal/web"
)

func serve(files fs.FS, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d data
	d.flags(fl)
	defaultAddr := "localhost:8080"
	if port := os.Getenv("PORT"); port != "" {
		defaultAddr = ":" + port
	}
	addr := fl.String("addr", defaultAddr, "address to listen on (the PORT variable sets :PORT)")
	contact := fl.String("contact", os.Getenv("PNP_CONTACT"), "where people report an answer they think is wrong (email or web address; PNP_CONTACT)")
	drain := fl.Duration("drain", 10*time.Second, "how long to wait for requests in flight on SIGTERM")
	if err := fl.Parse(args); err != nil {
		return err
	}
	set, cat, err := d.load(files)
	if err != nil {
		return err
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Contact: *contact, Logger: log})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, *addr, *drain); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
