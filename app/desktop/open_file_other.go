//go:build !windows

package desktop

import "errors"

// Windows' launcher (open_file_windows.go) does not exist elsewhere: launcherFor never
// picks it off Windows.

var errWindowsOnly = errors.New("only Windows can do this")

func shellOpen(string) error      { return errWindowsOnly }
func explorerSelect(string) error { return errWindowsOnly }
