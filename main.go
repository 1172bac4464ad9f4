// Command involve is the Involve desktop app (Wails v2) and, with a subcommand, its
// command line (app/cli): import, export, backup, restore, check, connect, sync, status
// and version run without a display. main.go only wires things together.
package main

import (
	"context"
	"embed"
	"log"
	"os"
	"strings"

	"github.com/hin-south-london/involve/app/cli"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

//go:embed all:frontend/dist
var assets embed.FS

// version is set at build time with -ldflags "-X main.version=…" (the Makefile and
// make dist use scripts/version.sh); a plain `go build` gets the VERSION file + "-dev".
// main passes it to the command line and the app.
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
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Main(version, args))
	}
	dir, code, ok := cli.AppDataDir(version, args)
	if !ok {
		os.Exit(code)
	}
	os.Exit(runDesktop(dir))
}

func runDesktop(dir string) int {
	logger := log.New(os.Stderr, "involve: ", log.LstdFlags)
	open, release := desktop.OpenDataDir(dir, logger)
	defer release()
	a := desktop.New(desktop.Config{Version: version, DataDir: dir, Logger: logger, Open: open})
	start := options.Normal
	if desktop.KioskAtStart(dir) {
		start = options.Fullscreen // kiosk mode was on when Involve last closed
	}
	err := wails.Run(&options.App{
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
		// desktop entry (build/linux/involve.desktop). WebviewGpuPolicyNever: WebKit draws
		// the page on the CPU, as Wails does when no Linux options are given (its issue
		// 2977, blank windows on some GPU drivers); set explicitly, as passing options
		// made it "Always" (OpenGL compositing, software OpenGL where there is no GPU:
		// slower to the first screen, docs/decisions.md "The window draws without the GPU").
		Linux: &linux.Options{Icon: icon, ProgramName: "involve", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		OnStartup: func(ctx context.Context) {
			desktop.Startup(a, ctx, desktop.WailsRuntime{Ctx: ctx})
		},
		OnDomReady:       func(context.Context) { desktop.DomReady(a) },
		WindowStartState: start,
		// While kiosk mode is on, closing the window and quitting are refused, whatever
		// asks (close button, Alt+F4, the OS, runtime.Quit). There is no app menu.
		OnBeforeClose:  func(context.Context) bool { return desktop.BeforeClose(a) },
		OnShutdown:     func(context.Context) { desktop.Shutdown(a) },
		Bind:           []any{a},
		ErrorFormatter: desktop.ErrorFormatter(a),
		// One window per data folder: where the desktop offers it (D-Bus on Linux), a
		// second launch brings the first window forward instead of opening its own.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               desktop.InstanceID(dir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { desktop.SecondLaunch(a) },
		},
	})
	if err != nil {
		logger.Printf("%v", err)
		return 1
	}
	return 0
}
