package loadtest

import (
	"reflect"
	"testing"
)

const page = `<html><body>
<nav class="languages"><ul><li><a href="/cy/" lang="cy" hreflang="cy">Cymraeg</a></li>
<li><a href='/ar/' hreflang='ar' dir="rtl">العربية</a></li><li><a href="/cy/" hreflang="cy">again</a></li>
<li><a href="/x" hreflang="not a tag">bad</a></li><li><a href="/en/" hreflang="en">English</a></li></ul></nav>
<p class="back-form"><button form="flow" name="action" value="back">Back</button></p>
<form id="flow" method="post" action="/en/check" novalidate>
  <input type=hidden name='question' value='home'>
  <input type="radio" name="answer" id="answer-0" value="uk">
  <input type=radio name=answer value=abroad aria-describedby="x">
  <input type="text" name="free" value="no">
</form>
<form method="post" action="/en/papers"><input type="hidden" name="state" value="other"></form>
<input type="hidden" name="state" value="2|v|england|care:gp,a:b&amp;c&#39;d||" form="flow">
<input type="hidden" name="lost" value="x" form="nowhere">
</body></html>`

func TestLanguageTags(t *testing.T) {
	if got, want := LanguageTags(page, "en"), []string{"en", "cy", "ar"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Inputs belong to the form they are in, or to the one their form
// attribute names, as in a browser.
func TestForms(t *testing.T) {
	f, ok := QuestionForm(page)
	if !ok {
		t.Fatal("no question form")
	}
	if f.Action != "/en/check" || f.Hidden.Get("question") != "home" || f.Hidden.Get("state") != "2|v|england|care:gp,a:b&c'd||" {
		t.Errorf("form %+v", f)
	}
	if got := f.Radios["answer"]; !reflect.DeepEqual(got, []string{"uk", "abroad"}) {
		t.Errorf("radios %v", got)
	}
	if f.Hidden.Has("free") || f.Hidden.Has("lost") {
		t.Errorf("hidden %v", f.Hidden)
	}
	if got := PageState(page); got != "2|v|england|care:gp,a:b&c'd||" {
		t.Errorf("PageState %q", got)
	}
	if _, ok := QuestionForm(`<form action="/x"><input type="hidden" name="state" value="s"></form>`); ok {
		t.Error("a form without answers taken for a question")
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct{ page, action, want string }{
		{"/en/", "check", "/en/check"}, {"/en/", "/cy/check", "/cy/check"}, {"/en/check", "", "/en/check"},
	} {
		if got, err := Resolve(tt.page, tt.action); err != nil || got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tt.page, tt.action, got, err, tt.want)
		}
	}
}
