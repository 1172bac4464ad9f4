// Package datadir finds Involve's data directory and makes sure only one app window
// uses it at a time.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvVar overrides the default data directory (the --data-dir flag wins over it).
const EnvVar = "INVOLVE_DATA_DIR"

// DBName is the database file inside the data directory.
const DBName = "involve.db"

// Default returns the per-user data directory:
//   - Linux: $XDG_DATA_HOME/involve, else ~/.local/share/involve
//   - Windows: %LOCALAPPDATA%\Involve
//   - macOS: ~/Library/Application Support/Involve
func Default() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Involve"), nil
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "Involve"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "involve"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your home folder to keep Involve's data in (%w); use --data-dir", err)
	}
	return filepath.Join(home, ".local", "share", "involve"), nil
}

// Resolve picks the data directory: the flag value, else $INVOLVE_DATA_DIR, else
// Default(); it creates it and returns an absolute path. The folder is made private to
// the user at every start, also when it exists already (MakePrivate).
func Resolve(flagValue string) (string, error) {
	dir := strings.TrimSpace(flagValue)
	if dir == "" {
		dir = strings.TrimSpace(os.Getenv(EnvVar))
	}
	if dir == "" {
		var err error
		if dir, err = Default(); err != nil {
			return "", err
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the data folder %s: %w", abs, err)
	}
	// Best effort: a file system without Unix permissions (a FAT memory stick given
	// with --data-dir) refuses chmod, and must still open.
	_ = MakePrivate(abs)
	return abs, nil
}

// BackupDirName is the folder of backups inside the data directory (store.BackupDirName).
const BackupDirName = "backups"

// MakePrivate makes the data directory dir and Involve's files in it the user's alone
// on Linux and macOS: the folder and its backups folder 0700; the database with its
// -wal, -shm (involve.db*) and the databases a restore kept (involve-replaced-*), the lock file, the kiosk marker
// and every file in backups 0600. Other files (a folder chosen with --data-dir may hold
// them) are left alone. On Windows it does nothing: %LOCALAPPDATA% is private already.
// It goes on past a file it cannot change and returns every error met.
func MakePrivate(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	errs := []error{os.Chmod(dir, 0o700)}
	entries, err := os.ReadDir(dir)
	errs = append(errs, err)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Type().IsRegular() && (strings.HasPrefix(e.Name(), DBName) || strings.HasPrefix(e.Name(), "involve-replaced-") || e.Name() == LockName || e.Name() == KioskName):
			errs = append(errs, os.Chmod(p, 0o600))
		case e.IsDir() && e.Name() == BackupDirName:
			errs = append(errs, os.Chmod(p, 0o700))
			backups, err := os.ReadDir(p)
			errs = append(errs, err)
			for _, b := range backups {
				if b.Type().IsRegular() {
					errs = append(errs, os.Chmod(filepath.Join(p, b.Name()), 0o600))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// ErrLocked means another Involve window has the data directory open.
var ErrLocked = errors.New("another Involve window is using this data folder")

// Lock is an exclusive hold on a data directory, released by Close or when the
// process ends (even if it is killed).
type Lock struct {
	f *os.File
}

// LockName is the lock file inside the data directory.
const LockName = "involve.lock"

// Acquire takes the app lock on dir without waiting; ErrLocked if it is held.
func Acquire(dir string) (*Lock, error) {
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" {
		_ = f.Chmod(0o600) // one an older version left 0644 (MakePrivate does the rest)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	_ = f.Truncate(0)
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	return &Lock{f: f}, nil
}

// Close releases the lock.
func (l *Lock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
