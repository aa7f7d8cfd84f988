package web

import (
	"slices"
	"sync"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// The page model. Everything a page shows that depends only on the
// language, the nation, the rules and the UK day is compiled once per
// language and day, lazily on first use: question texts and options,
// outcome texts, citations and organisations, and whole pages reached by
// GET (start, help, staff reference, rules). A request only assembles the
// pieces with what depends on its answers. The pieces are plain data, so
// they can be written out as JSON for an offline assembler.

// compiled is one language's pieces on one day.
type compiled struct {
	Lang    string                 `json:"lang"`
	Day     rules.Date             `json:"day"`
	Rules   string                 `json:"rules"`
	Nations map[string]*nationText `json:"nations"`

	mu     sync.Mutex
	pages  map[string]*blob  // rendered GET pages by path
	shells map[string]*shell // question pages by what they show
}

type nationText struct {
	Name      string                   `json:"name"`
	CorrectOn rules.Date               `json:"correct_on"`
	Questions map[string]*questionText `json:"questions"`
	Outcomes  map[string]*outcomeText  `json:"outcomes"`
	// Blocks are the nation's guidance by slot (pay-first, challenge,
	// staff-desk, staff); result and bill blocks are kept per outcome.
	Blocks map[string][]*blockText `json:"blocks"`
	// byID finds a block by its id, for the companion language's copy.
	byID map[string]*blockText
	// StillFree lists care free for everyone in the nation (its outcomes
	// whose kind is not charged to anyone), shown beside a charged result.
	StillFree []string `json:"still_free"`
}

// blockText is one block of guidance, in one language.
type blockText struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Paragraphs []string   `json:"paragraphs"`
	List       bool       `json:"list,omitempty"`
	Citations  []citeView `json:"citations,omitempty"`
	Help       []orgView  `json:"help,omitempty"`
}

type questionText struct {
	Legend  string       `json:"legend"`
	Hint    string       `json:"hint,omitempty"`
	Options []optionText `json:"options"`
	// Labels holds every option's label, including options not offered
	// on the day, for the summary of answers.
	Labels map[string]string `json:"labels"`
}

type optionText struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Hint  string `json:"hint,omitempty"`
}

type outcomeText struct {
	Kind       string   `json:"kind"`
	Tone       string   `json:"tone"`
	KindLabel  string   `json:"kind_label"`
	Means      string   `json:"means"`
	Heading    string   `json:"title"`
	Why        string   `json:"why"`
	NotCharged bool     `json:"not_charged"`
	Evidence   bool     `json:"evidence"`
	Steps      []string `json:"steps"`
	Bring      []string `json:"bring"`
	// PaperBring names the same papers without "your", as the desk and
	// the papers speak of them.
	PaperBring []string   `json:"paper_bring,omitempty"`
	Citations  []citeView `json:"citations"`
	Checked    []citeView `json:"checked,omitempty"`
	Help       []orgView  `json:"help"`
	// Pages are the help pages (slugs) the result links to.
	Pages []string `json:"pages,omitempty"`
	// Blocks are the result blocks that apply to this outcome; Bill the
	// bill blocks, shown about care already given.
	Blocks []*blockText `json:"blocks,omitempty"`
	Bill   []*blockText `json:"bill,omitempty"`
}

type citeView struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	URL   string `json:"url"`
	Quote string `json:"quote,omitempty"`
	Note  string `json:"note,omitempty"`
}

type orgView struct {
	Name        string `json:"name"`
	Phone       string `json:"phone,omitempty"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description"`
}

// library keeps the compiled pieces by language and day: today's for
// every language, and a few past days for bills about care already given.
// Options and citations carry dates, so a day is part of the key.
type library struct {
	mu    sync.Mutex
	byKey map[string]*compiled
}

// maxCompiled bounds the pieces kept; past days beyond it are compiled
// again when asked for.
const maxCompiled = 256

// compiledFor returns the language's pieces for today.
func (s *Server) compiledFor(lang string) *compiled { return s.compiledOn(lang, s.cfg.Today()) }

// compiledOn returns the language's pieces on a day, compiling them the
// first time they are asked for.
func (s *Server) compiledOn(lang string, day rules.Date) *compiled {
	key := lang + "|" + day.String()
	s.lib.mu.Lock()
	defer s.lib.mu.Unlock()
	if c := s.lib.byKey[key]; c != nil {
		return c
	}
	if len(s.lib.byKey) >= maxCompiled {
		s.lib.byKey = map[string]*compiled{} // a new day, or many past ones: start afresh
	}
	c := compile(s.cfg.Rules, s.cfg.Catalog.Localizer(lang), day)
	s.lib.byKey[key] = c
	return c
}

// page returns a rendered page, rendering it once.
func (c *compiled) page(key string, render func() (*blob, error)) (*blob, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.pages[key]; ok {
		return b, nil
	}
	b, err := render()
	if err != nil {
		return nil, err
	}
	c.pages[key] = b
	return b, nil
}

