// Command pnp is the NHS charging checker: it serves the web checker and
// checks the rules that drive it.
package main

import (
	"os"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/cli"
)

func main() {
	os.Exit(cli.Main(checker.Files, os.Args[1:], os.Stdout, os.Stderr))
}
