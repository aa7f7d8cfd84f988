package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every app path is built by Paths (urls.go) and every handler reads the
// request's language through langOf (lang.go); these tests keep it so as
// pages are added.

var (
	// A path typed by hand in a template: href="/...", action="/..." or a
	// language tag glued to a slash.
	templatePath = regexp.MustCompile(`(href|action|src)="/|\.Tag}}/|Lang\.Tag}}/`)
	// A path typed by hand in Go: a string literal starting with "/" that
	// is glued to something, or a route pattern outside urls.go.
	goPath = regexp.MustCompile(`"/[a-z:]*" \+|\+ "/|"/:lang`)
	// Reading request values around the typed accessors.
	contextGet = regexp.MustCompile(`c\.Get\(|c\.FormValue\(|c\.QueryParam\(`)
)

func TestNoPathBuiltByHand(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(src), "\n") {
			assert.False(t, templatePath.MatchString(line), "%s:%d builds a path by hand: %s", f, i+1, strings.TrimSpace(line))
		}
	}
	for _, f := range goFiles(t) {
		if f == "urls.go" {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(src), "\n") {
			assert.False(t, goPath.MatchString(line), "%s:%d builds a path by hand: %s", f, i+1, strings.TrimSpace(line))
		}
	}
}

func TestRequestValuesOnlyThroughAccessors(t *testing.T) {
	for _, f := range goFiles(t) {
		if f == "lang.go" {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(src), "\n") {
			assert.False(t, contextGet.MatchString(line), "%s:%d reads the request around its accessor: %s", f, i+1, strings.TrimSpace(line))
		}
	}
}

// goFiles lists the package's Go files other than tests.
func goFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			out = append(out, f)
		}
	}
	return out
}

// Every legal or content decision lives in the rules data: no outcome
// kind's name or citation id appears in Go, CSS or templates, which style
// and show tones, slots and ids they are given.
func TestNoLawInCode(t *testing.T) {
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	var names []string
	for _, k := range set.Vocabulary.Kinds {
		names = append(names, k.Name)
	}
	for _, n := range set.Nations {
		for _, o := range set.Tree(n).Outcomes {
			names = append(names, o.Cite...)
		}
	}
	var files []string
	for _, pattern := range []string{"*.go", "templates/*.html", "../../static/*.css", "../../static/*.js", "../rules/*.go", "../cli/*.go", "../scenario/*.go"} {
		found, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, f := range found {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	alt := strings.Join(quoted, "|")
	named := regexp.MustCompile(`["'](` + alt + `)["']|--(` + alt + `)\b`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, loc := range named.FindAllIndex(src, -1) {
			t.Errorf("%s names a kind or citation: %s", f, src[loc[0]:loc[1]])
		}
	}
}
