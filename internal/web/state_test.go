package web

import (
	"strings"
	"testing"

	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateRoundTrip(t *testing.T) {
	st := State{Version: "abc123", Nation: "wales", Answers: []rules.Answer{{Question: "care", Option: "hospital"}, {Question: "reason", Option: "none"}}}
	got, err := ParseState(st.String())
	require.NoError(t, err)
	assert.Equal(t, st, got)

	empty := State{Version: "abc123", Nation: "england"}
	got, err = ParseState(empty.String())
	require.NoError(t, err)
	assert.Equal(t, empty, got)
}

func TestParseStateRejectsTampering(t *testing.T) {
	for _, s := range []string{
		"",
		"abc",
		"abc|england",
		"abc|England|",
		"|england|",
		"abc|england|care",
		"abc|england|care:",
		"abc|england|care:gp,",
		"abc|england|care:<script>",
		"abc|england|care:gp|x",
		"abc|england|" + strings.Repeat("care:gp,", maxAnswers) + "care:gp",
	} {
		_, err := ParseState(s)
		assert.Error(t, err, s)
	}
}

func TestStateWithAndUptoDoNotShare(t *testing.T) {
	st := State{Version: "v", Nation: "england", Answers: []rules.Answer{{Question: "a", Option: "b"}, {Question: "c", Option: "d"}}}
	short := st.Upto(1)
	longer := short.With(rules.Answer{Question: "x", Option: "y"})
	assert.Equal(t, "d", st.Answers[1].Option, "the original is untouched")
	assert.Len(t, longer.Answers, 2)
}
