package rules

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/patientsnotpassports/checker/internal/strictyaml"
	"gopkg.in/yaml.v3"
)

// Vocabulary is the shared list of facts that options stand for and that
// scenarios state, the kinds of outcome, and facts derived from others.
type Vocabulary struct {
	Facts   []*Fact   `yaml:"facts"`
	Kinds   []*Kind   `yaml:"outcomes"`
	Derived []*Derive `yaml:"derived"`
	// StaffSections group outcome kinds on the staff reference, in order.
	StaffSections []*StaffSection `yaml:"staff_sections"`
	// HelpPages are the help pages and the citations each shows.
	HelpPages []*HelpPage `yaml:"help_pages"`
	// Grid is the tables pnp grid writes to docs/grid.md.
	Grid []*GridTable `yaml:"grid"`

	file   string
	byName map[string]*Fact
}

// A Fact is one thing known about a case, such as the service or the status.
type Fact struct {
	Name string `yaml:"name"`
	Doc  string `yaml:"doc"`
	// Type is "enum" (the default), "bool" or "int".
	Type   string   `yaml:"type"`
	Values []string `yaml:"values"`
	// Default is used when a case does not state the fact. Facts without a
	// default must be stated by every case whose path asks about them.
	Default string `yaml:"default"`
	// Unsure is the value standing for "I'm not sure". Every question that
	// asks about this fact must offer an option for it.
	Unsure string `yaml:"unsure"`
	// NotAskedAfterCare marks a fact that cannot be judged once care is
	// over (how urgent it was): a walk about care already given settles
	// questions asking only this fact with its unsure value.
	NotAskedAfterCare bool `yaml:"not_asked_after_care"`
	Line              int  `yaml:"-"`
}

// A Kind is a kind of outcome, such as free or chargeable-upfront.
type Kind struct {
	Name string `yaml:"name"`
	Doc  string `yaml:"doc"`
	// NotCharged marks kinds where nothing is charged for the care.
	NotCharged bool `yaml:"not_charged"`
	// FreeForAll marks the kind of care free whatever a person's status,
	// listed beside a charged result as what stays free.
	FreeForAll bool `yaml:"free_for_all"`
	// Tone is how the kind is presented (one of Tones).
	Tone string `yaml:"tone"`
	// Uncertain marks the kind that says the law here is not clear or
	// depends on what cannot be checked: the only kind an outcome resting
	// on an unread provision may have.
	Uncertain bool `yaml:"uncertain"`
	Line      int  `yaml:"-"`
}

// Tones are how a kind of outcome is presented: the CSS styles tones, never
// kind names, so a new kind is a vocabulary change only.
var Tones = []string{"good", "charged", "upfront", "advice"}

// A StaffSection is one section of the staff reference: the outcomes of
// its kinds. Its heading and intro are messages staff.section.<id> and
// staff.intro.<id>.
type StaffSection struct {
	ID    string   `yaml:"id"`
	Kinds []string `yaml:"kinds"`
	// ScreenOnly leaves the section off the printed page.
	ScreenOnly bool `yaml:"screen_only"`
	// Desk lists the section on the one-page desk summary too.
	Desk bool `yaml:"desk"`
	Line int  `yaml:"-"`
}

// A HelpPage is a page of plain words (messages info.<slug>.title, .p1 ...)
// and the citations it shows, checked like every other citation.
type HelpPage struct {
	Slug string   `yaml:"slug"`
	Cite []string `yaml:"cite"`
	// NeedsContact hides the page when the server has no address for
	// reports (the page on reporting a wrong answer).
	NeedsContact bool `yaml:"needs_contact"`
	Line         int  `yaml:"-"`
}

// A GridTable is one table of docs/grid.md: the tree run for each value of
// one fact, on top of base facts; Extra adds the facts some values need.
// Its title and intro are messages grid.<id>.title and grid.<id>.intro.
type GridTable struct {
	ID    string                       `yaml:"id"`
	Vary  string                       `yaml:"vary"`
	Base  map[string]string            `yaml:"base"`
	Extra map[string]map[string]string `yaml:"extra"`
	Line  int                          `yaml:"-"`
}

// A Derive defines a yes/no fact that follows from others: it holds when
// any one of its When clauses matches.
//
// A derived fact may be defined differently per nation (Nations lists
// where a definition applies; empty means every nation), since what makes
// care urgent in law is one nation's rule, not another's.
type Derive struct {
	Name    string   `yaml:"name"`
	Doc     string   `yaml:"doc"`
	Nations []string `yaml:"nations"`
	When    []Match  `yaml:"when"`
	Cite    []string `yaml:"cite"`
	Line    int      `yaml:"-"`
}

// Fact returns the fact called name, or nil.
func (v *Vocabulary) Fact(name string) *Fact {
	return v.byName[name]
}

// HasKind reports whether name is a declared outcome kind.
func (v *Vocabulary) HasKind(name string) bool {
	for _, k := range v.Kinds {
		if k.Name == name {
			return true
		}
	}
	return false
}

