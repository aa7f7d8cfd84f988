// Package i18n holds the translated messages and the languages they are in.
//
// Every word the checker shows is a go-i18n message. English is the
// reference: every other language may lack messages (they fall back to
// English) but must not invent ids English does not have.
package i18n

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/patientsnotpassports/checker/internal/strictyaml"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Reference is the language every message exists in.
const Reference = "en"

// LanguagesFile lists the languages, their names and who reviewed them.
const LanguagesFile = "languages.yaml"

// A Language is one language the checker is offered in.
type Language struct {
	Tag string `yaml:"tag"`
	// Name is the language's name in itself, e.g. "Français".
	Name string `yaml:"name"`
	// English is the language's name in English, for staff and logs.
	English string `yaml:"english"`
	// Dir is "rtl" for right-to-left scripts.
	Dir string `yaml:"dir"`
	// Reviewed names who, fluent in the language, reviewed it, and when.
	// Empty means machine or unreviewed translation, and the UI says so.
	Reviewed string `yaml:"reviewed"`
	// Translated says how the translation was made and when, for
	// example "machine translation, 1 December 2026".
	Translated string `yaml:"translated"`
	// FontNotice offers the English page where a phone may lack a font for
	// the language's script.
	FontNotice bool `yaml:"font_notice"`
	Line       int  `yaml:"-"`
}

// RTL reports whether the language is written right to left.
func (l *Language) RTL() bool { return l.Dir == "rtl" }

// A Catalog is every language's messages.
type Catalog struct {
	Languages    []*Language
	bundle       *goi18n.Bundle
	ids          map[string]map[string]string // tag -> id -> text
	matcher      language.Matcher
	tags         []language.Tag
	hashes       map[string]string   // English id -> hash
	descriptions map[string]string   // English id -> description for translators
	stale        map[string][]string // tag -> ids translated from older English
	orphans      map[string][]string // tag -> ids English does not have

	locMu      sync.Mutex
	localizers map[string]*Localizer
}

// Load reads languages.yaml and each language's messages from dir in fsys:
// <tag>.json (or .yaml), and topic files <tag>/<topic>.<tag>.json (or
// .yaml) beside it. English is the reference: each of its messages has a
// description for translators, and its hash (go-i18n's: sha1 of the
// description and the text) says which English a translation was made
// from. A translated message whose hash differs is stale: it is not used,
// and English is shown instead, so outdated law is never shown in
// translation.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, LanguagesFile))
	if err != nil {
		return nil, fmt.Errorf("read languages: %w", err)
	}
	var lf struct {
		Languages []*Language `yaml:"languages"`
	}
	if err := strictyaml.Decode(LanguagesFile, data, &lf); err != nil {
		return nil, err
	}
	c := &Catalog{
		Languages:    lf.Languages,
		bundle:       goi18n.NewBundle(language.English),
		ids:          map[string]map[string]string{},
		hashes:       map[string]string{},
		descriptions: map[string]string{},
		stale:        map[string][]string{},
		orphans:      map[string][]string{},
		localizers:   map[string]*Localizer{},
	}
	if len(c.Languages) == 0 || c.Languages[0].Tag != Reference {
		return nil, fmt.Errorf("%s: the first language must be %q, the reference", LanguagesFile, Reference)
	}
	for _, l := range c.Languages {
		if err := c.loadLanguage(fsys, dir, l); err != nil {
			return nil, err
		}
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

var unmarshalers = map[string]goi18n.UnmarshalFunc{"json": json.Unmarshal, "yaml": yaml.Unmarshal}

func (c *Catalog) loadLanguage(fsys fs.FS, dir string, l *Language) error {
	tag, err := language.Parse(l.Tag)
	if err != nil {
		return fmt.Errorf("%s:%d: bad language tag %q: %w", LanguagesFile, l.Line, l.Tag, err)
	}
	switch {
	case l.Dir != "ltr" && l.Dir != "rtl":
		return fmt.Errorf("%s:%d: language %q: dir must be ltr or rtl, not %q", LanguagesFile, l.Line, l.Tag, l.Dir)
	case l.Name == "" || l.English == "":
		return fmt.Errorf("%s:%d: language %q needs its name and its English name", LanguagesFile, l.Line, l.Tag)
	case c.ids[l.Tag] != nil:
		return fmt.Errorf("%s:%d: language %q listed twice", LanguagesFile, l.Line, l.Tag)
	}
	var files []string
	for _, ext := range []string{"json", "yaml"} {
		if _, err := fs.Stat(fsys, path.Join(dir, l.Tag+"."+ext)); err == nil {
			files = append(files, path.Join(dir, l.Tag+"."+ext))
		}
		topics, err := fs.Glob(fsys, path.Join(dir, l.Tag, "*."+l.Tag+"."+ext))
		if err != nil {
			return fmt.Errorf("list messages of %s: %w", l.Tag, err)
		}
		sort.Strings(topics)
		files = append(files, topics...)
	}
	if len(files) == 0 {
		return fmt.Errorf("read messages: no %s.json in %s", l.Tag, dir)
	}
	texts := map[string]string{}
	var keep []*goi18n.Message
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return fmt.Errorf("read messages: %w", err)
		}
		mf, err := goi18n.ParseMessageFileBytes(data, file, unmarshalers)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if mf.Tag != tag {
			return fmt.Errorf("%s: file is for %s, want %s", file, mf.Tag, tag)
		}
		for _, m := range mf.Messages {
			if _, dup := texts[m.ID]; dup {
				return fmt.Errorf("%s: message %q is already defined for %s", file, m.ID, l.Tag)
			}
			if l.Tag == Reference {
				c.hashes[m.ID] = Hash(m.Description, m.Other)
				c.descriptions[m.ID] = m.Description
			} else if ref, ok := c.hashes[m.ID]; !ok {
				c.orphans[l.Tag] = append(c.orphans[l.Tag], m.ID)
				continue
			} else if m.Hash != ref {
				c.stale[l.Tag] = append(c.stale[l.Tag], m.ID)
				continue
			}
			texts[m.ID] = m.Other
			keep = append(keep, m)
		}
	}
	if err := c.bundle.AddMessages(tag, keep...); err != nil {
		return fmt.Errorf("%s:%d: language %q: %w", LanguagesFile, l.Line, l.Tag, err)
	}
	c.ids[l.Tag] = texts
	c.tags = append(c.tags, tag)
	return nil
}

