package rules

import (
	"errors"

	"github.com/patientsnotpassports/checker/internal/strictyaml"
)

// DecodeStrict decodes a rules file with strictyaml, returning its errors
// as Problems so they join the validator's in one file:line list.
func DecodeStrict(file string, data []byte, v any) error {
	err := strictyaml.Decode(file, data, v)
	var es strictyaml.Errors
	if !errors.As(err, &es) {
		return err
	}
	ps := make(Problems, len(es))
	for i, e := range es {
		ps[i] = Problem{File: e.File, Line: e.Line, Msg: e.Msg}
	}
	return ps
}
