package i18n

import (
	"errors"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// FallbackOpen and FallbackClose surround a message shown in English in
// place of a missing or stale translation, so the page can mark it as
// English (see web.markFallbacks). They are private-use characters, never
// in a message.
const (
	FallbackOpen  = "\uE000"
	FallbackClose = "\uE001"
)

// StripFallbacks removes the fallback markers, for text that is not HTML.
func StripFallbacks(s string) string {
	if !strings.Contains(s, FallbackOpen) {
		return s
	}
	return strings.NewReplacer(FallbackOpen, "", FallbackClose, "").Replace(s)
}

// A Localizer gives the messages of one language, falling back to the
// reference language for messages not yet translated.
type Localizer struct {
	Lang    *Language
	catalog *Catalog
	loc     *goi18n.Localizer
	// plain holds every message without placeholders, rendered once: most
	// of a page's words, looked up without going through templates.
	plain map[string]string
}

// Localizer returns the localizer of a language (the reference if the tag
// is not offered). Localizers are made once per language and shared.
func (c *Catalog) Localizer(tag string) *Localizer {
	l := c.Language(tag)
	if l == nil {
		l = c.Languages[0]
	}
	c.locMu.Lock()
	defer c.locMu.Unlock()
	if loc := c.localizers[l.Tag]; loc != nil {
		return loc
	}
	loc := &Localizer{Lang: l, catalog: c, loc: goi18n.NewLocalizer(c.bundle, l.Tag, Reference), plain: map[string]string{}}
	for _, id := range c.IDs(Reference) {
		if text, err := loc.text(id, nil); err == nil && !strings.Contains(text, "{{") && !strings.Contains(c.ids[Reference][id], "{{") {
			loc.plain[id] = loc.mark(id, text)
		}
	}
	c.localizers[l.Tag] = loc
	return loc
}

// T returns the message id rendered with data (a map or struct, or nil).
// A missing message returns the id itself, so a gap is visible, never blank;
// pnp check makes sure no reference message is missing.
func (l *Localizer) T(id string, data any) string {
	if data == nil {
		if s, ok := l.plain[id]; ok {
			return s
		}
	}
	s, err := l.text(id, data)
	if err != nil {
		return id
	}
	return l.mark(id, s)
}

// mark surrounds a message with the fallback markers when it is shown in
// English in another language's page.
func (l *Localizer) mark(id, text string) string {
	if l.Lang.Tag == Reference || l.Translated(id) || !l.catalog.Has(Reference, id) {
		return text
	}
	return FallbackOpen + text + FallbackClose
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
