// Package strictyaml decodes YAML files strictly: a field the target type
// does not declare is an error, not silently dropped, and every error names
// file:line. Struct fields named Line (tagged yaml:"-") receive the line
// their value starts on, so later checks can point at it too.
package strictyaml

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// An Error is one problem in a file, located by line where known.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e Error) String() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is a list of problems, in one file or many; the rules loader
// keeps its own (rules.Problems) in the same form.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// Add appends a problem found at file:line (line 0 when not known).
func (es *Errors) Add(file string, line int, format string, args ...any) {
	*es = append(*es, Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Sorted returns the errors ordered by file and line, so output is stable.
func (es Errors) Sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		return es[i].Line < es[j].Line
	})
	return es
}

// Err returns nil for an empty list, else the list sorted, so callers can
// write "return es.Err()".
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es.Sorted()
}

// Decode decodes YAML into v, rejecting fields that v does not declare,
// and records in every struct field named Line (tagged yaml:"-") the line
// its value starts on. It returns Errors. yaml.v3 loses its KnownFields
// setting inside custom unmarshalers, so unknown fields are found by
// walking the node tree against v's type first.
func Decode(file string, data []byte, v any) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Errors{{File: file, Msg: yamlMessage(err)}}
	}
	if len(doc.Content) == 0 {
		return Errors{{File: file, Line: 1, Msg: "file is empty"}}
	}
	var es Errors
	checkFields(file, doc.Content[0], reflect.TypeOf(v), &es)
	if err := es.Err(); err != nil {
		return err
	}
	if err := doc.Content[0].Decode(v); err != nil {
		return Errors{{File: file, Msg: yamlMessage(err)}}
	}
	setLines(doc.Content[0], reflect.ValueOf(v))
	return nil
}

// setLines walks the decoded value beside its nodes, setting Line fields.
func setLines(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		if f := v.FieldByName("Line"); f.IsValid() && f.Kind() == reflect.Int && f.CanSet() {
			f.SetInt(int64(n.Line))
		}
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if f, ok := fieldByYAMLName(v, n.Content[i].Value); ok {
				setLines(n.Content[i+1], f)
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, c := range n.Content {
			if i < v.Len() {
				setLines(c, v.Index(i))
			}
		}
	}
}

// fieldByYAMLName finds the field a mapping key decodes into, looking
// through inline fields.
func fieldByYAMLName(v reflect.Value, key string) (reflect.Value, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if strings.Contains(opts, "inline") {
			if f, ok := fieldByYAMLName(v.Field(i), key); ok {
				return f, true
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		if name == key {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// yamlMessage turns yaml.v3's "yaml: line 3: ..." into "line 3: ...".
func yamlMessage(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	return msg
}

var unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

func checkFields(file string, n *yaml.Node, t reflect.Type, ps *Errors) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if !reflect.PointerTo(t).Implements(unmarshalerType) {
				ps.Add(file, n.Line, "expected a mapping, found %s", NodeKind(n))
			}
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			ft, ok := fields[key.Value]
			if !ok {
				ps.Add(file, key.Line, "unknown field %q (known: %s)", key.Value, knownList(fields))
				continue
			}
			checkFields(file, val, ft, ps)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return // scalars into slices are handled by custom unmarshalers or reported by yaml
		}
		for _, c := range n.Content {
			checkFields(file, c, t.Elem(), ps)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkFields(file, n.Content[i+1], t.Elem(), ps)
		}
	}
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range yamlFields(f.Type) {
				fields[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	return fields
}

func knownList(fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// NodeKind describes a node for an error message: "a list", "a mapping"
// or the scalar's value.
func NodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}
