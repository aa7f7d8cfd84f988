package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"strconv"
	"strings"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
	"github.com/patientsnotpassports/checker/internal/web"
)

// ScenariosDir is the folder, inside the rules, of the built-in cases.
const ScenariosDir = "scenarios"

type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func check(files fs.FS, args []string, stdout, stderr io.Writer) int {
	opts, code := parseCheck(args, stderr)
	if opts == nil {
		return code
	}
	report := stdout
	if opts.json {
		report = stderr // keep standard output for the JSON document
	}
	rep, err := runCheck(files, opts)
	if err != nil {
		fmt.Fprintf(report, "%v\n", err)
		return 1
	}
	printCheck(report, rep)
	if opts.json {
		if err := writeCheckJSON(stdout, rep); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	if len(rep.problems) > 0 {
		return 1
	}
	return 0
}

type checkOptions struct {
	data  data
	extra fileList
	json  bool
}

// parseCheck reads the flags; a nil result means stop with the code.
func parseCheck(args []string, stderr io.Writer) (*checkOptions, int) {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	o := &checkOptions{}
	o.data.flags(fl)
	fl.Var(&o.extra, "scenarios", "also run the cases in `FILE` (repeat the flag, or list more files after the flags)")
	fl.BoolVar(&o.json, "json", false, "print every case's result as JSON on standard output")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pnp check [-rules DIR] [-locales DIR] [-json] [-scenarios FILE] [FILE...]\n\n"+
			"Validates the rules and locales, runs every scenario and answers every real question,\n"+
			"and exits non-zero on any problem.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, 0
		}
		return nil, 2
	}
	o.extra = append(o.extra, fl.Args()...)
	return o, 0
}

// A checkReport is everything a check found.
type checkReport struct {
	set       *rules.Set
	problems  []string
	warnings  []string
	results   []*scenario.Result
	passed    int
	coverage  coverage
	paths     []pathStat
	questions []questionResult
	languages []languageCount
}

type languageCount struct {
	lang                     *i18n.Language
	complete, stale, missing int
	glossary                 int // messages not using the glossary's rendering; -1 with no glossary
}

type coverage struct{ options, optionsHit, outcomes, outcomesHit int }

type questionResult struct {
	q       *scenario.Question
	missing []string
}

