package scenario

import (
	"github.com/patientsnotpassports/checker/internal/rules"
)

// Coverage records which options and outcomes some case reached.
type Coverage struct {
	set      *rules.Set
	options  map[string]bool // nation/question/option
	outcomes map[string]bool // nation/outcome
}

// NewCoverage starts an empty record for the set.
func NewCoverage(set *rules.Set) *Coverage {
	return &Coverage{set: set, options: map[string]bool{}, outcomes: map[string]bool{}}
}

// Add records the path of a result.
func (c *Coverage) Add(r *Result) {
	n := r.Case.Nation
	for _, s := range r.Steps {
		c.options[n+"/"+s.Question.ID+"/"+s.Option.ID] = true
	}
	if r.Outcome != nil {
		c.outcomes[n+"/"+r.Outcome.ID] = true
	}
}

// Gap is an option or outcome that no case reaches.
type Gap struct {
	File string
	Line int
	What string
}

// Report counts what was reached and lists what was not.
func (c *Coverage) Report() (options, optionsHit, outcomes, outcomesHit int, gaps []Gap) {
	for _, n := range c.set.Nations {
		t := c.set.Tree(n)
		for _, q := range t.Questions {
			for _, o := range q.Options {
				options++
				if c.options[n+"/"+q.ID+"/"+o.ID] {
					optionsHit++
				} else {
					gaps = append(gaps, Gap{t.File, o.Line, "no case takes option " + q.ID + "/" + o.ID})
				}
			}
		}
		for _, o := range t.Outcomes {
			outcomes++
			if c.outcomes[n+"/"+o.ID] {
				outcomesHit++
			} else {
				gaps = append(gaps, Gap{t.File, o.Line, "no case reaches outcome " + o.ID})
			}
		}
	}
	return
}
