package scenario

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// QuestionsDir holds real questions people asked, one file a nation.
const QuestionsDir = "questions"

// Askers are the kinds of people who ask.
var Askers = []string{"migrant", "advocate", "staff"}

// A Question is a real question, in the asker's own words, with its public
// source and what a complete answer must contain. It is answered by a walk
// of the tree from its facts (as of its care date, for a bill), or by a
// page of the checker.
type Question struct {
	ID       string `yaml:"id"`
	Nation   string `yaml:"nation"`
	Asker    string `yaml:"asker"`
	Question string `yaml:"question"`
	Source   string `yaml:"source"`
	Quote    string `yaml:"quote"`
	// Facts walk the nation's tree; Page names a page instead (its path
	// after the language, such as /help/bill or /challenge/wales).
	Facts map[string]string `yaml:"facts"`
	Page  string            `yaml:"page"`
	// CareDate asks about care already given on that day (a bill).
	CareDate rules.Date `yaml:"care_date"`
	// Staff reads the answer in the staff view.
	Staff bool `yaml:"staff"`
	// Answer is the outcome kind the law gives, for a walk.
	Answer      string      `yaml:"answer"`
	MustContain MustContain `yaml:"must_contain"`
	Why         string      `yaml:"why"`
	// Open says what the checker does not yet answer; an open question is
	// expected to fail, and passing makes it a failure until Open goes.
	Open string `yaml:"open"`

	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// MustContain is what the answer page must show.
type MustContain struct {
	Phrases []string `yaml:"phrases"`
	Cites   []string `yaml:"cites"`
}

// Case returns the scenario a question's facts make.
func (q *Question) Case(set *rules.Set) *Case {
	c := &Case{ID: q.ID, Nation: q.Nation, Facts: q.Facts, File: q.File, Line: q.Line}
	c.Expected.Outcome = q.Answer
	if !q.CareDate.IsZero() {
		c.AsOf, c.AfterCare = q.CareDate, true
	} else if t := set.Tree(q.Nation); t != nil {
		c.AsOf = t.CorrectOn
	}
	return c
}

// LoadQuestions reads every questions file under dir and checks each
// question's shape against the rules.
func LoadQuestions(fsys fs.FS, dir string, set *rules.Set) ([]*Question, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	sort.Strings(names)
	var all []*Question
	var ps rules.Problems
	seen := map[string]bool{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read questions: %w", err)
		}
		var qs []*Question
		if err := rules.DecodeStrict(name, data, &qs); err != nil {
			return nil, err
		}
		for _, q := range qs {
			q.File = name
			add := func(format string, args ...any) {
				ps = append(ps, rules.Problem{File: name, Line: q.Line, Msg: q.ID + ": " + fmt.Sprintf(format, args...)})
			}
			if seen[q.ID] {
				add("question id used twice")
			}
			seen[q.ID] = true
			t := set.Tree(q.Nation)
			switch {
			case t == nil:
				add("unknown nation %q", q.Nation)
				continue
			case !slices.Contains(Askers, q.Asker):
				add("asker %q must be one of %v", q.Asker, Askers)
			case q.Question == "" || q.Quote == "" || !strings.HasPrefix(q.Source, "http"):
				add("needs the question, a verbatim quote and the source's address")
			case (len(q.Facts) == 0) == (q.Page == ""):
				add("give facts to walk, or a page, not both")
			case len(q.Facts) > 0 && !set.Vocabulary.HasKind(q.Answer):
				add("answer %q is not an outcome kind", q.Answer)
			case len(q.MustContain.Phrases) == 0 && len(q.MustContain.Cites) == 0:
				add("say what the answer must contain")
			}
			for _, id := range q.MustContain.Cites {
				if t.Citation(id) == nil && set.Citation(id) == nil {
					add("must contain unknown citation %q", id)
				}
			}
			all = append(all, q)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return all, nil
}
