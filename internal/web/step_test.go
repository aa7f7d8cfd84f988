package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A question page sent compressed (assembled from its shell) is, once
// unpacked, the page sent plain, for every step of a walk, in a language
// written right to left and with the two-language view, and after an
// answer was kept by Back.
func TestQuestionPagesCompressed(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, lang := range []string{"en", "ar"} {
		form := url.Values{"action": {"start"}, "nation": {"england"}}
		for i, answer := range []string{"hospital", "none", "uk", "companion-on", "back"} {
			plain := ts.do(t, "POST", "/"+lang+"/check", form)
			packed := ts.do(t, "POST", "/"+lang+"/check", form, "Accept-Encoding", "gzip")
			require.Equal(t, 200, plain.status, plain.body)
			require.Equal(t, "gzip", packed.header.Get("Content-Encoding"))
			zr, err := gzip.NewReader(bytes.NewReader([]byte(packed.body)))
			require.NoError(t, err)
			unpacked, err := io.ReadAll(zr)
			require.NoError(t, err)
			assert.Equal(t, plain.body, string(unpacked), "%s, step %d", lang, i)
			assert.Less(t, len(packed.body), len(plain.body)/3, "%s, step %d: compressed", lang, i)
			st := field(t, stateField, plain.body)
			switch answer {
			case "companion-on", "back":
				form = url.Values{"action": {answer}, "state": {st}}
			default:
				form = url.Values{"action": {"next"}, "state": {st}, "question": {field(t, questionField, plain.body)}, "answer": {answer}}
			}
		}
	}
}
