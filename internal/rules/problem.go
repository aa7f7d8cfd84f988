package rules

import "github.com/patientsnotpassports/checker/internal/strictyaml"

// A Problem is one thing wrong with a rules file, located by file and line:
// the strict decoder's error, so decoding and validation problems make one
// list.
type Problem = strictyaml.Error

// Problems is a list of problems found while loading or validating rules.
// It is an error so a loader can return all of them at once.
type Problems = strictyaml.Errors
