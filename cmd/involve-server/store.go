package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
)

// openPostgres opens the PostgreSQL store; set by postgres.go when the build has it.
var openPostgres func(ctx context.Context, url string) (serverstore.Store, error)

// openStore opens and migrates the store the flags name: PostgreSQL for --db
// postgres://…, otherwise the SQLite file in --data-dir. It returns a description for
// the log (without the database password).
func openStore(ctx context.Context, fs *flagSet) (serverstore.Store, string, error) {
	var st serverstore.Store
	var desc string
	switch {
	case fs.db != "":
		if !strings.HasPrefix(fs.db, "postgres://") && !strings.HasPrefix(fs.db, "postgresql://") {
			return nil, "", errors.New("--db must be a postgres:// URL")
		}
		if openPostgres == nil {
			return nil, "", errors.New("this build of involve-server has no PostgreSQL support")
		}
		var err error
		if st, err = openPostgres(ctx, fs.db); err != nil {
			return nil, "", fmt.Errorf("open PostgreSQL: %w", err)
		}
		desc = "postgres " + redact(fs.db)
	case fs.dataDir != "":
		if err := os.MkdirAll(fs.dataDir, 0o700); err != nil {
			return nil, "", err
		}
		path := filepath.Join(fs.dataDir, serversqlite.FileName)
		// Create the file readable by its owner only (SQLite gives its -wal and -shm
		// files the same mode).
		if f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600); err != nil {
			return nil, "", err
		} else {
			f.Close()
		}
		s, err := serversqlite.Open(ctx, path)
		if err != nil {
			return nil, "", err
		}
		st, desc = s, "sqlite "+path
	default:
		return nil, "", fmt.Errorf("say where the data is: --data-dir DIR (or %s) or --db postgres://… (or %s)",
			envName("data-dir"), envName("db"))
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, "", fmt.Errorf("migrate the database: %w", err)
	}
	return st, desc, nil
}

// redact hides the password of a database URL (and drops its query, which may hold one).
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	u.RawQuery = ""
	return u.Redacted()
}
