package rules

import (
	"errors"
	"fmt"
	"slices"
)

// An Answer is the option chosen at one question.
type Answer struct {
	Question string
	Option   string
}

// A Step is a question on the path and the option taken there. Steps at
// route questions were taken by the rules, not answered; so were steps
// settled because the care is over.
type Step struct {
	Question *Question
	Option   *Option
	// Settled marks a question not asked about care already given.
	Settled bool
}

// Answered reports whether the person chose this step.
func (s Step) Answered() bool { return !s.Question.Route && !s.Settled }

// A Result is where a list of answers leads: the next question to ask, or
// the outcome, and the steps taken to get there.
type Result struct {
	Steps []Step
	// Next is the question to ask now; nil once an outcome is reached.
	Next    *Question
	Outcome *Outcome
}

// ErrAnswer is wrapped by every error about answers that do not fit the
// tree, so callers can tell bad input from their own mistakes.
var ErrAnswer = errors.New("answers do not fit the rules")

// Walk replays answers from the start of the tree on the given day. It is
// pure: the same tree, day and answers always give the same result.
func (t *Tree) Walk(day Date, answers []Answer) (*Result, error) {
	return t.walk(nil, day, answers)
}

// WalkAfterCare replays answers about care already given on the day it
// was given: questions about facts that cannot be judged once care is over
// (vocabulary not_asked_after_care) are settled with their unsure option,
// not asked.
func (t *Tree) WalkAfterCare(v *Vocabulary, day Date, answers []Answer) (*Result, error) {
	return t.walk(v, day, answers)
}

func (t *Tree) walk(after *Vocabulary, day Date, answers []Answer) (*Result, error) {
	r := &Result{Next: t.questions[t.Start]}
	r.settle(t, day, after)
	for i, a := range answers {
		q := r.Next
		if q == nil {
			return nil, fmt.Errorf("%w: answer %d comes after the outcome", ErrAnswer, i+1)
		}
		if a.Question != q.ID {
			return nil, fmt.Errorf("%w: answer %d is for question %q, but the path is at %q", ErrAnswer, i+1, a.Question, q.ID)
		}
		o := q.Option(a.Option)
		if o == nil || !o.Contains(day) {
			return nil, fmt.Errorf("%w: question %q has no option %q", ErrAnswer, q.ID, a.Option)
		}
		r.take(t, q, o)
		r.settle(t, day, after)
	}
	return r, nil
}

// Answers returns the answers that lead to r, for replaying it later.
func (r *Result) Answers() []Answer {
	var as []Answer
	for _, s := range r.Steps {
		if s.Answered() {
			as = append(as, Answer{Question: s.Question.ID, Option: s.Option.ID})
		}
	}
	return as
}

func (r *Result) take(t *Tree, q *Question, o *Option) {
	r.Steps = append(r.Steps, Step{Question: q, Option: o})
	r.Next = t.questions[o.Next]
	if r.Next == nil {
		r.Outcome = t.outcomes[o.Next]
	}
}

// settle takes route questions, and with after set the questions not
// asked about care already given, until a question to ask or an outcome.
func (r *Result) settle(t *Tree, day Date, after *Vocabulary) {
	for r.Next != nil {
		q := r.Next
		if q.Route {
			r.take(t, q, r.RouteChoice(q, day))
			continue
		}
		o := after.SettledAfterCare(q, day)
		if o == nil {
			return
		}
		r.take(t, q, o)
		r.Steps[len(r.Steps)-1].Settled = true
	}
}

// SettledAfterCare returns the option a question about care already given
// is settled with: the unsure option, when every option sets only facts
// that are not asked after care. It returns nil for a question to ask.
func (v *Vocabulary) SettledAfterCare(q *Question, day Date) *Option {
	if v == nil {
		return nil
	}
	var unsure *Option
	for _, o := range q.OptionsOn(day) {
		if len(o.Facts) == 0 {
			return nil
		}
		for name, c := range o.Facts {
			f := v.Fact(name)
			if f == nil || !f.NotAskedAfterCare {
				return nil
			}
			if slices.Equal(c.Values, []string{f.Unsure}) {
				unsure = o
			}
		}
	}
	return unsure
}

// RouteChoice returns the option of a route question that the path so far
// settles: the first whose facts are all pinned by options taken, or else
// the otherwise option.
func (r *Result) RouteChoice(q *Question, day Date) *Option {
	var otherwise *Option
	for _, o := range q.OptionsOn(day) {
		if o.Otherwise {
			otherwise = o
			continue
		}
		if r.pins(o.Facts) {
			return o
		}
	}
	return otherwise
}

