package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
)

// putTheme writes a theme, creating it when id is new. base is the previous state or
// nil for a new theme.
func (db *DB) putTheme(ctx context.Context, tx *sql.Tx, id, label string, archived bool, base *involve.Theme) (involve.Theme, error) {
	now := involve.FormatTime(db.Now())
	var t involve.Theme
	var baseRev int64
	if base != nil {
		t, baseRev = *base, base.Rev
		t.UpdatedAt = now
	} else {
		t.ID = id
		db.stamp(&t.Meta, now)
	}
	t.Label, t.Archived, t.Rev = label, archived, db.nextRev(baseRev)
	if err := writeTheme(ctx, tx, &t); err != nil {
		return t, err
	}
	return t, db.enqueue(ctx, tx, involve.EntityTheme, t.ID, baseRev, t.Rev, t, now)
}

func writeTheme(ctx context.Context, tx *sql.Tx, t *involve.Theme) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO themes(id, label, archived, created_at, updated_at, created_by,
		device_id, rev, deleted_at, team_id) VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET label=excluded.label, archived=excluded.archived, created_at=excluded.created_at,
		updated_at=excluded.updated_at, created_by=excluded.created_by, device_id=excluded.device_id,
		rev=excluded.rev, deleted_at=excluded.deleted_at, team_id=excluded.team_id`,
		t.ID, t.Label, t.Archived, t.CreatedAt, t.UpdatedAt, t.CreatedBy, t.DeviceID, t.Rev, nullIfEmpty(t.DeletedAt), t.TeamID)
	return err
}

const themeCols = `t.id, t.label, t.archived, t.created_at, t.updated_at, t.created_by, t.device_id, t.rev,
	coalesce(t.deleted_at, ''), t.team_id`

func scanTheme(sc scanner, extra ...any) (involve.Theme, error) {
	var t involve.Theme
	err := sc.Scan(append([]any{&t.ID, &t.Label, &t.Archived, &t.CreatedAt, &t.UpdatedAt, &t.CreatedBy, &t.DeviceID,
		&t.Rev, &t.DeletedAt, &t.TeamID}, extra...)...)
	return t, err
}

// FindThemes lists the taxonomy with how often each theme is used.
func (db *DB) FindThemes(ctx context.Context, includeArchived bool) ([]involve.Theme, error) {
	rows, err := db.reader.QueryContext(ctx, `WITH usage AS (
			SELECT j.value AS id, count(*) AS n FROM feedback f, json_each(f.themes) j
			WHERE f.deleted_at IS NULL GROUP BY j.value)
		SELECT `+themeCols+`, coalesce(u.n, 0) FROM themes t LEFT JOIN usage u ON u.id = t.id
		WHERE t.deleted_at IS NULL AND (? OR t.archived = 0) ORDER BY t.label COLLATE NOCASE`, includeArchived)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.Theme{}
	for rows.Next() {
		var n int
		t, err := scanTheme(rows, &n)
		if err != nil {
			return nil, err
		}
		t.Usage = n
		out = append(out, t)
	}
	return out, rows.Err()
}

func findTheme(ctx context.Context, q queryer, id string) (involve.Theme, error) {
	t, err := scanTheme(q.QueryRowContext(ctx, `SELECT `+themeCols+` FROM themes t WHERE t.id = ? AND t.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, involve.Errorf(involve.ENOTFOUND, "That theme could not be found.")
	}
	return t, err
}

func labelTaken(ctx context.Context, tx *sql.Tx, label, exceptID string) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM themes WHERE deleted_at IS NULL AND label = ? COLLATE NOCASE AND id <> ?`,
		label, exceptID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return (involve.Problems{{Field: "label", Message: "There is already a theme called " + label}}).Err("theme")
}

// CreateTheme adds a theme to the taxonomy. Its id comes from its label, so the same
// new theme made on two laptops becomes one theme after sync.
func (db *DB) CreateTheme(ctx context.Context, label string) (involve.Theme, error) {
	label, err := involve.ValidateThemeLabel(label)
	if err != nil {
		return involve.Theme{}, err
	}
	var t involve.Theme
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if err := labelTaken(ctx, tx, label, ""); err != nil {
			return err
		}
		id := involve.ThemeIDFor(label)
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM themes WHERE id = ?", id).Scan(&one); err == nil {
			id = uuid.Must(uuid.NewV7()).String() // that id belongs to a renamed theme
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		t, err = db.putTheme(ctx, tx, id, label, false, nil)
		return err
	})
	return t, err
}

// RenameTheme changes a theme's label; feedback keeps pointing at it.
func (db *DB) RenameTheme(ctx context.Context, id, label string) (involve.Theme, error) {
	label, err := involve.ValidateThemeLabel(label)
	if err != nil {
		return involve.Theme{}, err
	}
	var t involve.Theme
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := findTheme(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := labelTaken(ctx, tx, label, id); err != nil {
			return err
		}
		t, err = db.putTheme(ctx, tx, id, label, old.Archived, &old)
		return err
	})
	return t, err
}

// SetThemeArchived hides a theme from new feedback (or brings it back); feedback
// already tagged keeps it.
func (db *DB) SetThemeArchived(ctx context.Context, id string, archived bool) (involve.Theme, error) {
	var t involve.Theme
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := findTheme(ctx, tx, id)
		if err != nil {
			return err
		}
		t, err = db.putTheme(ctx, tx, id, old.Label, archived, &old)
		return err
	})
	return t, err
}
