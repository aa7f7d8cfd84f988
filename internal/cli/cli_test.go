package cli_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(checker.Files, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// copyRules writes the built-in rules to a folder a test may change.
func copyRules(t *testing.T) string {
	t.Helper()
	return copyFolder(t, "rules")
}

// copyFolder writes a built-in folder to one a test may change.
func copyFolder(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	sub, err := fs.Sub(checker.Files, name)
	require.NoError(t, err)
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, p)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	require.NoError(t, err)
	return dir
}

func TestCheckPasses(t *testing.T) {
	code, out, _ := run(t, "check")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	summary := lines[len(lines)-1]
	require.Equal(t, 0, code, out)
	assert.Regexp(t, `^ok: 4 nations, \d+ questions, \d+ outcomes, \d+ scenarios \(\d+ passed, 0 failed, \d+ warnings\), coverage 100% of \d+ options, 100% of \d+ outcomes, 0 problems$`, summary)
	for _, nation := range []string{"england", "scotland", "wales", "northern-ireland"} {
		assert.Regexp(t, nation+`: \d+ questions, \d+ outcomes, \d+ paths, longest \d+ questions, mean [0-9.]+, rules correct on \d{4}-\d\d-\d\d`, out)
	}
}

// Changing one outcome in a copy of the tree must make scenarios fail: the
// cases test the law, not the tree's wording.
func TestCheckFailsWhenAnOutcomeChanges(t *testing.T) {
	dir := copyRules(t)
	file := filepath.Join(dir, "nations", "england.yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	src := strings.Replace(string(data), "  - id: asylum-free\n    kind: free\n", "  - id: asylum-free\n    kind: chargeable-upfront\n", 1)
	require.NotEqual(t, string(data), src)
	require.NoError(t, os.WriteFile(file, []byte(src), 0o644))

	code, out, _ := run(t, "check", "-rules", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `pub-009: expected free, got chargeable-upfront (outcome "asylum-free")`)
	assert.Regexp(t, `scenarios/public\.yaml:\d+: pub-009`, out)
	assert.Contains(t, out, "FAIL: 4 nations")
}

func TestCheckExtraScenarioFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(good, []byte(`- id: x-001
  nation: england
  facts: {service: gp, status: undocumented, urgency: non-urgent}
  expected: {outcome: free-this-service}
`), 0o644))
	require.NoError(t, os.WriteFile(bad, []byte(`- id: x-002
  nation: wales
  facts: {service: hospital-inpatient, status: refused-asylum-unsupported, support: none, urgency: non-urgent}
  expected: {outcome: chargeable}
`), 0o644))

	code, out, _ := run(t, "check", "-scenarios", good)
	assert.Equal(t, 0, code, out)

	code, out, _ = run(t, "check", "-scenarios", good, bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, bad+":1: x-002: expected chargeable, got free")
}