// Hash is the hash go-i18n's merge workflow gives a message: it names the
// English a translation was made from.
func Hash(description, text string) string {
	h := sha1.New()
	io.WriteString(h, description)
	io.WriteString(h, text)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// Description returns the note for translators of an English message.
func (c *Catalog) Description(id string) string { return c.descriptions[id] }

// Text returns a language's own text of a message (current translations
// only), and whether it has one.
func (c *Catalog) Text(tag, id string) (string, bool) {
	t, ok := c.ids[tag][id]
	return t, ok
}

// HashOf returns the hash of an English message, or "".
func (c *Catalog) HashOf(id string) string { return c.hashes[id] }

// Counts says how complete a language is: messages translated from the
// current English, stale (translated from older English, shown in English)
// and missing.
func (c *Catalog) Counts(tag string) (complete, stale, missing int) {
	complete = len(c.ids[tag])
	stale = len(c.stale[tag])
	return complete, stale, len(c.ids[Reference]) - complete - stale
}

// Stale returns the stale message ids of a language, sorted.
func (c *Catalog) Stale(tag string) []string {
	out := append([]string(nil), c.stale[tag]...)
	sort.Strings(out)
	return out
}

// Language returns the language with the given tag, or nil.
func (c *Catalog) Language(tag string) *Language {
	for _, l := range c.Languages {
		if l.Tag == tag {
			return l
		}
	}
	return nil
}

// Has reports whether the language has its own message id.
func (c *Catalog) Has(tag, id string) bool {
	_, ok := c.ids[tag][id]
	return ok
}

// IDs returns the message ids of a language, sorted.
func (c *Catalog) IDs(tag string) []string {
	ids := make([]string, 0, len(c.ids[tag]))
	for id := range c.ids[tag] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Match picks the best offered language for an Accept-Language header.
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Reference
	}
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Reference
	}
	return c.Languages[i].Tag
}

// Check reports problems across languages: ids a translation has that the
// reference lacks, and messages whose templates do not render.
func (c *Catalog) Check() error {
	var problems []string
	for _, l := range c.Languages {
		loc := c.Localizer(l.Tag)
		for _, id := range c.orphans[l.Tag] {
			problems = append(problems, fmt.Sprintf("%s: message %q does not exist in English", l.Tag, id))
		}
		for _, id := range c.IDs(l.Tag) {
			if _, err := loc.text(id, nil); err != nil {
				problems = append(problems, fmt.Sprintf("%s: message %q: %v", l.Tag, id, err))
			}
			if l.Tag != Reference && !samePlaceholders(c.ids[Reference][id], c.ids[l.Tag][id]) {
				problems = append(problems, fmt.Sprintf("%s: message %q: its placeholders differ from the English", l.Tag, id))
			}
		}
		if _, _, missing := c.Counts(l.Tag); missing > 0 {
			problems = append(problems, fmt.Sprintf("%s: %d messages are missing", l.Tag, missing))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return nil
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

// samePlaceholders reports whether two texts use the same template
// placeholders, as many times each.
func samePlaceholders(a, b string) bool {
	pa, pb := placeholder.FindAllString(a, -1), placeholder.FindAllString(b, -1)
	sort.Strings(pa)
	sort.Strings(pb)
	return slices.Equal(pa, pb)
}
