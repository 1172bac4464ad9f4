package cli

import (
	"io"
	"os"
)

// Involve.exe on Windows is a GUI-subsystem program (it opens a window), so Windows
// gives it no console of its own: started from a Command Prompt or PowerShell, whatever
// its subcommands print would go nowhere. Main therefore first calls
// attachParentConsole (console_windows.go; nothing elsewhere), which attaches to the
// console of the program that started it and points a standard output or error that
// leads nowhere at that console. Output redirected to a file or a pipe is left alone.

// rebindStdio points the package's writers that were set from the old os.Stdout and
// os.Stderr (at package start) at the current ones, after attachParentConsole has
// replaced them.
func rebindStdio(oldOut, oldErr *os.File) {
	for _, w := range []*io.Writer{&reportOut, &syncOut} {
		if *w == io.Writer(oldOut) {
			*w = os.Stdout
		}
	}
	for _, w := range []*io.Writer{&reportErr, &syncErr} {
		if *w == io.Writer(oldErr) {
			*w = os.Stderr
		}
	}
}
