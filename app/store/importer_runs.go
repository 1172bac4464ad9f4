package store

// The import entries (outbox_import.go) of an import's new feedback items are written a
// run at a time (issue 17): items inserted one after another get consecutive pks, and
// their entries consecutive outbox positions, so a run of them is three numbers (the
// first position, the first pk, how many) and one statement writes its entries. A
// run is written when the next entry does not continue it, and before anything else
// the import does reads or writes the database (flushRun: put, currentRev, PutDoc,
// HasRecord, CheckQuestionRecord, and the end of the import), so nothing ever reads
// outbox_import without a run's entries, and the outbox's order is the records'.
// Each entry was an INSERT of its own: 0.19 s of CPU at 100 000 items.

// importRun is n entries not yet written: positions seq, seq+1, … for the feedback
// rows pk, pk+1, …, each with base revision 0 (a new item).
type importRun struct {
	seq, pk int64
	n       int
}

// importedRunSQL writes the entries of a run: ?3 rows from pk ?2 at positions from ?1.
const importedRunSQL = `WITH RECURSIVE i(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM i WHERE v + 1 < ?3)
	INSERT INTO outbox_import(seq, rec, base_rev) SELECT ?1 + v, (?2 + v) * 2, 0 FROM i`

// enqueueNewFeedback queues the import entry of a new feedback item (row pk).
func (im *Importer) enqueueNewFeedback(pk int64) error {
	seq := im.seqs.take()
	r := &im.run
	if r.n > 0 && seq == r.seq+int64(r.n) && pk == r.pk+int64(r.n) {
		r.n++
		return nil
	}
	if err := im.flushRun(); err != nil {
		return err
	}
	*r = importRun{seq: seq, pk: pk, n: 1}
	return nil
}

// flushRun writes the run's entries, if there are any.
func (im *Importer) flushRun() error {
	r := im.run
	if r.n == 0 {
		return nil
	}
	im.run = importRun{}
	_, err := im.importedRun.ExecContext(im.ctx, r.seq, r.pk, r.n)
	return err
}
