package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html/template"

	"github.com/labstack/echo/v4"
)

// A shell is a page made for one request that differs from others like it
// only in its state: a question page, whose text depends on the language,
// the day, the question and the answer already chosen, and whose answers
// travel in one hidden field at the end of the page. The shell keeps what
// comes before the state compressed once, at best compression, as a run of
// deflate blocks ending on a byte boundary; a request appends the state and
// the page's last few bytes as a stored block and a gzip trailer. A step of
// the flow is then assembled and sent compressed without compressing
// anything per request.
type shell struct {
	head, tail []byte // the page before and after the state, plain
	headZ      []byte // head as deflate blocks, ending in a sync flush
	headCRC    uint32 // CRC-32 of head, continued over the rest per request
}

// stateMark stands in for the state when a shell is rendered. It passes
// html/template's escaping unchanged and occurs nowhere else in a page.
const stateMark = "pnp0state0mark0"

// newShell splits a page rendered with stateMark as its state.
func newShell(page []byte) (*shell, error) {
	mark := []byte(stateMark)
	if n := bytes.Count(page, mark); n != 1 {
		return nil, fmt.Errorf("shell: the page holds the state %d times, want once", n)
	}
	i := bytes.Index(page, mark)
	sh := &shell{head: page[:i:i], tail: page[i+len(mark):], headCRC: crc32.ChecksumIEEE(page[:i])}
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("shell: %w", err)
	}
	if _, err := zw.Write(sh.head); err != nil {
		return nil, fmt.Errorf("shell: %w", err)
	}
	// Flush, not Close: the stream goes on with the request's bytes.
	if err := zw.Flush(); err != nil {
		return nil, fmt.Errorf("shell: %w", err)
	}
	sh.headZ = buf.Bytes()
	return sh, nil
}

// plain returns the page with the state filled in.
func (sh *shell) plain(state string) []byte {
	rest := sh.rest(state)
	out := make([]byte, 0, len(sh.head)+len(rest))
	return append(append(out, sh.head...), rest...)
}

// rest is what follows the head: the state, escaped as html/template
// escapes an attribute value, and the tail.
func (sh *shell) rest(state string) []byte {
	return append([]byte(template.HTMLEscapeString(state)), sh.tail...)
}

// gzipHeader is a gzip member header with no name, time or extra fields.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// gzip returns the page with the state filled in, as one gzip member: the
// head's deflate blocks, then the rest in stored blocks, the last one
// final, then the CRC-32 and length of the whole page.
func (sh *shell) gzip(state string) []byte {
	rest := sh.rest(state)
	out := make([]byte, 0, len(gzipHeader)+len(sh.headZ)+len(rest)+5*(len(rest)/0xffff+1)+8)
	out = append(append(out, gzipHeader...), sh.headZ...)
	for left := rest; ; {
		n := min(len(left), 0xffff)
		final := byte(0)
		if n == len(left) {
			final = 1
		}
		out = append(out, final, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, left[:n]...)
		if left = left[n:]; final == 1 {
			break
		}
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.Update(sh.headCRC, crc32.IEEETable, rest))
	return binary.LittleEndian.AppendUint32(out, uint32(len(sh.head)+len(rest)))
}

// serve sends the page with the state, compressed when the browser takes
// gzip.
func (sh *shell) serve(c echo.Context, status int, state string) error {
	if !acceptsGzip(c.Request()) {
		return c.HTMLBlob(status, sh.plain(state))
	}
	h := c.Response().Header()
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, sh.gzip(state))
}

// maxShells bounds the shells one language keeps for a day; beyond it
// they are made again as asked for.
const maxShells = 1024

// shell returns a kept shell, making it the first time.
func (c *compiled) shell(key string, make func() (*shell, error)) (*shell, error) {
	c.mu.Lock()
	sh, ok := c.shells[key]
	c.mu.Unlock()
	if ok {
		return sh, nil
	}
	sh, err := make()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.shells) >= maxShells {
		c.shells = map[string]*shell{}
	}
	c.shells[key] = sh
	return sh, nil
}
