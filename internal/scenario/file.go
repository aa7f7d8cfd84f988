package scenario

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/patientsnotpassports/checker/internal/rules"
	"gopkg.in/yaml.v3"
)

// A Case is one worked scenario.
type Case struct {
	ID     string `yaml:"id"`
	Nation string `yaml:"nation"`
	Story  string `yaml:"story"`
	// AsOf is the day the case is judged on; by default the nation's
	// correct_on date, never the clock, so results do not drift.
	AsOf     rules.Date        `yaml:"as_of"`
	Facts    map[string]string `yaml:"facts"`
	Expected Expected          `yaml:"expected"`
	Note     string            `yaml:"note"`
	// AfterCare walks the tree about care already given (a bill), on
	// AsOf, the day of care: what cannot be judged after care is settled.
	AfterCare bool `yaml:"-"`

	File string `yaml:"-"`
	Line int    `yaml:"-"`
	// Correction is set when a correction file replaced Expected.
	Correction *Correction `yaml:"-"`
}

// Expected is what the case says the rules give.
type Expected struct {
	Outcome          string `yaml:"outcome"`
	MustNotBeDelayed *bool  `yaml:"must_not_be_delayed"`
	Because          string `yaml:"because"`
	// Cite is canonical citation ids or free text such as
	// "SI 2015/238 reg 15(b)", parts separated by semicolons.
	Cite string `yaml:"cite"`
}

// A Correction replaces the expected result of a case kept unchanged
// elsewhere (the shared public cases), giving the law that decides it.
type Correction struct {
	ID       string   `yaml:"id"`
	Expected Expected `yaml:"expected"`
	Reason   string   `yaml:"reason"`
	Sources  []string `yaml:"sources"`

	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

type correctionsFile struct {
	Corrections []*Correction `yaml:"corrections"`
}

// Parse reads a scenario file: either a list of cases, or a mapping with a
// list of corrections.
func Parse(name string, data []byte) ([]*Case, []*Correction, error) {
	var probe yaml.Node
	if err := yaml.Unmarshal(data, &probe); err != nil {
		return nil, nil, rules.Problems{{File: name, Msg: err.Error()}}
	}
	if len(probe.Content) > 0 && probe.Content[0].Kind == yaml.MappingNode {
		var cf correctionsFile
		if err := rules.DecodeStrict(name, data, &cf); err != nil {
			return nil, nil, err
		}
		for _, c := range cf.Corrections {
			c.File = name
		}
		return nil, cf.Corrections, nil
	}
	var cases []*Case
	if err := rules.DecodeStrict(name, data, &cases); err != nil {
		return nil, nil, err
	}
	for _, c := range cases {
		c.File = name
	}
	return cases, nil, nil
}

// A Suite is a set of cases with their corrections applied.
type Suite struct {
	Cases []*Case
}

// LoadFS reads every .yaml file under dir in fsys (sorted by name).
func LoadFS(fsys fs.FS, dir string) (*Suite, error) {
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".yaml" {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list scenarios: %w", err)
	}
	sort.Strings(names)
	s := &Suite{}
	return s, s.add(names, func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) })
}

// AddFiles reads scenario files from the operating system's file system.
func (s *Suite) AddFiles(paths ...string) error {
	return s.add(paths, os.ReadFile)
}

func (s *Suite) add(names []string, read func(string) ([]byte, error)) error {
	var ps rules.Problems
	var corrections []*Correction
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			return fmt.Errorf("read scenarios: %w", err)
		}
		cases, cs, err := Parse(name, data)
		if err != nil {
			if p, ok := err.(rules.Problems); ok {
				ps = append(ps, p...)
				continue
			}
			return err
		}
		s.Cases = append(s.Cases, cases...)
		corrections = append(corrections, cs...)
	}
	seen := map[string]*Case{}
	for _, c := range s.Cases {
		if c.ID == "" {
			ps = append(ps, rules.Problem{File: c.File, Line: c.Line, Msg: "case has no id"})
			continue
		}
		if prev := seen[c.ID]; prev != nil {
			ps = append(ps, rules.Problem{File: c.File, Line: c.Line,
				Msg: fmt.Sprintf("case id %q already used at %s:%d", c.ID, prev.File, prev.Line)})
		}
		seen[c.ID] = c
	}
	for _, cor := range corrections {
		c := seen[cor.ID]
		switch {
		case c == nil:
			ps = append(ps, rules.Problem{File: cor.File, Line: cor.Line, Msg: fmt.Sprintf("correction for unknown case %q", cor.ID)})
		case cor.Reason == "" || len(cor.Sources) == 0:
			ps = append(ps, rules.Problem{File: cor.File, Line: cor.Line, Msg: fmt.Sprintf("correction for %q needs a reason and the sources that decide it", cor.ID)})
		default:
			c.Expected = cor.Expected
			c.Correction = cor
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}
