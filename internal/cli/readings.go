package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

// readings prints, as Markdown, each nation's reading log: every provision
// of every instrument its tree relies on, how it was read and what the tree
// does with it. docs/provisions.md is this output; a test keeps the two the
// same.
func readings(files fs.FS, args []string, stdout, stderr io.Writer) error {
	return writeDoc("readings", writeReadings, files, args, stdout, stderr)
}

// writeDoc runs a command that writes a document of the rules in English:
// it reads the usual flags, loads the rules and locales, and writes.
func writeDoc(name string, write func(io.Writer, *rules.Set, *i18n.Localizer) error, files fs.FS, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
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
	return write(stdout, set, cat.Localizer(i18n.Reference))
}

func writeReadings(w io.Writer, set *rules.Set, l *i18n.Localizer) error {
	var b strings.Builder
	b.WriteString("# The law, provision by provision\n\n")
	b.WriteString("Generated from `rules/provisions/*.yaml` by `pnp readings`; do not edit by hand. For each\n")
	b.WriteString("nation, every provision of every instrument its tree relies on: whether it was read, where,\n")
	b.WriteString("which versions, and what the tree does with it. `pnp check` fails when an outcome cites a\n")
	b.WriteString("provision missing here, or rests on one marked not found without saying \"get advice\".\n")
	for _, n := range set.Nations {
		r := set.Reading(n)
		t := set.Tree(n)
		fmt.Fprintf(&b, "\n## %s\n\nRead on %s; the tree is complete from %s and correct on %s.\n", l.T("nation."+n, nil), r.ReadOn, t.CompleteFrom, t.CorrectOn)
		counts := map[string]int{}
		for _, in := range r.Instruments {
			for _, p := range in.Provisions {
				counts[p.Status]++
			}
		}
		fmt.Fprintf(&b, "%d read, %d partly read, %d not found.\n", counts[rules.Read], counts[rules.PartlyRead], counts[rules.NotFound])
		for _, in := range r.Instruments {
			src := t.Source(in.Source)
			fmt.Fprintf(&b, "\n### %s\n\n| Provision | Status | In force | What the tree does | Citations | Read |\n|---|---|---|---|---|---|\n", cell(src.Title))
			for _, p := range in.Provisions {
				dates := ""
				if !p.InForce.IsZero() || !p.Ended.IsZero() {
					dates = fmt.Sprintf("%s to %s", p.InForce, p.Ended)
				}
				fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s | %s | %s |\n", cell(p.Ref), p.URL, p.Status, dates, cell(p.Tree), strings.Join(p.Cites, ", "), cell(p.Versions))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), "|", "\\|"), "\n", " ")
}
