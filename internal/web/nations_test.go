package web

import (
	"io"
	"io/fs"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/patientsnotpassports/checker/internal/rules"
	"github.com/stretchr/testify/require"
)

// nationWords name each nation in English, as a statement about its law
// would.
var nationWords = map[string]*regexp.Regexp{
	"england":          regexp.MustCompile(`\b(England|English)\b`),
	"scotland":         regexp.MustCompile(`\b(Scotland|Scottish)\b`),
	"wales":            regexp.MustCompile(`\b(Wales|Welsh)\b`),
	"northern-ireland": regexp.MustCompile(`\bNorthern Ireland\b`),
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+`)

// No sentence about one nation appears on another nation's pages: every
// sentence of the outcomes, blocks and questions a nation's pages show is
// checked for the others' names. A sentence that names the page's own
// nation too (England's rules for someone who lives in Wales) is about the
// page's own law.
func TestNoOtherNationOnANationsPages(t *testing.T) {
	rfs, err := fs.Sub(checker.Files, "rules")
	require.NoError(t, err)
	set, err := rules.Load(rfs)
	require.NoError(t, err)
	cat, err := i18n.Load(checker.Files, "locales")
	require.NoError(t, err)
	static, _ := fs.Sub(checker.Files, "static")
	s, err := New(Config{Rules: set, Catalog: cat, Static: static, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	c := s.compiledFor(i18n.Reference)
	for nation, nt := range c.Nations {
		var texts []string
		for id, o := range nt.Outcomes {
			texts = append(texts, "outcome "+id+": "+o.Heading, "outcome "+id+": "+o.Why, "outcome "+id+": "+o.Means)
			for _, st := range o.Steps {
				texts = append(texts, "outcome "+id+" step: "+st)
			}
		}
		for slot, bs := range nt.Blocks {
			for _, b := range bs {
				texts = append(texts, "block "+slot+"/"+b.ID+": "+b.Title)
				for _, p := range b.Paragraphs {
					texts = append(texts, "block "+slot+"/"+b.ID+": "+p)
				}
			}
		}
		for id, q := range nt.Questions {
			texts = append(texts, "question "+id+": "+q.Legend, "question "+id+": "+q.Hint)
		}
		for other, re := range nationWords {
			if other == nation {
				continue
			}
			for _, text := range texts {
				for _, sentence := range sentenceEnd.Split(text, -1) {
					if re.MatchString(sentence) && !nationWords[nation].MatchString(sentence) {
						t.Errorf("%s pages name %s: %s", nation, other, strings.TrimSpace(sentence))
					}
				}
			}
		}
	}
}
