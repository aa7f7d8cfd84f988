package main

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// A request the load sends.
type request struct {
	method, path, body string
}

func (r request) String() string { return r.method + " " + r.path }

// walked is what the discovery walk found.
type walked struct {
	start     request // GET of the start page
	question  request // POST that shows the 3rd question (mid-flow)
	result    request // POST that shows the result
	questions int     // question pages on the path used
	answers   []string
	posts     int // POSTs the walk sent, backtracking included
}

func (w *walked) requests() []request { return []request{w.start, w.question, w.result} }

var (
	formRe  = regexp.MustCompile(`(?is)<form\b[^>]*>.*?</form>`)
	inputRe = regexp.MustCompile(`(?is)<input\b[^>]*>`)
	openRe  = regexp.MustCompile(`(?is)^<form\b[^>]*>`)
	attrRe  = regexp.MustCompile(`(?s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
)

// attrs parses a tag's attributes, HTML-unescaped. The first of a repeated
// name wins, as in browsers.
func attrs(tag string) map[string]string {
	tag = strings.TrimPrefix(tag, "<")
	tag = strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/")
	if i := strings.IndexFunc(tag, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }); i >= 0 {
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

// form is one <form> of a page.
type form struct {
	action string
	hidden url.Values // every <input type="hidden"> with a name
	radios map[string][]string
}

func parseForms(page string) []form {
	var forms []form
	for _, f := range formRe.FindAllString(page, -1) {
		a := attrs(openRe.FindString(f))
		fm := form{action: a["action"], hidden: url.Values{}, radios: map[string][]string{}}
		for _, in := range inputRe.FindAllString(f, -1) {
			ia := attrs(in)
			name, ok := ia["name"]
			if !ok || name == "" {
				continue
			}
			switch strings.ToLower(ia["type"]) {
			case "hidden":
				fm.hidden.Add(name, ia["value"])
			case "radio":
				fm.radios[name] = append(fm.radios[name], ia["value"])
			}
		}
		forms = append(forms, fm)
	}
	return forms
}

// questionForm returns the page's form with radios named answer, if any.
func questionForm(page string) (form, bool) {
	for _, f := range parseForms(page) {
		if len(f.radios["answer"]) > 0 {
			return f, true
		}
	}
	return form{}, false
}

// walker sends the discovery walk's requests.
type walker struct {
	base   string
	client *http.Client
	posts  int
}

func (w *walker) do(r request) (string, error) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, w.base+r.path, body)
	if err != nil {
		return "", err
	}
	if r.method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w.posts++
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("%s: %w", r, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return "", fmt.Errorf("%s: %w", r, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s answered %s", r, resp.Status)
	}
	return string(b), nil
}

// resolve turns a form's action into a path on the server.
func resolve(page, action string) (string, error) {
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

// walk finds the requests to load: the start page, the POST that shows the
// 3rd question and the POST that shows a result. It answers with the first
// radio each time; when that reaches a result before a 3rd question, it
// backs up and takes the next radio (a depth-first search preferring first
// answers), so the path is real whatever the rules say. Hidden fields are
// copied from the HTML, so the state format is never assumed.
func walk(base string) (*walked, error) {
	w := &walker{base: base, client: &http.Client{Timeout: stepTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	start := request{method: http.MethodGet, path: "/en/"}
	page, err := w.do(start)
	if err != nil {
		return nil, err
	}
	// The start form: its action and any hidden fields, plus the brief's
	// action=start&nation=england.
	action, values := "/en/check", url.Values{}
	for _, f := range parseForms(page) {
		if len(f.radios["nation"]) > 0 {
			if f.action != "" {
				action = f.action
			}
			for k, v := range f.hidden {
				values[k] = v
			}
		}
	}
	path, err := resolve(start.path, action)
	if err != nil {
		return nil, err
	}
	values.Set("action", "start")
	values.Set("nation", "england")
	first := request{method: http.MethodPost, path: path, body: values.Encode()}
	page, err = w.do(first)
	if err != nil {
		return nil, err
	}
	q, ok := questionForm(page)
	if !ok {
		return nil, fmt.Errorf("%s did not show a question (no radio named answer)", first)
	}
	res := &walked{start: start}
	// steps[i] is the POST that showed question i+1; steps[0] is the start.
	steps := []request{first}
	var answers []string
	var search func(f form, pagePath string) (bool, error)
	search = func(f form, pagePath string) (bool, error) {
		if len(steps) >= walkSteps {
			return false, nil
		}
		path, err := resolve(pagePath, f.action)
		if err != nil {
			return false, err
		}
		for _, answer := range f.radios["answer"] {
			if w.posts >= walkBudget {
				return false, fmt.Errorf("no path with 3 questions and a result within %d POSTs", walkBudget)
			}
			v := url.Values{}
			for k, vs := range f.hidden {
				v[k] = vs
			}
			v.Set("answer", answer)
			v.Set("action", "next")
			step := request{method: http.MethodPost, path: path, body: v.Encode()}
			page, err := w.do(step)
			if err != nil {
				return false, err
			}
			answers = append(answers, answer)
			next, isQuestion := questionForm(page)
			if !isQuestion {
				if len(steps) >= 3 {
					res.question, res.result = steps[2], step
					res.questions = len(steps)
					res.answers = append([]string(nil), answers...)
					return true, nil
				}
			} else {
				steps = append(steps, step)
				found, err := search(next, path)
				if found || err != nil {
					return found, err
				}
				steps = steps[:len(steps)-1]
			}
			answers = answers[:len(answers)-1]
		}
		return false, nil
	}
	found, err := search(q, path)
	res.posts = w.posts
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("no path with 3 questions and a result within %d steps", walkSteps)
	}
	return res, nil
}
