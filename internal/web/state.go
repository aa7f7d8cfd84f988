package web

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// State is where a person is in the checker: the rules version it was
// started under, the nation and the answers given so far. It is written
// into each form as "version|nation|question:option,question:option".
// It carries no secret: it is checked by replaying the answers through the
// tree, so any copy of the server (or the offline page) can read it.
type State struct {
	Version string
	Nation  string
	Answers []rules.Answer
}

// maxAnswers bounds the answers a state may hold; the longest path in any
// tree is far shorter.
const maxAnswers = 64

var (
	errState = errors.New("the answers could not be read")
	stateID  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

func (s State) String() string {
	parts := make([]string, len(s.Answers))
	for i, a := range s.Answers {
		parts[i] = a.Question + ":" + a.Option
	}
	return s.Version + "|" + s.Nation + "|" + strings.Join(parts, ",")
}

// ParseState reads a state written by String, checking its shape only;
// whether the answers fit the tree is checked by replaying them.
func ParseState(s string) (State, error) {
	fields := strings.Split(s, "|")
	if len(fields) != 3 || !stateID.MatchString(fields[1]) || fields[0] == "" {
		return State{}, errState
	}
	st := State{Version: fields[0], Nation: fields[1]}
	if fields[2] == "" {
		return st, nil
	}
	pairs := strings.Split(fields[2], ",")
	if len(pairs) > maxAnswers {
		return State{}, fmt.Errorf("%w: too many answers", errState)
	}
	for _, p := range pairs {
		q, o, ok := strings.Cut(p, ":")
		if !ok || !stateID.MatchString(q) || !stateID.MatchString(o) {
			return State{}, errState
		}
		st.Answers = append(st.Answers, rules.Answer{Question: q, Option: o})
	}
	return st, nil
}

// With returns the state with one more answer.
func (s State) With(a rules.Answer) State {
	s.Answers = append(s.Answers[:len(s.Answers):len(s.Answers)], a)
	return s
}

// Upto returns the state with only the first n answers.
func (s State) Upto(n int) State {
	s.Answers = s.Answers[:n:n]
	return s
}
