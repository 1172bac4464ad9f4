//go:build windows

package desktop

import (
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"

	"golang.org/x/sys/windows"
)

// shellOpen opens path with the program Windows has for its type (ShellExecute's
// "open"): no program in between, and no command line for anything to parse.
func shellOpen(path string) error {
	runtime.LockOSThread() // COM is set up per thread
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil {
		defer windows.CoUninitialize()
	}
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return err
	}
	err = windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL)
	if errors.Is(err, windows.ERROR_NO_ASSOCIATION) {
		return errNoProgram
	}
	return err
}

// explorerSelect opens Explorer (from the Windows folder, never from PATH) on path's
// folder with path selected. Explorer always exits with status 1, so it is not waited
// for: it is reaped in the background.
func explorerSelect(path string) error {
	win, err := windows.GetWindowsDirectory()
	if err != nil {
		return err
	}
	explorer := filepath.Join(win, "explorer.exe")
	line, err := explorerCommandLine(explorer, path)
	if err != nil {
		return err
	}
	cmd := exec.Command(explorer)
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: line}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return errNoProgram
		}
		return err
	}
	go cmd.Wait()
	return nil
}
