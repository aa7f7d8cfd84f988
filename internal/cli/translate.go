package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/patientsnotpassports/checker/internal/i18n"
)

// The translation workflow, as go-i18n's goi18n extract and merge: extract
// writes, for one language, every message to translate (missing, or stale
// because the English changed) with its English text, its description and
// its hash; a translator fills in "other" and keeps the hash; merge writes
// the translations into locales/<tag>.json, where the hash tells later
// loads which English each was made from.

type translateMessage struct {
	Description string `json:"description,omitempty"`
	Hash        string `json:"hash"`
	Other       string `json:"other"`
}

func translate(files fs.FS, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("say extract, merge or glossary (pnp translate extract -lang TAG; pnp translate merge -lang TAG FILE...; pnp translate glossary -lang TAG)")
	}
	fl := flag.NewFlagSet("translate "+args[0], flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d data
	d.flags(fl)
	lang := fl.String("lang", "", "the language `tag`")
	dir := fl.String("dir", "locales", "where merge writes <tag>.json")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	_, cat, err := d.load(files)
	if err != nil {
		return err
	}
	if cat.Language(*lang) == nil || *lang == i18n.Reference {
		return fmt.Errorf("-lang %q is not a translated language in languages.yaml", *lang)
	}
	lfs, ldir := d.localesFS(files)
	gloss, err := i18n.LoadGlossary(lfs, ldir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	switch args[0] {
	case "extract":
		return extract(cat, gloss, *lang, stdout)
	case "glossary":
		if gloss == nil {
			return fmt.Errorf("no %s in the locales", i18n.GlossaryFile)
		}
		for _, m := range gloss.Misses(cat, *lang) {
			fmt.Fprintf(stdout, "%s: uses %q in English; the glossary's %s is %q\n", m.ID, m.Term, *lang, m.Want)
		}
		return nil
	case "merge":
		return merge(cat, *lang, filepath.Join(*dir, *lang+".json"), fl.Args())
	}
	return fmt.Errorf("unknown translate command %q", args[0])
}

// extract writes the messages a language lacks or has stale. Each
// message's description names the glossary terms its English uses, with
// the language's agreed rendering, so the translator uses the same words
// the other pages do.
func extract(cat *i18n.Catalog, gloss *i18n.Glossary, lang string, w io.Writer) error {
	out := map[string]translateMessage{}
	for _, id := range cat.IDs(i18n.Reference) {
		if _, ok := cat.Text(lang, id); ok {
			continue
		}
		en, _ := cat.Text(i18n.Reference, id)
		desc := cat.Description(id)
		if gloss != nil {
			for _, t := range gloss.Uses(en) {
				desc += fmt.Sprintf(" Glossary: %q is %q (%s).", t.Term, t.Renderings[lang], t.Gloss)
			}
		}
		out[id] = translateMessage{Description: desc, Hash: cat.HashOf(id), Other: en}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// merge adds translated messages to the language's file: each keeps the
// hash it was extracted with, so one made from older English stays stale.
func merge(cat *i18n.Catalog, lang, file string, inputs []string) error {
	doc := map[string]translateMessage{}
	if data, err := os.ReadFile(file); err == nil {
		if err := json.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			return err
		}
		var add map[string]translateMessage
		if err := json.Unmarshal(data, &add); err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
		for id, m := range add {
			if cat.HashOf(id) == "" {
				return fmt.Errorf("%s: message %q does not exist in English", in, id)
			}
			doc[id] = translateMessage{Hash: m.Hash, Other: m.Other}
		}
	}
	ids := make([]string, 0, len(doc))
	for id := range doc {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
