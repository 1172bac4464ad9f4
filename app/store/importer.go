package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/sqldb"
)

// Importer writes many records in one transaction: all of an import lands or none of
// it does. Records keep the ids and sync metadata they arrive with; every record
// written gets an outbox entry like any other change.
type Importer struct {
	db       *DB
	ctx      context.Context
	tx       *sql.Tx
	now      string
	feedback *sql.Stmt // upsert
	raw      rawInsert // insert that does nothing if the id exists, on the connection itself (importer_raw.go)
	newSess  *sql.Stmt // insert of a session whose id the database does not have
	outbox   *sql.Stmt
	imported *sql.Stmt  // an import entry (outbox_import.go)
	seqs     importSeqs // outbox positions
	rowPK    int64      // the pk of the session or feedback item put last wrote
	index    bulkIndex
	sessions map[string]bool   // session ids known to exist
	themes   map[string]string // lower-case label -> id
	themeIDs map[string]bool
	themeOf  map[string]string // ThemeID's answers, by the label as given
	deviceID string
	revs     map[string]*sql.Stmt // a table's revision look-up (currentRev), prepared once
	erasures erasureSet           // erasure_sync.go
	// new feedback items' import entries not yet written (importer_runs.go)
	run         importRun
	importedRun *sql.Stmt
	// Written and Skipped count records stored and records left alone because the
	// database already had them at the same or a newer revision (or, on a laptop that
	// is not a lead's, because only a lead may change them: see put).
	Written, Skipped int
}

// Import runs fn with an Importer inside one write transaction.
//
// An erasure it stores is applied in the same transaction, and the file and the local
// backups are cleared of what it erased after the commit (afterErasure).
//
// The Importer's own statements (a few a record) run without ctx's cancellation:
// go-sqlite3 runs a statement under a cancellable context on a goroutine of its own,
// which cost the CLI (signal.NotifyContext) about a quarter of the import (issue 17,
// round 4). Cancelling ctx still stops the import at its next statement: the
// transaction was begun with ctx, and database/sql rolls it back when ctx is done (the
// statements then fail with sql.ErrTxDone; fn's caller checks ctx too).
//
// Its commit leaves the WAL to be checkpointed later (checkpoint.go).
func (db *DB) Import(ctx context.Context, fn func(im *Importer) error) error {
	var fresh []*involve.Erasure
	err := db.withoutAutoCheckpoint(ctx, func() error { return db.importTx(ctx, fn, &fresh) })
	if err == nil && len(fresh) > 0 {
		db.afterErasure(ctx, fresh)
	}
	return err
}

