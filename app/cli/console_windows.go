//go:build windows

package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1: the console of the process
// that started this one.
const attachParentProcess = ^uint32(0)

// attachParentConsole gives a subcommand of the GUI-subsystem Involve.exe the console it
// was started from (console.go says why). When standard output and error both lead
// somewhere already (a redirect to a file or a pipe, or a console Windows handed over),
// nothing changes. Otherwise it attaches to the parent's console, if the parent has one
// (started from Explorer or a shortcut it has none, and the output still goes nowhere,
// as before), and opens CONOUT$ for whichever of the two leads nowhere: a redirected
// stdout stays redirected while errors go to the console. CONOUT$ is opened for reading
// and writing so that Go sees a console and writes UTF-16 (names with accents print
// right, whatever the console's code page).
func attachParentConsole() {
	outOK, errOK := usableStdHandle(windows.STD_OUTPUT_HANDLE), usableStdHandle(windows.STD_ERROR_HANDLE)
	if outOK && errOK {
		return
	}
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return // no parent console
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	if !outOK {
		if f := openConsoleOutput(windows.STD_OUTPUT_HANDLE); f != nil {
			os.Stdout = f
		}
	}
	if !errOK {
		if f := openConsoleOutput(windows.STD_ERROR_HANDLE); f != nil {
			os.Stderr = f
		}
	}
	rebindStdio(oldOut, oldErr)
}

// usableStdHandle reports whether the standard handle which (STD_OUTPUT_HANDLE or
// STD_ERROR_HANDLE) leads somewhere: a file, a pipe or a console. A GUI program started
// without a redirect has none (0), or one of no known type.
func usableStdHandle(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, _ := windows.GetFileType(h)
	return t != windows.FILE_TYPE_UNKNOWN
}

// openConsoleOutput opens the attached console's screen buffer as the standard handle
// which, or returns nil when it cannot (the output then goes nowhere, as before).
func openConsoleOutput(which uint32) *os.File {
	f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	_ = windows.SetStdHandle(which, windows.Handle(f.Fd()))
	return f
}
