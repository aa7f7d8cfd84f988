package web_test

import (
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	checker "github.com/patientsnotpassports/checker"
	"github.com/patientsnotpassports/checker/internal/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	inEnglish = regexp.MustCompile(`(?s)<(\w+)[^>]*\blang="en"[^>]*>.*?</(\w+)>`)
	spaces    = regexp.MustCompile(`\s+`)
)

// visible is a page's text outside elements marked as English.
func visible(page string) string {
	if _, body, ok := strings.Cut(page, "<body"); ok {
		page = body
	}
	page = inEnglish.ReplaceAllString(page, " ")
	return spaces.ReplaceAllString(htmlTag.ReplaceAllString(page, " "), " ")
}

// Every kind of page, in every language, says which language it is in,
// shows no message id, and shows no English sentence unless it is marked
// as English (the two-language view, a stale translation, the way to the
// English page).
func TestEveryPageInEveryLanguage(t *testing.T) {
	t.Parallel()
	ts := newServer(t, correctOn(t))
	en := ts.cat.Localizer(i18n.Reference)
	var english []string // English messages long enough to be sentences
	for _, id := range ts.cat.IDs(i18n.Reference) {
		if text := en.T(id, nil); len(strings.Fields(text)) >= 5 && !strings.Contains(text, "{{") {
			english = append(english, text)
		}
	}
	ids := ts.cat.IDs(i18n.Reference)
	for _, l := range ts.cat.Languages {
		dir := "ltr"
		if l.RTL() {
			dir = "rtl"
		}
		pages := map[string]string{}
		for _, path := range []string{"/", "/help/bill", "/help/gp", "/staff/scotland", "/staff/wales/reference", "/challenge/england",
			"/pay-first/northern-ireland", "/pay-first/england/letter", "/bill", "/rules/wales", "/nowhere"} {
			pages["GET "+path] = ts.do(t, "GET", "/"+l.Tag+path, nil).body
		}
		q := ts.do(t, "POST", "/"+l.Tag+"/check", url.Values{"action": {"start"}, "nation": {"england"}})
		pages["question"] = q.body
		r := ts.do(t, "POST", "/"+l.Tag+"/check", url.Values{"action": {"next"}, "state": {field(t, stateField, q.body)}, "question": {"care"}, "answer": {"hospital"}})
		pages["second question"] = r.body
		for _, doc := range []string{"sheet", "person-sheet"} {
			res := walkIn(t, ts, l.Tag, "england", "gp")
			pages[doc] = ts.do(t, "POST", "/"+l.Tag+"/check", url.Values{"action": {doc}, "state": {field(t, stateField, res.body)}}).body
		}
		pages["result"] = walkIn(t, ts, l.Tag, "england", "hospital", "none", "uk", "asylum", "waiting").body
		for name, page := range pages {
			t.Run(l.Tag+"/"+name, func(t *testing.T) {
				require.Contains(t, page, `<html lang="`+l.Tag+`" dir="`+dir+`"`)
				text := visible(page)
				for _, id := range ids {
					if strings.Count(id, ".") >= 2 && strings.Contains(text, " "+id+" ") {
						t.Errorf("raw message id %q on the page", id)
					}
				}
				if l.Tag == i18n.Reference {
					return
				}
				for _, s := range english {
					if strings.Contains(text, s) {
						t.Errorf("English left unmarked: %q", s)
						break
					}
				}
			})
		}
	}
}

// walkIn answers questions in order in a language.
func walkIn(t *testing.T, ts *testServer, lang, nation string, answers ...string) page {
	t.Helper()
	p := ts.do(t, "POST", "/"+lang+"/check", url.Values{"action": {"start"}, "nation": {nation}})
	for _, a := range answers {
		p = ts.do(t, "POST", "/"+lang+"/check", url.Values{"action": {"next"}, "state": {field(t, stateField, p.body)},
			"question": {field(t, questionField, p.body)}, "answer": {a}})
		require.Equal(t, 200, p.status, p.body)
	}
	return p
}

// Every language the checker offers loads with no message missing.
func TestEveryLanguageIsComplete(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, l := range ts.cat.Languages {
		complete, stale, missing := ts.cat.Counts(l.Tag)
		assert.Zero(t, missing, "%s: %d messages missing", l.Tag, missing)
		assert.Positive(t, complete+stale, l.Tag)
	}
}

// A message translated from older English is shown in English, inside an
// element marked as English and followed by a note in the page's language;
// where markup cannot go (an attribute, the title) it is plain English.
func TestStaleTranslationIsMarked(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, checker.Files))
	file := filepath.Join(dir, "locales", "ar.json")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc map[string]map[string]string
	require.NoError(t, json.Unmarshal(data, &doc))
	stale := []string{"ui.continue", "ui.service-name", "ui.exit-region"}
	for _, id := range stale {
		doc[id]["hash"] = "sha1-0" // translated from some older English
	}
	data, err = json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o644))
	cat, err := i18n.Load(os.DirFS(dir), "locales")
	require.NoError(t, err)
	ts := newServerWith(t, correctOn(t), cat)
	en, ar := cat.Localizer(i18n.Reference), cat.Localizer("ar")
	note := i18n.StripFallbacks(ar.T("ui.fallback-note", nil))

	q := ts.do(t, "POST", "/ar/check", url.Values{"action": {"start"}, "nation": {"england"}})
	require.Equal(t, 200, q.status)
	for _, page := range []string{q.body, ts.do(t, "GET", "/ar/help/gp", nil).body} {
		assert.NotContains(t, page, i18n.FallbackOpen)
		assert.NotContains(t, page, i18n.FallbackClose)
		assert.Contains(t, page, `<span lang="en" dir="ltr" class="fallback">`+en.T("ui.service-name", nil)+`</span><span class="fallback__note"> `+html.EscapeString(note)+`</span>`)
		assert.Contains(t, page, `aria-label="`+html.EscapeString(en.T("ui.exit-region", nil))+`"`)
		assert.Regexp(t, `<title>[^<]*`+regexp.QuoteMeta(html.EscapeString(en.T("ui.service-name", nil)))+`</title>`, page)
	}
	assert.Contains(t, q.body, `<span lang="en" dir="ltr" class="fallback">`+en.T("ui.continue", nil)+`</span>`)
	assert.NotContains(t, visible(q.body), en.T("ui.continue", nil), "outside the marked element")
	// The same page compressed is the same page.
	z := ts.do(t, "POST", "/ar/check", url.Values{"action": {"start"}, "nation": {"england"}}, "Accept-Encoding", "gzip")
	assert.Equal(t, q.body, unpack(t, z))
	// The manifest is not HTML: no markers, no markup.
	m := ts.do(t, "GET", "/ar/manifest.webmanifest", nil)
	assert.NotContains(t, m.body, i18n.FallbackOpen)
	assert.NotContains(t, m.body, "<span")
}
