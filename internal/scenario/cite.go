package scenario

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// citeWarnings compares a case's expected citation with the outcome's.
// Canonical ids must be cited by the outcome; free text such as
// "SI 2015/238 reg 9(a)(i); reg 3(1A)" is matched provision by provision
// against the outcome's citations and their aliases. A miss is a warning,
// not a failure: wording of citations varies, outcomes are what count.
func citeWarnings(set *rules.Set, t *rules.Tree, out *rules.Outcome, cite string) []string {
	if strings.TrimSpace(cite) == "" {
		return nil
	}
	var warnings []string
	var source *rules.Source
	for _, cp := range splitCite(cite) {
		part := cp.text
		if set.Citation(part) != nil {
			if !slices.Contains(out.Cite, part) && !slices.Contains(out.Checked, part) {
				warnings = append(warnings, fmt.Sprintf("expected citation %s is not among the outcome's (%s)", part, strings.Join(out.Cite, ", ")))
			}
			continue
		}
		src, prov := parseCite(t, part)
		if src == nil {
			src = source // "Sch 2" after "SI 2015/238 reg 14" means SI 2015/238 Sch 2
		}
		source = src
		if cp.notMet {
			continue
		}
		if src == nil {
			warnings = append(warnings, fmt.Sprintf("expected citation %q names no source of %s", part, t.Nation))
			continue
		}
		if !citesProvision(t, out, src, prov) {
			warnings = append(warnings, fmt.Sprintf("expected citation %q is not among the outcome's (%s)", part, strings.Join(out.Cite, ", ")))
		}
	}
	return warnings
}

var (
	aside     = regexp.MustCompile(`\s+\([^)]*\)`)
	notMet    = regexp.MustCompile(`(?i)\((not met|not apply|does not apply)\)`)
	leadWords = regexp.MustCompile(`(?i)^(see also|see|cf\.?)\s+`)
	amendedBy = regexp.MustCompile(`(?i)^(as amended|as substituted|as inserted|inserted by|amended by|substituted by)\b`)
)

type citePart struct {
	text string
	// notMet marks "reg 15 (not met)": a rule named because it does not
	// apply. It still tells which instrument later parts belong to.
	notMet bool
}

// splitCite splits "A; B, 10(2)" into parts, dropping asides in brackets
// ("reg 2 (definition of overseas visitor)") and carrying the unit word
// into bare numbers ("reg 10(1), 10(2)").
func splitCite(cite string) []citePart {
	var parts []citePart
	for _, p := range strings.Split(cite, ";") {
		skip := notMet.MatchString(p)
		p = strings.TrimSpace(aside.ReplaceAllString(p, ""))
		p = strings.TrimSpace(leadWords.ReplaceAllString(p, ""))
		unit := ""
		for _, q := range strings.Split(p, ",") {
			q = strings.TrimSpace(q)
			if q == "" || amendedBy.MatchString(q) {
				continue // "as amended by WSI 2009/1512" names the amending instrument
			}
			if q[0] >= '0' && q[0] <= '9' && unit != "" {
				q = unit + " " + q
			}
			if u := unitOf(q); u != "" {
				unit = u
			}
			parts = append(parts, citePart{text: q, notMet: skip})
		}
	}
	return parts
}

var unitWord = regexp.MustCompile(`\b(reg|regs|regulation|s|section|para|paragraph|sch|schedule|art|article|rule)\s*\d`)

func unitOf(s string) string {
	m := unitWord.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return ""
	}
	return m[1]
}

// parseCite finds which source of t the text names and returns it with
// the provision that follows.
func parseCite(t *rules.Tree, part string) (*rules.Source, string) {
	type name struct {
		src  *rules.Source
		text string
	}
	var names []name
	for _, s := range t.Sources {
		for _, n := range append([]string{s.Short}, s.Aliases...) {
			if n != "" {
				names = append(names, name{s, n})
			}
		}
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i].text) > len(names[j].text) })
	lower := strings.ToLower(part)
	for _, n := range names {
		if strings.HasPrefix(lower, strings.ToLower(n.text)) {
			return n.src, normProvision(part[len(n.text):])
		}
	}
	return nil, normProvision(part)
}

var provisionWords = strings.NewReplacer(
	"regulations", "reg", "regulation", "reg", "regs", "reg",
	"paragraph", "para", "section", "s", "schedule", "sch",
	" ", "",
)

func normProvision(s string) string {
	return provisionWords.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// citesProvision reports whether the outcome cites the provision of src,
// allowing either to be more specific ("reg 9(1)" and "reg 9(1)(a)").
func citesProvision(t *rules.Tree, out *rules.Outcome, src *rules.Source, prov string) bool {
	for _, id := range append(slices.Clip(out.Cite), out.Checked...) {
		c := t.Citation(id)
		if c == nil || c.SourceOf() != src {
			continue
		}
		for _, ref := range append([]string{c.Ref}, c.Aliases...) {
			r := normProvision(ref)
			if prov == "" || strings.HasPrefix(prov, r) || strings.HasPrefix(r, prov) {
				return true
			}
		}
	}
	return false
}
