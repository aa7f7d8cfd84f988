package rules

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
)

// BlocksDir holds each nation's content blocks: the guidance shown beside
// the tree's answers (a bill already received, being asked to pay first,
// challenging a decision, what the desk does), each resting on the
// nation's own citations.
const BlocksDir = "blocks"

// Slots are where a block is shown.
var Slots = []string{
	"result",     // a result page, for the outcomes it names
	"bill",       // a result reached about care already given and a bill
	"pay-first",  // the page for someone asked to pay before care
	"challenge",  // the nation's page on challenging a decision
	"staff-desk", // the one-page desk summary for reception
	"staff",      // the longer online staff reference
}

// A BlockFile is one nation's blocks.
type BlockFile struct {
	Nation string   `yaml:"nation"`
	Blocks []*Block `yaml:"blocks"`
	File   string   `yaml:"-"`
}

// A Block is a titled piece of guidance. Its words are the messages
// block.<nation>.<id>.title and block.<nation>.<id>.p1, .p2 ...
type Block struct {
	ID   string `yaml:"id"`
	Slot string `yaml:"slot"`
	// Kinds and Outcomes narrow a result or bill block to outcomes of
	// those kinds or ids; both empty means every outcome.
	Kinds    []string `yaml:"kinds"`
	Outcomes []string `yaml:"outcomes"`
	// Cite lists the citation ids the block's statements rest on; a block
	// that states no law says so with cite: [] and no_law: true.
	Cite  []string `yaml:"cite"`
	NoLaw bool     `yaml:"no_law"`
	// List shows the paragraphs as a bulleted list.
	List bool `yaml:"list"`
	// Help names organisations to show with the block.
	Help []string `yaml:"help"`
	Line int      `yaml:"-"`

	nation string
}

// TitleID is the block's heading message.
func (b *Block) TitleID() string { return "block." + b.nation + "." + b.ID + ".title" }

// ParagraphID is the message of the block's nth paragraph, from 1.
func (b *Block) ParagraphID(n int) string {
	return "block." + b.nation + "." + b.ID + ".p" + strconv.Itoa(n)
}

// AppliesTo reports whether a result or bill block is shown with an outcome.
func (b *Block) AppliesTo(o *Outcome) bool {
	if len(b.Kinds) == 0 && len(b.Outcomes) == 0 {
		return true
	}
	return slices.Contains(b.Kinds, o.Kind) || slices.Contains(b.Outcomes, o.ID)
}

// Blocks returns the nation's blocks for a slot, in file order.
func (s *Set) Blocks(nation, slot string) []*Block {
	f := s.blocks[nation]
	if f == nil {
		return nil
	}
	var out []*Block
	for _, b := range f.Blocks {
		if b.Slot == slot {
			out = append(out, b)
		}
	}
	return out
}

func (s *Set) loadBlocks(fsys fs.FS, read func(string) ([]byte, error)) Problems {
	var ps Problems
	names, err := fs.Glob(fsys, path.Join(BlocksDir, "*.yaml"))
	if err != nil {
		ps.Add(BlocksDir, 0, "list blocks: %v", err)
		return ps
	}
	sort.Strings(names)
	s.blocks = map[string]*BlockFile{}
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			ps.Add(name, 0, "%v", err)
			continue
		}
		f := &BlockFile{File: name}
		if err := DecodeStrict(name, data, f); err != nil {
			if p, ok := err.(Problems); ok {
				ps = append(ps, p...)
				continue
			}
			ps.Add(name, 0, "%v", err)
			continue
		}
		if want := f.Nation + ".yaml"; path.Base(name) != want {
			ps.Add(name, 1, "the blocks of %q must live in %s/%s", f.Nation, BlocksDir, want)
		}
		for _, b := range f.Blocks {
			b.nation = f.Nation
		}
		s.blocks[f.Nation] = f
	}
	return ps
}

// validateBlocks checks a nation's blocks against its tree.
func (t *Tree) validateBlocks(f *BlockFile, v *Vocabulary, orgs map[string]*Organisation) Problems {
	var ps Problems
	seen := map[string]bool{}
	for _, b := range f.Blocks {
		switch {
		case !idPattern.MatchString(b.ID):
			ps.Add(f.File, b.Line, "block id %q must be lower-case words joined by dashes", b.ID)
		case seen[b.ID]:
			ps.Add(f.File, b.Line, "block %q declared twice", b.ID)
		}
		seen[b.ID] = true
		if !slices.Contains(Slots, b.Slot) {
			ps.Add(f.File, b.Line, "block %q: slot %q must be one of %v", b.ID, b.Slot, Slots)
		}
		if (len(b.Kinds) > 0 || len(b.Outcomes) > 0) && b.Slot != "result" && b.Slot != "bill" {
			ps.Add(f.File, b.Line, "block %q: only result and bill blocks name kinds or outcomes", b.ID)
		}
		for _, k := range b.Kinds {
			if !v.HasKind(k) {
				ps.Add(f.File, b.Line, "block %q: unknown outcome kind %q", b.ID, k)
			}
		}
		for _, id := range b.Outcomes {
			if t.outcomes[id] == nil {
				ps.Add(f.File, b.Line, "block %q: %s has no outcome %q", b.ID, t.Nation, id)
			}
		}
		if len(b.Cite) == 0 && !b.NoLaw {
			ps.Add(f.File, b.Line, "block %q cites nothing: cite the law it states, or say no_law: true", b.ID)
		}
		if len(b.Cite) > 0 && b.NoLaw {
			ps.Add(f.File, b.Line, "block %q cites law but says no_law", b.ID)
		}
		for _, id := range b.Cite {
			if t.citations[id] == nil {
				ps.Add(f.File, b.Line, "block %q cites %q, which is not a citation of %s", b.ID, id, t.Nation)
			}
		}
		for _, id := range b.Help {
			org := orgs[id]
			switch {
			case org == nil:
				ps.Add(f.File, b.Line, "block %q: unknown organisation %q", b.ID, id)
			case !org.Serves(t.Nation):
				ps.Add(f.File, b.Line, "block %q: organisation %q does not help in %s", b.ID, id, t.Nation)
			}
		}
	}
	return ps
}

// checkBlockMessages reports blocks whose title or first paragraph has no
// English message.
func (s *Set) checkBlockMessages(has func(string) bool) Problems {
	var ps Problems
	for _, n := range s.Nations {
		f := s.blocks[n]
		if f == nil {
			continue
		}
		for _, b := range f.Blocks {
			for _, id := range []string{b.TitleID(), b.ParagraphID(1)} {
				if !has(id) {
					ps.Add(f.File, b.Line, "block %q has no English message %q", b.ID, id)
				}
			}
		}
	}
	return ps
}

func (b *Block) String() string { return fmt.Sprintf("%s/%s", b.nation, b.ID) }
