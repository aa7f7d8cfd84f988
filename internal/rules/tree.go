package rules

import (
	"regexp"
	"sync"
)

// A Tree is one nation's decision tree with its sources and citations.
type Tree struct {
	Nation string `yaml:"nation"`
	// CorrectOn is the day the rules were last checked against the law.
	CorrectOn Date `yaml:"correct_on"`
	// CompleteFrom is the earliest day the tree encodes the law as it then
	// stood; a walk on an earlier day cannot be answered from it.
	CompleteFrom Date        `yaml:"complete_from"`
	Start        string      `yaml:"start"`
	Sources      []*Source   `yaml:"sources"`
	Citations    []*Citation `yaml:"citations"`
	Questions    []*Question `yaml:"questions"`
	Outcomes     []*Outcome  `yaml:"outcomes"`

	File      string `yaml:"-"`
	questions map[string]*Question
	outcomes  map[string]*Outcome
	citations map[string]*Citation
	sources   map[string]*Source

	reachMu sync.Mutex
	reach   map[string]map[string]bool // Reachable's answers, by node
}

// A Source is a piece of legislation or guidance the tree relies on.
type Source struct {
	ID string `yaml:"id"`
	// Short is how the source is cited, e.g. "SI 2015/238".
	Short string `yaml:"short"`
	// Aliases are other ways scenario files cite the source.
	Aliases    []string     `yaml:"aliases"`
	Title      string       `yaml:"title"`
	URL        string       `yaml:"url"`
	Amendments []*Amendment `yaml:"amendments"`
	Line       int          `yaml:"-"`
}

// An Amendment is a later instrument whose changes the tree includes.
type Amendment struct {
	Ref     string `yaml:"ref"`
	Title   string `yaml:"title"`
	URL     string `yaml:"url"`
	InForce Date   `yaml:"in_force"`
	Note    string `yaml:"note"`
}

// A Citation is one provision, with a canonical id shared by outcomes,
// scenarios and pages.
type Citation struct {
	ID     string `yaml:"id"`
	Source string `yaml:"source"`
	// Ref is the provision within the source, e.g. "reg 9(1)(a)".
	Ref string `yaml:"ref"`
	// Aliases are other ways the provision is cited, such as its
	// lettering before an amendment renumbered it.
	Aliases []string `yaml:"aliases"`
	URL     string   `yaml:"url"`
	Quote   string   `yaml:"quote"`
	// Note explains, for reviewers, how the provision was read.
	Note   string `yaml:"note"`
	Period `yaml:",inline"`
	Line   int `yaml:"-"`

	source *Source
}

// A Question asks one thing; each option stands for a set of facts.
//
// A question marked Route is never shown: it is settled by the answers
// already given (the first option whose facts they pin), so the tree asks
// nothing twice, e.g. maternity care skips the question about urgency.
type Question struct {
	ID      string    `yaml:"id"`
	Route   bool      `yaml:"route"`
	Options []*Option `yaml:"options"`
	Line    int       `yaml:"-"`

	nation string
}

// An Option is one answer to a question.
type Option struct {
	ID    string `yaml:"id"`
	Facts Match  `yaml:"facts"`
	// Otherwise marks the option chosen when no other option's facts match.
	Otherwise bool   `yaml:"otherwise"`
	Next      string `yaml:"next"`
	Period    `yaml:",inline"`
	Line      int `yaml:"-"`
}

// An Outcome ends a path: what the rules say, why, and what to do.
type Outcome struct {
	ID   string `yaml:"id"`
	Kind string `yaml:"kind"`
	// Cite lists citation ids of the provisions the outcome rests on; the
	// first is the main one.
	Cite []string `yaml:"cite"`
	// Checked lists citation ids of provisions the path checked and found
	// not to apply (e.g. the A&E exemption, which ends at admission), shown
	// apart from Cite under "Checked: does not apply here".
	Checked []string `yaml:"checked"`
	// Evidence marks outcomes that hold only if the person can show
	// the documents listed in Bring.
	Evidence bool     `yaml:"evidence"`
	Bring    []string `yaml:"bring"`
	Steps    []string `yaml:"steps"`
	Help     []string `yaml:"help"`
	// Pages are help pages (their slugs) the result links to, such as the
	// GP page with its note for a surgery.
	Pages []string `yaml:"pages"`
	Line  int      `yaml:"-"`

	nation string
	tone   string
}

// Tone is how the outcome's kind is presented (rules.Tones).
func (o *Outcome) Tone() string { return o.tone }

// Question returns the question with the given id, or nil.
func (t *Tree) Question(id string) *Question { return t.questions[id] }

// Outcome returns the outcome with the given id, or nil.
func (t *Tree) Outcome(id string) *Outcome { return t.outcomes[id] }

// Citation returns the citation with the given id, or nil.
func (t *Tree) Citation(id string) *Citation { return t.citations[id] }

// Source returns the source with the given id, or nil.
func (t *Tree) Source(id string) *Source { return t.sources[id] }

// SourceOf returns the source a citation belongs to.
func (c *Citation) SourceOf() *Source { return c.source }

// Label is the citation as a lawyer writes it, e.g. "SI 2015/238 reg 9(1)(a)",
// or, for guidance, the source and its topic: "DHSC charging guidance (A&E)".
func (c *Citation) Label() string {
	if c.source == nil || c.source.Short == "" {
		return c.Ref
	}
	if provision.MatchString(c.Ref) {
		return c.source.Short + " " + c.Ref
	}
	return c.source.Short + " (" + c.Ref + ")"
}

var provision = regexp.MustCompile(`^((reg|regs|Sch|art|para|rule)\b|s\d)`)

// Option returns the option with the given id, or nil.
func (q *Question) Option(id string) *Option {
	for _, o := range q.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// OptionsOn returns the options that apply on the given day.
func (q *Question) OptionsOn(day Date) []*Option {
	var opts []*Option
	for _, o := range q.Options {
		if o.Contains(day) {
			opts = append(opts, o)
		}
	}
	return opts
}

// Message ids. Texts live in the locales, keyed by the ids of the nodes, so
// two nations asking the same question share one translation. A nation
// whose wording differs has its own message, "<nation>.q.<id>", tried
// first.

func nationalIDs(nation, id string) []string {
	return []string{nation + "." + id, id}
}

// TextIDs are the message ids tried for the question's legend.
func (q *Question) TextIDs() []string { return nationalIDs(q.nation, "q."+q.ID) }

// HintIDs are the message ids tried for the question's optional hint.
func (q *Question) HintIDs() []string { return nationalIDs(q.nation, "q."+q.ID+".hint") }

// LabelIDs are the message ids tried, in order, for an option's label:
// the nation's, the question's, then a generic answer such as "Yes".
func (q *Question) LabelIDs(o *Option) []string {
	return append(nationalIDs(q.nation, "q."+q.ID+"."+o.ID), "answer."+o.ID)
}

// OptionHintIDs are the message ids tried for an option's optional hint.
func (q *Question) OptionHintIDs(o *Option) []string {
	return nationalIDs(q.nation, "q."+q.ID+"."+o.ID+".hint")
}

// TitleIDs are the message ids tried for the outcome's one-sentence answer.
func (o *Outcome) TitleIDs() []string { return nationalIDs(o.nation, "out."+o.ID) }

// WhyIDs are the message ids tried for the outcome's plain-words reason.
func (o *Outcome) WhyIDs() []string { return nationalIDs(o.nation, "out."+o.ID+".why") }

// StepIDs are the message ids tried for a next step of the outcome.
func (o *Outcome) StepIDs(step string) []string { return nationalIDs(o.nation, "step."+step) }
