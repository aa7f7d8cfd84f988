package i18n

import (
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func catalog(t testing.TB, files map[string]string) (*Catalog, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["locales/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	return Load(fsys, "locales")
}

const languages = `languages:
  - {tag: en, name: English, english: English, dir: ltr, reviewed: source}
  - {tag: ar, name: العربية, english: Arabic, dir: rtl}
`

// translated writes a translation file as go-i18n's merge does: each
// message with the hash of the English it was made from.
func translated(english map[string]string, texts map[string]string) string {
	doc := map[string]map[string]string{}
	for id, text := range texts {
		doc[id] = map[string]string{"hash": Hash("", english[id]), "other": text}
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func TestLoadAndFallBack(t *testing.T) {
	en := map[string]string{"hello": "Hello", "bye": "Goodbye"}
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\nbye: Goodbye\n",
		"ar.json":        translated(en, map[string]string{"hello": "مرحبا"}),
	})
	require.NoError(t, err)
	assert.ErrorContains(t, c.Check(), "ar: 1 messages are missing")

	ar := c.Localizer("ar")
	assert.True(t, ar.Lang.RTL())
	assert.Equal(t, "مرحبا", ar.T("hello", nil))
	assert.True(t, ar.Translated("hello"))
	assert.Equal(t, FallbackOpen+"Goodbye"+FallbackClose, ar.T("bye", nil), "untranslated messages fall back to English, marked")
	assert.False(t, ar.Translated("bye"))
	assert.Equal(t, "missing", ar.T("missing", nil), "a missing id shows itself, never a blank")
	assert.Equal(t, FallbackOpen+"Goodbye"+FallbackClose, ar.First("nope", "bye"))
	assert.Equal(t, "Goodbye", StripFallbacks(ar.T("bye", nil)))

	assert.Equal(t, "en", c.Localizer("zz").Lang.Tag, "an unknown tag gives the reference language")
}

// A message translated from older English is stale: English is shown
// instead, and the counts say so.
func TestStaleMessagesFallBack(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello again\nbye: Goodbye\n",
		"ar.json":        translated(map[string]string{"hello": "Hello", "bye": "Goodbye"}, map[string]string{"hello": "مرحبا", "bye": "وداعا"}),
	})
	require.NoError(t, err)
	ar := c.Localizer("ar")
	assert.Equal(t, FallbackOpen+"Hello again"+FallbackClose, ar.T("hello", nil), "the English changed: its old translation is not shown")
	assert.False(t, ar.Translated("hello"))
	assert.Equal(t, "وداعا", ar.T("bye", nil))
	complete, stale, missing := c.Counts("ar")
	assert.Equal(t, []int{1, 1, 0}, []int{complete, stale, missing})
	assert.Equal(t, []string{"hello"}, c.Stale("ar"))
}

func TestMatch(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\n",
		"ar.json":        translated(map[string]string{"hello": "Hello"}, map[string]string{"hello": "مرحبا"}),
	})
	require.NoError(t, err)
	tests := map[string]string{
		"ar-EG,ar;q=0.9,en;q=0.8": "ar",
		"en-GB,en;q=0.9":          "en",
		"fr-FR":                   "en",
		"":                        "en",
		"garbage;;;":              "en",
	}
	for header, want := range tests {
		assert.Equal(t, want, c.Match(header), header)
	}
}

func TestCheckFindsOrphansAndBadTemplates(t *testing.T) {
	en := map[string]string{"hello": "Hello {{.Name}}"}
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello {{.Name}}\n",
		"ar.json":        translated(en, map[string]string{"hello": "مرحبا {{.Nom}}", "extra": "زائد"}),
	})
	require.NoError(t, err)
	err = c.Check()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `ar: message "extra" does not exist in English`)
	assert.Contains(t, err.Error(), `ar: message "hello": its placeholders differ from the English`)

	c, err = catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello {{.Name\n",
		"ar.json":        "{}",
	})
	require.NoError(t, err)
	assert.Error(t, c.Check())
}

// Each case has every file it needs but one fault, and names the error it
// expects, so it cannot pass because of some other missing piece.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"english must come first", map[string]string{
			"languages.yaml": "languages:\n  - {tag: ar, name: a, english: Arabic, dir: rtl}\n",
			"en.yaml":        "hello: Hello\n", "ar.json": "{}",
		}, "the first language must be \"en\""},
		{"missing message file", map[string]string{
			"languages.yaml": languages, "en.yaml": "hello: Hello\n",
		}, "no ar.json"},
		{"unknown field, as direction: rtl", map[string]string{
			"languages.yaml": "languages:\n  - {tag: en, name: English, english: English, dir: ltr}\n  - {tag: ar, name: a, english: Arabic, direction: rtl}\n",
			"en.yaml":        "hello: Hello\n", "ar.json": "{}",
		}, `languages.yaml:3: unknown field "direction"`},
		{"direction neither ltr nor rtl", map[string]string{
			"languages.yaml": "languages:\n  - {tag: en, name: English, english: English, dir: ltr}\n  - {tag: ar, name: a, english: Arabic, dir: right}\n",
			"en.yaml":        "hello: Hello\n", "ar.json": "{}",
		}, `languages.yaml:3: language "ar": dir must be ltr or rtl`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog(t, tt.files)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// Messages may be split into topic files beside the main one; an id is
// defined once across them.
func TestTopicFiles(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml":    "languages:\n  - {tag: en, name: English, english: English, dir: ltr, reviewed: source}\n",
		"en.yaml":           "hello: Hello\n",
		"en/blocks.en.yaml": "block.a: A block\n",
	})
	require.NoError(t, err)
	assert.Equal(t, "A block", c.Localizer("en").T("block.a", nil))

	_, err = catalog(t, map[string]string{
		"languages.yaml":    "languages:\n  - {tag: en, name: English, english: English, dir: ltr, reviewed: source}\n",
		"en.yaml":           "hello: Hello\n",
		"en/blocks.en.yaml": "hello: Again\n",
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `message "hello" is already defined`)
}
