package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// English shown in place of a translation being updated is marked as
// English with a note in text; in tags, the title and a textarea the
// markers are dropped. The worker does the same (offline-marks.test.mjs).
func TestMarkFallbacks(t *testing.T) {
	tests := []struct{ page, want string }{
		{"<p>plain</p>", "<p>plain</p>"},
		{"<html><head><title>\uE000Checker\uE001 – x</title></head><body>" +
			"<aside aria-label=\"\uE000Leave\uE001\"><p>a \uE000Continue\uE001 b</p><textarea>\uE000T\uE001</textarea></aside></body></html>",
			"<html><head><title>Checker – x</title></head><body>" +
				"<aside aria-label=\"Leave\"><p>a <span lang=\"en\" dir=\"ltr\" class=\"fallback\">Continue</span><span class=\"fallback__note\"> (note &amp; more)</span> b</p>" +
				"<textarea>T</textarea></aside></body></html>"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(markFallbacks([]byte(tt.page), "(note & more)")))
	}
}
