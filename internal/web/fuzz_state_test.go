package web

import (
	"testing"
)

// FuzzParseState: any string either fails to parse or parses to a state
// whose written form reads back the same.
func FuzzParseState(f *testing.F) {
	for _, s := range []string{
		"2|abc123|england|||",
		"2|abc123|wales|care:hospital,reason:none|status:asylum|d=2025-03-04,s=1,c=ar",
		"abc123|england|care:gp",
		"2|abc|england|care:gp,||",
		"2|abc|england|||d=2025-02-30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseState(s)
		if err != nil {
			return
		}
		again, err := ParseState(st.String())
		if err != nil {
			t.Fatalf("%q parsed, but its written form %q does not: %v", s, st.String(), err)
		}
		if again.String() != st.String() {
			t.Fatalf("%q: written form changed on a round trip: %q then %q", s, st.String(), again.String())
		}
	})
}