// Kind returns the declared kind called name (the zero Kind if none).
func (v *Vocabulary) Kind(name string) Kind {
	for _, k := range v.Kinds {
		if k.Name == name {
			return *k
		}
	}
	return Kind{}
}

// Valid reports whether value is allowed for the fact.
func (f *Fact) Valid(value string) bool {
	switch f.Type {
	case "int":
		_, err := strconv.Atoi(value)
		return err == nil
	case "bool":
		return value == "true" || value == "false" || (f.Unsure != "" && value == f.Unsure)
	}
	return slices.Contains(f.Values, value)
}

func (v *Vocabulary) index() Problems {
	var ps Problems
	v.byName = map[string]*Fact{}
	for _, f := range v.Facts {
		if f.Name == "" {
			ps.Add(v.file, f.Line, "fact has no name")
			continue
		}
		if v.byName[f.Name] != nil {
			ps.Add(v.file, f.Line, "fact %q declared twice", f.Name)
		}
		v.byName[f.Name] = f
		switch f.Type {
		case "", "enum":
			f.Type = "enum"
			if len(f.Values) == 0 {
				ps.Add(v.file, f.Line, "fact %q lists no values", f.Name)
			}
		case "bool":
			if len(f.Values) > 0 {
				ps.Add(v.file, f.Line, "bool fact %q must not list values", f.Name)
			}
		case "int":
			if len(f.Values) > 0 {
				ps.Add(v.file, f.Line, "int fact %q must not list values", f.Name)
			}
		default:
			ps.Add(v.file, f.Line, "fact %q has unknown type %q (want enum, bool or int)", f.Name, f.Type)
		}
		if f.Default != "" && !f.Valid(f.Default) {
			ps.Add(v.file, f.Line, "fact %q: default %q is not one of its values", f.Name, f.Default)
		}
		if f.NotAskedAfterCare && f.Unsure == "" {
			ps.Add(v.file, f.Line, "fact %q is not asked after care, so it needs an unsure value to settle with", f.Name)
		}
		if f.Unsure != "" && f.Type == "enum" && !slices.Contains(f.Values, f.Unsure) {
			ps.Add(v.file, f.Line, "fact %q: unsure value %q is not one of its values", f.Name, f.Unsure)
		}
	}
	seen := map[string]bool{}
	for _, k := range v.Kinds {
		if seen[k.Name] {
			ps.Add(v.file, k.Line, "outcome kind %q declared twice", k.Name)
		}
		seen[k.Name] = true
		if !slices.Contains(Tones, k.Tone) {
			ps.Add(v.file, k.Line, "outcome kind %q: tone %q must be one of %v", k.Name, k.Tone, Tones)
		}
	}
	inSection := map[string]bool{}
	for _, sec := range v.StaffSections {
		for _, k := range sec.Kinds {
			switch {
			case !seen[k]:
				ps.Add(v.file, sec.Line, "staff section %q: unknown outcome kind %q", sec.ID, k)
			case inSection[k]:
				ps.Add(v.file, sec.Line, "staff section %q: kind %q is already in another section", sec.ID, k)
			}
			inSection[k] = true
		}
	}
	if len(v.StaffSections) > 0 {
		for _, k := range v.Kinds {
			if !inSection[k.Name] {
				ps.Add(v.file, k.Line, "outcome kind %q is in no staff section", k.Name)
			}
		}
	}
	for _, g := range v.Grid {
		if v.byName[g.Vary] == nil {
			ps.Add(v.file, g.Line, "grid %q varies unknown fact %q", g.ID, g.Vary)
		}
		for name, val := range g.Base {
			if f := v.byName[name]; f == nil || !f.Valid(val) {
				ps.Add(v.file, g.Line, "grid %q: base fact %s = %q is not in the vocabulary", g.ID, name, val)
			}
		}
		for value, facts := range g.Extra {
			if f := v.byName[g.Vary]; f != nil && !f.Valid(value) {
				ps.Add(v.file, g.Line, "grid %q: %s has no value %q", g.ID, g.Vary, value)
			}
			for name, val := range facts {
				if f := v.byName[name]; f == nil || !f.Valid(val) {
					ps.Add(v.file, g.Line, "grid %q: fact %s = %q is not in the vocabulary", g.ID, name, val)
				}
			}
		}
	}
	defined := map[string]bool{} // name + nation
	for _, d := range v.Derived {
		nations := d.Nations
		if len(nations) == 0 {
			nations = []string{""}
		}
		for _, n := range nations {
			if defined[d.Name+"|"+n] || defined[d.Name+"|"] || (n == "" && slices.ContainsFunc(v.Derived, func(o *Derive) bool { return o != d && o.Name == d.Name })) {
				ps.Add(v.file, d.Line, "derived fact %q is defined twice for nation %q", d.Name, n)
			}
			defined[d.Name+"|"+n] = true
		}
		if v.byName[d.Name] != nil {
			ps.Add(v.file, d.Line, "derived fact %q clashes with a declared fact", d.Name)
		}
		if len(d.When) == 0 {
			ps.Add(v.file, d.Line, "derived fact %q has no when clauses", d.Name)
		}
		for _, m := range d.When {
			ps = append(ps, v.checkMatch(v.file, d.Line, m)...)
		}
	}
	return ps
}

