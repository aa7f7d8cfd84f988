// Package i18n holds the translated messages and the languages they are in.
//
// Every word the checker shows is a go-i18n message. English is the
// reference: every other language may lack messages (they fall back to
// English) but must not invent ids English does not have.
package i18n

import (
	"fmt"
	"github.com/patientsnotpassports/checker/internal/strictyaml"
	"io/fs"
	"path"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
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
	Line     int    `yaml:"-"`
}

// RTL reports whether the language is written right to left.
func (l *Language) RTL() bool { return l.Dir == "rtl" }

// A Catalog is every language's messages.
type Catalog struct {
	Languages []*Language
	bundle    *goi18n.Bundle
	ids       map[string]map[string]string // tag -> id -> text
	matcher   language.Matcher
	tags      []language.Tag
}

// Load reads languages.yaml and one <tag>.yaml message file per language
// from dir in fsys.
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
		Languages: lf.Languages,
		bundle:    goi18n.NewBundle(language.English),
		ids:       map[string]map[string]string{},
	}
	c.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	if len(c.Languages) == 0 || c.Languages[0].Tag != Reference {
		return nil, fmt.Errorf("%s: the first language must be %q, the reference", LanguagesFile, Reference)
	}
	for _, l := range c.Languages {
		tag, err := language.Parse(l.Tag)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad language tag %q: %w", LanguagesFile, l.Line, l.Tag, err)
		}
		if l.Dir != "ltr" && l.Dir != "rtl" {
			return nil, fmt.Errorf("%s:%d: language %q: dir must be ltr or rtl, not %q", LanguagesFile, l.Line, l.Tag, l.Dir)
		}
		if l.Name == "" || l.English == "" {
			return nil, fmt.Errorf("%s:%d: language %q needs its name and its English name", LanguagesFile, l.Line, l.Tag)
		}
		if c.ids[l.Tag] != nil {
			return nil, fmt.Errorf("%s:%d: language %q listed twice", LanguagesFile, l.Line, l.Tag)
		}
		file := path.Join(dir, l.Tag+".yaml")
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read messages: %w", err)
		}
		mf, err := c.bundle.ParseMessageFileBytes(data, file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if mf.Tag != tag {
			return nil, fmt.Errorf("%s: file is for %s, want %s", file, mf.Tag, tag)
		}
		texts := map[string]string{}
		for _, m := range mf.Messages {
			texts[m.ID] = m.Other
		}
		// More messages may live beside the main file, one file a topic,
		// as <tag>/<topic>.<tag>.yaml; an id is defined once.
		extra, err := fs.Glob(fsys, path.Join(dir, l.Tag, "*."+l.Tag+".yaml"))
		if err != nil {
			return nil, fmt.Errorf("list messages of %s: %w", l.Tag, err)
		}
		sort.Strings(extra)
		for _, file := range extra {
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				return nil, fmt.Errorf("read messages: %w", err)
			}
			mf, err := c.bundle.ParseMessageFileBytes(data, file)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			for _, m := range mf.Messages {
				if _, dup := texts[m.ID]; dup {
					return nil, fmt.Errorf("%s: message %q is already defined for %s", file, m.ID, l.Tag)
				}
				texts[m.ID] = m.Other
			}
		}
		c.ids[l.Tag] = texts
		c.tags = append(c.tags, tag)
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
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
		for _, id := range c.IDs(l.Tag) {
			if l.Tag != Reference && !c.Has(Reference, id) {
				problems = append(problems, fmt.Sprintf("%s.yaml: message %q does not exist in %s.yaml", l.Tag, id, Reference))
				continue
			}
			if _, err := loc.text(id, nil); err != nil {
				problems = append(problems, fmt.Sprintf("%s.yaml: message %q: %v", l.Tag, id, err))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return nil
}
