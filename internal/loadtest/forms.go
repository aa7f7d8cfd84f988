// Package loadtest holds what the load tools (cmd/bench, cmd/soak) share:
// reading the checker's forms the way a browser would, to find the
// requests a person's walk sends.
package loadtest

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var (
	formRe   = regexp.MustCompile(`(?is)<form\b[^>]*>.*?</form>`)
	openRe   = regexp.MustCompile(`(?is)^<form\b[^>]*>`)
	inputRe  = regexp.MustCompile(`(?is)<input\b[^>]*>`)
	anchorRe = regexp.MustCompile(`(?is)<a\b[^>]*>`)
	attrRe   = regexp.MustCompile(`(?s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	tagRe    = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
)

// Attrs parses a tag's attributes, HTML-unescaped. The first of a repeated
// name wins, as in browsers.
func Attrs(tag string) map[string]string {
	tag = strings.TrimPrefix(tag, "<")
	tag = strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/")
	if i := strings.IndexAny(tag, " \t\n\r"); i >= 0 {
		tag = tag[i:]
	} else {
		tag = ""
	}
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
		name := strings.ToLower(a[1])
		if _, seen := m[name]; seen {
			continue
		}
		m[name] = html.UnescapeString(a[2] + a[3] + a[4])
	}
	return m
}

// A Form is one <form> of a page with the inputs it sends: those inside it
// and those elsewhere that name it in their form attribute.
type Form struct {
	ID     string
	Action string
	Hidden url.Values // every <input type="hidden"> with a name
	Radios map[string][]string
}

// ParseForms returns a page's forms in order.
func ParseForms(page string) []*Form {
	var forms []*Form
	var spans [][]int
	byID := map[string]*Form{}
	for _, span := range formRe.FindAllStringIndex(page, -1) {
		a := Attrs(openRe.FindString(page[span[0]:span[1]]))
		f := &Form{ID: a["id"], Action: a["action"], Hidden: url.Values{}, Radios: map[string][]string{}}
		forms = append(forms, f)
		spans = append(spans, span)
		if f.ID != "" && byID[f.ID] == nil {
			byID[f.ID] = f
		}
	}
	for _, span := range inputRe.FindAllStringIndex(page, -1) {
		in := Attrs(page[span[0]:span[1]])
		var f *Form
		if id, ok := in["form"]; ok {
			f = byID[id]
		} else {
			for i, s := range spans {
				if span[0] > s[0] && span[1] <= s[1] {
					f = forms[i]
				}
			}
		}
		name := in["name"]
		if f == nil || name == "" {
			continue
		}
		switch strings.ToLower(in["type"]) {
		case "hidden":
			f.Hidden.Add(name, in["value"])
		case "radio":
			f.Radios[name] = append(f.Radios[name], in["value"])
		}
	}
	return forms
}

// QuestionForm returns the page's form with radios named answer, if any.
func QuestionForm(page string) (*Form, bool) {
	for _, f := range ParseForms(page) {
		if len(f.Radios["answer"]) > 0 {
			return f, true
		}
	}
	return nil, false
}

// PageState is the first hidden state field of a page's forms, "" when
// none.
func PageState(page string) string {
	for _, f := range ParseForms(page) {
		if v := f.Hidden.Get("state"); v != "" {
			return v
		}
	}
	return ""
}

// LanguageTags lists the languages a page links to (hreflang on its
// links), the reference language first, each once.
func LanguageTags(page, reference string) []string {
	tags := []string{reference}
	seen := map[string]bool{reference: true}
	for _, a := range anchorRe.FindAllString(page, -1) {
		t := Attrs(a)["hreflang"]
		if t == "" || seen[t] || !tagRe.MatchString(t) {
			continue
		}
		seen[t] = true
		tags = append(tags, t)
	}
	return tags
}

// Resolve turns a form's action on a page into a path on the server.
func Resolve(page, action string) (string, error) {
	u, err := url.Parse(page)
	if err != nil {
		return "", err
	}
	a, err := url.Parse(action)
	if err != nil {
		return "", err
	}
	return u.ResolveReference(a).RequestURI(), nil
}
