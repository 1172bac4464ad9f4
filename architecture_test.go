package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The package map of docs/architecture.md, checked: which of the module's packages each
// package may import (its non-test files), and where the heavy third-party libraries may
// appear. A new package, or a new arrow between two, fails here until this table and
// the map say it is meant.
var allowedImports = map[string][]string{
	// the desktop binary: wiring only
	".": {"app/cli", "app/desktop"},

	// the domain and the protocol
	"app/involve":  {},
	"app/syncapi":  {"app/involve", "app/lockbox"},
	"app/syncwire": {"app/involve", "app/syncapi"},

	// figures and files
	"app/report":        {"app/involve"},
	"app/xlsx":          {"app/involve", "app/report"},
	"app/subjectaccess": {"app/involve"},
	"app/publish":       {"app/involve", "app/report"},
	"app/jsonl":         {"app/involve", "app/lockbox", "app/store", "app/syncapi"},

	// plumbing
	"app/sqldb":   {},
	"app/datadir": {},
	"app/lockbox": {},
	"app/gcpace":  {},

	// the laptop
	"app/syncer":  {"app/gcpace", "app/involve", "app/lockbox", "app/syncapi", "app/syncwire"},
	"app/store":   {"app/involve", "app/lockbox", "app/report", "app/sqldb", "app/subjectaccess", "app/syncapi", "app/syncer", "app/syncwire"},
	"app/desktop": {"app/datadir", "app/involve", "app/lockbox", "app/publish", "app/report", "app/store", "app/subjectaccess", "app/syncer", "app/xlsx"},
	"app/cli":     {"app/datadir", "app/involve", "app/jsonl", "app/lockbox", "app/publish", "app/report", "app/store", "app/subjectaccess", "app/syncer", "app/xlsx"},

	// the server
	"app/serverstore":    {},
	"app/serversqlite":   {"app/serverstore", "app/sqldb"},
	"app/serverpostgres": {"app/serverstore", "app/sqldb"},
	"app/server":         {"app/involve", "app/lockbox", "app/publish", "app/report", "app/serverstore", "app/syncapi", "app/syncwire", "app/xlsx"},
	"cmd/involve-server": {"app/gcpace", "app/involve", "app/lockbox", "app/publish", "app/report", "app/server", "app/serverpostgres", "app/serversqlite", "app/serverstore", "app/subjectaccess", "app/syncapi", "app/xlsx"},

	// the release tool (scripts/dist.sh)
	"build/release": {},

	// test support (imported by tests only)
	"app/serverstoretest":    {"app/serverstore"},
	"app/servertest":         {"app/involve", "app/lockbox", "app/server", "app/serverpostgres", "app/serversqlite", "app/serverstore", "app/syncapi", "app/xlsx"},
	"app/synctest":           {},
	"app/internal/benchdata": {"app/jsonl", "app/store"},
	"app/internal/storetest": {"app/store", "app/lockbox", "app/involve"},
}

// thirdParty: the libraries that pull in a platform, a C compiler or a database driver
// stay in the packages made for them.
var thirdParty = map[string][]string{
	"github.com/wailsapp/wails/v2":  {".", "app/desktop"},
	"github.com/xuri/excelize/v2":   {"app/xlsx", "app/servertest"},
	"github.com/jackc/pgx/v5":       {"app/serverpostgres", "app/servertest"},
	"github.com/mattn/go-sqlite3":   {"app/sqldb", "app/store"},
	"codeberg.org/go-pdf/fpdf":      {"app/publish"},
	"github.com/klauspost/compress": {"app/xlsx", "app/server", "app/syncer"},
}

const module = "github.com/hin-south-london/involve/"

// maxLines is the most a non-test Go file may have.
const maxLines = 600

type goPackage struct {
	imports map[string]bool
	doc     bool
	long    []string // files over maxLines
}

