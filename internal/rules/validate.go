package rules

import (
	"regexp"
	"slices"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (s *Set) validate() Problems {
	var ps Problems
	cites := map[string]string{} // citation id -> file, unique across nations
	orgs := map[string]*Organisation{}
	for _, o := range s.Organisations {
		switch {
		case !idPattern.MatchString(o.ID):
			ps.Add(OrganisationsFile, o.Line, "organisation id %q must be lower-case words joined by dashes", o.ID)
		case orgs[o.ID] != nil:
			ps.Add(OrganisationsFile, o.Line, "organisation %q declared twice", o.ID)
		}
		orgs[o.ID] = o
		if o.Name == "" || (o.URL == "" && o.Phone == "") {
			ps.Add(OrganisationsFile, o.Line, "organisation %q needs a name and a phone number or web address", o.ID)
		}
		if o.Source == "" {
			ps.Add(OrganisationsFile, o.Line, "organisation %q: say where its details were checked (source)", o.ID)
		}
		for _, n := range o.Nations {
			if !slices.Contains(s.Nations, n) {
				ps.Add(OrganisationsFile, o.Line, "organisation %q: unknown nation %q", o.ID, n)
			}
		}
	}
	for _, n := range s.Nations {
		t := s.trees[n]
		if t == nil {
			continue
		}
		ps = append(ps, t.index()...)
		for id, c := range t.citations {
			if f, dup := cites[id]; dup {
				ps.Add(t.File, c.Line, "citation id %q already used in %s", id, f)
			}
			cites[id] = t.File
		}
		ps = append(ps, t.validate(s.Vocabulary, orgs)...)
		if r := s.readings[n]; r != nil {
			ps = append(ps, t.validateReading(r, s.Vocabulary, s.blocks[n])...)
		} else if len(s.readings) > 0 {
			ps.Add(t.File, 1, "nation %q has no reading log %s/%s.yaml: every nation logs how its law was read", n, ProvisionsDir, n)
		}
		if f := s.blocks[n]; f != nil {
			ps = append(ps, t.validateBlocks(f, s.Vocabulary, orgs)...)
		}
	}
	for n, f := range s.blocks {
		if s.trees[n] == nil {
			ps.Add(f.File, 1, "blocks for unknown nation %q", n)
		}
	}
	for n, r := range s.readings {
		if s.trees[n] == nil {
			ps.Add(r.File, 1, "reading log for unknown nation %q", n)
		}
	}
	for _, hp := range s.Vocabulary.HelpPages {
		for _, id := range hp.Cite {
			if s.Citation(id) == nil {
				ps.Add(VocabularyFile, hp.Line, "help page %q cites unknown citation %q", hp.Slug, id)
			}
		}
	}
	for n, t := range s.trees {
		if !slices.Contains(s.Nations, n) {
			ps.Add(t.File, 1, "nation %q is not listed in %s", n, VocabularyFile)
		}
	}
	return ps
}

// index builds the lookup maps and reports duplicate or malformed ids.
func (t *Tree) index() Problems {
	var ps Problems
	t.questions = map[string]*Question{}
	t.outcomes = map[string]*Outcome{}
	t.citations = map[string]*Citation{}
	t.sources = map[string]*Source{}
	for _, src := range t.Sources {
		if t.sources[src.ID] != nil {
			ps.Add(t.File, src.Line, "source %q declared twice", src.ID)
		}
		t.sources[src.ID] = src
		if src.ID == "" || src.Title == "" || src.URL == "" {
			ps.Add(t.File, src.Line, "source %q needs an id, a title and a url", src.ID)
		}
	}
	for _, c := range t.Citations {
		if !idPattern.MatchString(c.ID) {
			ps.Add(t.File, c.Line, "citation id %q must be lower-case words joined by dashes", c.ID)
		}
		if t.citations[c.ID] != nil {
			ps.Add(t.File, c.Line, "citation %q declared twice", c.ID)
		}
		t.citations[c.ID] = c
		c.source = t.sources[c.Source]
		if c.source == nil {
			ps.Add(t.File, c.Line, "citation %q: unknown source %q", c.ID, c.Source)
		}
		if c.Ref == "" || c.URL == "" {
			ps.Add(t.File, c.Line, "citation %q needs a ref and a url", c.ID)
		}
		if !c.From.IsZero() && !c.Until.IsZero() && c.Until.Before(c.From.Time) {
			ps.Add(t.File, c.Line, "citation %q: until %s is before from %s", c.ID, c.Until, c.From)
		}
	}
	for _, q := range t.Questions {
		if !idPattern.MatchString(q.ID) {
			ps.Add(t.File, q.Line, "question id %q must be lower-case words joined by dashes", q.ID)
		}
		if t.questions[q.ID] != nil {
			ps.Add(t.File, q.Line, "question %q declared twice", q.ID)
		}
		t.questions[q.ID] = q
		q.nation = t.Nation
	}
	for _, o := range t.Outcomes {
		if !idPattern.MatchString(o.ID) {
			ps.Add(t.File, o.Line, "outcome id %q must be lower-case words joined by dashes", o.ID)
		}
		if t.outcomes[o.ID] != nil || t.questions[o.ID] != nil {
			ps.Add(t.File, o.Line, "node %q declared twice", o.ID)
		}
		t.outcomes[o.ID] = o
		o.nation = t.Nation
	}
	return ps
}

func (t *Tree) validate(v *Vocabulary, orgs map[string]*Organisation) Problems {
	var ps Problems
	if !t.CompleteFrom.IsZero() && !t.CompleteFrom.Before(t.CorrectOn.Time) {
		ps.Add(t.File, 1, "complete_from %s must be before correct_on %s", t.CompleteFrom, t.CorrectOn)
	}
	if t.CorrectOn.IsZero() {
		ps.Add(t.File, 1, "correct_on is missing: state the day these rules were checked against the law")
	}
	if len(t.Sources) == 0 {
		ps.Add(t.File, 1, "no sources listed")
	}
	if t.Start == "" || t.questions[t.Start] == nil {
		ps.Add(t.File, 1, "start %q is not a question", t.Start)
	}
	for _, q := range t.Questions {
		ps = append(ps, t.validateQuestion(q, v)...)
	}
	for _, o := range t.Outcomes {
		o.tone = v.Kind(o.Kind).Tone
		if !v.HasKind(o.Kind) {
			ps.Add(t.File, o.Line, "outcome %q: unknown kind %q", o.ID, o.Kind)
		}
		if len(o.Cite) == 0 {
			ps.Add(t.File, o.Line, "outcome %q cites nothing: every outcome needs at least one citation", o.ID)
		}
		for _, id := range o.Cite {
			if t.citations[id] == nil {
				ps.Add(t.File, o.Line, "outcome %q cites unknown citation %q", o.ID, id)
			}
		}
		for _, id := range o.Checked {
			switch {
			case t.citations[id] == nil:
				ps.Add(t.File, o.Line, "outcome %q: checked names unknown citation %q", o.ID, id)
			case slices.Contains(o.Cite, id):
				ps.Add(t.File, o.Line, "outcome %q both rests on and checked %q: a provision applies or it does not", o.ID, id)
			}
		}
		if len(o.Steps) == 0 {
			ps.Add(t.File, o.Line, "outcome %q says nothing about what to do next (steps)", o.ID)
		}
		if o.Evidence && len(o.Bring) == 0 {
			ps.Add(t.File, o.Line, "outcome %q holds only with evidence but lists no documents to bring", o.ID)
		}
		for _, slug := range o.Pages {
			if !slices.ContainsFunc(v.HelpPages, func(hp *HelpPage) bool { return hp.Slug == slug && !hp.NeedsContact }) {
				ps.Add(t.File, o.Line, "outcome %q: unknown help page %q", o.ID, slug)
			}
		}
		for _, id := range o.Help {
			org := orgs[id]
			switch {
			case org == nil:
				ps.Add(t.File, o.Line, "outcome %q: unknown organisation %q", o.ID, id)
			case !org.Serves(t.Nation):
				ps.Add(t.File, o.Line, "outcome %q: organisation %q does not serve %s", o.ID, id, t.Nation)
			}
		}
	}
	graph := t.validateGraph()
	ps = append(ps, graph...)
	if len(graph) == 0 {
		ps = append(ps, t.validateReach(v)...)
	}
	return ps
}

func (t *Tree) validateQuestion(q *Question, v *Vocabulary) Problems {
	var ps Problems
	if len(q.Options) < 2 {
		ps.Add(t.File, q.Line, "question %q needs at least two options", q.ID)
	}
	seen := map[string]bool{}
	otherwise := 0
	for _, o := range q.Options {
		if !idPattern.MatchString(o.ID) {
			ps.Add(t.File, o.Line, "option id %q must be lower-case words joined by dashes", o.ID)
		}
		if seen[o.ID] {
			ps.Add(t.File, o.Line, "question %q: option %q declared twice", q.ID, o.ID)
		}
		seen[o.ID] = true
		if o.Next == "" {
			ps.Add(t.File, o.Line, "question %q, option %q: no next node", q.ID, o.ID)
		} else if t.questions[o.Next] == nil && t.outcomes[o.Next] == nil {
			ps.Add(t.File, o.Line, "question %q, option %q: next %q does not exist", q.ID, o.ID, o.Next)
		}
		if !o.From.IsZero() && !o.Until.IsZero() && o.Until.Before(o.From.Time) {
			ps.Add(t.File, o.Line, "question %q, option %q: until %s is before from %s", q.ID, o.ID, o.Until, o.From)
		}
		switch {
		case o.Otherwise:
			otherwise++
			if len(o.Facts) > 0 {
				ps.Add(t.File, o.Line, "question %q, option %q: an otherwise option takes no facts", q.ID, o.ID)
			}
		case len(o.Facts) == 0:
			ps.Add(t.File, o.Line, "question %q, option %q: say which facts it stands for, or mark it otherwise", q.ID, o.ID)
		default:
			ps = append(ps, v.checkMatch(t.File, o.Line, o.Facts)...)
		}
	}
	if otherwise > 1 {
		ps.Add(t.File, q.Line, "question %q has %d otherwise options; at most one", q.ID, otherwise)
	}
	if q.Route && otherwise != 1 {
		ps.Add(t.File, q.Line, "route %q needs one otherwise option, for answers that do not settle it", q.ID)
	}
	// No two options may stand for the same facts on the same day, or a
	// case could take either and the answer would depend on wording.
	for i, a := range q.Options {
		for _, b := range q.Options[i+1:] {
			if a.Otherwise || b.Otherwise || !a.Period.overlaps(b.Period) {
				continue
			}
			if a.Facts.Overlaps(b.Facts) {
				ps.Add(t.File, b.Line, "question %q: options %q and %q can match the same facts", q.ID, a.ID, b.ID)
			}
		}
	}
	if len(q.OptionsOn(t.CorrectOn)) < 2 && !t.CorrectOn.IsZero() {
		ps.Add(t.File, q.Line, "question %q has fewer than two options on %s", q.ID, t.CorrectOn)
	}
	return ps
}

// askedFacts returns the facts any option of q constrains.
func askedFacts(q *Question) []string {
	var names []string
	for _, o := range q.Options {
		for _, n := range o.Facts.Names() {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names
}

// validateGraph checks that every node is reachable from the start and
// that no path loops.
func (t *Tree) validateGraph() Problems {
	var ps Problems
	if t.questions[t.Start] == nil {
		return ps
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var visit func(id string, from *Option)
	visit = func(id string, from *Option) {
		switch state[id] {
		case onPath:
			ps.Add(t.File, from.Line, "cycle: option %q leads back to %q", from.ID, id)
			return
		case done:
			return
		}
		state[id] = onPath
		if q := t.questions[id]; q != nil {
			for _, o := range q.Options {
				if t.questions[o.Next] != nil || t.outcomes[o.Next] != nil {
					visit(o.Next, o)
				}
			}
		}
		state[id] = done
	}
	visit(t.Start, nil)
	for _, q := range t.Questions {
		if state[q.ID] == unseen {
			ps.Add(t.File, q.Line, "question %q cannot be reached from start %q", q.ID, t.Start)
		}
	}
	for _, o := range t.Outcomes {
		if state[o.ID] == unseen {
			ps.Add(t.File, o.Line, "outcome %q cannot be reached from start %q", o.ID, t.Start)
		}
	}
	return ps
}

// CheckMessages reports every text the rules need that has no message in
// the reference language. has reports whether a message id exists.
func (s *Set) CheckMessages(has func(id string) bool) error {
	var ps Problems
	need := func(file string, line int, what string, ids ...string) {
		for _, id := range ids {
			if has(id) {
				return
			}
		}
		want := ids[0]
		if len(ids) > 1 {
			want = ids[1] // the shared id; a nation's own is optional
		}
		ps.Add(file, line, "%s has no English message %q", what, want)
	}
	for _, k := range s.Vocabulary.Kinds {
		need(VocabularyFile, k.Line, "outcome kind "+k.Name, "kind."+k.Name)
		need(VocabularyFile, k.Line, "outcome kind "+k.Name, "kind."+k.Name+".means")
	}
	for _, o := range s.Organisations {
		need(OrganisationsFile, o.Line, "organisation "+o.ID, o.DescriptionID())
	}
	for _, n := range s.Nations {
		t := s.trees[n]
		need(t.File, 1, "nation "+n, "nation."+n)
		for _, q := range t.Questions {
			if q.Route {
				continue
			}
			need(t.File, q.Line, "question "+q.ID, q.TextIDs()...)
			for _, o := range q.Options {
				need(t.File, o.Line, "option "+q.ID+"/"+o.ID, q.LabelIDs(o)...)
			}
		}
		for _, o := range t.Outcomes {
			need(t.File, o.Line, "outcome "+o.ID, o.TitleIDs()...)
			need(t.File, o.Line, "outcome "+o.ID, o.WhyIDs()...)
			for _, id := range o.Steps {
				need(t.File, o.Line, "step "+id, o.StepIDs(id)...)
			}
			for _, id := range o.Bring {
				need(t.File, o.Line, "document "+id, "doc."+id)
			}
		}
	}
	ps = append(ps, s.checkBlockMessages(has)...)
	return ps.Err()
}
