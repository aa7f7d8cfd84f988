package rules

import (
	"fmt"
	"sync"
	"time"

	"github.com/patientsnotpassports/checker/internal/strictyaml"
	"gopkg.in/yaml.v3"
)

// A Date is a calendar day, as the law and its commencement orders speak.
type Date struct {
	time.Time
}

const dateLayout = "2006-01-02"

// ParseDate parses a day written as 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// london is the UK's time zone, read once: every step of the flow asks
// for today.
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// Today returns the current day in the UK.
func Today() Date {
	y, m, d := time.Now().In(london()).Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(dateLayout)
}

// UnmarshalYAML reads a date scalar such as 2026-11-25.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a date, found %s", n.Line, strictyaml.NodeKind(n))
	}
	parsed, err := ParseDate(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*d = parsed
	return nil
}

// MarshalText writes the date as YYYY-MM-DD (for JSON output).
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// Period is an optional from/until range during which a rule applies.
// Both ends are inclusive; a zero end is open.
type Period struct {
	From  Date `yaml:"from"`
	Until Date `yaml:"until"`
}

// Contains reports whether day falls within the period.
func (p Period) Contains(day Date) bool {
	if !p.From.IsZero() && day.Before(p.From.Time) {
		return false
	}
	if !p.Until.IsZero() && day.After(p.Until.Time) {
		return false
	}
	return true
}

// overlaps reports whether two periods share at least one day.
func (p Period) overlaps(q Period) bool {
	if !p.Until.IsZero() && !q.From.IsZero() && p.Until.Before(q.From.Time) {
		return false
	}
	if !q.Until.IsZero() && !p.From.IsZero() && q.Until.Before(p.From.Time) {
		return false
	}
	return true
}