func (r *checkReport) problem(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// lines reports each line of a multi-line error as one problem.
func (r *checkReport) lines(err error) {
	if err == nil {
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		r.problem("%s", line)
	}
}

// runCheck loads the rules and locales, validates them, runs every
// scenario and answers every real question.
func runCheck(files fs.FS, o *checkOptions) (*checkReport, error) {
	set, cat, err := o.data.load(files)
	if err != nil {
		return nil, fmt.Errorf("%w\nFAIL: rules or locales could not be loaded", err)
	}
	rep := &checkReport{set: set}
	rep.lines(set.CheckMessages(func(id string) bool { return cat.Has(i18n.Reference, id) }))
	rep.lines(cat.Check())
	lfs, dir := o.data.localesFS(files)
	gloss, err := i18n.LoadGlossary(lfs, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		gloss = nil
	case err != nil:
		rep.problem("%v", err)
		gloss = nil
	default:
		rep.lines(gloss.Check(cat))
	}
	for _, l := range cat.Languages {
		lc := languageCount{lang: l, glossary: -1}
		lc.complete, lc.stale, lc.missing = cat.Counts(l.Tag)
		if gloss != nil && l.Tag != i18n.Reference {
			lc.glossary = len(gloss.Misses(cat, l.Tag))
		}
		rep.languages = append(rep.languages, lc)
	}
	rfs, err := o.data.rulesFS(files)
	if err != nil {
		return nil, err
	}
	suite, err := scenario.LoadFS(rfs, ScenariosDir)
	if err == nil {
		err = suite.AddFiles(o.extra...)
	}
	if err != nil {
		return nil, fmt.Errorf("%w\nFAIL: scenarios could not be loaded", err)
	}
	rep.runScenarios(suite)
	for _, n := range set.Nations {
		t := set.Tree(n)
		count, longest, mean := t.PathStats(t.CorrectOn)
		rep.paths = append(rep.paths, pathStat{Nation: n, Paths: count, Longest: longest, Mean: mean, questions: len(t.Questions), outcomes: len(t.Outcomes), correctOn: t.CorrectOn})
	}
	if err := rep.askQuestions(files, rfs, cat); err != nil {
		return nil, err
	}
	return rep, nil
}

func (rep *checkReport) runScenarios(suite *scenario.Suite) {
	cov := scenario.NewCoverage(rep.set)
	for _, cs := range suite.Cases {
		r := scenario.Run(rep.set, cs)
		rep.results = append(rep.results, r)
		cov.Add(r)
		if r.Passed() {
			rep.passed++
		}
		for _, f := range r.Failures {
			rep.problem("%s:%d: %s: %s", cs.File, cs.Line, cs.ID, f)
		}
		for _, w := range r.Warnings {
			rep.warnings = append(rep.warnings, fmt.Sprintf("%s:%d: %s: warning: %s", cs.File, cs.Line, cs.ID, w))
		}
	}
	var gaps []scenario.Gap
	rep.coverage.options, rep.coverage.optionsHit, rep.coverage.outcomes, rep.coverage.outcomesHit, gaps = cov.Report()
	for _, g := range gaps {
		rep.problem("%s:%d: %s", g.File, g.Line, g.What)
	}
}

// askQuestions answers every real question through the English pages. An
// open question must still fail (the checker does not answer it yet); any
// other must pass.
func (rep *checkReport) askQuestions(files, rfs fs.FS, cat *i18n.Catalog) error {
	qs, err := scenario.LoadQuestions(rfs, scenario.QuestionsDir, rep.set)
	if err != nil {
		return fmt.Errorf("%w\nFAIL: questions could not be loaded", err)
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{Rules: rep.set, Catalog: cat, Static: static,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Today: func() rules.Date { return rep.set.Tree(rep.set.Nations[0]).CorrectOn }})
	if err != nil {
		return err
	}
	for _, q := range qs {
		missing := srv.Ask(q)
		rep.questions = append(rep.questions, questionResult{q: q, missing: missing})
		switch {
		case q.Open == "" && len(missing) > 0:
			rep.problem("%s:%d: %s: the answer lacks %s", q.File, q.Line, q.ID, strings.Join(missing, ", "))
		case q.Open != "" && len(missing) == 0:
			rep.problem("%s:%d: %s: now answered in full: remove its open note", q.File, q.Line, q.ID)
		}
	}
	return nil
}

// printCheck writes the report a person reads.
func printCheck(w io.Writer, rep *checkReport) {
	for _, p := range rep.problems {
		fmt.Fprintln(w, p)
	}
	for _, x := range rep.warnings {
		fmt.Fprintln(w, x)
	}
	questions := 0
	for _, p := range rep.paths {
		questions += p.questions
		fmt.Fprintf(w, "%s: %d questions, %d outcomes, %d paths, longest %d questions, mean %.1f, rules correct on %s\n",
			p.Nation, p.questions, p.outcomes, p.Paths, p.Longest, p.Mean, p.correctOn)
	}
	if len(rep.languages) > 1 {
		fmt.Fprintf(w, "%-8s %-24s %8s %6s %8s %8s  %s\n", "language", "name", "complete", "stale", "missing", "glossary", "review")
		for _, lc := range rep.languages {
			review := lc.lang.Reviewed
			if review == "" {
				review = "not reviewed: " + lc.lang.Translated
			}
			glossary := "-"
			if lc.glossary >= 0 {
				glossary = strconv.Itoa(lc.glossary)
			}
			fmt.Fprintf(w, "%-8s %-24s %8d %6d %8d %8s  %s\n", lc.lang.Tag, lc.lang.English, lc.complete, lc.stale, lc.missing, glossary, review)
		}
	}
	answered, open := 0, 0
	for _, q := range rep.questions {
		if q.q.Open != "" {
			open++
		} else if len(q.missing) == 0 {
			answered++
		}
	}
	if open == 0 && answered == len(rep.questions) {
		fmt.Fprintf(w, "%d questions, all passing\n", len(rep.questions))
	} else {
		fmt.Fprintf(w, "%d questions: %d passing, %d open\n", len(rep.questions), answered, open)
	}
	status := "ok"
	if len(rep.problems) > 0 {
		status = "FAIL"
	}
	c := rep.coverage
	fmt.Fprintf(w, "%s: %d nations, %d questions, %d outcomes, %d scenarios (%d passed, %d failed, %d warnings), coverage %s of %d options, %s of %d outcomes, %d problems\n",
		status, len(rep.set.Nations), questions, c.outcomes, len(rep.results), rep.passed, len(rep.results)-rep.passed, len(rep.warnings),
		percent(c.optionsHit, c.options), c.options, percent(c.outcomesHit, c.outcomes), c.outcomes, len(rep.problems))
}

// writeCheckJSON writes every case's result for other tools.
func writeCheckJSON(w io.Writer, rep *checkReport) error {
	questions := 0
	for _, p := range rep.paths {
		questions += p.questions
	}
	c := rep.coverage
	doc := jsonReport{Summary: jsonSummary{
		OK: len(rep.problems) == 0, RulesVersion: rep.set.Version, Nations: len(rep.set.Nations), Questions: questions,
		Outcomes: c.outcomes, Scenarios: len(rep.results), Passed: rep.passed, Failed: len(rep.results) - rep.passed,
		Warnings: len(rep.warnings), Options: c.options, OptionsCovered: c.optionsHit, OutcomesCovered: c.outcomesHit,
		Problems: len(rep.problems), Paths: rep.paths,
	}}
	for _, r := range rep.results {
		doc.Cases = append(doc.Cases, caseJSON(rep.set, r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func percent(n, of int) string {
	if of == 0 {
		return "100%"
	}
	// Round down, so 99.9% never shows as 100%.
	return fmt.Sprintf("%d%%", n*100/of)
}

type pathStat struct {
	Nation  string  `json:"nation"`
	Paths   int     `json:"paths"`
	Longest int     `json:"longest"`
	Mean    float64 `json:"mean"`

	questions, outcomes int
	correctOn           rules.Date
}

type jsonReport struct {
	Summary jsonSummary `json:"summary"`
	Cases   []jsonCase  `json:"cases"`
}

type jsonSummary struct {
	OK              bool       `json:"ok"`
	RulesVersion    string     `json:"rules_version"`
	Nations         int        `json:"nations"`
	Questions       int        `json:"questions"`
	Outcomes        int        `json:"outcomes"`
	Scenarios       int        `json:"scenarios"`
	Passed          int        `json:"passed"`
	Failed          int        `json:"failed"`
	Warnings        int        `json:"warnings"`
	Options         int        `json:"options"`
	OptionsCovered  int        `json:"options_covered"`
	OutcomesCovered int        `json:"outcomes_covered"`
	Problems        int        `json:"problems"`
	Paths           []pathStat `json:"paths"`
}

type jsonCase struct {
	ID        string         `json:"id"`
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Nation    string         `json:"nation"`
	AsOf      rules.Date     `json:"as_of"`
	Passed    bool           `json:"passed"`
	Expected  jsonExpected   `json:"expected"`
	Got       *jsonGot       `json:"got,omitempty"`
	Path      []jsonStep     `json:"path"`
	Citations []jsonCitation `json:"citations"`
	Failures  []string       `json:"failures,omitempty"`
	Warnings  []string       `json:"warnings,omitempty"`
	Corrected string         `json:"corrected_by,omitempty"`
}

type jsonExpected struct {
	Outcome          string `json:"outcome"`
	MustNotBeDelayed *bool  `json:"must_not_be_delayed,omitempty"`
	Cite             string `json:"cite,omitempty"`
}

type jsonGot struct {
	Outcome          string `json:"outcome"`
	Node             string `json:"node"`
	MustNotBeDelayed bool   `json:"must_not_be_delayed"`
}

type jsonStep struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

type jsonCitation struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	URL   string `json:"url"`
}

func caseJSON(set *rules.Set, r *scenario.Result) jsonCase {
	c := r.Case
	day := c.AsOf
	if t := set.Tree(c.Nation); day.IsZero() && t != nil {
		day = t.CorrectOn
	}
	j := jsonCase{
		ID: c.ID, File: c.File, Line: c.Line, Nation: c.Nation, AsOf: day, Passed: r.Passed(),
		Expected: jsonExpected{Outcome: c.Expected.Outcome, MustNotBeDelayed: c.Expected.MustNotBeDelayed, Cite: c.Expected.Cite},
		Path:     []jsonStep{}, Citations: []jsonCitation{},
		Failures: r.Failures, Warnings: r.Warnings,
	}
	if c.Correction != nil {
		j.Corrected = fmt.Sprintf("%s:%d", c.Correction.File, c.Correction.Line)
	}
	for _, s := range r.Steps {
		j.Path = append(j.Path, jsonStep{Question: s.Question.ID, Answer: s.Option.ID})
	}
	if r.Outcome != nil {
		j.Got = &jsonGot{Outcome: r.Outcome.Kind, Node: r.Outcome.ID, MustNotBeDelayed: r.MustNotBeDelayed}
		t := set.Tree(c.Nation)
		for _, id := range r.Outcome.Cite {
			if ct := t.Citation(id); ct != nil {
				j.Citations = append(j.Citations, jsonCitation{ID: id, Label: ct.Label(), URL: ct.URL})
			}
		}
	}
	return j
}
