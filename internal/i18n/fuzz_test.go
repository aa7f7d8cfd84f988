package i18n

import "testing"

// FuzzMatch: any Accept-Language header picks a language the checker
// offers.
func FuzzMatch(f *testing.F) {
	c, err := catalog(f, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\n",
		"ar.json":        translated(map[string]string{"hello": "Hello"}, map[string]string{"hello": "مرحبا"}),
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"ar", "en-GB,en;q=0.9", "fr-FR,ar;q=0.5", "*", "", "ar-SA;q=x", "zz;q=1,,;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		tag := c.Match(header)
		if c.Language(tag) == nil {
			t.Fatalf("%q matched %q, which is not offered", header, tag)
		}
	})
}
