package i18n

import (
	"errors"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// A Localizer gives the messages of one language, falling back to the
// reference language for messages not yet translated.
type Localizer struct {
	Lang    *Language
	catalog *Catalog
	loc     *goi18n.Localizer
}

// Localizer returns the localizer of a language (the reference if the tag
// is not offered).
func (c *Catalog) Localizer(tag string) *Localizer {
	l := c.Language(tag)
	if l == nil {
		l = c.Languages[0]
	}
	return &Localizer{Lang: l, catalog: c, loc: goi18n.NewLocalizer(c.bundle, l.Tag, Reference)}
}

// T returns the message id rendered with data (a map or struct, or nil).
// A missing message returns the id itself, so a gap is visible, never blank;
// pnp check makes sure no reference message is missing.
func (l *Localizer) T(id string, data any) string {
	s, err := l.text(id, data)
	if err != nil {
		return id
	}
	return s
}

// First returns the first of the ids that exists, rendered.
func (l *Localizer) First(ids ...string) string {
	for _, id := range ids {
		if l.Has(id) {
			return l.T(id, nil)
		}
	}
	return ids[0]
}

// Has reports whether the message exists in this language or the reference.
func (l *Localizer) Has(id string) bool {
	return l.catalog.Has(l.Lang.Tag, id) || l.catalog.Has(Reference, id)
}

// Translated reports whether the language has its own text for id, as
// opposed to falling back to English.
func (l *Localizer) Translated(id string) bool {
	return l.catalog.Has(l.Lang.Tag, id)
}

func (l *Localizer) text(id string, data any) (string, error) {
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	// go-i18n reports a fallback to English as an error, with the text.
	var notFound *goi18n.MessageNotFoundErr
	if errors.As(err, &notFound) && s != "" {
		return s, nil
	}
	return s, err
}
