package web

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/patientsnotpassports/checker/internal/rules"
)

// State is where a person is in the checker. It travels only in the body
// of each form (a hidden field), never in a URL, a cookie or the server's
// memory. It carries no secret: it is checked by replaying the answers
// through the tree, so any copy of the server (or the offline page) can
// read it.
//
// Written form, fields joined by "|":
//
//	2|rules version|nation|answers|ahead|options
//
// answers and ahead are "question:option" pairs joined by ","; options are
// "key=value" pairs joined by ",": d (date of care, YYYY-MM-DD), s (staff
// view, 1) and c (companion language tag).
type State struct {
	// Rules is the version of the rules the answers were given under.
	Rules   string
	Nation  string
	Answers []rules.Answer
	// Ahead holds answers given beyond the current question before a Back
	// or Change, offered again (pre-selected) when their question comes
	// round, so nobody types the same answer twice.
	Ahead []rules.Answer
	// CareDate is the day care was given, for a bill already received; the
	// tree is then walked as the law stood on that day.
	CareDate rules.Date
	// Staff shows results in the words NHS staff need.
	Staff bool
	// Companion is a second language shown under the first.
	Companion string
}

// stateFormat is the version of the written form. A state in any other
// form was made by another release: the person starts again, never gets
// an answer read the wrong way.
const stateFormat = "2"

// maxAnswers bounds the answers a state may hold; the longest path in any
// tree is far shorter.
const maxAnswers = 64

var (
	// errState is a state that cannot be read: tampered or truncated.
	errState = errors.New("the answers could not be read")
	// errStateOld is a state made by another release or other rules.
	errStateOld = errors.New("the answers were given under other rules")

	stateID   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	versionID = regexp.MustCompile(`^[a-z0-9]+$`)
	langID    = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

func (s State) String() string {
	var opts []string
	if !s.CareDate.IsZero() {
		opts = append(opts, "d="+s.CareDate.String())
	}
	if s.Staff {
		opts = append(opts, "s=1")
	}
	if s.Companion != "" {
		opts = append(opts, "c="+s.Companion)
	}
	return strings.Join([]string{stateFormat, s.Rules, s.Nation, pairs(s.Answers), pairs(s.Ahead), strings.Join(opts, ",")}, "|")
}

func pairs(as []rules.Answer) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Question + ":" + a.Option
	}
	return strings.Join(parts, ",")
}

// ParseState reads a state written by String, checking its shape only;
// whether the answers fit the tree is checked by replaying them. It
// returns errStateOld for a state of another format, errState for one
// that cannot be read.
func ParseState(s string) (State, error) {
	fields := strings.Split(s, "|")
	if len(fields) > 0 && fields[0] != stateFormat {
		if len(fields) >= 3 && versionID.MatchString(fields[0]) {
			return State{}, errStateOld // the form before format 2: version|nation|answers
		}
		return State{}, errState
	}
	if len(fields) != 6 || !versionID.MatchString(fields[1]) || !stateID.MatchString(fields[2]) {
		return State{}, errState
	}
	st := State{Rules: fields[1], Nation: fields[2]}
	var err error
	if st.Answers, err = parsePairs(fields[3]); err != nil {
		return State{}, err
	}
	if st.Ahead, err = parsePairs(fields[4]); err != nil {
		return State{}, err
	}
	if fields[5] == "" {
		return st, nil
	}
	seen := map[string]bool{}
	for _, opt := range strings.Split(fields[5], ",") {
		k, v, ok := strings.Cut(opt, "=")
		if !ok || seen[k] {
			return State{}, errState
		}
		seen[k] = true
		switch k {
		case "d":
			if st.CareDate, err = rules.ParseDate(v); err != nil {
				return State{}, errState
			}
		case "s":
			if v != "1" {
				return State{}, errState
			}
			st.Staff = true
		case "c":
			if !langID.MatchString(v) {
				return State{}, errState
			}
			st.Companion = v
		default:
			return State{}, errState
		}
	}
	return st, nil
}

func parsePairs(s string) ([]rules.Answer, error) {
	if s == "" {
		return nil, nil
	}
	ps := strings.Split(s, ",")
	if len(ps) > maxAnswers {
		return nil, fmt.Errorf("%w: too many answers", errState)
	}
	out := make([]rules.Answer, 0, len(ps))
	for _, p := range ps {
		q, o, ok := strings.Cut(p, ":")
		if !ok || !stateID.MatchString(q) || !stateID.MatchString(o) {
			return nil, errState
		}
		out = append(out, rules.Answer{Question: q, Option: o})
	}
	return out, nil
}

// Answer returns the state with one more answer. The question's kept
// answer, if any, is used up.
func (s State) Answer(a rules.Answer) State {
	s.Answers = append(s.Answers[:len(s.Answers):len(s.Answers)], a)
	s.Ahead = without(s.Ahead, a.Question)
	return s
}

// Rewind returns the state with only the first n answers; the answers
// after them are kept ahead, to be offered again.
func (s State) Rewind(n int) State {
	ahead := append([]rules.Answer{}, s.Answers[n:]...)
	for _, a := range s.Ahead {
		if kept(ahead, a.Question) == "" {
			ahead = append(ahead, a)
		}
	}
	s.Answers = s.Answers[:n:n]
	s.Ahead = ahead
	return s
}

// Kept returns the option kept ahead for a question, or "".
func (s State) Kept(question string) string { return kept(s.Ahead, question) }

// Prune drops the answers kept ahead whose questions can no longer be
// reached.
func (s State) Prune(reachable func(question string) bool) State {
	var ahead []rules.Answer
	for _, a := range s.Ahead {
		if reachable(a.Question) {
			ahead = append(ahead, a)
		}
	}
	s.Ahead = ahead
	return s
}

func kept(as []rules.Answer, question string) string {
	for _, a := range as {
		if a.Question == question {
			return a.Option
		}
	}
	return ""
}

func without(as []rules.Answer, question string) []rules.Answer {
	var out []rules.Answer
	for _, a := range as {
		if a.Question != question {
			out = append(out, a)
		}
	}
	return out
}
