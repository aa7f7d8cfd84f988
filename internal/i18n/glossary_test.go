package i18n

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testGlossary = `{"terms": [
  {"term": "ordinarily resident", "gloss": "living here lawfully and settled", "renderings": {"ar": "مقيم إقامة عادية (ordinarily resident)"}},
  {"term": "exempt", "gloss": "cannot be charged", "renderings": {"ar": "معفى"}}
]}`

func TestGlossaryMisses(t *testing.T) {
	en := map[string]string{
		"agreed":   "You are ordinarily resident.",
		"missed":   "You are ordinarily resident here.",
		"kept":     "You are exempt.",
		"english":  "This care is exempt.",
		"no-term":  "Hello",
		"untransl": "You are exempt from charges.",
	}
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.json": `{"agreed": "You are ordinarily resident.", "missed": "You are ordinarily resident here.",
			"kept": "You are exempt.", "english": "This care is exempt.", "no-term": "Hello", "untransl": "You are exempt from charges."}`,
		"ar.json": translated(en, map[string]string{
			"agreed":  "أنت مقيم إقامة عادية.",
			"missed":  "أنت تعيش هنا.",
			"kept":    "أنت معفى.",
			"english": "هذه الرعاية exempt.",
			"no-term": "مرحبا",
		}),
	})
	require.NoError(t, err)
	g, err := LoadGlossary(fstest.MapFS{"locales/glossary.json": {Data: []byte(testGlossary)}}, "locales")
	require.NoError(t, err)
	require.NoError(t, g.Check(c))

	misses := g.Misses(c, "ar")
	require.Len(t, misses, 1, "only the translation that drops the agreed words is a miss: %v", misses)
	assert.Equal(t, GlossaryMiss{ID: "missed", Term: "ordinarily resident", Want: "مقيم إقامة عادية"}, misses[0])

	assert.Len(t, g.Uses("Exempt, and ordinarily resident"), 2)
}

func TestGlossaryErrors(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.json":        `{"hello": "Hello"}`,
		"ar.json":        `{}`,
	})
	require.NoError(t, err)
	for _, tc := range []struct{ name, src, want string }{
		{"no gloss", `{"terms": [{"term": "exempt", "renderings": {"ar": "معفى"}}]}`, "needs its English and a gloss"},
		{"unknown field", `{"terms": [], "extra": 1}`, "unknown field"},
		{"no rendering", `{"terms": [{"term": "exempt", "gloss": "free", "renderings": {}}]}`, `"exempt" has no rendering in ar`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := LoadGlossary(fstest.MapFS{"glossary.json": {Data: []byte(tc.src)}}, ".")
			if err == nil {
				err = g.Check(c)
			}
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// The project's glossary loads and gives every language a rendering of
// every term.
func TestProjectGlossary(t *testing.T) {
	fsys := os.DirFS("../..")
	c, err := Load(fsys, "locales")
	require.NoError(t, err)
	g, err := LoadGlossary(fsys, "locales")
	require.NoError(t, err)
	assert.NotEmpty(t, g.Terms)
	assert.NoError(t, g.Check(c))
}
