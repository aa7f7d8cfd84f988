package web_test

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/web"
)

func benchServer(b *testing.B) (http.Handler, *rules.Set) {
	b.Helper()
	rfs, _ := fs.Sub(checker.Files, "rules")
	set, err := rules.Load(rfs)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := i18n.Load(checker.Files, "locales")
	if err != nil {
		b.Fatal(err)
	}
	static, _ := fs.Sub(checker.Files, "static")
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	return srv.Handler(), set
}

// A mid-flow question step: a POST of a three-answer state, validated and
// replayed, answered with the next question.
var threeAnswers = []rules.Answer{{Question: "care", Option: "hospital"}, {Question: "reason", Option: "none"}, {Question: "home", Option: "uk"}}

func BenchmarkReplayState(b *testing.B) {
	_, set := benchServer(b)
	tree := set.Tree("england")
	st := web.State{Rules: set.Version, Nation: "england", Answers: threeAnswers}
	raw := st.String()
	b.ReportAllocs()
	for b.Loop() {
		st, err := web.ParseState(raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tree.Walk(tree.CorrectOn, st.Answers); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPost(b *testing.B, h http.Handler, form url.Values) {
	body := form.Encode()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/en/check", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func BenchmarkQuestionStep(b *testing.B) {
	h, set := benchServer(b)
	st := web.State{Rules: set.Version, Nation: "england", Answers: threeAnswers}
	benchPost(b, h, url.Values{"action": {"show"}, "state": {st.String()}})
}

func BenchmarkResult(b *testing.B) {
	h, set := benchServer(b)
	st := web.State{Rules: set.Version, Nation: "england", Answers: []rules.Answer{{Question: "care", Option: "gp"}}}
	benchPost(b, h, url.Values{"action": {"show"}, "state": {st.String()}})
}

func BenchmarkStartPage(b *testing.B) {
	h, _ := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/en/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
