package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/patientsnotpassports/checker/internal/loadtest"
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
	for _, f := range loadtest.ParseForms(page) {
		if len(f.Radios["nation"]) > 0 {
			if f.Action != "" {
				action = f.Action
			}
			for k, v := range f.Hidden {
				values[k] = v
			}
		}
	}
	path, err := loadtest.Resolve(start.path, action)
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
	q, ok := loadtest.QuestionForm(page)
	if !ok {
		return nil, fmt.Errorf("%s did not show a question (no radio named answer)", first)
	}
	res := &walked{start: start}
	// steps[i] is the POST that showed question i+1; steps[0] is the start.
	steps := []request{first}
	var answers []string
	var search func(f *loadtest.Form, pagePath string) (bool, error)
	search = func(f *loadtest.Form, pagePath string) (bool, error) {
		if len(steps) >= walkSteps {
			return false, nil
		}
		path, err := loadtest.Resolve(pagePath, f.Action)
		if err != nil {
			return false, err
		}
		for _, answer := range f.Radios["answer"] {
			if w.posts >= walkBudget {
				return false, fmt.Errorf("no path with 3 questions and a result within %d POSTs", walkBudget)
			}
			v := url.Values{}
			for k, vs := range f.Hidden {
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
			next, isQuestion := loadtest.QuestionForm(page)
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
