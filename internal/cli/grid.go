package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/patientsnotpassports/checker/internal/scenario"
)

// grid prints, as Markdown, what the rules give for every status and every
// service in every nation, by running one case per cell through the trees.
// docs/grid.md is this output; a test keeps the two the same.
func grid(files fs.FS, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("grid", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d data
	d.flags(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	set, cat, err := d.load(files)
	if err != nil {
		return err
	}
	return writeGrid(stdout, set, cat.Localizer(i18n.Reference))
}

// Facts that some statuses need before the tree can place them.
var gridStatusFacts = map[string]map[string]string{
	"refused-asylum-supported":   {"support": "section-4"},
	"refused-asylum-unsupported": {"support": "none"},
	"uk-born-child":              {"parent_status": "visa-ihs-paid", "age_months": "1"},
	"british-citizen-abroad":     {"returning_to_live": "false"},
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

	header := func(first string) {
		b.WriteString("\n| " + first + " |")
		for _, n := range set.Nations {
			b.WriteString(" " + l.T("nation."+n, nil) + " |")
		}
		b.WriteString("\n|---|")
		for range set.Nations {
			b.WriteString("---|")
		}
		b.WriteString("\n")
	}
	row := func(label string, facts map[string]string) {
		b.WriteString("| " + label + " |")
		for _, n := range set.Nations {
			c := &scenario.Case{ID: "grid", Nation: n, Facts: facts}
			c.Expected.Outcome = v.Kinds[0].Name
			r := scenario.Run(set, c)
			b.WriteString(" " + gridCell(set.Tree(n), r, l) + " |")
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## By status\n\nFor planned hospital care that can wait (`service: hospital-inpatient`, `urgency: non-urgent`).\n")
	header("Status")
	for _, status := range v.Fact("status").Values {
		facts := map[string]string{"service": "hospital-inpatient", "urgency": "non-urgent", "status": status}
		for k, val := range gridStatusFacts[status] {
			facts[k] = val
		}
		row("`"+status+"`", facts)
	}

	b.WriteString("\n## By service\n\nFor a person living in the UK with no permission and no exemption (`status: undocumented`),\nwhose care can wait (`urgency: non-urgent`).\n")
	header("Service")
	for _, service := range v.Fact("service").Values {
		row("`"+service+"`", map[string]string{"service": service, "status": "undocumented", "urgency": "non-urgent"})
	}
	_, err := io.WriteString(w, b.String())
	return err
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
