package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
)

// ScenariosDir is the folder, inside the rules, of the built-in cases.
const ScenariosDir = "scenarios"

type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func check(files fs.FS, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d data
	d.flags(fl)
	var extra fileList
	fl.Var(&extra, "scenarios", "also run the cases in `FILE` (repeat the flag, or list more files after the flags)")
	asJSON := fl.Bool("json", false, "print every case's result as JSON on standard output")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pnp check [-rules DIR] [-locales DIR] [-json] [-scenarios FILE] [FILE...]\n\n"+
			"Validates the rules and locales, runs every scenario, and exits non-zero on any problem.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	extra = append(extra, fl.Args()...)

	report := stdout
	if *asJSON {
		report = stderr // keep standard output for the JSON document
	}
	c := &checkRun{out: report}
	set, cat, err := d.load(files)
	if err != nil {
		fmt.Fprintf(report, "%v\n", err)
		fmt.Fprintln(report, "FAIL: rules or locales could not be loaded")
		return 1
	}
	c.lines(set.CheckMessages(func(id string) bool { return cat.Has(i18n.Reference, id) }))
	c.lines(cat.Check())

	rfs, err := d.rulesFS(files)
	if err != nil {
		fmt.Fprintln(report, err)
		return 1
	}
	suite, err := scenario.LoadFS(rfs, ScenariosDir)
	if err == nil {
		err = suite.AddFiles(extra...)
	}
	if err != nil {
		c.lines(err)
		fmt.Fprintln(report, "FAIL: scenarios could not be loaded")
		return 1
	}

	cov := scenario.NewCoverage(set)
	var results []*scenario.Result
	passed, warnings := 0, 0
	for _, cs := range suite.Cases {
		r := scenario.Run(set, cs)
		results = append(results, r)
		cov.Add(r)
		if r.Passed() {
			passed++
		}
		for _, f := range r.Failures {
			c.problem("%s:%d: %s: %s", cs.File, cs.Line, cs.ID, f)
		}
		for _, w := range r.Warnings {
			warnings++
			fmt.Fprintf(report, "%s:%d: %s: warning: %s\n", cs.File, cs.Line, cs.ID, w)
		}
	}
	opts, optsHit, outs, outsHit, gaps := cov.Report()
	for _, g := range gaps {
		c.problem("%s:%d: %s", g.File, g.Line, g.What)
	}

	questions := 0
	var paths []pathStat
	for _, n := range set.Nations {
		t := set.Tree(n)
		questions += len(t.Questions)
		count, longest, mean := t.PathStats(t.CorrectOn)
		paths = append(paths, pathStat{Nation: n, Paths: count, Longest: longest, Mean: mean})
		fmt.Fprintf(report, "%s: %d questions, %d outcomes, %d paths, longest %d questions, mean %.1f, rules correct on %s\n",
			n, len(t.Questions), len(t.Outcomes), count, longest, mean, t.CorrectOn)
	}
	status := "ok"
	if c.problems > 0 {
		status = "FAIL"
	}
	fmt.Fprintf(report, "%s: %d nations, %d questions, %d outcomes, %d scenarios (%d passed, %d failed, %d warnings), coverage %s of %d options, %s of %d outcomes, %d problems\n",
		status, len(set.Nations), questions, outs, len(results), passed, len(results)-passed, warnings,
		percent(optsHit, opts), opts, percent(outsHit, outs), outs, c.problems)

	if *asJSON {
		doc := jsonReport{
			Summary: jsonSummary{
				OK: c.problems == 0, RulesVersion: set.Version, Nations: len(set.Nations), Questions: questions,
				Outcomes: outs, Scenarios: len(results), Passed: passed, Failed: len(results) - passed,
				Warnings: warnings, Options: opts, OptionsCovered: optsHit, OutcomesCovered: outsHit,
				Problems: c.problems, Paths: paths,
			},
		}
		for _, r := range results {
			doc.Cases = append(doc.Cases, caseJSON(set, r))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	if c.problems > 0 {
		return 1
	}
	return 0
}

type checkRun struct {
	out      io.Writer
	problems int
}

func (c *checkRun) problem(format string, args ...any) {
	c.problems++
	fmt.Fprintf(c.out, format+"\n", args...)
}

// lines reports each line of a multi-line error as one problem.
func (c *checkRun) lines(err error) {
	if err == nil {
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		c.problem("%s", line)
	}
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
