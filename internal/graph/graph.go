// Package graph draws a nation's decision tree as Mermaid or Graphviz DOT,
// so advocates and lawyers can review it as a picture.
package graph

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// Labels gives the words to draw: the questions, options and outcomes in
// one language.
type Labels interface {
	T(id string, data any) string
	First(ids ...string) string
}

type node struct {
	id    string
	label string
	shape string // question, route or outcome
	tone  string // outcome tone
}

type edge struct {
	from, to, label string
}

func build(t *rules.Tree, l Labels) ([]node, []edge) {
	var nodes []node
	var edges []edge
	for _, q := range t.Questions {
		n := node{id: q.ID, shape: "question", label: l.First(q.TextIDs()...)}
		if q.Route {
			n.shape = "route"
			n.label = "(settled by earlier answers)"
		}
		nodes = append(nodes, n)
		for _, o := range q.Options {
			label := ""
			switch {
			case q.Route && o.Otherwise:
				label = "otherwise"
			case q.Route:
				label = describe(o.Facts)
			default:
				label = l.First(q.LabelIDs(o)...)
			}
			if !o.From.IsZero() || !o.Until.IsZero() {
				label += fmt.Sprintf(" [%s to %s]", o.From, o.Until)
			}
			edges = append(edges, edge{q.ID, o.Next, label})
		}
	}
	for _, o := range t.Outcomes {
		var cites []string
		for _, id := range o.Cite {
			if c := t.Citation(id); c != nil {
				cites = append(cites, c.Label())
			}
		}
		label := strings.ToUpper(l.T("kind."+o.Kind, nil)) + ": " + l.First(o.TitleIDs()...) + "\n" + strings.Join(cites, "; ")
		nodes = append(nodes, node{id: o.ID, shape: "outcome", tone: o.Tone(), label: label})
	}
	return nodes, edges
}

func describe(m rules.Match) string {
	var parts []string
	for _, name := range m.Names() {
		parts = append(parts, name+" = "+strings.Join(m[name].Values, " or "))
	}
	return strings.Join(parts, " and ")
}

// Mermaid writes the tree as a Mermaid flowchart.
func Mermaid(w io.Writer, t *rules.Tree, l Labels) error {
	nodes, edges := build(t, l)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s, rules correct on %s\n---\nflowchart TD\n", t.Nation, t.CorrectOn)
	for _, n := range nodes {
		label := mermaidText(n.label)
		switch n.shape {
		case "question":
			fmt.Fprintf(&b, "  %s[\"%s\"]\n", mermaidID(n.id), label)
		case "route":
			fmt.Fprintf(&b, "  %s{\"%s\"}\n", mermaidID(n.id), label)
		default:
			fmt.Fprintf(&b, "  %s([\"%s\"]):::%s\n", mermaidID(n.id), label, toneClass(n.tone))
		}
	}
	for _, e := range edges {
		fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", mermaidID(e.from), mermaidText(e.label), mermaidID(e.to))
	}
	tones := make([]string, 0, len(toneStyles))
	for tone := range toneStyles {
		tones = append(tones, tone)
	}
	sort.Strings(tones)
	for _, tone := range tones {
		fmt.Fprintf(&b, "  classDef %s %s\n", toneClass(tone), toneStyles[tone])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// toneStyles colour outcomes by their kind's tone (rules.Tones).
var toneStyles = map[string]string{
	"good":    "fill:#d7f0dd,stroke:#1b6b34",
	"charged": "fill:#fde2c8,stroke:#8a4b08",
	"upfront": "fill:#f8d0d0,stroke:#8a1c1c",
	"advice":  "fill:#dde6f5,stroke:#24407a",
}

func mermaidID(s string) string { return "n_" + strings.ReplaceAll(s, "-", "_") }

func toneClass(s string) string { return "tone_" + s }

func mermaidText(s string) string {
	s = strings.ReplaceAll(s, "\"", "#quot;")
	return strings.ReplaceAll(s, "\n", "<br/>")
}

// DOT writes the tree in Graphviz's DOT language.
func DOT(w io.Writer, t *rules.Tree, l Labels) error {
	nodes, edges := build(t, l)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n  label=%q;\n  rankdir=TB;\n  node [fontname=\"sans-serif\"];\n",
		t.Nation, t.Nation+", rules correct on "+t.CorrectOn.String())
	for _, n := range nodes {
		switch n.shape {
		case "question":
			fmt.Fprintf(&b, "  %q [shape=box, label=%q];\n", n.id, n.label)
		case "route":
			fmt.Fprintf(&b, "  %q [shape=diamond, label=%q];\n", n.id, n.label)
		default:
			fill := "#ffffff"
			if st, ok := toneStyles[n.tone]; ok {
				fill = strings.TrimPrefix(strings.Split(st, ",")[0], "fill:")
			}
			fmt.Fprintf(&b, "  %q [shape=box, style=\"rounded,filled\", fillcolor=%q, label=%q];\n", n.id, fill, n.label)
		}
	}
	for _, e := range edges {
		fmt.Fprintf(&b, "  %q -> %q [label=%q];\n", e.from, e.to, e.label)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
