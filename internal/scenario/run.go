package scenario

import (
	"fmt"
	"sort"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// A Result is what running one case gave.
type Result struct {
	Case    *Case
	Outcome *rules.Outcome
	Steps   []rules.Step
	// Delay is what the result says about delaying care for payment,
	// derived from the walked path as the result page derives it.
	Delay rules.Delay
	// MustNotBeDelayed is Delay == DelayMustNot.
	MustNotBeDelayed bool
	Failures         []string
	Warnings         []string
}

// Passed reports whether the case gave what it expected.
func (r *Result) Passed() bool { return len(r.Failures) == 0 }

func (r *Result) fail(format string, args ...any) {
	r.Failures = append(r.Failures, fmt.Sprintf(format, args...))
}

// Run walks one case through its nation's tree.
func Run(set *rules.Set, c *Case) *Result {
	r := &Result{Case: c}
	v := set.Vocabulary
	t := set.Tree(c.Nation)
	if t == nil {
		r.fail("unknown nation %q (known: %s)", c.Nation, strings.Join(set.Nations, ", "))
		return r
	}
	for _, name := range sortedKeys(c.Facts) {
		f := v.Fact(name)
		if f == nil {
			r.fail("unknown fact %q", name)
			continue
		}
		if !f.Valid(c.Facts[name]) {
			r.fail("fact %s has no value %q", name, c.Facts[name])
		}
	}
	if !v.HasKind(c.Expected.Outcome) {
		r.fail("expected outcome %q is not an outcome kind", c.Expected.Outcome)
	}
	if !r.Passed() {
		return r
	}
	day := c.AsOf
	if day.IsZero() {
		day = t.CorrectOn
	}
	q := t.Question(t.Start)
	for q != nil {
		if c.AfterCare && !q.Route {
			// Care already given: what cannot be judged after care is
			// settled, as the app does, not taken from the facts.
			if o := v.SettledAfterCare(q, day); o != nil {
				r.Steps = append(r.Steps, rules.Step{Question: q, Option: o, Settled: true})
				r.Outcome = t.Outcome(o.Next)
				q = t.Question(o.Next)
				continue
			}
		}
		o, err := choose(v, q, day, c.Facts)
		if err != nil {
			r.fail("%v", err)
			return r
		}
		if q.Route {
			// The app settles routes from the answers alone: they must
			// pin the facts the case's own facts choose by.
			path := &rules.Result{Steps: r.Steps}
			if got := path.RouteChoice(q, day); got != o {
				r.fail("route %q: the facts choose %q but the answers given settle %q", q.ID, o.ID, got.ID)
				return r
			}
		}
		r.Steps = append(r.Steps, rules.Step{Question: q, Option: o})
		r.Outcome = t.Outcome(o.Next)
		q = t.Question(o.Next)
	}

	if r.Outcome.Kind != c.Expected.Outcome {
		r.fail("expected %s, got %s (outcome %q)", c.Expected.Outcome, r.Outcome.Kind, r.Outcome.ID)
	}
	path := &rules.Result{Steps: r.Steps, Outcome: r.Outcome}
	r.Delay = path.Delay(v, c.Nation)
	r.MustNotBeDelayed = r.Delay == rules.DelayMustNot
	if want := c.Expected.MustNotBeDelayed; want != nil && *want != r.MustNotBeDelayed {
		r.fail("expected must_not_be_delayed %v, the path gives %v", *want, r.MustNotBeDelayed)
	}
	r.Warnings = citeWarnings(set, t, r.Outcome, c.Expected.Cite)
	return r
}

// choose returns the one option of q whose facts match the case.
func choose(v *rules.Vocabulary, q *rules.Question, day rules.Date, facts map[string]string) (*rules.Option, error) {
	var matched []*rules.Option
	var otherwise *rules.Option
	for _, o := range q.OptionsOn(day) {
		if o.Otherwise {
			otherwise = o
			continue
		}
		// A fact the case lacks matters only if the others match.
		ok, lacking := true, ""
		for _, name := range o.Facts.Names() {
			val, found := facts[name]
			if !found {
				val = v.Fact(name).Default
			}
			if val == "" {
				lacking = name
				continue
			}
			if !o.Facts[name].Allows(val) {
				ok = false
				break
			}
		}
		if ok && lacking != "" {
			return nil, fmt.Errorf("the case does not state %s, which question %q needs, and it has no default", lacking, q.ID)
		}
		if ok {
			matched = append(matched, o)
		}
	}
	switch {
	case len(matched) == 1:
		return matched[0], nil
	case len(matched) > 1:
		ids := make([]string, len(matched))
		for i, o := range matched {
			ids[i] = o.ID
		}
		return nil, fmt.Errorf("question %q: options %s all match the facts", q.ID, strings.Join(ids, ", "))
	case otherwise != nil:
		return otherwise, nil
	}
	return nil, fmt.Errorf("question %q: no option matches the facts %s", q.ID, describe(q, facts))
}

// describe lists the case's values of the facts a question asks about.
func describe(q *rules.Question, facts map[string]string) string {
	var parts []string
	seen := map[string]bool{}
	for _, o := range q.Options {
		for _, name := range o.Facts.Names() {
			if !seen[name] {
				seen[name] = true
				val, ok := facts[name]
				if !ok {
					val = "(default)"
				}
				parts = append(parts, name+"="+val)
			}
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
