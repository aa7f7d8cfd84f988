package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A shell filled in is the page rendered with the state, plain and
// through any gzip reader, whatever the length of what follows the head.
func TestShell(t *testing.T) {
	long := strings.Repeat("<p>after the state</p>\n", 4000) // over one stored block
	tests := []struct {
		name, page, state, want string
	}{
		{"question page", `<html><body><form id="flow"></form><input name="state" value="` + stateMark + `" form="flow"></body></html>`,
			"2|abc|england|care:hospital||", `<html><body><form id="flow"></form><input name="state" value="2|abc|england|care:hospital||" form="flow"></body></html>`},
		{"escaped", `<input value="` + stateMark + `">`, `a"b<c>&'`, `<input value="a&#34;b&lt;c&gt;&amp;&#39;">`},
		{"empty state, empty tail", `<p>` + stateMark, "", `<p>`},
		{"long tail", `<p>` + stateMark + long, "x", `<p>x` + long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, err := newShell([]byte(tt.page))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(sh.plain(tt.state)))
			zr, err := gzip.NewReader(bytes.NewReader(sh.gzip(tt.state)))
			require.NoError(t, err)
			zr.Multistream(false)
			got, err := io.ReadAll(zr) // checks the CRC and length too
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}

// A page must hold the state exactly once to be a shell.
func TestShellNeedsOneState(t *testing.T) {
	for _, page := range []string{"<p>no state</p>", stateMark + stateMark} {
		_, err := newShell([]byte(page))
		assert.Error(t, err, page)
	}
}
