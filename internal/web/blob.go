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

	"github.com/labstack/echo/v4"
)

// A blob is a response body kept in memory with its gzip form and a strong
// ETag, so a page or file that depends on nothing in the request is built
// and compressed once and then only copied out.
type blob struct {
	plain, gzipped []byte
	etag           string
	ctype          string
}

func newBlob(body []byte, ctype string) *blob {
	sum := sha256.Sum256(body)
	b := &blob{plain: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, ctype: ctype}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() < len(body) {
		b.gzipped = buf.Bytes()
	}
	return b
}

// serve writes the blob: 304 when the browser has it, gzip when the
// browser takes it.
func (b *blob) serve(c echo.Context) error {
	h := c.Response().Header()
	h.Set("ETag", b.etag)
	h.Add("Vary", "Accept-Encoding")
	if match := c.Request().Header.Get("If-None-Match"); match != "" && strings.Contains(match, b.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	body := b.plain
	if b.gzipped != nil && acceptsGzip(c.Request()) {
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

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") || strings.Contains(params, "q=0.")
		}
	}
	return false
}
