package web_test

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/web"
)

// FuzzRequest sends whole requests through the server's handler: whatever
// the method, path, query, content type and body, the answer is never a
// 5xx, and the marker never comes back unescaped.
func FuzzRequest(f *testing.F) {
	rfs, _ := fs.Sub(checker.Files, "rules")
	set, err := rules.Load(rfs)
	if err != nil {
		f.Fatal(err)
	}
	cat, err := i18n.Load(checker.Files, "locales")
	if err != nil {
		f.Fatal(err)
	}
	static, _ := fs.Sub(checker.Files, "static")
	srv, err := web.New(web.Config{Rules: set, Catalog: cat, Static: static, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	state := "2|" + set.Version + "|england|care:hospital||"
	for _, seed := range []struct{ method, path, ctype, body string }{
		{"POST", "/en/check", "application/x-www-form-urlencoded", "action=start&nation=england"},
		{"POST", "/en/check", "application/x-www-form-urlencoded", "action=next&question=reason&answer=none&state=" + state},
		{"POST", "/en/check", "application/x-www-form-urlencoded", "action=change:0&state=" + state},
		{"POST", "/en/check", "application/x-www-form-urlencoded", "action=back&state=" + state},
		{"POST", "/en/check", "application/x-www-form-urlencoded", "action=sheet&state=" + state},
		{"POST", "/en/check?action=start", "", ""},
		{"GET", "/en/help/bill", "", ""},
		{"HEAD", "/en/staff/wales", "", ""},
		{"DELETE", "/en+ar/check", "text/plain", "x"},
	} {
		f.Add(seed.method, seed.path, seed.ctype, seed.body)
	}
	f.Fuzz(func(t *testing.T, method, path, ctype, body string) {
		if path == "" || path[0] != '/' {
			path = "/" + path
		}
		req, err := http.NewRequest(method, "http://localhost"+path, strings.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q (%q, %q) answered %d", method, path, ctype, body, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "<fuzz-marker>") {
			t.Fatalf("%s %q reflected the marker unescaped", method, path)
		}
	})
}
