// Command involve is the Involve desktop app (Wails v2) and, with a subcommand, its
// command line: import, export, backup, restore, check, connect, sync, status and
// version run without a display. main.go only wires things together.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/store"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

//go:embed all:frontend/dist
var assets embed.FS

// version is set at build time with -ldflags "-X main.version=…" (the Makefile and
// make dist use scripts/version.sh); a plain `go build` gets the VERSION file + "-dev".
var version string

//go:embed VERSION
var versionFile string

// icon is the window icon on Linux (Windows takes it from the exe's resources).
//
//go:embed build/appicon.png
var icon []byte

func init() {
	if version == "" {
		version = strings.TrimSpace(versionFile) + "-dev"
	}
}

func main() {
	if len(os.Args) > 1 && isCommand(os.Args[1]) {
		os.Exit(runCommand(os.Args[1], os.Args[2:]))
	}
	fs := flag.NewFlagSet("involve", flag.ExitOnError)
	dir := fs.String("data-dir", "", "data folder (default: $"+datadir.EnvVar+" or the per-user data folder)")
	fs.Usage = usage
	fs.Parse(os.Args[1:])
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "involve: unknown command %q\n\n", fs.Arg(0))
		usage()
		os.Exit(2)
	}
	os.Exit(runDesktop(*dir))
}

func runDesktop(dirFlag string) int {
	logger := log.New(os.Stderr, "involve: ", log.LstdFlags)
	dir, err := datadir.Resolve(dirFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "involve:", err)
		return 1
	}
	var lock *datadir.Lock
	defer func() { lock.Close() }()
	open := func() (*store.DB, desktop.StartupState) {
		var err error
		lock, err = datadir.Acquire(dir)
		if errors.Is(err, datadir.ErrLocked) {
			fmt.Fprintf(os.Stderr, "involve: Involve is already open with the data folder %s; switch to that window.\n", dir)
			return nil, desktop.LockedState(dir)
		} else if err != nil {
			logger.Printf("lock data folder: %v", err)
			return nil, desktop.DamagedState(dir, err)
		}
		db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
		if err != nil {
			logger.Printf("open database: %v", err)
			return nil, desktop.DamagedState(dir, err)
		}
		return db, desktop.StartupState{Status: desktop.StatusOK}
	}
	a := desktop.New(desktop.Config{Version: version, DataDir: dir, Logger: logger, Open: open})
	var rt desktop.WailsRuntime
	err = wails.Run(&options.App{
		Title:     "Involve",
		Width:     1200,
		Height:    820,
		MinWidth:  760,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 240, G: 244, B: 245, A: 1},
		// ProgramName: the window's WM_CLASS, matched by StartupWMClass in the .deb's
		// desktop entry (build/linux/involve.desktop).
		Linux: &linux.Options{Icon: icon, ProgramName: "involve"},
		OnStartup: func(ctx context.Context) {
			rt = desktop.WailsRuntime{Ctx: ctx}
			desktop.Startup(a, ctx, rt)
		},
		OnShutdown:     func(context.Context) { desktop.Shutdown(a) },
		Bind:           []any{a},
		ErrorFormatter: desktop.ErrorFormatter(a),
		// One window per data folder: where the desktop offers it (D-Bus on Linux), a
		// second launch brings the first window forward instead of opening its own.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "uk.nhs.involve." + folderID(dir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				if rt.Ctx != nil {
					rt.Show()
				}
			},
		},
	})
	if err != nil {
		logger.Printf("%v", err)
		return 1
	}
	return 0
}

// folderID names a data folder for the single-instance lock.
func folderID(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return hex.EncodeToString(sum[:8])
}

func usage() {
	fmt.Fprintf(os.Stderr, `Involve %s: offline capture of patient and public involvement.

Usage:
  involve [--data-dir DIR]                 open the app
  involve import [--data-dir DIR] FILE.jsonl
                                           import JSON Lines (the shared data set or an Involve export), all or nothing
  involve export [--data-dir DIR] --format jsonl [--out FILE]
                                           write everything as JSON Lines (stdout by default)
  involve export [--data-dir DIR] --xlsx FILE [--csv DIR] [--from DATE] [--to DATE]
                 [--project ID|NAME] [--borough CODE|NAME] [--type CODE|LABEL]
                                           the Excel summary workbook and/or its CSV files for a filter
  involve backup [--data-dir DIR] [--out FILE]
                                           back up the database now (into DIR/backups by default)
  involve restore [--data-dir DIR] FILE    replace the database with a backup (the app must be closed)
  involve check [--data-dir DIR]           run SQLite's integrity check
  involve kiosk-off [--data-dir DIR]       end kiosk mode without the PIN (Involve closed)
  involve connect [--data-dir DIR] URL CODE
                                           connect this laptop to a sync server with an enrolment code
  involve sync [--data-dir DIR]            sync with the server now (progress on stderr, a summary on stdout)
  involve status [--data-dir DIR]          show the sync status: server, team, last synced, changes waiting
  involve version                          print the version

The data folder is --data-dir, else $%s, else %s.
`, version, datadir.EnvVar, defaultDirText())
}

func defaultDirText() string {
	d, err := datadir.Default()
	if err != nil {
		return "the per-user data folder"
	}
	return d
}
