package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
)

// A panic becomes a 500, and its log line holds the panic and the stack
// but not the request body, which may hold answers.
func TestRecoverPanicLogsNoFormValues(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	e := echo.New()
	e.Use(accessLog(log), recoverPanic(log))
	e.POST("/boom", func(c echo.Context) error {
		_ = c.FormValue("answer")
		panic("broken")
	})
	req := httptest.NewRequest(http.MethodPost, "/boom", strings.NewReader("answer=secret-answer-42"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Contains(t, logs.String(), "panic=broken")
	assert.Contains(t, logs.String(), "status=500")
	assert.NotContains(t, logs.String(), "secret-answer-42")
}
