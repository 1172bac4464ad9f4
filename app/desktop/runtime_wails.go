package desktop

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// WailsRuntime is the Runtime of the real desktop app. It must only be made from the
// context Wails passes to OnStartup (the runtime calls log.Fatal on any other).
type WailsRuntime struct{ Ctx context.Context }

// Emit sends an event to the frontend.
func (w WailsRuntime) Emit(name string, data ...any) { runtime.EventsEmit(w.Ctx, name, data...) }

// Quit closes the app.
func (w WailsRuntime) Quit() { runtime.Quit(w.Ctx) }

// Show brings the window to the front (a second launch asked for it).
func (w WailsRuntime) Show() {
	runtime.WindowUnminimise(w.Ctx)
	runtime.WindowShow(w.Ctx)
}

// Fullscreen makes the window fill the screen (kiosk mode).
func (w WailsRuntime) Fullscreen() { runtime.WindowFullscreen(w.Ctx) }

// Unfullscreen gives the window its size back.
func (w WailsRuntime) Unfullscreen() { runtime.WindowUnfullscreen(w.Ctx) }
