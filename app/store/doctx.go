package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

// DocTx writes several docs in one transaction (a contributor and their consent
// record; a withdrawal and its effects): each write is the same as CreateDoc or
// UpdateDoc's (stamped, a new revision, an outbox entry), and either all of them are
// committed or none.
type DocTx struct {
	db  *DB
	ctx context.Context
	tx  *sql.Tx
}

// WriteDocs runs fn in one write transaction; an error from fn rolls back every write.
func (db *DB) WriteDocs(ctx context.Context, fn func(w *DocTx) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return fn(&DocTx{db: db, ctx: ctx, tx: tx}) })
}

// Create validates and stores a new doc.
func (w *DocTx) Create(d involve.Doc) (involve.Doc, error) {
	return w.create(d, true)
}

// create is Create; lock false skips the passphrase rule (checkPassphrase), for the
// record of a withdrawal, which is never refused.
func (w *DocTx) create(d involve.Doc, lock bool) (involve.Doc, error) {
	check := w.db.checkNewRecord
	if !lock {
		check = checkLocalWrite
	}
	if err := check(w.ctx, w.tx, d.DocEntity(), d); err != nil {
		return nil, err // before any other problem
	}
	if err := checkNotErased(w.ctx, w.tx, d.DocEntity(), d); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, w.db.createDocTx(w.ctx, w.tx, d)
}

// Update is UpdateDoc inside the transaction.
func (w *DocTx) Update(entity, id string, loaded, edited involve.Doc) (involve.Doc, error) {
	return w.db.updateDocTx(w.ctx, w.tx, entity, id, loaded, edited)
}

// Save writes d, a live doc read with Find and changed by the caller, as its next
// revision (validated; its metadata is the stored record's).
func (w *DocTx) Save(d involve.Doc) (involve.Doc, error) {
	cur, err := w.db.loadLiveDoc(w.ctx, w.tx, d.DocEntity(), d.DocMeta().ID)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, w.db.saveDocTx(w.ctx, w.tx, cur, d)
}

// Find reads a live doc, as the transaction sees it.
func (w *DocTx) Find(entity, id string) (involve.Doc, error) {
	return w.db.loadLiveDoc(w.ctx, w.tx, entity, id)
}

// Each streams the live docs of an entity (of one parent when parentID is not ""), as
// the transaction sees them.
func (w *DocTx) Each(entity, parentID string, fn func(involve.Doc) error) error {
	return w.db.eachOpenDoc(w.ctx, w.tx, entity, parentID, false, fn)
}

// findDocsTx is FindDocsOf inside a transaction.
func findDocsTx[T involve.Doc](w *DocTx, entity, parentID string) ([]T, error) {
	out := []T{}
	err := w.Each(entity, parentID, func(d involve.Doc) error {
		if t, ok := d.(T); ok {
			out = append(out, t)
		}
		return nil
	})
	return out, err
}

// SendBefore puts the outbox entry waiting for first before the one waiting for then
// (unsent entries only; nothing when either has none or the order is right already),
// so that the server receives first no later than then: a consent record before the
// contributor it allows (the server refuses a new contributor without one, and a
// laptop may push its outbox one change at a time).
func (w *DocTx) SendBefore(first, then involve.Doc) error {
	seqOf := func(d involve.Doc) (int64, error) {
		var seq int64
		err := w.tx.QueryRowContext(w.ctx, `SELECT seq FROM outbox WHERE entity = ? AND record_id = ? AND sent_at IS NULL
			AND status = 'pending'`, d.DocEntity(), d.DocMeta().ID).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return seq, err
	}
	a, err := seqOf(first)
	if err != nil {
		return err
	}
	b, err := seqOf(then)
	if err != nil || a == 0 || b == 0 || a < b {
		return err
	}
	// swap the two entries' places (seq is the primary key: through a free value)
	for _, step := range [][2]int64{{a, -a}, {b, a}, {-a, b}} {
		if _, err := w.tx.ExecContext(w.ctx, `UPDATE outbox SET seq = ? WHERE seq = ?`, step[1], step[0]); err != nil {
			return err
		}
	}
	return nil
}
