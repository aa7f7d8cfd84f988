package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/patientsnotpassports/checker/internal/loadtest"
)

// A request a target or a weight sends.
type request struct {
	method, path, body string
}

func (r request) String() string { return r.method + " " + r.path }

// walked is what the discovery walk found.
type walked struct {
	start        request // GET /en/
	question     request // POST action=show with a three-answer state
	result       request // POST action=show with a state that reaches a result
	midState     string
	startPage    string // the bodies nginx serves
	questionPage string
	questions    int // question pages on the path used
	posts        int // POSTs the walk sent, backtracking included
	languages    []string
}

var noRedirect = &http.Client{Timeout: stepTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// fetch sends one request and returns the body of a 200 answer.
func fetch(base string, r request) (string, error) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, base+r.path, body)
	if err != nil {
		return "", err
	}
	if r.method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := noRedirect.Do(req)
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

func get(base, path string) (string, error) {
	return fetch(base, request{method: http.MethodGet, path: path})
}

func showRequest(path, state string) request {
	return request{method: http.MethodPost, path: path, body: url.Values{"action": {"show"}, "state": {state}}.Encode()}
}

// walk finds the requests to measure by following the forms: it starts in
// England and answers with the first radio each time, backing up to the
// next radio when a result comes before a fourth question (a depth-first
// search), so the three-answer state is one the server itself wrote. It
// then replays that state with action=show and checks the answer is the
// same question, and does the same for the result's state.
func walk(base string) (*walked, error) {
	posts := 0
	start := request{method: http.MethodGet, path: "/en/"}
	startPage, err := fetch(base, start)
	if err != nil {
		return nil, err
	}
	res := &walked{start: start, startPage: startPage, languages: loadtest.LanguageTags(startPage, "en")}
	action, values := "/en/check", url.Values{}
	for _, f := range loadtest.ParseForms(startPage) {
		if len(f.Radios["nation"]) > 0 {
			if f.Action != "" {
				action = f.Action
			}
			for k, v := range f.Hidden {
				values[k] = v
			}
		}
	}
	checkPath, err := loadtest.Resolve(start.path, action)
	if err != nil {
		return nil, err
	}
	values.Set("action", "start")
	values.Set("nation", "england")
	first := request{method: http.MethodPost, path: checkPath, body: values.Encode()}
	posts++
	page, err := fetch(base, first)
	if err != nil {
		return nil, err
	}
	q, ok := loadtest.QuestionForm(page)
	if !ok {
		return nil, fmt.Errorf("%s did not show a question (no radio named answer)", first)
	}

	var midState, midPath, resultState, resultPath string
	questions := 0
	// search answers the question on a page reached with depth answers.
	var search func(f *loadtest.Form, pagePath string, depth int) (bool, error)
	search = func(f *loadtest.Form, pagePath string, depth int) (bool, error) {
		if depth >= walkSteps {
			return false, nil
		}
		path, err := loadtest.Resolve(pagePath, f.Action)
		if err != nil {
			return false, err
		}
		if depth == answersMid {
			midState, midPath = f.Hidden.Get("state"), path
		}
		for _, answer := range f.Radios["answer"] {
			if posts >= walkBudget {
				return false, fmt.Errorf("no path with %d answers and a result within %d POSTs", answersMid, walkBudget)
			}
			v := url.Values{}
			for k, vs := range f.Hidden {
				v[k] = vs
			}
			v.Set("answer", answer)
			v.Set("action", "next")
			posts++
			page, err := fetch(base, request{method: http.MethodPost, path: path, body: v.Encode()})
			if err != nil {
				return false, err
			}
			next, isQuestion := loadtest.QuestionForm(page)
			if !isQuestion {
				if depth+1 > answersMid {
					resultState, resultPath = loadtest.PageState(page), path
					questions = depth + 1
					return true, nil
				}
				continue
			}
			if found, err := search(next, path, depth+1); found || err != nil {
				return found, err
			}
		}
		return false, nil
	}
	found, err := search(q, checkPath, 0)
	res.posts = posts
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("no path with %d answers and a result within %d steps", answersMid, walkSteps)
	}
	if midState == "" || resultState == "" {
		return nil, fmt.Errorf("the pages on the path carry no hidden state field")
	}
	res.questions, res.midState = questions, midState

	// Replay both states as the load will.
	res.question = showRequest(midPath, midState)
	if res.questionPage, err = fetch(base, res.question); err != nil {
		return nil, fmt.Errorf("replaying the three-answer state: %w", err)
	}
	if f, ok := loadtest.QuestionForm(res.questionPage); !ok || f.Hidden.Get("state") != midState {
		return nil, fmt.Errorf("%s with state %q did not show the fourth question again", res.question, midState)
	}
	res.result = showRequest(resultPath, resultState)
	resultPage, err := fetch(base, res.result)
	if err != nil {
		return nil, fmt.Errorf("replaying the result state: %w", err)
	}
	if _, ok := loadtest.QuestionForm(resultPage); ok {
		return nil, fmt.Errorf("%s with state %q showed a question, not a result", res.result, resultState)
	}
	return res, nil
}