// Holds reports whether the derived fact certainly holds on the path: some
// clause of it has every fact pinned, by an option taken, within its values.
func (r *Result) Holds(d *Derive) bool {
	for _, clause := range d.When {
		if r.pins(clause) {
			return true
		}
	}
	return false
}

func (r *Result) pins(clause Match) bool {
	for name, want := range clause {
		pinned := false
		for _, s := range r.Steps {
			if c := s.Option.Facts[name]; c != nil && c.within(want) {
				pinned = true
				break
			}
		}
		if !pinned {
			return false
		}
	}
	return true
}

// DerivedFact returns the derived fact called name as defined for the
// nation, or nil.
func (v *Vocabulary) DerivedFact(name, nation string) *Derive {
	for _, d := range v.Derived {
		if d.Name == name && (len(d.Nations) == 0 || slices.Contains(d.Nations, nation)) {
			return d
		}
	}
	return nil
}

// MustNotBeDelayed names the derived fact that care must not be delayed or
// withheld because of charging.
const MustNotBeDelayed = "must_not_be_delayed"

// Delay is what a result says about delaying care for payment.
type Delay int

const (
	// DelayNothing: the result says nothing, because nothing is charged or
	// the answers show the care can wait.
	DelayNothing Delay = iota
	// DelayMustNot: the answers show the care must not be delayed or
	// refused because the person cannot pay.
	DelayMustNot
	// DelayIfUrgent: the path reached its outcome without asking what
	// would decide it (how urgent the care is), so the result says what
	// follows if a clinician finds the care urgent.
	DelayIfUrgent
)

// Delay derives, from the walked path alone, what the result says about
// delaying care for payment. It is the one evaluator: the result page and
// the scenario runner both call it.
func (r *Result) Delay(v *Vocabulary, nation string) Delay {
	if r.Outcome == nil || v.Kind(r.Outcome.Kind).NotCharged {
		return DelayNothing
	}
	d := v.DerivedFact(MustNotBeDelayed, nation)
	if d == nil {
		return DelayNothing
	}
	if r.Holds(d) {
		return DelayMustNot
	}
	for _, clause := range d.When {
		if !r.decidesAny(clause) {
			return DelayIfUrgent
		}
	}
	return DelayNothing
}

// decidesAny reports whether an option taken on the path sets any of the
// clause's facts, to whatever value.
func (r *Result) decidesAny(clause Match) bool {
	for name := range clause {
		for _, s := range r.Steps {
			if s.Option.Facts[name] != nil {
				return true
			}
		}
	}
	return false
}

// HoldsFor reports whether the derived fact holds for a case's facts
// (values as strings; missing facts take their defaults).
func (v *Vocabulary) HoldsFor(d *Derive, facts map[string]string) bool {
	for _, clause := range d.When {
		ok := true
		for name, want := range clause {
			val, found := facts[name]
			if !found {
				val = v.Fact(name).Default
			}
			if !want.Allows(val) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// PathStats counts the paths a person can take from the start to an
// outcome on the given day, and returns the longest and the mean number of
// questions asked on them. Route questions are followed as the answers
// before them settle them, so paths no one can take are not counted.
func (t *Tree) PathStats(day Date) (paths int, longest int, mean float64) {
	total := 0
	var walk func(r *Result, asked int)
	walk = func(r *Result, asked int) {
		q := r.Next
		if q == nil {
			paths++
			total += asked
			longest = max(longest, asked)
			return
		}
		for _, o := range q.OptionsOn(day) {
			next := &Result{Steps: append(r.Steps[:len(r.Steps):len(r.Steps)], Step{Question: q, Option: o})}
			next.Next = t.questions[o.Next]
			if next.Next == nil {
				next.Outcome = t.outcomes[o.Next]
			}
			next.settle(t, day, nil)
			walk(next, asked+1)
		}
	}
	start := &Result{Next: t.questions[t.Start]}
	start.settle(t, day, nil)
	walk(start, 0)
	if paths == 0 {
		return 0, 0, 0
	}
	return paths, longest, float64(total) / float64(paths)
}

// Reachable reports the ids of the nodes that can follow node from
// (itself included), whatever the answers: the places an answer given
// further on may still be asked.
// The set is kept, as every step of the flow asks for it: callers must not
// change it.
func (t *Tree) Reachable(from string) map[string]bool {
	t.reachMu.Lock()
	defer t.reachMu.Unlock()
	if seen, ok := t.reach[from]; ok {
		return seen
	}
	if t.reach == nil {
		t.reach = map[string]map[string]bool{}
	}
	seen := map[string]bool{}
	t.reach[from] = seen
	var visit func(id string)
	visit = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		if q := t.questions[id]; q != nil {
			for _, o := range q.Options {
				visit(o.Next)
			}
		}
	}
	visit(from)
	return seen
}
