package rules

import (
	"os"
	"testing"
	"testing/fstest"
)

// FuzzLoad loads a rules folder whose nation file is fuzzed beside a real
// vocabulary: every input is either valid rules or a list of problems,
// never a panic.
func FuzzLoad(f *testing.F) {
	dir := "testdata/valid/"
	vocab, err := os.ReadFile(dir + VocabularyFile)
	if err != nil {
		f.Fatal(err)
	}
	orgs, err := os.ReadFile(dir + OrganisationsFile)
	if err != nil {
		f.Fatal(err)
	}
	nation, err := os.ReadFile(dir + "nations/testland.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(nation)
	f.Add([]byte("nation: testland\ncorrect_on: 2026-02-30\n"))
	f.Add([]byte("nation: testland\nquestions:\n  - id: a\n    options:\n      - {id: b, facts: {service: {min: 3}}, next: a}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Load(fstest.MapFS{
			VocabularyFile:          {Data: vocab},
			OrganisationsFile:       {Data: orgs},
			"nations/testland.yaml": {Data: data},
		})
		if err == nil && set.Tree("testland") == nil {
			t.Fatal("loaded without the nation's tree")
		}
	})
}
