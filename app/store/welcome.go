package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

// The first-run welcome screen is shown until it is dismissed once on this data
// folder; meta key welcome_done holds when that happened.
const metaWelcomeDone = "welcome_done"

// WelcomeDone reports whether the welcome screen has been dismissed on this database.
func (db *DB) WelcomeDone(ctx context.Context) (bool, error) {
	var v string
	err := db.reader.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", metaWelcomeDone).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// SetWelcomeDone records that the welcome screen was dismissed (the first time counts).
func (db *DB) SetWelcomeDone(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
			metaWelcomeDone, involve.FormatTime(db.Now()))
		return err
	})
}
