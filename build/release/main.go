// Command release fills in the Wails templates for a release build, the way `wails
// build` would, from wails.json and the version: reproducibly, so that nothing under
// build/windows is ever edited by hand. scripts/dist.sh runs it.
//
//	go run ./build/release -version 0.2.0 -out build/dist/.work/windows
//
// It writes into -out:
//
//	installer/project.nsi, installer/wails_tools.nsh   the NSIS script (build/windows/installer)
//	installer/tmp/MicrosoftEdgeWebview2Setup.exe       the WebView2 bootstrapper, from the Wails module
//	icon.ico                                           build/windows/icon.ico
//	app.manifest                                       build/windows/wails.exe.manifest, filled in
//	winres.json                                        icon, manifest and version information for go-winres
//
// The templates use Go's text/template with the names Wails gives them ({{.Name}},
// {{.Info.ProductVersion}}, …), so they can be refreshed from a newer Wails module.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
)

// project is the part of wails.json the templates use (Wails' project.Project).
type project struct {
	Name           string `json:"name"`
	OutputFilename string `json:"outputfilename"`
	Info           info   `json:"info"`
}

type info struct {
	CompanyName      string `json:"companyName"`
	ProductName      string `json:"productName"`
	ProductVersion   string `json:"productVersion"`
	Copyright        string `json:"copyright"`
	Comments         string `json:"comments"`
	FileAssociations []struct {
		Ext, Name, Description, IconName, Role string
	} `json:"fileAssociations"`
	Protocols []struct {
		Scheme, Description, Role string
	} `json:"protocols"`
}

func main() {
	root := flag.String("root", ".", "repository root (holds wails.json and build/)")
	version := flag.String("version", "", "the version, as `involve version` prints it (required)")
	out := flag.String("out", "", "output folder (required)")
	wailsDir := flag.String("wails", "", "the Wails module folder (default: `go list -m` of github.com/wailsapp/wails/v2)")
	flag.Parse()
	if *version == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*root, *version, *out, *wailsDir); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(root, version, out, wailsDir string) error {
	p, err := readProject(filepath.Join(root, "wails.json"))
	if err != nil {
		return err
	}
	p.Info.ProductVersion = NumericVersion(version, 3)
	if wailsDir == "" {
		if wailsDir, err = moduleDir(root, "github.com/wailsapp/wails/v2"); err != nil {
			return err
		}
	}
	win := filepath.Join(root, "build", "windows")
	for _, f := range []struct{ tmpl, dst string }{
		{filepath.Join(win, "installer", "project.nsi"), filepath.Join(out, "installer", "project.nsi")},
		{filepath.Join(win, "installer", "wails_tools.nsh"), filepath.Join(out, "installer", "wails_tools.nsh")},
		{filepath.Join(win, "wails.exe.manifest"), filepath.Join(out, "app.manifest")},
	} {
		if err := fill(f.tmpl, f.dst, p); err != nil {
			return err
		}
	}
	copies := []struct{ src, dst string }{
		{filepath.Join(win, "icon.ico"), filepath.Join(out, "icon.ico")},
		{filepath.Join(wailsDir, "internal", "webview2runtime", "MicrosoftEdgeWebview2Setup.exe"),
			filepath.Join(out, "installer", "tmp", "MicrosoftEdgeWebview2Setup.exe")},
	}
	for _, c := range copies {
		if err := copyFile(c.src, c.dst); err != nil {
			return err
		}
	}
	return writeWinres(filepath.Join(out, "winres.json"), p, version)
}

func readProject(path string) (project, error) {
	var p project
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	if p.Name == "" || p.Info.ProductName == "" || p.Info.CompanyName == "" {
		return p, fmt.Errorf("%s: name, info.productName and info.companyName are needed", path)
	}
	return p, nil
}

// fill executes one template. A missing key is an error, so a template from a newer
// Wails that expects more is noticed instead of producing "<no value>".
func fill(src, dst string, p project) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	t, err := template.New(filepath.Base(src)).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if bytes.Contains(buf.Bytes(), []byte("{{")) {
		return fmt.Errorf("%s: a placeholder is left after filling it in", src)
	}
	return writeFile(dst, buf.Bytes())
}

var numericRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)(?:-(\d+)-g[0-9a-f]+)?`)

// NumericVersion turns a version string into the dotted numbers Windows wants:
// parts=3 gives "0.2.0", parts=4 adds the commits since the tag ("0.2.0-3-gabc" → 0.2.0.3).
func NumericVersion(v string, parts int) string {
	m := numericRE.FindStringSubmatch(v)
	n := []string{"0", "0", "0", "0"}
	if m != nil {
		n[0], n[1], n[2] = m[1], m[2], m[3]
		if m[4] != "" {
			n[3] = m[4]
		}
	}
	return strings.Join(n[:parts], ".")
}

// writeWinres writes go-winres' input: the icon, the manifest and the version resource.
func writeWinres(dst string, p project, version string) error {
	exe := p.Info.ProductName + ".exe"
	copyright := p.Info.Copyright
	if copyright == "" {
		copyright = p.Info.CompanyName
	}
	v4 := NumericVersion(version, 4)
	w := map[string]any{
		"RT_GROUP_ICON": map[string]any{"APP": map[string]any{"0000": "icon.ico"}},
		"RT_MANIFEST":   map[string]any{"#1": map[string]any{"0409": "app.manifest"}},
		"RT_VERSION": map[string]any{"#1": map[string]any{"0000": map[string]any{
			"fixed": map[string]string{"file_version": v4, "product_version": v4},
			"info": map[string]any{"0409": map[string]string{
				"Comments":         p.Info.Comments,
				"CompanyName":      p.Info.CompanyName,
				"FileDescription":  p.Info.ProductName,
				"FileVersion":      version,
				"InternalName":     p.OutputFilename,
				"LegalCopyright":   copyright,
				"OriginalFilename": exe,
				"ProductName":      p.Info.ProductName,
				"ProductVersion":   version,
			}},
		}}},
	}
	b, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(dst, append(b, '\n'))
}

func moduleDir(root, mod string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	dir := strings.TrimSpace(string(b))
	if err != nil || dir == "" {
		return "", fmt.Errorf("cannot find the module %s (go mod download): %v", mod, err)
	}
	return dir, nil
}

func writeFile(dst string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s is missing", src)
		}
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	o, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(o, in); err != nil {
		o.Close()
		return err
	}
	return o.Close()
}
