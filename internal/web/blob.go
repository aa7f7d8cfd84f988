package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/labstack/echo/v4"
)

// A blob is a response body kept in memory with its compressed forms and a
// strong ETag, so a page or file that depends on nothing in the request is
// built and compressed once and then only copied out.
type blob struct {
	plain, gzipped []byte
	etag           string
	ctype          string

	// The brotli form is made when first asked for, so that starting the
	// server does not wait for quality 11.
	quality    int
	brotliOnce sync.Once
	brotli     []byte
}

// Brotli qualities. Pages are compressed as they are first asked for, so
// at a quality that costs milliseconds; files and the offline data are
// made once per release and language, and are what a phone keeps, so they
// are worth more time. Quality 11 takes seconds on the offline data for
// 2% over quality 9 (Tamil: 74 KB against 83 KB, gzip 156 KB).
const (
	brotliPage   = 5
	brotliData   = 9
	brotliStatic = 11
)

// newBlob keeps body with its gzip form, and its brotli form at quality
// (none when 0), each only when smaller.
func newBlob(body []byte, ctype string, quality int) *blob {
	sum := sha256.Sum256(body)
	b := &blob{plain: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, ctype: ctype, quality: quality}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() < len(body) {
		b.gzipped = buf.Bytes()
	}
	return b
}

// brotliForm returns the brotli form, or nil when there is none.
func (b *blob) brotliForm() []byte {
	if b.quality == 0 {
		return nil
	}
	b.brotliOnce.Do(func() {
		var buf bytes.Buffer
		bw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: b.quality, LGWin: 22})
		bw.Write(b.plain)
		bw.Close()
		if buf.Len() < len(b.plain) && (b.gzipped == nil || buf.Len() < len(b.gzipped)) {
			b.brotli = buf.Bytes()
		}
	})
	return b.brotli
}

// serve writes the blob: 304 when the browser has it, brotli or gzip when
// the browser takes it.
func (b *blob) serve(c echo.Context) error {
	h := c.Response().Header()
	h.Set("ETag", b.etag)
	h.Add("Vary", "Accept-Encoding")
	if match := c.Request().Header.Get("If-None-Match"); match != "" && strings.Contains(match, b.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	body := b.plain
	switch {
	case accepts(c.Request(), "br") && b.brotliForm() != nil:
		h.Set("Content-Encoding", "br")
		body = b.brotli
	case b.gzipped != nil && accepts(c.Request(), "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = b.gzipped
	}
	return c.Blob(http.StatusOK, b.ctype, body)
}

// gzipAbove is the size from which a page made for one request is sent
// compressed: below it, compressing costs more time than it saves on a
// phone's connection.
const gzipAbove = 4 << 10

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// writeHTML sends a page made for one request, compressed when it is large
// and the browser takes gzip.
func writeHTML(c echo.Context, status int, body []byte) error {
	if len(body) < gzipAbove || !acceptsGzip(c.Request()) {
		return c.HTMLBlob(status, body)
	}
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(body)
	zw.Close()
	gzipWriters.Put(zw)
	h := c.Response().Header()
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, buf.Bytes())
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool { return accepts(r, "gzip") }

// accepts reports whether the request's Accept-Encoding takes a content
// coding (and does not refuse it with q=0).
func accepts(r *http.Request, coding string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), coding) {
			return !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") || strings.Contains(params, "q=0.")
		}
	}
	return false
}
