package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixture reads testdata/valid into memory so each test can break a copy.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := filepath.Join("testdata", "valid")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	})
	require.NoError(t, err)
	return fsys
}

const tree = "nations/testland.yaml"

func replace(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(fsys[file].Data)
	require.Contains(t, s, old, "fixture text to replace")
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestLoadValid(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	assert.Equal(t, []string{"testland"}, set.Nations)
	assert.Len(t, set.Version, 12)
	tr := set.Tree("testland")
	require.NotNil(t, tr)
	assert.Equal(t, "2026-01-01", tr.CorrectOn.String())
	assert.Equal(t, "Act 2000 s2", tr.Citation("act-s2").Label())
}

func TestVersionChangesWithContent(t *testing.T) {
	a, err := Load(fixture(t))
	require.NoError(t, err)
	fsys := fixture(t)
	replace(t, fsys, tree, "ref: s1", "ref: s1(1)")
	b, err := Load(fsys)
	require.NoError(t, err)
	assert.NotEqual(t, a.Version, b.Version)
}

// Each case breaks one rule of the loader or validator and expects the
// exact problem, located by file:line.
func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		old, new  string
		wantError string
	}{
		{"unknown field", tree, "        next: clinic-free", "        nxt: clinic-free",
			`nations/testland.yaml:24: unknown field "nxt"`},
		{"unknown top-level field", tree, "start: care", "start: care\nbegin: care",
			`nations/testland.yaml:4: unknown field "begin"`},
		{"bad yaml", tree, "questions:", "questions: [",
			`nations/testland.yaml: line`},
		{"bad date", tree, "correct_on: 2026-01-01", "correct_on: 1 January 2026",
			`invalid date "1 January 2026"`},
		{"missing correct_on", tree, "correct_on: 2026-01-01\n", "",
			`nations/testland.yaml:1: correct_on is missing`},
		{"start is not a question", tree, "start: care", "start: nowhere",
			`nations/testland.yaml:1: start "nowhere" is not a question`},
		{"duplicate question", tree, "  - id: who\n", "  - id: care\n",
			`nations/testland.yaml:31: question "care" declared twice`},
		{"dangling next", tree, "next: clinic-free", "next: clinic-fre",
			`nations/testland.yaml:22: question "care", option "clinic": next "clinic-fre" does not exist`},
		{"unreachable node", tree, "        next: resident-free", "        next: ask",
			`outcome "resident-free" cannot be reached from start "care"`},
		{"cycle", tree, "        facts: {urgency: urgent}\n        next: charged", "        facts: {urgency: urgent}\n        next: who",
			`nations/testland.yaml:53: cycle: option "urgent" leads back to "who"`},
		{"outcome cites nothing", tree, "    cite: [act-s1]\n    steps: [go]\n  - id: resident-free", "    cite: []\n    steps: [go]\n  - id: resident-free",
			`nations/testland.yaml:65: outcome "clinic-free" cites nothing`},
		{"unknown citation", tree, "cite: [act-s2]\n    steps: [go]\n    help", "cite: [act-s9]\n    steps: [go]\n    help",
			`outcome "charged" cites unknown citation "act-s9"`},
		{"citation of unknown source", tree, "    source: act\n    ref: s1", "    source: law\n    ref: s1",
			`nations/testland.yaml:10: citation "act-s1": unknown source "law"`},
		{"unknown fact", tree, "facts: {service: clinic}", "facts: {servise: clinic}",
			`nations/testland.yaml:23: unknown fact "servise"`},
		{"unknown value", tree, "facts: {service: clinic}", "facts: {service: clinics}",
			`nations/testland.yaml:23: fact "service" has no value "clinics"`},
		{"overlapping options", tree, "facts: {service: ward}\n        next: who", "facts: {service: [ward, clinic]}\n        next: who",
			`nations/testland.yaml:25: question "care": options "clinic" and "ward" can match the same facts`},
		{"option without facts", tree, "        facts: {status: visitor}\n", "",
			`question "who", option "visitor": say which facts it stands for`},
		{"two otherwise", tree, "        facts: {service: ward}\n        next: urgency", "        otherwise: true\n        next: urgency",
			`question "ward-route" has 2 otherwise options`},
		{"route without otherwise", tree, "        otherwise: true\n        next: ask", "        facts: {service: clinic}\n        next: ask",
			`route "ward-route" needs one otherwise option`},
		{"a single option", tree, "      - id: not-sure\n        facts: {status: unknown}\n        next: ask\n", "",
			`question "who": no option takes status = [unknown], which can reach it`},
		{"value reaching a question untaken", tree, "      - id: not-sure\n        facts: {service: unknown}\n        next: who\n", "",
			`question "care": no option takes service = [unknown], which can reach it`},
		{"until before from", tree, "        until: 2019-12-31", "        until: 2019-12-31\n        from: 2020-06-01",
			`option "routine-before-2020": until 2019-12-31 is before from 2020-06-01`},
		{"unknown kind", tree, "    kind: advice", "    kind: adviced",
			`outcome "ask": unknown kind "adviced"`},
		{"evidence without documents", tree, "    bring: [papers]\n", "",
			`outcome "ask" holds only with evidence but lists no documents`},
		{"no steps", tree, "    cite: [act-s2]\n    steps: [go]\n    help", "    cite: [act-s2]\n    help",
			`outcome "charged" says nothing about what to do next`},
		{"unknown organisation", tree, "help: [helpers]", "help: [lawyers]",
			`outcome "charged": unknown organisation "lawyers"`},
		{"organisation not serving the nation", "organisations.yaml", "nations: [testland]", "nations: []",
			`outcome "charged": organisation "helpers" does not serve testland`},
		{"file named for another nation", tree, "nation: testland", "nation: otherland",
			`nation "otherland" must live in otherland.yaml`},
		{"bad default", "vocabulary.yaml", `default: "false"`, `default: "maybe"`,
			`vocabulary.yaml:13: fact "came_for_it": default "maybe" is not one of its values`},
		{"range on an enum", tree, "facts: {service: clinic}", "facts: {service: {max: 3}}",
			`fact "service" is not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			replace(t, fsys, tt.file, tt.old, tt.new)
			_, err := Load(fsys)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantError)
		})
	}
}

func TestCheckMessages(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	have := map[string]bool{
		"kind.free": true, "kind.free.means": true, "kind.charged": true, "kind.charged.means": true,
		"kind.advice": true, "kind.advice.means": true, "org.helpers": true, "nation.testland": true,
		"q.care": true, "q.care.clinic": true, "q.care.ward": true, "answer.not-sure": true,
		"q.who": true, "q.who.resident": true, "q.who.visitor": true,
		"q.urgency": true, "q.urgency.urgent": true, "q.urgency.routine": true, "q.urgency.routine-before-2020": true,
		"step.go": true, "doc.papers": true,
	}
	for _, o := range []string{"clinic-free", "resident-free", "charged", "ask"} {
		have["out."+o] = true
		have["out."+o+".why"] = true
	}
	require.NoError(t, set.CheckMessages(func(id string) bool { return have[id] }))

	delete(have, "q.who.visitor")
	err = set.CheckMessages(func(id string) bool { return have[id] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), `nations/testland.yaml:36: option who/visitor has no English message "q.who.visitor"`)

	// A nation's own wording is enough on its own.
	have["testland.q.who.visitor"] = true
	require.NoError(t, set.CheckMessages(func(id string) bool { return have[id] }))
}

func TestWalk(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	tr := set.Tree("testland")
	day := tr.CorrectOn

	r, err := tr.Walk(day, nil)
	require.NoError(t, err)
	assert.Equal(t, "care", r.Next.ID)

	r, err = tr.Walk(day, []Answer{{"care", "clinic"}})
	require.NoError(t, err)
	assert.Nil(t, r.Next)
	assert.Equal(t, "clinic-free", r.Outcome.ID)

	// The route question is settled by the first answer, never asked.
	r, err = tr.Walk(day, []Answer{{"care", "ward"}, {"who", "visitor"}})
	require.NoError(t, err)
	assert.Equal(t, "urgency", r.Next.ID)
	require.Len(t, r.Steps, 3)
	assert.False(t, r.Steps[2].Answered())
	assert.Equal(t, []Answer{{"care", "ward"}, {"who", "visitor"}}, r.Answers())

	r, err = tr.Walk(day, []Answer{{"care", "not-sure"}, {"who", "visitor"}})
	require.NoError(t, err)
	assert.Equal(t, "ask", r.Outcome.ID, "an unsettled route takes its otherwise option")

	r, err = tr.Walk(day, []Answer{{"care", "ward"}, {"who", "visitor"}, {"urgency", "urgent"}})
	require.NoError(t, err)
	assert.Equal(t, "charged", r.Outcome.ID)
	assert.True(t, r.Holds(set.Vocabulary.DerivedFact(MustNotBeDelayed, "testland")))

	r, err = tr.Walk(day, []Answer{{"care", "ward"}, {"who", "visitor"}, {"urgency", "routine"}})
	require.NoError(t, err)
	assert.False(t, r.Holds(set.Vocabulary.DerivedFact(MustNotBeDelayed, "testland")))
}

// Delay is derived from the walked path alone: definite where the path
// settles urgency, conditional where it never asked, nothing where nothing
// is charged.
func TestDelay(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	tr := set.Tree("testland")
	tests := []struct {
		name    string
		answers []Answer
		want    Delay
	}{
		{"urgent and charged", []Answer{{"care", "ward"}, {"who", "visitor"}, {"urgency", "urgent"}}, DelayMustNot},
		{"routine and charged", []Answer{{"care", "ward"}, {"who", "visitor"}, {"urgency", "routine"}}, DelayNothing},
		{"charged path that never asked urgency", []Answer{{"care", "not-sure"}, {"who", "visitor"}}, DelayIfUrgent},
		{"free: nothing to delay", []Answer{{"care", "clinic"}}, DelayNothing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tr.Walk(tr.CorrectOn, tt.answers)
			require.NoError(t, err)
			require.NotNil(t, r.Outcome)
			assert.Equal(t, tt.want, r.Delay(set.Vocabulary, "testland"))
		})
	}
}

func TestWalkDates(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	tr := set.Tree("testland")
	answers := []Answer{{"care", "ward"}, {"who", "visitor"}, {"urgency", "routine-before-2020"}}

	old, _ := ParseDate("2019-06-01")
	r, err := tr.Walk(old, answers)
	require.NoError(t, err)
	assert.Equal(t, "ask", r.Outcome.ID)

	_, err = tr.Walk(tr.CorrectOn, answers)
	require.ErrorIs(t, err, ErrAnswer, "an option outside its dates is not offered")
}

func TestWalkRejectsBadAnswers(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	tr := set.Tree("testland")
	tests := []struct {
		name    string
		answers []Answer
		want    string
	}{
		{"unknown option", []Answer{{"care", "spa"}}, `question "care" has no option "spa"`},
		{"out of order", []Answer{{"who", "visitor"}}, `answer 1 is for question "who", but the path is at "care"`},
		{"after the outcome", []Answer{{"care", "clinic"}, {"who", "visitor"}}, `answer 2 comes after the outcome`},
		{"answering a route", []Answer{{"care", "ward"}, {"who", "visitor"}, {"ward-route", "ward"}}, `answer 3 is for question "ward-route"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tr.Walk(tr.CorrectOn, tt.answers)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrAnswer))
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPathStats(t *testing.T) {
	set, err := Load(fixture(t))
	require.NoError(t, err)
	tr := set.Tree("testland")
	paths, longest, mean := tr.PathStats(tr.CorrectOn)
	// care>clinic (1 question); care>ward>who>{resident (2), visitor>urgency
	// >{urgent, routine} (3 each), not-sure (2)}; care>not-sure>who>
	// {resident, visitor (the route takes otherwise), not-sure} (2 each).
	// The route is settled, not asked, and routine-before-2020 is out of date.
	assert.Equal(t, 8, paths)
	assert.Equal(t, 3, longest)
	assert.InDelta(t, 17.0/8.0, mean, 0.001)
}

func TestConstraints(t *testing.T) {
	three, four := 3, 4
	upTo3 := &Constraint{Max: &three}
	from4 := &Constraint{Min: &four}
	assert.True(t, upTo3.Allows("3"))
	assert.False(t, upTo3.Allows("4"))
	assert.False(t, upTo3.Allows("x"))
	assert.False(t, upTo3.intersects(from4))
	assert.True(t, (&Constraint{Values: []string{"a", "b"}}).within(&Constraint{Values: []string{"a", "b", "c"}}))
	assert.False(t, (&Constraint{Values: []string{"a", "d"}}).within(&Constraint{Values: []string{"a", "b"}}))
	assert.True(t, Match{"s": {Values: []string{"a"}}}.Overlaps(Match{"t": {Values: []string{"b"}}}),
		"options that ask about different facts can both match")
}
