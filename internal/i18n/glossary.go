package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// GlossaryFile holds the legal and NHS words every translation must render
// the same way, so "ordinarily resident" is one phrase in a language on
// every page, the one a person will hear at the hospital.
const GlossaryFile = "glossary.json"

// A Term is one glossary entry: the English, what it means for a
// translator, and its agreed rendering per language.
type Term struct {
	Term       string            `json:"term"`
	Gloss      string            `json:"gloss"`
	Renderings map[string]string `json:"renderings"`
}

// A Glossary is the agreed renderings of the words that matter.
type Glossary struct {
	Terms []Term `json:"terms"`
}

// A GlossaryMiss is a translated message whose English uses a glossary
// term but whose translation uses neither the agreed rendering nor the
// English term.
type GlossaryMiss struct {
	ID, Term, Want string
}

// LoadGlossary reads glossary.json from dir in fsys.
func LoadGlossary(fsys fs.FS, dir string) (*Glossary, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, GlossaryFile))
	if err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	var g Glossary
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %w", GlossaryFile, err)
	}
	for i, t := range g.Terms {
		if t.Term == "" || t.Gloss == "" {
			return nil, fmt.Errorf("%s: term %d needs its English and a gloss", GlossaryFile, i+1)
		}
	}
	return &g, nil
}

// Check reports glossary problems against the catalog: a language with
// no rendering for a term.
func (g *Glossary) Check(c *Catalog) error {
	var errs []string
	for _, t := range g.Terms {
		for _, l := range c.Languages {
			if l.Tag == Reference {
				continue
			}
			if strings.TrimSpace(t.Renderings[l.Tag]) == "" {
				errs = append(errs, fmt.Sprintf("%s: %q has no rendering in %s", GlossaryFile, t.Term, l.Tag))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// Uses returns the terms an English text uses.
func (g *Glossary) Uses(en string) []Term {
	var out []Term
	low := strings.ToLower(en)
	for _, t := range g.Terms {
		if strings.Contains(low, strings.ToLower(t.Term)) {
			out = append(out, t)
		}
	}
	return out
}

// Misses lists the translated messages in tag that use a glossary term in
// English but not its agreed rendering. Words inflect, so this is a
// prompt for a reviewer, not an error: the rendering is matched without
// its English gloss in brackets, ignoring case.
func (g *Glossary) Misses(c *Catalog, tag string) []GlossaryMiss {
	var out []GlossaryMiss
	for _, id := range c.IDs(tag) {
		en, _ := c.Text(Reference, id)
		tr, ok := c.Text(tag, id)
		if !ok || tr == en {
			continue
		}
		trLow := strings.ToLower(tr)
		for _, t := range g.Uses(en) {
			if strings.Contains(trLow, strings.ToLower(t.Term)) {
				continue
			}
			want := rendering(t.Renderings[tag])
			if want == "" || strings.Contains(trLow, strings.ToLower(want)) {
				continue
			}
			out = append(out, GlossaryMiss{ID: id, Term: t.Term, Want: want})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ID != out[j].ID {
			return out[i].ID < out[j].ID
		}
		return out[i].Term < out[j].Term
	})
	return out
}

// rendering drops a trailing "(English)" gloss from a rendering.
func rendering(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