// importTx is Import's transaction; fresh gets the erasures it stored.
func (db *DB) importTx(ctx context.Context, fn func(im *Importer) error, fresh *[]*involve.Erasure) error {
	// on a connection held, for the plain inserts' statement (importer_raw.go)
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return sqldb.InTx(ctx, conn, func(tx *sql.Tx) error {
		im := &Importer{db: db, ctx: context.WithoutCancel(ctx), tx: tx, raw: rawInsert{conn: conn}, now: involve.FormatTime(db.Now()),
			sessions: map[string]bool{}, themes: map[string]string{}, themeIDs: map[string]bool{}, deviceID: db.DeviceID()}
		var err error
		if im.feedback, err = tx.PrepareContext(ctx, putFeedbackSQL); err != nil {
			return err
		}
		defer im.feedback.Close()
		defer im.raw.close()
		if im.newSess, err = tx.PrepareContext(ctx, insertSessionSQL); err != nil {
			return err
		}
		defer im.newSess.Close()
		if im.outbox, err = tx.PrepareContext(ctx, `INSERT INTO outbox(seq, change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
		defer im.outbox.Close()
		if im.imported, err = tx.PrepareContext(ctx, `INSERT INTO outbox_import(seq, rec, base_rev) VALUES (?, ?, ?)`); err != nil {
			return err
		}
		defer im.imported.Close()
		if im.importedRun, err = tx.PrepareContext(ctx, importedRunSQL); err != nil {
			return err
		}
		defer im.importedRun.Close()
		defer func() {
			for _, st := range im.revs {
				st.Close()
			}
		}()
		if err := im.seqs.start(ctx, tx); err != nil {
			return err
		}
		built, err := dropFeedbackSessionIndex(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, label FROM themes WHERE deleted_at IS NULL")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, label string
			if err := rows.Scan(&id, &label); err != nil {
				rows.Close()
				return err
			}
			im.themes[strings.ToLower(label)] = id
			im.themeIDs[id] = true
		}
		rows.Close()
		if err := fn(im); err != nil {
			return err
		}
		if err := im.flushRun(); err != nil {
			return err
		}
		*fresh = im.erasures.fresh
		if err := im.seqs.finish(ctx, tx); err != nil {
			return err
		}
		if built {
			if _, err := tx.ExecContext(ctx, feedbackSessionIndexSQL); err != nil {
				return err
			}
		}
		if err := im.index.flush(ctx, tx, searchDeferRows); err != nil {
			return err
		}
		// the pages the index's merges freed go back (a new database: auto_vacuum is
		// INCREMENTAL; an older one's free pages stay, to be reused)
		return incrementalVacuum(ctx, tx)
	})
}

// incrementalVacuum gives the file's free pages back to the file system, in tx (a
// database with auto_vacuum=INCREMENTAL; nothing otherwise). The pragma frees one page
// a step, returning a row each time: the rows are read to the end.
func incrementalVacuum(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `PRAGMA incremental_vacuum`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// feedbackSessionIndexSQL makes feedback's index by session (migration 0010).
const feedbackSessionIndexSQL = `CREATE INDEX feedback_session_id ON feedback(session_id)`

// dropFeedbackSessionIndex drops feedback's index by session if the table is empty: an
// import into it builds the index again after its rows, in its transaction (packed:
// 4.3 instead of 5.1 MiB at 100 000 items, whose session ids come in no order), and
// says so (built). The import's own writes never look feedback up by session.
func dropFeedbackSessionIndex(ctx context.Context, tx *sql.Tx) (built bool, err error) {
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM feedback)`).Scan(&empty); err != nil || !empty {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `DROP INDEX feedback_session_id`)
	return err == nil, err
}

// Now is the import's timestamp (used for records that arrive without one).
func (im *Importer) Now() string { return im.now }

// DeviceID and UserName stamp records that arrive without metadata.
func (im *Importer) DeviceID() string { return im.deviceID }

// NextRev issues a revision for a record that arrives without one.
func (im *Importer) NextRev() int64 { return im.db.nextRev(0) }

// currentRev returns the stored revision of a record, or -1 if there is none.
func (im *Importer) currentRev(table, id string) (int64, error) {
	if err := im.flushRun(); err != nil {
		return 0, err
	}
	// prepared once a table: a session's look-up prepared for each session was most of
	// its cost (0.09 s of CPU for 2 000 sessions)
	st := im.revs[table]
	if st == nil {
		var err error
		if st, err = im.tx.PrepareContext(im.ctx, "SELECT rev FROM "+table+" WHERE id = ?"); err != nil {
			return 0, err
		}
		if im.revs == nil {
			im.revs = map[string]*sql.Stmt{}
		}
		im.revs[table] = st
	}
	var rev int64
	err := st.QueryRowContext(im.ctx, id).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return -1, nil
	}
	return rev, err
}

// enqueue queues a written record; a session or feedback item (its row's pk: pk) as an
// import entry, which names the record's row and takes its state from the row when it
// is pushed, and its change id when it is first taken to be pushed (outbox_import.go,
// outbox_light.go).
func (im *Importer) enqueue(entity, id string, pk, base, rev int64, state any) error {
	if base < 0 {
		base = 0
	}
	switch entity {
	case involve.EntitySession:
		_, err := im.imported.ExecContext(im.ctx, im.seqs.take(), sessionRow(pk), base)
		return err
	case involve.EntityFeedback:
		_, err := im.imported.ExecContext(im.ctx, im.seqs.take(), feedbackRow(pk), base)
		return err
	}
	b, err := marshalState(state)
	if err != nil {
		return err
	}
	_, err = im.outbox.ExecContext(im.ctx, im.seqs.take(), newChangeID(), entity, id, base, rev, b, im.now, im.now)
	return err
}

// put writes a record unless the database has it at the same or a newer revision
// (in its kind's table). write is told whether the record is new.
// A record this laptop's role may not hold refuses the whole import (checkLocalWrite),
// and so does a Lived Experience Partner's record without a passphrase (checkPassphrase).
//
// A record of a kind only a lead may change (the retention schedule and its holds) or
// hold (the register of requests) is skipped on a laptop that is not a lead's, rather
// than refusing the file: it would be queued for the server, which would refuse it, and
// the team's own copy arrives by sync (on a lead's laptop).
func (im *Importer) put(entity, id string, rev int64, state any, write func(isNew bool) error) error {
	if err := im.flushRun(); err != nil {
		return err
	}
	if skip, err := im.skipLeadOnly(entity); skip || err != nil {
		return err
	}
	if err := im.db.checkNewRecord(im.ctx, im.tx, entity, state); err != nil {
		return err
	}
	k, _ := involve.KindOf(entity)
	cur, err := im.currentRev(k.Table, id)
	if err != nil {
		return err
	}
	if cur >= rev {
		im.Skipped++
		return nil
	}
	if err := write(cur < 0); err != nil {
		return err
	}
	im.Written++
	return im.enqueue(entity, id, im.rowPK, cur, rev, state)
}

// skipLeadOnly reports (and counts in Skipped) a record of a kind only a lead's laptop
// changes (the retention schedule and its holds) or holds (the register of requests),
// on a laptop that is not a lead's: see put. Other kinds the role may not hold still
// refuse the file (checkLocalWrite).
func (im *Importer) skipLeadOnly(entity string) (bool, error) {
	k, _ := involve.KindOf(entity)
	if k.EditedBy == 0 && k.HeldBy != involve.LeadOnly {
		return false, nil
	}
	role, _, err := localRole(im.ctx, im.tx)
	if err != nil {
		return false, err
	}
	if k.HeldBy == involve.LeadOnly {
		if involve.MayHold(role, entity, "") {
			return false, nil
		}
	} else if !involve.MayHold(role, entity, "") || involve.MayEdit(role, entity, "") {
		return false, nil
	}
	im.Skipped++
	return true, nil
}

// PutProject stores a project as given.
func (im *Importer) PutProject(p *involve.Project) error {
	return im.put(involve.EntityProject, p.ID, p.Rev, p, func(bool) error { return putProject(im.ctx, im.tx, p) })
}

// PutSession stores a session as given.
func (im *Importer) PutSession(s *involve.Session) error {
	err := im.put(involve.EntitySession, s.ID, s.Rev, s, func(isNew bool) error {
		if isNew {
			// a plain insert through a statement prepared once (preparing the upsert for
			// each session cost more than writing it); no light entry can name a record
			// without a row (freezeLight would do nothing), nor an index row
			res, err := im.newSess.ExecContext(im.ctx, sessionArgs(s)...)
			if err != nil {
				return err
			}
			pk, err := res.LastInsertId()
			im.index.session(pk)
			im.rowPK = pk
			return err
		}
		if err := im.index.unindex(im.ctx, im.tx, sessionSource, s.ID); err != nil { // before it changes (search.go)
			return err
		}
		pk, err := upsertSession(im.ctx, im.tx, s)
		im.index.session(pk)
		im.rowPK = pk
		return err
	})
	if err == nil {
		im.sessions[s.ID] = true
	}
	return err
}

// PutTheme stores a theme as given.
func (im *Importer) PutTheme(t *involve.Theme) error {
	err := im.put(involve.EntityTheme, t.ID, t.Rev, t, func(bool) error { return writeTheme(im.ctx, im.tx, t) })
	if err == nil && t.DeletedAt == "" {
		im.themes[strings.ToLower(t.Label)] = t.ID
		im.themeIDs[t.ID] = true
		im.themeOf = nil // a label may name another theme now
	}
	return err
}

// PutFeedback stores a feedback item as given (through a prepared statement: imports
// are mostly feedback).
func (im *Importer) PutFeedback(f *involve.Feedback) error {
	if skip, err := im.eraseImported(f); skip || err != nil {
		return err
	}
	// Most imported items are new: try a plain insert first and look up the stored
	// revision only when the id is already there.
	if inserted, pk, err := im.insertNew(f); err != nil {
		return err
	} else if inserted {
		im.index.feedbackItem(pk)
		im.Written++
		return im.enqueueNewFeedback(pk) // with the run of items before it (importer_runs.go)
	}
	return im.put(involve.EntityFeedback, f.ID, f.Rev, f, func(bool) error {
		if err := freezeLight(im.ctx, im.tx, involve.EntityFeedback, f.ID); err != nil { // outbox_light.go
			return err
		}
		if err := im.index.unindex(im.ctx, im.tx, feedbackSource, f.ID); err != nil { // before it changes (search.go)
			return err
		}
		var pk int64
		if err := im.feedback.QueryRowContext(im.ctx, feedbackArgs(f)...).Scan(&pk); err != nil {
			return err
		}
		im.index.feedbackItem(pk)
		im.rowPK = pk
		return nil
	})
}

// HasSession reports whether a session exists (in the database or earlier in the
// import).
func (im *Importer) HasSession(id string) (bool, error) {
	if im.sessions[id] {
		return true, nil
	}
	rev, err := im.currentRev("sessions", id)
	if rev >= 0 {
		im.sessions[id] = true
	}
	return rev >= 0, err
}

// PutDoc stores a doc (involve.Doc) as given. Its parent must be in the database or
// earlier in the import (HasRecord).
//
// Sealed fields may arrive plain (an export made by an earlier version, or with
// --decrypt) or sealed with this laptop's team key: either way they are stored sealed
// (d itself is not changed). Values sealed with another key are refused.
func (im *Importer) PutDoc(d involve.Doc) error {
	if err := im.flushRun(); err != nil {
		return err
	}
	if e, ok := d.(*involve.Erasure); ok {
		return im.importErasure(e)
	}
	if skip, err := im.eraseImported(d); skip || err != nil {
		return err
	}
	m := d.DocMeta()
	entity := d.DocEntity()
	if !involve.HasSealedFields(entity) {
		return im.put(entity, m.ID, m.Rev, d, func(bool) error { return putDoc(im.ctx, im.tx, d) })
	}
	if skip, err := im.skipLeadOnly(entity); skip || err != nil {
		return err
	}
	if err := im.db.checkNewRecord(im.ctx, im.tx, entity, d); err != nil {
		return err // the role, the passphrase, the lock: before any other problem
	}
	s := copyRecord(d).(involve.Doc)
	if err := im.db.withKey(func(k *lockbox.TeamKey) error {
		if err := applyRec(entity, s, openWith(k)); err != nil {
			return err
		}
		return applyRec(entity, s, sealWith(k))
	}); err != nil {
		return err
	}
	return im.put(entity, m.ID, m.Rev, s, func(bool) error { return putDoc(im.ctx, im.tx, s) })
}

// HasRecord reports whether a record of entity exists (in the database or earlier in
// the import), deleted or not.
func (im *Importer) HasRecord(entity, id string) (bool, error) {
	if err := im.flushRun(); err != nil {
		return false, err
	}
	if entity == involve.EntitySession {
		return im.HasSession(id)
	}
	table := tableOf(entity)
	if table == "" {
		return false, nil
	}
	rev, err := im.currentRev(table, id)
	return rev >= 0, err
}

// HasTheme reports whether a theme id exists.
func (im *Importer) HasTheme(id string) bool { return im.themeIDs[id] }

// ThemeID returns the id of the theme with this label, creating the theme (with the
// label's stable id) if the taxonomy lacks it.
func (im *Importer) ThemeID(label string) (string, error) {
	// a file names the same few themes again and again: each label is tidied and
	// looked up once (until a theme is put)
	if id, ok := im.themeOf[label]; ok {
		return id, nil
	}
	id, err := im.themeID(label)
	if err == nil {
		if im.themeOf == nil {
			im.themeOf = map[string]string{}
		}
		im.themeOf[label] = id
	}
	return id, err
}

func (im *Importer) themeID(label string) (string, error) {
	label = strings.Join(strings.Fields(label), " ")
	if id, ok := im.themes[strings.ToLower(label)]; ok {
		return id, nil
	}
	if _, err := involve.ValidateThemeLabel(label); err != nil {
		return "", err
	}
	t := involve.Theme{Label: strings.ToUpper(label[:1]) + label[1:]}
	t.ID = involve.ThemeIDFor(label)
	if im.themeIDs[t.ID] {
		t.ID = newChangeID()
	}
	im.db.stamp(&t.Meta, im.now)
	t.Rev = im.db.nextRev(0)
	if err := im.PutTheme(&t); err != nil {
		return "", err
	}
	return t.ID, nil
}

// Export streams every record, tombstones included, in an order an import can replay
// (themes, projects, sessions, then feedback), from one consistent snapshot. Sealed
// fields are opened (ELOCKED while locked, if the laptop holds any record of a kind
// with sealed fields).
func (db *DB) Export(ctx context.Context, fn func(entity string, v any) error) error {
	return db.export(ctx, true, fn)
}

// ExportSealed is Export with sealed fields as they are stored (sealed with the team
// key): it works while locked.
func (db *DB) ExportSealed(ctx context.Context, fn func(entity string, v any) error) error {
	return db.export(ctx, false, fn)
}

// OpenSealed opens the sealed fields of a record of a kind with sealed fields in place
// (plain values are kept): a sealed export's record, to be validated before it is
// imported. ELOCKED while locked.
func (db *DB) OpenSealed(entity string, rec any) error { return db.openRec(entity, rec) }

func (db *DB) export(ctx context.Context, open bool, fn func(entity string, v any) error) error {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	each := func(query string, scan func(*sql.Rows) error) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if err := each(`SELECT `+themeCols+` FROM themes t ORDER BY t.pk`, func(r *sql.Rows) error {
		t, err := scanTheme(r)
		if err != nil {
			return err
		}
		return fn(involve.EntityTheme, &t)
	}); err != nil {
		return err
	}
	if err := each(`SELECT `+projectCols+` FROM projects p ORDER BY p.pk`, func(r *sql.Rows) error {
		p, err := scanProject(r)
		if err != nil {
			return err
		}
		return fn(involve.EntityProject, &p)
	}); err != nil {
		return err
	}
	if err := each(`SELECT `+sessionCols+` FROM sessions s ORDER BY s.pk`, func(r *sql.Rows) error {
		s, err := scanSession(r)
		if err != nil {
			return err
		}
		return fn(involve.EntitySession, &s)
	}); err != nil {
		return err
	}
	if err := each(`SELECT `+feedbackCols+` FROM feedback f ORDER BY f.pk`, func(r *sql.Rows) error {
		f, err := scanFeedback(r)
		if err != nil {
			return err
		}
		return fn(involve.EntityFeedback, &f)
	}); err != nil {
		return err
	}
	for _, k := range involve.DocKinds() {
		if err := each(`SELECT `+docCols+` FROM docs d WHERE d.entity = '`+k.Entity+`' ORDER BY d.pk`, func(r *sql.Rows) error {
			d, err := scanDoc(r, k.Entity)
			if err != nil {
				return err
			}
			if open {
				if err := db.openRec(k.Entity, d); err != nil {
					return err
				}
			}
			return fn(k.Entity, d)
		}); err != nil {
			return err
		}
	}
	return nil
}