func TestCheckJSON(t *testing.T) {
	code, stdout, stderr := run(t, "check", "-json")
	require.Equal(t, 0, code, stderr)
	var doc struct {
		Summary struct {
			OK        bool `json:"ok"`
			Scenarios int  `json:"scenarios"`
		} `json:"summary"`
		Cases []struct {
			ID       string `json:"id"`
			Passed   bool   `json:"passed"`
			Expected struct {
				Outcome string `json:"outcome"`
			} `json:"expected"`
			Got struct {
				Outcome string `json:"outcome"`
				Node    string `json:"node"`
			} `json:"got"`
			Path []struct {
				Question string `json:"question"`
				Answer   string `json:"answer"`
			} `json:"path"`
			Citations []struct {
				ID    string `json:"id"`
				Label string `json:"label"`
			} `json:"citations"`
		} `json:"cases"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.True(t, doc.Summary.OK)
	assert.Equal(t, len(doc.Cases), doc.Summary.Scenarios)
	var found bool
	for _, c := range doc.Cases {
		if c.ID != "pub-009" {
			continue
		}
		found = true
		assert.True(t, c.Passed)
		assert.Equal(t, "free", c.Got.Outcome)
		assert.Equal(t, "asylum-free", c.Got.Node)
		require.NotEmpty(t, c.Path)
		assert.Equal(t, "care", c.Path[0].Question)
		require.NotEmpty(t, c.Citations)
		assert.Equal(t, "SI 2015/238 reg 15(b)", c.Citations[0].Label)
	}
	assert.True(t, found)
	assert.Contains(t, stderr, "ok: 4 nations", "the human summary goes to standard error")
}

func TestGraph(t *testing.T) {
	code, out, errOut := run(t, "graph", "-nation", "england")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "flowchart TD")
	assert.Contains(t, out, `n_asylum_free(["FREE FOR YOU: `)
	assert.Contains(t, out, "SI 2015/238 reg 15(b)")

	code, out, _ = run(t, "graph", "-nation", "wales", "-format", "dot")
	require.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, `digraph "wales"`))

	code, _, errOut = run(t, "graph", "-nation", "atlantis")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, `unknown nation "atlantis"`)
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := run(t, "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)
}

// docs/grid.md is generated; it must match the rules it describes.
func TestGridDocIsCurrent(t *testing.T) {
	code, out, errOut := run(t, "grid")
	require.Equal(t, 0, code, errOut)
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "grid.md"))
	require.NoError(t, err)
	if string(doc) != out {
		t.Fatal("docs/grid.md is out of date: run `go run ./cmd/pnp grid > docs/grid.md`")
	}
	assert.NotContains(t, out, "no outcome:")
}

// docs/provisions.md is generated; it must match the reading logs.
func TestReadingsDocIsCurrent(t *testing.T) {
	code, out, errOut := run(t, "readings")
	require.Equal(t, 0, code, errOut)
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "provisions.md"))
	require.NoError(t, err)
	if string(doc) != out {
		t.Fatal("docs/provisions.md is out of date: run `go run ./cmd/pnp readings > docs/provisions.md`")
	}
}

// A translator sees what a language lacks with the glossary's words for
// it; merging the translation back makes the language complete again.
func TestTranslateWorkflow(t *testing.T) {
	const id = "england.out.family-ask.why"
	dir := copyFolder(t, "locales")
	// What Arabic lacks already (stale after an English change) stays out
	// of the counts below.
	code, out, errOut := run(t, "translate", "extract", "-locales", dir, "-lang", "ar")
	require.Equal(t, 0, code, errOut)
	before := strings.TrimSpace(out)
	file := filepath.Join(dir, "ar.json")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &doc))
	kept := doc[id]
	require.NotEmpty(t, kept)
	delete(doc, id)
	data, err = json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o644))

	code, out, errOut = run(t, "translate", "extract", "-locales", dir, "-lang", "ar")
	require.Equal(t, 0, code, errOut)
	var lacks, lacked map[string]struct{ Description, Hash, Other string }
	require.NoError(t, json.Unmarshal([]byte(out), &lacks))
	require.NoError(t, json.Unmarshal([]byte(before), &lacked))
	require.Len(t, lacks, len(lacked)+1)
	assert.Contains(t, lacks[id].Description, `Glossary: "exempt" is "معفى"`)

	code, out, _ = run(t, "check", "-locales", dir)
	assert.Equal(t, 1, code, "a language missing a message fails the check")
	assert.Regexp(t, `ar +Arabic +2\d\d\d +`+strconv.Itoa(len(lacked))+` +1 +\d+ +not reviewed`, out)

	part := filepath.Join(t.TempDir(), "ar-part.json")
	require.NoError(t, os.WriteFile(part, []byte(`{"`+id+`": `+string(kept)+`}`), 0o644))
	code, _, errOut = run(t, "translate", "merge", "-locales", dir, "-dir", dir, "-lang", "ar", part)
	require.Equal(t, 0, code, errOut)
	code, out, _ = run(t, "translate", "extract", "-locales", dir, "-lang", "ar")
	require.Equal(t, 0, code)
	assert.Equal(t, before, strings.TrimSpace(out))

	code, out, _ = run(t, "translate", "glossary", "-locales", dir, "-lang", "ar")
	require.Equal(t, 0, code)
	assert.Regexp(t, `(?m)^[a-z0-9.-]+: uses "[^"]+" in English; the glossary's ar is "[^"]+"$`, out)
}
