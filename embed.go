// Package checker embeds the NHS charging checker's data: the rules, the
// translations and the static files, so the binary is the whole app.
package checker

import "embed"

// Files holds rules/, locales/ and static/.
//
//go:embed rules locales static
var Files embed.FS