// checkMatch reports facts and values in m that the vocabulary does not know.
func (v *Vocabulary) checkMatch(file string, line int, m Match) Problems {
	var ps Problems
	for _, name := range m.Names() {
		c := m[name]
		if c == nil { // "fact:" with nothing after it
			ps.Add(file, line, "fact %q: no values given", name)
			continue
		}
		f := v.byName[name]
		if f == nil {
			ps.Add(file, c.Line, "unknown fact %q", name)
			continue
		}
		if c.isRange() {
			if f.Type != "int" {
				ps.Add(file, c.Line, "fact %q is not a number: use a list of values", name)
			}
			continue
		}
		if len(c.Values) == 0 {
			ps.Add(file, c.Line, "fact %q: no values given", name)
		}
		for _, val := range c.Values {
			if !f.Valid(val) {
				ps.Add(file, c.Line, "fact %q has no value %q", name, val)
			}
		}
	}
	_ = line
	return ps
}

// Match is a set of constraints on facts: each named fact must take one of
// the listed values (or, for numbers, lie in the range).
type Match map[string]*Constraint

// Names returns the constrained facts in sorted order.
func (m Match) Names() []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// A Constraint is a list of allowed values or an inclusive numeric range.
// In YAML it is a single value, a list, or a mapping with min and/or max.
type Constraint struct {
	Values []string
	Min    *int
	Max    *int
	Line   int
}

func (c *Constraint) UnmarshalYAML(n *yaml.Node) error {
	c.Line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		c.Values = []string{n.Value}
	case yaml.SequenceNode:
		for _, e := range n.Content {
			if e.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: expected a value, found %s", e.Line, strictyaml.NodeKind(e))
			}
			c.Values = append(c.Values, e.Value)
		}
	case yaml.MappingNode:
		var r struct {
			Min *int `yaml:"min"`
			Max *int `yaml:"max"`
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; k != "min" && k != "max" {
				return fmt.Errorf("line %d: unknown field %q in a range (known: max, min)", n.Content[i].Line, k)
			}
		}
		if err := n.Decode(&r); err != nil {
			return err
		}
		if r.Min == nil && r.Max == nil {
			return fmt.Errorf("line %d: a range needs min or max", n.Line)
		}
		c.Min, c.Max = r.Min, r.Max
	default:
		return fmt.Errorf("line %d: expected a value, a list or a range", n.Line)
	}
	return nil
}

func (c *Constraint) isRange() bool { return c.Min != nil || c.Max != nil }

// Allows reports whether value satisfies the constraint.
func (c *Constraint) Allows(value string) bool {
	if c.isRange() {
		n, err := strconv.Atoi(value)
		if err != nil {
			return false
		}
		return (c.Min == nil || n >= *c.Min) && (c.Max == nil || n <= *c.Max)
	}
	return slices.Contains(c.Values, value)
}

// intersects reports whether some value satisfies both constraints.
func (c *Constraint) intersects(d *Constraint) bool {
	switch {
	case c.isRange() && d.isRange():
		lo, hi := maxPtr(c.Min, d.Min), minPtr(c.Max, d.Max)
		return lo == nil || hi == nil || *lo <= *hi
	case c.isRange():
		return slices.ContainsFunc(d.Values, c.Allows)
	default:
		return slices.ContainsFunc(c.Values, d.Allows)
	}
}

// within reports whether every value allowed by c is allowed by d.
func (c *Constraint) within(d *Constraint) bool {
	if c.isRange() {
		if !d.isRange() {
			return false
		}
		return (d.Min == nil || (c.Min != nil && *c.Min >= *d.Min)) &&
			(d.Max == nil || (c.Max != nil && *c.Max <= *d.Max))
	}
	for _, v := range c.Values {
		if !d.Allows(v) {
			return false
		}
	}
	return true
}

func (c *Constraint) String() string {
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("%d to %d", *c.Min, *c.Max)
	case c.Min != nil:
		return fmt.Sprintf("%d or more", *c.Min)
	case c.Max != nil:
		return fmt.Sprintf("%d or less", *c.Max)
	}
	return fmt.Sprint(c.Values)
}

func maxPtr(a, b *int) *int {
	if a == nil {
		return b
	}
	if b == nil || *a > *b {
		return a
	}
	return b
}

func minPtr(a, b *int) *int {
	if a == nil {
		return b
	}
	if b == nil || *a < *b {
		return a
	}
	return b
}

// Overlaps reports whether some case could satisfy both matches: every fact
// constrained by both must allow a common value.
func (m Match) Overlaps(o Match) bool {
	for name, c := range m {
		if d, ok := o[name]; ok && !c.intersects(d) {
			return false
		}
	}
	return true
}

func sortStrings(s []string) { sort.Strings(s) }

// UncertainKind returns the kind that says the law is not clear here, or
// the zero Kind.
func (v *Vocabulary) UncertainKind() Kind {
	for _, k := range v.Kinds {
		if k.Uncertain {
			return *k
		}
	}
	return Kind{}
}
