package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// assets serves static files under names that change with their content,
// so browsers may cache them for ever.
type assets struct {
	files  map[string]*blob  // name -> content, with its gzip form
	hashed map[string]string // name -> /static/<hash>/<name>
	byURL  map[string]string // /static/<hash>/<name> -> name
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{files: map[string]*blob{}, hashed: map[string]string{}, byURL: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		url := staticPath(hex.EncodeToString(sum[:])[:12], p)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" || strings.HasPrefix(ctype, "text/plain") {
			ctype = "application/octet-stream"
		}
		quality := brotliStatic
		if strings.HasPrefix(ctype, "image/png") {
			quality = 0 // compressed already
		}
		a.files[p] = newBlob(data, ctype, quality)
		a.hashed[p] = url
		a.byURL[url] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return a, nil
}

// URL returns the cacheable address of a static file.
func (a *assets) URL(name string) string {
	if u, ok := a.hashed[name]; ok {
		return u
	}
	panic("unknown static file " + name) // a template bug, found by tests
}

func (a *assets) serve(c echo.Context) error {
	name, ok := a.byURL[c.Request().URL.Path]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return a.files[name].serve(c)
}
