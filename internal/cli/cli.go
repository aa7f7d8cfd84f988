// Package cli holds the pnp commands: serve (the default), check and graph.
package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
)

const usage = `Usage: pnp [command] [flags]

Commands:
  serve    serve the checker (the default)
  check    validate rules and locales and run every scenario
  graph    print a nation's tree as Mermaid or DOT
  grid     print what the rules give for every status and service, as Markdown
  readings print every nation's reading log, provision by provision, as Markdown
  translate extract -lang TAG      print the messages a language lacks or has stale
  translate merge -lang TAG FILE   merge translated messages into locales/TAG.json

Run "pnp COMMAND -h" for a command's flags.
`

// Main runs the command named by args and returns the exit code.
func Main(files fs.FS, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(files, args, stdout, stderr)
	case "check":
		return check(files, args, stdout, stderr)
	case "graph":
		err = drawGraph(files, args, stdout, stderr)
	case "grid":
		err = grid(files, args, stdout, stderr)
	case "readings":
		err = readings(files, args, stdout, stderr)
	case "translate":
		err = translate(files, args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "pnp: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "pnp %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// data is where the rules and locales come from: the embedded copies, or
// folders on disk given by -rules and -locales (for reviewing a change
// without rebuilding).
type data struct {
	rulesDir   string
	localesDir string
}

func (d *data) flags(fl *flag.FlagSet) {
	fl.StringVar(&d.rulesDir, "rules", "", "read rules from this folder instead of the built-in copy")
	fl.StringVar(&d.localesDir, "locales", "", "read locales from this folder instead of the built-in copy")
}

func (d *data) rulesFS(files fs.FS) (fs.FS, error) {
	if d.rulesDir != "" {
		return os.DirFS(d.rulesDir), nil
	}
	return fs.Sub(files, "rules")
}

// localesFS returns the file system and folder the locales are in.
func (d *data) localesFS(files fs.FS) (fs.FS, string) {
	if d.localesDir != "" {
		return os.DirFS(d.localesDir), "."
	}
	return files, "locales"
}

func (d *data) load(files fs.FS) (*rules.Set, *i18n.Catalog, error) {
	rfs, err := d.rulesFS(files)
	if err != nil {
		return nil, nil, err
	}
	set, err := rules.Load(rfs)
	if err != nil {
		return nil, nil, fmt.Errorf("rules are invalid:\n%w", err)
	}
	lfs, dir := d.localesFS(files)
	cat, err := i18n.Load(lfs, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("locales are invalid: %w", err)
	}
	return set, cat, nil
}
