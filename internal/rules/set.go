package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// File names inside a rules folder.
const (
	VocabularyFile    = "vocabulary.yaml"
	OrganisationsFile = "organisations.yaml"
	NationsDir        = "nations"
)

// A Set is everything under rules/: the vocabulary, one tree per nation and
// the organisations that help.
type Set struct {
	Vocabulary    *Vocabulary
	Organisations []*Organisation
	// Nations lists the nations in the order the vocabulary gives.
	Nations []string
	// Version identifies the rules' content; answers given under one
	// version are not replayed under another.
	Version string

	trees    map[string]*Tree
	readings map[string]*Reading
	blocks   map[string]*BlockFile
}

type vocabularyFile struct {
	Nations    []string `yaml:"nations"`
	Vocabulary `yaml:",inline"`
}

// Load reads, indexes and validates the rules in fsys. It returns every
// problem found, each naming file:line, as a Problems error.
func Load(fsys fs.FS) (*Set, error) {
	h := sha256.New()
	read := func(name string) ([]byte, error) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		return data, nil
	}

	data, err := read(VocabularyFile)
	if err != nil {
		return nil, err
	}
	var vf vocabularyFile
	if err := DecodeStrict(VocabularyFile, data, &vf); err != nil {
		return nil, err
	}
	s := &Set{Vocabulary: &vf.Vocabulary, Nations: vf.Nations, trees: map[string]*Tree{}}
	s.Vocabulary.file = VocabularyFile
	ps := s.Vocabulary.index()
	if len(s.Nations) == 0 {
		ps.Add(VocabularyFile, 1, "no nations listed")
	}

	data, err = read(OrganisationsFile)
	if err != nil {
		return nil, err
	}
	var of organisationsFile
	if err := DecodeStrict(OrganisationsFile, data, &of); err != nil {
		return nil, err
	}
	s.Organisations = of.Organisations

	names, err := fs.Glob(fsys, path.Join(NationsDir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list nations: %w", err)
	}
	sort.Strings(names)
	present := map[string]bool{}
	for _, name := range names {
		present[path.Base(name)] = true
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		t := &Tree{File: name}
		if err := DecodeStrict(name, data, t); err != nil {
			if p, ok := err.(Problems); ok {
				ps = append(ps, p...)
				continue
			}
			return nil, err
		}
		if want := path.Base(name); want != t.Nation+".yaml" {
			ps.Add(name, 1, "nation %q must live in %s.yaml", t.Nation, t.Nation)
		}
		if s.trees[t.Nation] != nil {
			ps.Add(name, 1, "nation %q defined twice", t.Nation)
		}
		s.trees[t.Nation] = t
	}
	for _, n := range s.Nations {
		if s.trees[n] == nil && !present[n+".yaml"] {
			ps.Add(VocabularyFile, 1, "nation %q has no file %s/%s.yaml", n, NationsDir, n)
		}
	}
	ps = append(ps, s.loadReadings(fsys, read)...)
	ps = append(ps, s.loadBlocks(fsys, read)...)
	ps = append(ps, s.validate()...)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	s.Version = hex.EncodeToString(h.Sum(nil))[:12]
	return s, nil
}

// Tree returns the tree of the named nation, or nil.
func (s *Set) Tree(nation string) *Tree { return s.trees[nation] }

// Organisation returns the organisation with the given id, or nil.
func (s *Set) Organisation(id string) *Organisation {
	for _, o := range s.Organisations {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// OrganisationsFor returns the organisations that help in the nation.
func (s *Set) OrganisationsFor(nation string) []*Organisation {
	var out []*Organisation
	for _, o := range s.Organisations {
		if o.Serves(nation) {
			out = append(out, o)
		}
	}
	return out
}

// Citation finds a citation by its canonical id in any nation.
func (s *Set) Citation(id string) *Citation {
	for _, n := range s.Nations {
		if c := s.trees[n].Citation(id); c != nil {
			return c
		}
	}
	return nil
}
