package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/patientsnotpassports/checker/internal/graph"
	"github.com/patientsnotpassports/checker/internal/i18n"
)

func drawGraph(files fs.FS, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("graph", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d data
	d.flags(fl)
	nation := fl.String("nation", "", "the nation to draw (required), e.g. england")
	format := fl.String("format", "mermaid", "mermaid or dot")
	lang := fl.String("lang", i18n.Reference, "language of the labels")
	if err := fl.Parse(args); err != nil {
		return err
	}
	set, cat, err := d.load(files)
	if err != nil {
		return err
	}
	t := set.Tree(*nation)
	if t == nil {
		return fmt.Errorf("unknown nation %q (known: %s)", *nation, strings.Join(set.Nations, ", "))
	}
	if cat.Language(*lang) == nil {
		return fmt.Errorf("unknown language %q", *lang)
	}
	labels := cat.Localizer(*lang)
	switch *format {
	case "mermaid":
		return graph.Mermaid(stdout, t, labels)
	case "dot":
		return graph.DOT(stdout, t, labels)
	}
	return fmt.Errorf("unknown format %q (want mermaid or dot)", *format)
}
