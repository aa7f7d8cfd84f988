package strictyaml

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type Period struct {
	From string `yaml:"from"`
}

type item struct {
	ID     string `yaml:"id"`
	Period `yaml:",inline"`
	Line   int `yaml:"-"`
}

type doc struct {
	Name  string           `yaml:"name"`
	Items []*item          `yaml:"items"`
	ByKey map[string]*item `yaml:"by_key"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the error, or "" for none
	}{
		{"valid", "name: a\nitems:\n  - id: x\n    from: 2020\n", ""},
		{"unknown top-level field", "name: a\ndirection: rtl\n", `f.yaml:2: unknown field "direction" (known: by_key, items, name)`},
		{"unknown field in a list item", "items:\n  - id: x\n    frm: 2020\n", `f.yaml:3: unknown field "frm" (known: from, id)`},
		{"unknown field in a map value", "by_key:\n  a:\n    idd: x\n", `f.yaml:3: unknown field "idd" (known: from, id)`},
		{"a list where a mapping belongs", "items:\n  - [1, 2]\n", "f.yaml:2: expected a mapping, found a list"},
		{"empty file", "", "f.yaml:1: file is empty"},
		{"bad syntax", "name: [\n", "f.yaml: line 1: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			err := Decode("f.yaml", []byte(tt.src), &d)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestDecodeSetsLines(t *testing.T) {
	var d doc
	require.NoError(t, Decode("f.yaml", []byte("name: a\nitems:\n  - id: x\n  - id: y\n"), &d))
	require.Len(t, d.Items, 2)
	assert.Equal(t, 3, d.Items[0].Line)
	assert.Equal(t, 4, d.Items[1].Line)
}
