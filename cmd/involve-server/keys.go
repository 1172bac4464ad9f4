package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
)

// keyFilePath is where the master key file is: --key-file, or beside the data folder
// (DIR.key for --data-dir DIR), never inside it: a copy of the data folder must not
// carry the key that opens its sealed fields.
func keyFilePath(fs *flagSet) (string, error) {
	path := fs.keyFile
	if path == "" {
		if fs.dataDir == "" {
			return "", fmt.Errorf("say where the key file is: --key-file PATH (or %s); it holds the key to every team's sealed fields", envName("key-file"))
		}
		path = filepath.Clean(fs.dataDir) + ".key"
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if fs.dataDir != "" && fs.db == "" {
		dir, err := filepath.Abs(fs.dataDir)
		if err != nil {
			return "", err
		}
		if rel, err := filepath.Rel(dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", fmt.Errorf("the key file %s is inside the data folder %s: a copy or backup of the folder would carry the key that opens "+
				"every sealed field in it. Keep it outside (the default is %s.key, beside the folder)", path, fs.dataDir, filepath.Clean(fs.dataDir))
		}
	}
	return abs, nil
}

// openKeys reads the master key file (making it when the database holds no team key
// yet), gives every team without a key one and checks every team's key opens with it.
// A missing key file while the database holds team keys is refused: a new master key
// would lose every team key.
func openKeys(ctx context.Context, fs *flagSet, st serverstore.Store) (keys *server.Keys, path string, created bool, err error) {
	if path, err = keyFilePath(fs); err != nil {
		return nil, "", false, err
	}
	n, err := st.TeamKeyCount(ctx)
	if err != nil {
		return nil, "", false, err
	}
	master, created, err := server.LoadKeyFile(path, n == 0)
	if errors.Is(err, server.ErrNoKeyFile) {
		return nil, "", false, fmt.Errorf("the key file %s is missing, but the database holds %d team key(s) that only it opens. "+
			"Put the key file back from its backup, or name it with --key-file (docs/server.md). No new key file is made: "+
			"it would lose every team key, and every sealed field with them", path, n)
	}
	if err != nil {
		return nil, "", false, err
	}
	defer lockbox.Wipe(master)
	if keys, err = server.NewKeys(master, st); err != nil {
		return nil, "", false, err
	}
	if err := keys.EnsureTeamKeys(ctx); err != nil {
		keys.Wipe()
		if errors.Is(err, server.ErrWrongKeyFile) {
			return nil, "", false, fmt.Errorf("%w. --key-file names %s: give the key file made with this database (docs/server.md)", err, path)
		}
		return nil, "", false, err
	}
	return keys, path, created, nil
}
