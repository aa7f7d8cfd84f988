package rules

import (
	"slices"
)

// reach maps a fact's name to the values it can still take on some path to
// a node. Facts missing from the map are unconstrained; int facts are not
// tracked.
type reach map[string][]string

// domain returns every value a tracked fact can take.
func domain(f *Fact) []string {
	switch f.Type {
	case "enum":
		return f.Values
	case "bool":
		vals := []string{"true", "false"}
		if f.Unsure != "" {
			vals = append(vals, f.Unsure)
		}
		return vals
	}
	return nil
}

func (r reach) values(v *Vocabulary, name string) []string {
	if vals, ok := r[name]; ok {
		return vals
	}
	return domain(v.Fact(name))
}

// narrow returns the reach after taking option o of q.
func (r reach) narrow(v *Vocabulary, q *Question, o *Option) reach {
	out := reach{}
	for k, vals := range r {
		out[k] = vals
	}
	if !o.Otherwise {
		for name, c := range o.Facts {
			if v.Fact(name) == nil || v.Fact(name).Type == "int" {
				continue
			}
			out[name] = filter(out.values(v, name), c.Allows)
		}
		return out
	}
	// An otherwise option takes what no sibling that asks about a single
	// fact would take.
	for _, s := range q.Options {
		if s.Otherwise || len(s.Facts) != 1 {
			continue
		}
		for name, c := range s.Facts {
			if v.Fact(name) == nil || v.Fact(name).Type == "int" {
				continue
			}
			out[name] = filter(out.values(v, name), func(val string) bool { return !c.Allows(val) })
		}
	}
	return out
}

func filter(vals []string, keep func(string) bool) []string {
	out := []string{}
	for _, v := range vals {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// union merges what reaches a node along another path.
func (r reach) union(v *Vocabulary, o reach) reach {
	out := reach{}
	for name := range r {
		if _, ok := o[name]; !ok {
			continue // unconstrained along the other path
		}
		vals := slices.Clone(r[name])
		for _, x := range o[name] {
			if !slices.Contains(vals, x) {
				vals = append(vals, x)
			}
		}
		out[name] = vals
	}
	return out
}

// reaches computes, for each question, the fact values that can arrive
// there on the given day. It follows the graph in topological order, so it
// must run after validateGraph has ruled out cycles.
func (t *Tree) reaches(v *Vocabulary, day Date) map[string]reach {
	order := t.topoOrder()
	in := map[string]reach{t.Start: {}}
	seen := map[string]bool{t.Start: true}
	for _, id := range order {
		q := t.questions[id]
		if q == nil || !seen[id] {
			continue
		}
		for _, o := range q.OptionsOn(day) {
			next := in[id].narrow(v, q, o)
			if seen[o.Next] {
				in[o.Next] = in[o.Next].union(v, next)
			} else {
				in[o.Next] = next
				seen[o.Next] = true
			}
		}
	}
	return in
}

func (t *Tree) topoOrder() []string {
	var order []string
	done := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		if done[id] {
			return
		}
		done[id] = true
		if q := t.questions[id]; q != nil {
			for _, o := range q.Options {
				visit(o.Next)
			}
		}
		order = append(order, id)
	}
	visit(t.Start)
	slices.Reverse(order)
	return order
}

// validateReach checks, using what can reach each question, that every
// value that can arrive is taken by some option (no case falls through a
// gap) and that a question offers "I'm not sure" wherever an unsure answer
// can arrive.
func (t *Tree) validateReach(v *Vocabulary) Problems {
	var ps Problems
	if t.CorrectOn.IsZero() {
		return ps
	}
	in := t.reaches(v, t.CorrectOn)
	for _, q := range t.Questions {
		r, ok := in[q.ID]
		if !ok {
			continue
		}
		opts := q.OptionsOn(t.CorrectOn)
		if slices.ContainsFunc(opts, func(o *Option) bool { return o.Otherwise }) {
			continue
		}
		for _, name := range askedFacts(q) {
			f := v.Fact(name)
			if f == nil || f.Type == "int" {
				continue
			}
			var missing []string
			for _, val := range r.values(v, name) {
				taken := slices.ContainsFunc(opts, func(o *Option) bool {
					c, asks := o.Facts[name]
					return !asks || c.Allows(val)
				})
				if !taken {
					missing = append(missing, val)
				}
			}
			if len(missing) > 0 {
				ps.Add(t.File, q.Line, "question %q: no option takes %s = %v, which can reach it", q.ID, name, missing)
			}
		}
	}
	return ps
}
