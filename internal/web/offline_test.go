package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestPerLanguage(t *testing.T) {
	ts := newServer(t, correctOn(t))
	for _, l := range ts.cat.Languages {
		p := ts.do(t, "GET", "/"+l.Tag+"/manifest.webmanifest", nil)
		require.Equal(t, http.StatusOK, p.status)
		assert.Equal(t, "application/manifest+json", p.header.Get("Content-Type"))
		var m struct {
			Name, ShortName, Description, StartURL, Scope, Display, ThemeColor, BackgroundColor string
			Icons                                                                            []struct{ Src, Sizes, Purpose string }
		}
		require.NoError(t, json.Unmarshal([]byte(strings.NewReplacer(`"short_name"`, `"ShortName"`, `"start_url"`, `"StartURL"`,
			`"theme_color"`, `"ThemeColor"`, `"background_color"`, `"BackgroundColor"`).Replace(p.body)), &m))
		loc := ts.cat.Localizer(l.Tag)
		assert.Equal(t, loc.T("offline.app-name", nil), m.Name)
		assert.Equal(t, loc.T("offline.app-short-name", nil), m.ShortName)
		assert.Equal(t, "/"+l.Tag+"/", m.StartURL)
		assert.Equal(t, "/"+l.Tag+"/", m.Scope)
		assert.Equal(t, "standalone", m.Display)
		assert.NotEmpty(t, m.ThemeColor)
		assert.NotEmpty(t, m.BackgroundColor)
		var sizes []string
		for _, i := range m.Icons {
			sizes = append(sizes, i.Sizes+" "+i.Purpose)
			icon := ts.do(t, "GET", i.Src, nil)
			assert.Equal(t, http.StatusOK, icon.status, i.Src)
			assert.Equal(t, "image/png", icon.header.Get("Content-Type"))
		}
		assert.ElementsMatch(t, []string{"192x192 any", "512x512 any", "512x512 maskable"}, sizes)
		start := ts.do(t, "GET", "/"+l.Tag+"/", nil)
		assert.Contains(t, start.body, `<link rel="manifest" href="/`+l.Tag+`/manifest.webmanifest">`)
	}
}

func TestServiceWorkerScript(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "GET", "/sw.js", nil)
	require.Equal(t, http.StatusOK, p.status)
	assert.Equal(t, "no-cache", p.header.Get("Cache-Control"))
	assert.Equal(t, "text/javascript; charset=utf-8", p.header.Get("Content-Type"))
	assert.Contains(t, p.body, `const VERSION = "`+ts.srv.OfflineVersion()+`";`)
	assert.Regexp(t, `import \{ assemble \} from "/static/[0-9a-f]+/offline\.mjs";`, p.body)
	assert.NotContains(t, p.body, "localStorage")
	assert.NotContains(t, p.body, "indexedDB")
	// Offered on the start page and help pages, explained, with a form to
	// remove it that works without JavaScript.
	for _, path := range []string{"/en/", "/en/help/bill"} {
		page := ts.do(t, "GET", path, nil)
		assert.Contains(t, page.body, `data-offline-keep hidden`, path)
		assert.Contains(t, page.body, `action="/en/offline/remove"`, path)
		assert.Contains(t, strings.ToLower(page.body), "someone with the phone could see", "%s: %s", path, "the risk is said")
	}
}

func TestOfflineData(t *testing.T) {
	ts := newServer(t, correctOn(t))
	v := ts.srv.OfflineVersion()
	assert.Regexp(t, `^[0-9a-f]{16}$`, v)
	p := ts.do(t, "GET", "/en/offline/"+v+".json", nil)
	require.Equal(t, http.StatusOK, p.status)
	assert.Contains(t, p.header.Get("Cache-Control"), "immutable")
	var d struct {
		Version, Rules string
		Nations        map[string]struct {
			Start     string
			Questions map[string]struct {
				Route   bool
				Options []struct{ ID, Next, Label string }
			}
			Outcomes map[string]struct{ Kind, Title string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(p.body), &d))
	assert.Equal(t, v, d.Version)
	assert.Equal(t, ts.set.Version, d.Rules)
	require.Len(t, d.Nations, len(ts.set.Nations))
	for _, n := range ts.set.Nations {
		tree := ts.set.Tree(n)
		assert.Len(t, d.Nations[n].Questions, len(tree.Questions), n)
		assert.Len(t, d.Nations[n].Outcomes, len(tree.Outcomes), n)
		for _, q := range tree.Questions {
			assert.Equal(t, q.Route, d.Nations[n].Questions[q.ID].Route)
			assert.Len(t, d.Nations[n].Questions[q.ID].Options, len(q.Options))
		}
	}
	// Another version is not there: a worker never keeps a mix.
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/offline/0000000000000000.json", nil).status)
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/xx/offline/"+v+".json", nil).status)
	// The data holds no answers and no state.
	assert.NotRegexp(t, regexp.MustCompile(`"state"`), p.body)
}

func TestRemoveFromThisPhone(t *testing.T) {
	ts := newServer(t, correctOn(t))
	p := ts.do(t, "POST", "/en/offline/remove", url.Values{})
	require.Equal(t, http.StatusOK, p.status, p.body)
	assert.Equal(t, `"cache", "storage"`, p.header.Get("Clear-Site-Data"))
	assert.Equal(t, "no-store", p.header.Get("Cache-Control"))
	assert.Contains(t, p.body, ts.cat.Localizer("en").T("offline.removed.title", nil))
	assert.Equal(t, http.StatusNotFound, ts.do(t, "GET", "/en/offline/remove", nil).status, "nothing is removed by a link")
}
