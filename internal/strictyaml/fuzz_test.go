package strictyaml

import "testing"

// FuzzDecode: any bytes either decode or give Errors, never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"name: a\nitems:\n  - id: x\n    from: 2020\n",
		"by_key:\n  a:\n    idd: x\n",
		"items: &a [*a]\n",
		"name: [\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		err := Decode("f.yaml", data, &d)
		if err != nil && err.Error() == "" {
			t.Fatal("an error with no message")
		}
	})
}
