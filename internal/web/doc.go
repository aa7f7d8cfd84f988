// Package web serves the checker: one question per page, server-rendered,
// working without JavaScript. The server is stateless: the answers travel
// in a hidden form field, are replayed through the rules on every request,
// and never appear in a URL, a cookie or a log line.
package web
