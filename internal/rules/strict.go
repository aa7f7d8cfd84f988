package rules

import "github.com/patientsnotpassports/checker/internal/strictyaml"

// DecodeStrict decodes a rules file with strictyaml; its errors are
// Problems, so they join the validator's in one file:line list.
func DecodeStrict(file string, data []byte, v any) error {
	return strictyaml.Decode(file, data, v)
}
