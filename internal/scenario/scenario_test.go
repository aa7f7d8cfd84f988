package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The runner is tested against the rules package's small fixture tree.
const fixtureDir = "../rules/testdata/valid"

func loadFixture(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Load(os.DirFS(fixtureDir))
	require.NoError(t, err)
	return set
}

func parseCases(t *testing.T, src string) []*Case {
	t.Helper()
	cases, _, err := Parse("cases.yaml", []byte(src))
	require.NoError(t, err)
	return cases
}

func TestRun(t *testing.T) {
	set := loadFixture(t)
	tests := []struct {
		name         string
		src          string
		wantFailure  string
		wantOutcome  string
		wantWarnings []string
	}{
		{
			name:        "passes",
			src:         "- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: free, cite: act-s1}}",
			wantOutcome: "clinic-free",
		},
		{
			name:        "wrong kind",
			src:         "- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: charged}}",
			wantFailure: `expected charged, got free (outcome "clinic-free")`,
		},
		{
			name:        "a fact the path needs is missing",
			src:         "- {id: a, nation: testland, facts: {service: ward}, expected: {outcome: free}}",
			wantFailure: `the case does not state status, which question "who" needs, and it has no default`,
		},
		{
			name:        "unknown value",
			src:         "- {id: a, nation: testland, facts: {service: spa}, expected: {outcome: free}}",
			wantFailure: `fact service has no value "spa"`,
		},
		{
			name:        "unknown fact",
			src:         "- {id: a, nation: testland, facts: {servise: clinic}, expected: {outcome: free}}",
			wantFailure: `unknown fact "servise"`,
		},
		{
			name:        "unknown nation",
			src:         "- {id: a, nation: atlantis, facts: {service: clinic}, expected: {outcome: free}}",
			wantFailure: `unknown nation "atlantis"`,
		},
		{
			name:        "must not be delayed follows from urgency",
			src:         "- {id: a, nation: testland, facts: {service: ward, status: visitor, urgency: urgent}, expected: {outcome: charged, must_not_be_delayed: false}}",
			wantFailure: "expected must_not_be_delayed false, the path gives true",
		},
		{
			name:        "the as_of date picks the rule in force",
			src:         "- {id: a, nation: testland, as_of: 2019-06-01, facts: {service: ward, status: visitor, urgency: routine}, expected: {outcome: advice}}",
			wantOutcome: "ask",
		},
		{
			name:        "without as_of, the rules' correct_on date",
			src:         "- {id: a, nation: testland, facts: {service: ward, status: visitor, urgency: routine}, expected: {outcome: charged}}",
			wantOutcome: "charged",
		},
		{
			name:         "citations in free text",
			src:          `- {id: a, nation: testland, facts: {service: ward, status: visitor, urgency: urgent}, expected: {outcome: charged, must_not_be_delayed: true, cite: "Act 2000 section 2; s9; Act 2000 s1 (not met)"}}`,
			wantOutcome:  "charged",
			wantWarnings: []string{`expected citation "s9" is not among the outcome's (act-s2)`},
		},
		{
			name:         "canonical citation ids",
			src:          `- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: free, cite: "act-s1; act-s2"}}`,
			wantOutcome:  "clinic-free",
			wantWarnings: []string{"expected citation act-s2 is not among the outcome's (act-s1)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Run(set, parseCases(t, tt.src)[0])
			if tt.wantFailure != "" {
				require.False(t, r.Passed())
				assert.Contains(t, strings.Join(r.Failures, "\n"), tt.wantFailure)
				return
			}
			require.True(t, r.Passed(), r.Failures)
			assert.Equal(t, tt.wantOutcome, r.Outcome.ID)
			assert.Equal(t, tt.wantWarnings, r.Warnings)
		})
	}
}

// A route must be settled by the answers before it; a tree whose route asks
// about a fact no question has asked would answer differently in the app
// than in the case, and the runner says so.
func TestRunRouteNotSettledByAnswers(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, fixtureDir, dir)
	file := filepath.Join(dir, "nations", "testland.yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	src := strings.Replace(string(data), "      - id: ward\n        facts: {service: ward}\n        next: urgency",
		"      - id: ward\n        facts: {urgency: urgent}\n        next: urgency", 1)
	require.NoError(t, os.WriteFile(file, []byte(src), 0o644))
	set, err := rules.Load(os.DirFS(dir))
	require.NoError(t, err)

	c := parseCases(t, "- {id: a, nation: testland, facts: {service: ward, status: visitor, urgency: urgent}, expected: {outcome: charged}}")[0]
	r := Run(set, c)
	require.False(t, r.Passed())
	assert.Contains(t, r.Failures[0], `route "ward-route": the facts choose "ward" but the answers given settle "other"`)
}

func TestParseRejectsUnknownFields(t *testing.T) {
	_, _, err := Parse("cases.yaml", []byte("- id: a\n  nation: testland\n  fact: {service: clinic}\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `cases.yaml:3: unknown field "fact"`)
}

func TestCorrections(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return p
	}
	cases := write("cases.yaml", "- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: charged}}\n")
	fix := write("fix.yaml", "corrections:\n  - id: a\n    expected: {outcome: free}\n    reason: The clinic is free.\n    sources: [Act 2000 s1]\n")

	s := &Suite{}
	require.NoError(t, s.AddFiles(cases, fix))
	require.Len(t, s.Cases, 1)
	assert.Equal(t, "free", s.Cases[0].Expected.Outcome)
	require.NotNil(t, s.Cases[0].Correction)
	assert.True(t, Run(loadFixture(t), s.Cases[0]).Passed())

	bad := write("bad.yaml", "corrections:\n  - id: b\n    expected: {outcome: free}\n    reason: x\n    sources: [y]\n  - id: a\n    expected: {outcome: free}\n")
	err := (&Suite{}).AddFiles(cases, bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `bad.yaml:2: correction for unknown case "b"`)
	assert.Contains(t, err.Error(), `bad.yaml:6: correction for "a" needs a reason and the sources that decide it`)

	dup := write("dup.yaml", "- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: free}}\n")
	err = (&Suite{}).AddFiles(cases, dup)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `case id "a" already used at`)
}

func TestCoverage(t *testing.T) {
	set := loadFixture(t)
	cov := NewCoverage(set)
	cov.Add(Run(set, parseCases(t, "- {id: a, nation: testland, facts: {service: clinic}, expected: {outcome: free}}")[0]))
	opts, optsHit, outs, outsHit, gaps := cov.Report()
	assert.Equal(t, 11, opts)
	assert.Equal(t, 1, optsHit)
	assert.Equal(t, 4, outs)
	assert.Equal(t, 1, outsHit)
	assert.Len(t, gaps, 10+3)
	assert.Equal(t, "no case takes option care/ward", gaps[0].What)
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	require.NoError(t, err)
}
