package rules

import (
	"slices"
)

// An Organisation is a service that helps people charged for NHS care.
// Its description is the message "org.<id>".
type Organisation struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Phone   string   `yaml:"phone"`
	Email   string   `yaml:"email"`
	URL     string   `yaml:"url"`
	Nations []string `yaml:"nations"`
	// Source says where the contact details were checked, and when.
	Source string `yaml:"source"`
	Line   int    `yaml:"-"`
}

// DescriptionID is the message id of what the organisation does.
func (o *Organisation) DescriptionID() string { return "org." + o.ID }

// Serves reports whether the organisation helps people in the nation.
func (o *Organisation) Serves(nation string) bool {
	return slices.Contains(o.Nations, nation)
}

type organisationsFile struct {
	Organisations []*Organisation `yaml:"organisations"`
}
