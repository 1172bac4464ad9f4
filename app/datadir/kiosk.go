package datadir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KioskName is the kiosk marker inside the data directory. It mirrors the database's
// kiosk mode (the app writes it when kiosk mode starts and removes it when it ends),
// so that a kiosk whose database cannot be read still knows it is a kiosk: it starts
// fullscreen and shows the public no restore screen. It holds the staff PIN's salted
// hash, which the database holds too, so staff can leave with the PIN even then.
const KioskName = "involve-kiosk"

// WriteKioskMarker records that kiosk mode is on, with the staff PIN's hash. The file
// is the user's alone and replaced whole.
func WriteKioskMarker(dir, pinHash string) error {
	tmp, err := os.CreateTemp(dir, KioskName+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.WriteString(pinHash + "\n")
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, KioskName)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// ReadKioskMarker reports whether the kiosk marker is there, and the PIN hash it holds
// ("" when it holds none). A marker that cannot be read counts as there: a kiosk is
// not opened up by a file it cannot read.
func ReadKioskMarker(dir string) (pinHash string, on bool) {
	b, err := os.ReadFile(filepath.Join(dir, KioskName))
	if errors.Is(err, fs.ErrNotExist) {
		return "", false
	}
	if err != nil || len(b) > 1024 {
		return "", true
	}
	return strings.TrimSpace(string(b)), true
}

// RemoveKioskMarker removes the kiosk marker (kiosk mode ended); no marker is no error.
func RemoveKioskMarker(dir string) error {
	err := os.Remove(filepath.Join(dir, KioskName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
