package web

import "strings"

// Paths builds every address of the app, so none is typed by hand in a
// template or a handler. Every page lives under its language, and may carry
// a companion language for the two-language view: /ar/... or /ar+en/...
// Answers never appear in an address.
type Paths struct {
	Lang      string
	Companion string
}

// Route patterns, for the router only.
const (
	routeHealth    = "/healthz"
	routeStatic    = "/static/*"
	routeHome      = "/"
	routeLangTop   = "/:lang"
	routeStart     = "/:lang/"
	routeCheck     = "/:lang/check"
	routeHelp      = "/:lang/help/:page"
	routeStaff     = "/:lang/staff/:nation"
	routeRules     = "/:lang/rules/:nation"
	routeMermaid   = "/:lang/rules/:nation/mermaid"
	routeChallenge = "/:lang/challenge/:nation"
	routeBill      = "/:lang/bill"
	routePayFirst  = "/:lang/pay-first/:nation"
	routeClinician = "/:lang/pay-first/:nation/letter"
	routeStaffRef  = "/:lang/staff/:nation/reference"
	routeManifest  = "/:lang/manifest.webmanifest"
	routeOffline   = "/:lang/offline/:file"
	routeRemove    = "/:lang/offline/remove"
	routeWorker    = "/sw.js"
)

// companionSep joins a language and its companion in the first segment.
const companionSep = "+"

// parseLangSegment splits the first path segment into the language and
// its companion, if any.
func parseLangSegment(seg string) (lang, companion string) {
	lang, companion, _ = strings.Cut(seg, companionSep)
	return lang, companion
}

func (p Paths) prefix() string {
	if p.Companion != "" {
		return "/" + p.Lang + companionSep + p.Companion
	}
	return "/" + p.Lang
}

// In returns the paths of the same pages in another language, keeping no
// companion (the companion view is chosen again in the new language).
func (p Paths) In(lang string) Paths { return Paths{Lang: lang} }

// Alone returns the paths without the companion language.
func (p Paths) Alone() Paths { return Paths{Lang: p.Lang} }

// With returns the paths with a companion language.
func (p Paths) With(companion string) Paths { return Paths{Lang: p.Lang, Companion: companion} }

// Start is the start page.
func (p Paths) Start() string { return p.prefix() + "/" }

// Check is where every step of the flow is posted.
func (p Paths) Check() string { return p.prefix() + "/check" }

// Help is a help page.
func (p Paths) Help(slug string) string { return p.prefix() + "/help/" + slug }

// Staff is a nation's quick reference for NHS staff.
func (p Paths) Staff(nation string) string { return p.prefix() + "/staff/" + nation }

// Rules is a nation's whole tree, for reviewers.
func (p Paths) Rules(nation string) string { return p.prefix() + "/rules/" + nation }

// Bill is the start of the route for a bill about care already given.
func (p Paths) Bill() string { return p.prefix() + "/bill" }

// Challenge is a nation's page on challenging a charging decision.
func (p Paths) Challenge(nation string) string { return p.prefix() + "/challenge/" + nation }

// PayFirst is a nation's page for someone asked to pay before care.
func (p Paths) PayFirst(nation string) string { return p.prefix() + "/pay-first/" + nation }

// ClinicianLetter is the printable letter asking a clinician to assess
// and record how urgent care is.
func (p Paths) ClinicianLetter(nation string) string { return p.PayFirst(nation) + "/letter" }

// StaffReference is a nation's longer online reference for NHS staff.
func (p Paths) StaffReference(nation string) string { return p.Staff(nation) + "/reference" }

// Mermaid is a nation's tree as Mermaid text.
func (p Paths) Mermaid(nation string) string { return p.Rules(nation) + "/mermaid" }

// Manifest is the language's web app manifest.
func (p Paths) Manifest() string { return "/" + p.Lang + "/manifest.webmanifest" }

// OfflineData is the language's offline data (tree and texts) of a version.
func (p Paths) OfflineData(version string) string {
	return "/" + p.Lang + "/offline/" + version + ".json"
}

// RemoveOffline is where "Remove from this phone" is posted.
func (p Paths) RemoveOffline() string { return "/" + p.Lang + "/offline/remove" }

// Worker is the service worker's one stable address; its scope is the
// whole site.
func (p Paths) Worker() string { return routeWorker }

// A place is a GET page, as a function of its paths, so the same page can
// be linked in every other language.
type place func(Paths) string

func startPlace(p Paths) string { return p.Start() }

func helpPlace(slug string) place { return func(p Paths) string { return p.Help(slug) } }

func staffPlace(nation string) place { return func(p Paths) string { return p.Staff(nation) } }

func billPlace(p Paths) string { return p.Bill() }

func challengePlace(nation string) place { return func(p Paths) string { return p.Challenge(nation) } }

func payFirstPlace(nation string) place { return func(p Paths) string { return p.PayFirst(nation) } }

func clinicianPlace(nation string) place {
	return func(p Paths) string { return p.ClinicianLetter(nation) }
}

func staffRefPlace(nation string) place {
	return func(p Paths) string { return p.StaffReference(nation) }
}

func rulesPlace(nation string) place { return func(p Paths) string { return p.Rules(nation) } }

// staticPath is the address of a static file under its content hash, so
// it can be cached for ever.
func staticPath(hash, name string) string { return "/static/" + hash + "/" + name }
