package graph

import (
	"os"
	"strings"
	"testing"

	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// labels echoes message ids, so the test sees which text goes where.
type labels struct{}

func (labels) T(id string, _ any) string  { return "<" + id + ">" }
func (labels) First(ids ...string) string { return "<" + ids[len(ids)-1] + ">" }

func fixture(t *testing.T) *rules.Tree {
	t.Helper()
	set, err := rules.Load(os.DirFS("../rules/testdata/valid"))
	require.NoError(t, err)
	return set.Tree("testland")
}

func TestMermaid(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Mermaid(&b, fixture(t), labels{}))
	out := b.String()
	for _, want := range []string{
		"flowchart TD",
		`n_care["<q.care>"]`,
		`n_ward_route{"(settled by earlier answers)"}`,
		`n_care -->|"<answer.clinic>"| n_clinic_free`,
		`n_ward_route -->|"service = ward"| n_urgency`,
		`n_ward_route -->|"otherwise"| n_ask`,
		`n_urgency -->|"<answer.routine> [2020-01-01 to ]"| n_charged`,
		`n_charged(["<KIND.CHARGED>: <out.charged><br/>Act 2000 s2"]):::tone_charged`,
	} {
		assert.Contains(t, out, want)
	}
	// Every path ends at a cited outcome: every outcome node shows a citation.
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "([\"") {
			assert.Contains(t, line, "Act 2000", line)
		}
	}
}

func TestDOT(t *testing.T) {
	var b strings.Builder
	require.NoError(t, DOT(&b, fixture(t), labels{}))
	out := b.String()
	assert.True(t, strings.HasPrefix(out, `digraph "testland" {`))
	assert.Contains(t, out, `"care" -> "clinic-free" [label="<answer.clinic>"];`)
	assert.Contains(t, out, `"ward-route" [shape=diamond`)
	assert.True(t, strings.HasSuffix(out, "}\n"))
}
