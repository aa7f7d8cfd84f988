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
	t := web.DefaultTimeouts
	fl.DurationVar(&t.Drain, "drain", t.Drain, "how long requests in flight may finish on SIGTERM before their connections are cut")
	fl.DurationVar(&t.Read, "read-timeout", t.Read, "longest time to read a request, body included")
	fl.DurationVar(&t.Write, "write-timeout", t.Write, "longest time to write a response")
	fl.DurationVar(&t.Idle, "idle-timeout", t.Idle, "how long an idle keep-alive connection stays open")
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
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Contact: *contact, Logger: log, Timeouts: t})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, *addr); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
