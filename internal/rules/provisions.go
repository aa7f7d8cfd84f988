package rules

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
)

// ProvisionsDir holds one reading log per nation: every provision of every
// instrument the nation's tree relies on, and how it was read.
const ProvisionsDir = "provisions"

// Reading statuses of a provision.
const (
	Read       = "read"
	PartlyRead = "partly-read"
	NotFound   = "not-found"
)

// A Reading is the log of one nation's instruments, read provision by
// provision, so a reviewer can see what the tree rests on and what it
// could not check.
type Reading struct {
	Nation string `yaml:"nation"`
	// ReadOn is the day the provisions were last read.
	ReadOn      Date          `yaml:"read_on"`
	Instruments []*Instrument `yaml:"instruments"`
	File        string        `yaml:"-"`
}

// An Instrument is one source of the tree, with its provisions.
type Instrument struct {
	Source     string       `yaml:"source"`
	Provisions []*Provision `yaml:"provisions"`
	Line       int          `yaml:"-"`
}

// A Provision is one regulation, paragraph or Schedule paragraph.
type Provision struct {
	Ref    string `yaml:"ref"`
	Status string `yaml:"status"`
	URL    string `yaml:"url"`
	// Versions says which texts were read: the current version, /made,
	// dated versions, the plain data view.
	Versions string `yaml:"versions"`
	// InForce and Ended date the wording read, where it changed since 2015.
	InForce Date `yaml:"in_force"`
	Ended   Date `yaml:"ended"`
	// Tree says what the tree does with the provision.
	Tree string `yaml:"tree"`
	// Cites are the tree's citation ids that refer to this provision.
	Cites []string `yaml:"cites"`
	Line  int      `yaml:"-"`
}

func (s *Set) loadReadings(fsys fs.FS, read func(string) ([]byte, error)) Problems {
	var ps Problems
	names, err := fs.Glob(fsys, path.Join(ProvisionsDir, "*.yaml"))
	if err != nil {
		ps.Add(ProvisionsDir, 0, "list reading logs: %v", err)
		return ps
	}
	sort.Strings(names)
	s.readings = map[string]*Reading{}
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			ps.Add(name, 0, "%v", err)
			continue
		}
		r := &Reading{File: name}
		if err := DecodeStrict(name, data, r); err != nil {
			if p, ok := err.(Problems); ok {
				ps = append(ps, p...)
				continue
			}
			ps.Add(name, 0, "%v", err)
			continue
		}
		if want := r.Nation + ".yaml"; path.Base(name) != want {
			ps.Add(name, 1, "the reading log of %q must live in %s/%s", r.Nation, ProvisionsDir, want)
		}
		s.readings[r.Nation] = r
	}
	return ps
}

// Reading returns the nation's reading log, or nil.
func (s *Set) Reading(nation string) *Reading { return s.readings[nation] }

// validateReading checks a nation's reading log against its tree: every
// provision an outcome cites is logged, and an outcome resting on a
// provision that was not found says "get advice".
func (t *Tree) validateReading(r *Reading, v *Vocabulary, blocks *BlockFile) Problems {
	var ps Problems
	if r.ReadOn.IsZero() {
		ps.Add(r.File, 1, "read_on is missing: state the day the provisions were read")
	}
	logged := map[string]*Provision{}
	for _, in := range r.Instruments {
		if t.sources[in.Source] == nil {
			ps.Add(r.File, in.Line, "instrument %q is not a source of %s", in.Source, t.Nation)
		}
		for _, p := range in.Provisions {
			if p.Ref == "" || p.URL == "" || p.Tree == "" {
				ps.Add(r.File, p.Line, "provision %q needs ref, url and tree (what the tree does with it)", p.Ref)
			}
			if !slices.Contains([]string{Read, PartlyRead, NotFound}, p.Status) {
				ps.Add(r.File, p.Line, "provision %q: status %q must be %s, %s or %s", p.Ref, p.Status, Read, PartlyRead, NotFound)
			}
			if p.Status != NotFound && p.Versions == "" {
				ps.Add(r.File, p.Line, "provision %q: say which versions were read (versions)", p.Ref)
			}
			if !p.InForce.IsZero() && !p.Ended.IsZero() && p.Ended.Before(p.InForce.Time) {
				ps.Add(r.File, p.Line, "provision %q ends before it comes into force", p.Ref)
			}
			for _, id := range p.Cites {
				c := t.citations[id]
				switch {
				case c == nil:
					ps.Add(r.File, p.Line, "provision %q: unknown citation %q", p.Ref, id)
				case c.Source != in.Source:
					ps.Add(r.File, p.Line, "provision %q: citation %q belongs to source %q, not %q", p.Ref, id, c.Source, in.Source)
				case logged[id] != nil:
					ps.Add(r.File, p.Line, "citation %q is already logged under %q", id, logged[id].Ref)
				}
				logged[id] = p
			}
		}
	}
	for _, o := range t.Outcomes {
		for _, id := range append(slices.Clip(o.Cite), o.Checked...) {
			p := logged[id]
			if p == nil {
				ps.Add(t.File, o.Line, "outcome %q cites %q, which %s does not log", o.ID, id, r.File)
				continue
			}
			if p.Status == NotFound && slices.Contains(o.Cite, id) && !v.Kind(o.Kind).Uncertain {
				ps.Add(t.File, o.Line, "outcome %q rests on %q, logged as not found: it must say %q", o.ID, id, "get advice")
			}
		}
	}
	if blocks != nil {
		for _, b := range blocks.Blocks {
			for _, id := range b.Cite {
				if logged[id] == nil {
					ps.Add(blocks.File, b.Line, "block %q cites %q, which %s does not log", b.ID, id, r.File)
				}
			}
		}
	}
	return ps
}

func (p *Provision) String() string { return fmt.Sprintf("%s (%s)", p.Ref, p.Status) }
