//go:build !windows

package cli

// attachParentConsole does nothing outside Windows: a program started from a terminal
// writes to it (console.go says why Windows differs).
func attachParentConsole() {}
