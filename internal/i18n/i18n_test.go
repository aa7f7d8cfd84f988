package i18n

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func catalog(t *testing.T, files map[string]string) (*Catalog, error) {
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

func TestLoadAndFallBack(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\nbye: Goodbye\n",
		"ar.yaml":        "hello: مرحبا\n",
	})
	require.NoError(t, err)
	require.NoError(t, c.Check())

	ar := c.Localizer("ar")
	assert.True(t, ar.Lang.RTL())
	assert.Equal(t, "مرحبا", ar.T("hello", nil))
	assert.True(t, ar.Translated("hello"))
	assert.Equal(t, "Goodbye", ar.T("bye", nil), "untranslated messages fall back to English")
	assert.False(t, ar.Translated("bye"))
	assert.Equal(t, "missing", ar.T("missing", nil), "a missing id shows itself, never a blank")
	assert.Equal(t, "Goodbye", ar.First("nope", "bye"))

	assert.Equal(t, "en", c.Localizer("zz").Lang.Tag, "an unknown tag gives the reference language")
}

func TestMatch(t *testing.T) {
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\n",
		"ar.yaml":        "hello: مرحبا\n",
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
	c, err := catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello\n",
		"ar.yaml":        "hello: مرحبا\nextra: زائد\n",
	})
	require.NoError(t, err)
	err = c.Check()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `ar.yaml: message "extra" does not exist in en.yaml`)

	c, err = catalog(t, map[string]string{
		"languages.yaml": languages,
		"en.yaml":        "hello: Hello {{.Name\n",
		"ar.yaml":        "",
	})
	require.NoError(t, err)
	assert.Error(t, c.Check())
}

func TestLoadErrors(t *testing.T) {
	tests := map[string]map[string]string{
		"english must come first": {
			"languages.yaml": "languages:\n  - {tag: ar, name: a, english: Arabic}\n",
		},
		"missing file": {
			"languages.yaml": languages, "en.yaml": "hello: Hello\n",
		},
		"unknown field": {
			"languages.yaml": "languages:\n  - {tag: en, name: English, english: English, direction: ltr}\n",
		},
	}
	for name, files := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := catalog(t, files)
			assert.Error(t, err)
		})
	}
}
