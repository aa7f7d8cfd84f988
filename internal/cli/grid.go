package cli

import (
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
)

// grid prints, as Markdown, what the rules give for every status and every
// service in every nation, by running one case per cell through the trees.
// docs/grid.md is this output; a test keeps the two the same.
func grid(files fs.FS, args []string, stdout, stderr io.Writer) error {
	return writeDoc("grid", writeGrid, files, args, stdout, stderr)
}

func writeGrid(w io.Writer, set *rules.Set, l *i18n.Localizer) error {
	v := set.Vocabulary
	var b strings.Builder
	b.WriteString("# What the rules give, nation by nation\n\n")
	b.WriteString("Generated from the rules by `pnp grid`; do not edit by hand. Each cell runs one case\n")
	b.WriteString("through the nation's tree and shows the outcome and the provisions it cites.\n")
	b.WriteString("\"Get advice\" marks cells where the law leaves the answer to a decision or to facts\n")
	b.WriteString("this checker cannot know, or where its text could not be confirmed.\n\n")
	for _, n := range set.Nations {
		fmt.Fprintf(&b, "- %s: rules correct on %s\n", l.T("nation."+n, nil), set.Tree(n).CorrectOn)
	}
	for _, g := range v.Grid {
		fmt.Fprintf(&b, "\n## %s\n\n%s (%s).\n", l.T("grid."+g.ID+".title", nil), l.T("grid."+g.ID+".intro", nil), factList(g.Base))
		b.WriteString("\n| " + l.T("grid."+g.ID+".column", nil) + " |")
		for _, n := range set.Nations {
			b.WriteString(" " + l.T("nation."+n, nil) + " |")
		}
		b.WriteString("\n|---|")
		for range set.Nations {
			b.WriteString("---|")
		}
		b.WriteString("\n")
		for _, value := range v.Fact(g.Vary).Values {
			facts := map[string]string{g.Vary: value}
			for k, val := range g.Base {
				facts[k] = val
			}
			for k, val := range g.Extra[value] {
				facts[k] = val
			}
			b.WriteString("| `" + value + "` |")
			for _, n := range set.Nations {
				c := &scenario.Case{ID: "grid", Nation: n, Facts: facts}
				c.Expected.Outcome = v.Kinds[0].Name
				r := scenario.Run(set, c)
				b.WriteString(" " + gridCell(set.Tree(n), r, l) + " |")
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// factList writes facts as `name: value`, sorted.
func factList(facts map[string]string) string {
	names := make([]string, 0, len(facts))
	for k := range facts {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = "`" + k + ": " + facts[k] + "`"
	}
	return strings.Join(parts, ", ")
}

func gridCell(t *rules.Tree, r *scenario.Result, l *i18n.Localizer) string {
	if r.Outcome == nil {
		// A case the tree cannot place would be a validator gap; say so.
		return "no outcome: " + strings.Join(r.Failures, "; ")
	}
	var cites []string
	for _, id := range r.Outcome.Cite {
		if c := t.Citation(id); c != nil {
			cites = append(cites, c.Label())
		}
	}
	return "**" + l.T("kind."+r.Outcome.Kind, nil) + "**<br>" + strings.Join(cites, "; ")
}