func compile(set *rules.Set, l *i18n.Localizer, day rules.Date) *compiled {
	c := &compiled{Lang: l.Lang.Tag, Day: day, Rules: set.Version, Nations: map[string]*nationText{}, pages: map[string]*blob{}, shells: map[string]*shell{}}
	for _, n := range set.Nations {
		t := set.Tree(n)
		nt := &nationText{
			Name: l.T("nation."+n, nil), CorrectOn: t.CorrectOn,
			Questions: map[string]*questionText{}, Outcomes: map[string]*outcomeText{},
		}
		for _, q := range t.Questions {
			if q.Route {
				continue
			}
			qt := &questionText{Legend: l.First(q.TextIDs()...), Hint: optional(l, q.HintIDs()), Labels: map[string]string{}}
			for _, o := range q.Options {
				qt.Labels[o.ID] = l.First(q.LabelIDs(o)...)
			}
			for _, o := range q.OptionsOn(day) {
				qt.Options = append(qt.Options, optionText{ID: o.ID, Label: qt.Labels[o.ID], Hint: optional(l, q.OptionHintIDs(o))})
			}
			nt.Questions[q.ID] = qt
		}
		nt.Blocks = map[string][]*blockText{}
		nt.byID = map[string]*blockText{}
		for _, slot := range rules.Slots {
			for _, b := range set.Blocks(n, slot) {
				bt := compileBlock(set, t, b, l)
				nt.Blocks[slot] = append(nt.Blocks[slot], bt)
				nt.byID[b.ID] = bt
			}
		}
		for _, o := range t.Outcomes {
			// Each such outcome names the care in a line of its own
			// (still-free.<id>, or the nation's); one without it, such as
			// a care ended on a past date, is not listed.
			ids := []string{n + ".still-free." + o.ID, "still-free." + o.ID}
			if k := set.Vocabulary.Kind(o.Kind); k.FreeForAll && slices.ContainsFunc(ids, l.Has) {
				if line := l.First(ids...); !slices.Contains(nt.StillFree, line) {
					nt.StillFree = append(nt.StillFree, line)
				}
			}
		}
		for _, o := range t.Outcomes {
			ot := compileOutcome(set, t, o, l)
			for i, b := range set.Blocks(n, "result") {
				if b.AppliesTo(o) {
					ot.Blocks = append(ot.Blocks, nt.Blocks["result"][i])
				}
			}
			for i, b := range set.Blocks(n, "bill") {
				if b.AppliesTo(o) {
					ot.Bill = append(ot.Bill, nt.Blocks["bill"][i])
				}
			}
			nt.Outcomes[o.ID] = ot
		}
		c.Nations[n] = nt
	}
	return c
}

func compileOutcome(set *rules.Set, t *rules.Tree, o *rules.Outcome, l *i18n.Localizer) *outcomeText {
	ot := &outcomeText{
		Kind: o.Kind, Tone: o.Tone(), KindLabel: l.T("kind."+o.Kind, nil), Means: l.First(t.Nation+".kind."+o.Kind+".means", "kind."+o.Kind+".means"),
		Heading: l.First(o.TitleIDs()...), Why: l.First(o.WhyIDs()...),
		NotCharged: set.Vocabulary.Kind(o.Kind).NotCharged, Evidence: o.Evidence,
		Citations: citations(t, o.Cite), Checked: citations(t, o.Checked),
		Help:  organisations(set, l, t.Nation, o.Help),
		Pages: o.Pages,
	}
	for _, id := range o.Steps {
		ot.Steps = append(ot.Steps, l.First(o.StepIDs(id)...))
	}
	for _, id := range o.Bring {
		ot.Bring = append(ot.Bring, l.T("doc."+id, nil))
		ot.PaperBring = append(ot.PaperBring, l.First("paper.doc."+id, "doc."+id))
	}
	return ot
}

func compileBlock(set *rules.Set, t *rules.Tree, b *rules.Block, l *i18n.Localizer) *blockText {
	bt := &blockText{ID: b.ID, Title: l.T(b.TitleID(), nil), List: b.List, Citations: citations(t, b.Cite)}
	for i := 1; l.Has(b.ParagraphID(i)); i++ {
		bt.Paragraphs = append(bt.Paragraphs, l.T(b.ParagraphID(i), nil))
	}
	for _, id := range b.Help {
		if o := set.Organisation(id); o != nil {
			bt.Help = append(bt.Help, orgView{Name: o.Name, Phone: o.Phone, URL: o.URL, Description: l.T(o.DescriptionID(), nil)})
		}
	}
	return bt
}

// optional returns the first message of ids that exists, or "".
func optional(l *i18n.Localizer, ids []string) string {
	if slices.ContainsFunc(ids, l.Has) {
		return l.First(ids...)
	}
	return ""
}

func citations(tree *rules.Tree, ids []string) []citeView {
	var out []citeView
	for _, id := range ids {
		if c := tree.Citation(id); c != nil {
			out = append(out, citeView{ID: c.ID, Label: c.Label(), URL: c.URL, Quote: c.Quote, Note: c.Note})
		}
	}
	return out
}

// organisations lists the outcome's own organisations first, then the
// others that help in the nation.
func organisations(set *rules.Set, l *i18n.Localizer, nation string, first []string) []orgView {
	var out []orgView
	seen := map[string]bool{}
	add := func(o *rules.Organisation) {
		if o == nil || seen[o.ID] {
			return
		}
		seen[o.ID] = true
		out = append(out, orgView{Name: o.Name, Phone: o.Phone, URL: o.URL, Description: l.T(o.DescriptionID(), nil)})
	}
	for _, id := range first {
		add(set.Organisation(id))
	}
	for _, o := range set.OrganisationsFor(nation) {
		add(o)
	}
	return out
}