// readPackages reads every package of the module below the root (the repository's own
// Go code: not the frontend, build output, scripts or node_modules).
func readPackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	pkgs := map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch {
			case path == ".":
			case strings.HasPrefix(d.Name(), "."), d.Name() == "node_modules", d.Name() == "testdata",
				path == "frontend", path == "build/bin", path == "build/dist", path == "e2e", path == "scripts", path == "docs":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		p := pkgs[dir]
		if p == nil {
			p = &goPackage{imports: map[string]bool{}}
			pkgs[dir] = p
		}
		if n := strings.Count(string(src), "\n"); n > maxLines {
			p.long = append(p.long, fmt.Sprintf("%s (%d lines)", filepath.ToSlash(path), n))
		}
		if f.Doc != nil && (strings.HasPrefix(f.Doc.Text(), "Package ") || strings.HasPrefix(f.Doc.Text(), "Command ")) {
			p.doc = true
		}
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			p.imports[ip] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// problems lists every way the packages depart from the map.
func problems(pkgs map[string]*goPackage) []string {
	var out []string
	for dir, p := range pkgs {
		if !p.doc {
			out = append(out, dir+": no package comment that says its job (// Package … or // Command …)")
		}
		for _, f := range p.long {
			out = append(out, fmt.Sprintf("%s: split it by topic (at most %d lines outside tests)", f, maxLines))
		}
		allowed, known := allowedImports[dir]
		if !known {
			out = append(out, dir+": a package not in the map: add it to docs/architecture.md and to allowedImports")
			continue
		}
		for ip := range p.imports {
			if rest, ok := strings.CutPrefix(ip, module); ok && !slices.Contains(allowed, rest) {
				out = append(out, dir+" imports "+rest+": not an arrow of the package map (docs/architecture.md)")
			}
			for lib, where := range thirdParty {
				if (ip == lib || strings.HasPrefix(ip, lib+"/")) && !slices.Contains(where, dir) {
					out = append(out, fmt.Sprintf("%s imports %s, which belongs only in %v", dir, ip, where))
				}
			}
		}
	}
	for dir := range allowedImports {
		if pkgs[dir] == nil {
			out = append(out, dir+" is in the map but has no Go files: take it out of allowedImports and docs/architecture.md")
		}
	}
	sort.Strings(out)
	return out
}

func TestArchitecture(t *testing.T) {
	pkgs := readPackages(t)
	if len(pkgs) != len(allowedImports) || !pkgs["app/desktop"].imports[module+"app/store"] {
		t.Errorf("read %d packages (the map has %d); app/desktop's imports: %v", len(pkgs), len(allowedImports), pkgs["app/desktop"])
	}
	for _, p := range problems(pkgs) {
		t.Error(p)
	}
}

// TestArchitectureCatches: the check finds what it is for.
func TestArchitectureCatches(t *testing.T) {
	pkgs := map[string]*goPackage{}
	for dir, allowed := range allowedImports {
		p := &goPackage{imports: map[string]bool{}, doc: true}
		for _, a := range allowed {
			p.imports[module+a] = true
		}
		pkgs[dir] = p
	}
	if got := problems(pkgs); len(got) != 0 {
		t.Fatalf("the map itself: %v", got)
	}
	pkgs["app/server"].imports[module+"app/store"] = true
	pkgs["app/report"].imports["github.com/xuri/excelize/v2"] = true
	pkgs["app/involve"].doc = false
	pkgs["app/store"].long = []string{"app/store/big.go (601 lines)"}
	pkgs["app/newthing"] = &goPackage{doc: true}
	delete(pkgs, "app/datadir")
	want := []string{
		"app/datadir is in the map",
		"app/involve: no package comment",
		"app/newthing: a package not in the map",
		"app/report imports github.com/xuri/excelize/v2, which belongs only in",
		"app/server imports app/store: not an arrow",
		"app/store/big.go (601 lines): split it",
	}
	got := problems(pkgs)
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d = %q, want it to start %q", i, got[i], w)
		}
	}
}
