package web

import (
	"strings"
	"testing"

	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateRoundTrip(t *testing.T) {
	day, err := rules.ParseDate("2025-03-04")
	require.NoError(t, err)
	for _, st := range []State{
		{Rules: "abc123", Nation: "england"},
		{Rules: "abc123", Nation: "wales", Answers: []rules.Answer{{Question: "care", Option: "hospital"}, {Question: "reason", Option: "none"}}},
		{Rules: "abc123", Nation: "wales", Answers: []rules.Answer{{Question: "care", Option: "hospital"}}, Ahead: []rules.Answer{{Question: "reason", Option: "none"}}},
		{Rules: "abc123", Nation: "scotland", CareDate: day, Staff: true, Companion: "ar"},
	} {
		got, err := ParseState(st.String())
		require.NoError(t, err, st.String())
		assert.Equal(t, st, got)
	}
}

func TestParseStateRejectsTampering(t *testing.T) {
	for _, s := range []string{
		"",
		"2",
		"2|abc|england||",
		"2|abc|England||",
		"2||england|||",
		"2|abc|england|care||",
		"2|abc|england|care:||",
		"2|abc|england|care:gp,||",
		"2|abc|england|care:<script>||",
		"2|abc|england|||x=1",
		"2|abc|england|||d=2025-02-30",
		"2|abc|england|||s=2",
		"2|abc|england|||s=1,s=1",
		"2|abc|england|||c=<b>",
		"2|abc|england|" + strings.Repeat("care:gp,", maxAnswers) + "care:gp||",
		"x|y",
	} {
		_, err := ParseState(s)
		assert.ErrorIs(t, err, errState, s)
	}
}

// A state written by an earlier release reads as "other rules", so the
// person is asked to start again rather than shown a wrong answer.
func TestParseStateTellsAnOlderFormat(t *testing.T) {
	for _, s := range []string{"abc123|england|care:gp", "abc123|england|", "3|abc|england|||"} {
		_, err := ParseState(s)
		assert.ErrorIs(t, err, errStateOld, s)
	}
}

func TestRewindKeepsLaterAnswers(t *testing.T) {
	a := func(q, o string) rules.Answer { return rules.Answer{Question: q, Option: o} }
	st := State{Rules: "v", Nation: "england", Answers: []rules.Answer{a("care", "hospital"), a("reason", "none"), a("where", "uk")}}

	back := st.Rewind(1)
	assert.Equal(t, []rules.Answer{a("care", "hospital")}, back.Answers)
	assert.Equal(t, "none", back.Kept("reason"))
	assert.Equal(t, "uk", back.Kept("where"))
	assert.Len(t, st.Answers, 3, "the original is untouched")

	// Answering a question uses up its kept answer and keeps the rest.
	on := back.Answer(a("reason", "infection"))
	assert.Empty(t, on.Kept("reason"))
	assert.Equal(t, "uk", on.Kept("where"))

	// Rewinding again keeps the newer answers first.
	again := on.Rewind(1)
	assert.Equal(t, "infection", again.Kept("reason"))

	pruned := again.Prune(func(q string) bool { return q != "where" })
	assert.Empty(t, pruned.Kept("where"))
	assert.Equal(t, "infection", pruned.Kept("reason"))
}
