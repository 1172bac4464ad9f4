package store

import (
	"context"
	"database/sql"

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
	cur, err := loadLiveDoc(w.ctx, w.tx, d.DocEntity(), d.DocMeta().ID)
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
	return loadLiveDoc(w.ctx, w.tx, entity, id)
}

// Each streams the live docs of an entity (of one parent when parentID is not ""), as
// the transaction sees them.
func (w *DocTx) Each(entity, parentID string, fn func(involve.Doc) error) error {
	return eachDoc(w.ctx, w.tx, entity, parentID, false, fn)
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
