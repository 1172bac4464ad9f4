package server

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/hin-south-london/involve/app/lockbox"
)

// The key file holds the server's master key: 32 random bytes, nothing else, readable
// by the server's user only. It wraps every team's key (Keys); it is kept outside the
// database (and outside the SQLite data folder), so that a copy of the database or of
// its backups opens no sealed field. Losing it loses every team key, and with them
// every sealed field the server holds (laptops that hold the team key still read
// theirs): it is backed up separately from the database (docs/server.md).

// KeyFileSize is the size of a key file, in bytes.
const KeyFileSize = lockbox.KeySize

// ErrNoKeyFile: the key file does not exist and may not be made.
var ErrNoKeyFile = errors.New("the key file does not exist")

// LoadKeyFile reads the master key at path. When the file does not exist and create
// is true, it makes one (32 random bytes, mode 0600, its missing directories 0700) and
// reports created; when create is false, that is ErrNoKeyFile. A file that others than
// its owner may read or write, or that is not exactly 32 bytes, is refused. The caller
// wipes the key.
func LoadKeyFile(path string, create bool) (key []byte, created bool, err error) {
	if path == "" {
		return nil, false, errors.New("no key file is named (--key-file)")
	}
	key, err = readKeyFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, false, err
	}
	if !create {
		return nil, false, fmt.Errorf("%s: %w", path, ErrNoKeyFile)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("make the key file's folder: %w", err)
	}
	key = make([]byte, KeyFileSize)
	if _, err := rand.Read(key); err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process made it first: use that one
		lockbox.Wipe(key)
		key, err = readKeyFile(path)
		return key, false, err
	}
	if err != nil {
		lockbox.Wipe(key)
		return nil, false, fmt.Errorf("make the key file: %w", err)
	}
	_, err = f.Write(key)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		lockbox.Wipe(key)
		os.Remove(path)
		return nil, false, fmt.Errorf("write the key file: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil { // the new name survives a power cut
		d.Sync()
		d.Close()
	}
	return key, true, nil
}

func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("the key file %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("the key file %s may be read or written by others than its owner (mode %04o): "+
			"it holds the key to every team's sealed fields. Make it the server user's alone: chmod 600 %s", path, perm, path)
	}
	if st.Size() != KeyFileSize {
		return nil, fmt.Errorf("the key file %s is not a key file: it has %d bytes, not %d", path, st.Size(), KeyFileSize)
	}
	key := make([]byte, KeyFileSize)
	if _, err := io.ReadFull(f, key); err != nil {
		return nil, fmt.Errorf("read the key file %s: %w", path, err)
	}
	return key, nil
}
