package store

import (
	"context"
	"database/sql"
)

// The search index's backlog (table search_backlog, migration 0013; issue 17). A bulk
// write of searchDeferRows sessions and feedback items or more (an import, a first
// pull's transaction of pages) commits its records without indexing them: it records
// their index rows in the backlog, in the same transaction, and the background indexer
// (IndexSearchBacklog: the desktop app after it opens the database and while it runs;
// `involve import` after its commit) writes them in chunks, each its own transaction.
// A crash or a quit leaves the rest in the backlog for the next run.
//
// A record in the backlog has no index row and none of its words are in the
// vocabulary (search_words.go): everything that reads a record's indexed words reads
// only records not in the backlog (indexSource.indexed). Every other write of such a
// record takes it out of the backlog: a save indexes it at once (indexRow), a bulk write
// indexes it or puts it back (bulkIndex.flush), a deletion, erasure or purge leaves it
// unindexed (indexRow, dropIndexRows), the index's repair indexes everything and
// empties the backlog (RebuildSearchIndex). Search says how many records are not yet
// searchable (SearchBacklog) while there are any.
//
// A backlog of rows rather than a watermark (every pk above N is unindexed): the rows
// of a pull are not in pk order with the records saved meanwhile, a saved record in the
// middle of an import's range is indexed at once, and a deleted one must drop out; a
// table of rowids says exactly which rows are waiting, at 100 000 rows about 1 MiB
// for the few seconds they wait. It holds numbers only, no text.

// searchDeferRows is the size of a bulk write from which its records are left to the
// background indexer (below it they are indexed in the write's transaction: an
// incremental pull, a small import).
var searchDeferRows = 2000

// searchBacklogChunk is the rows the desktop app's indexer writes a transaction: tens
// of milliseconds, so a save waits at most that long for the writer.
const searchBacklogChunk = 2000

// IndexSearchBacklog writes up to chunk rows of the backlog into the search index and
// its vocabulary, in one transaction, and returns how many rows are left. The change
// of the vocabulary's counts is logged (search_words_log, as a save's is), applied by
// CatchUpSearchIndex at the end or the next MergeSearchIndex: applying it a chunk at
// a time rewrote the same words' rows once a chunk (about 1 s of the 4.5 s of CPU that
// 100 000 records took in chunks of 2 000). The records
// are indexed as they are now (a record deleted since has no row to write).
func (db *DB) IndexSearchBacklog(ctx context.Context, chunk int) (left int, err error) {
	if chunk <= 0 {
		chunk = searchBacklogChunk
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT row FROM search_backlog ORDER BY row LIMIT ?`, chunk)
		if err != nil {
			return err
		}
		var read, sessions, feedback []int64
		for rows.Next() {
			var r int64
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return err
			}
			read = append(read, r)
			if r >= docRowBase {
				continue // actions and outcomes are never left to the indexer
			}
			if r%2 == 1 {
				sessions = append(sessions, (r-1)/2)
			} else {
				feedback = append(feedback, r/2)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// the vocabulary's change is logged (one row), not applied to every word's
		// count a chunk: CatchUpSearchIndex applies the log once at the end
		b := bulkIndex{sessions: sessions, feedback: feedback, logWords: true}
		if err := b.flush(ctx, tx, 0); err != nil { // takes them out of the backlog
			return err
		}
		// and the rows of records gone since (none should be: deletions take them out)
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_backlog WHERE row IN (SELECT value FROM json_each(?))`,
			jsonList(read)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM search_backlog`).Scan(&left)
	})
	return left, err
}

// SearchIndexChunkAlone is the chunk for a process that has nothing else to do while it
// indexes (`involve import` after its commit): larger transactions, fewer segments.
const SearchIndexChunkAlone = 100000

// CatchUpSearchIndex indexes the whole backlog, chunk rows a transaction (0: the
// desktop app's chunk), and returns how many records it indexed. Cancelling ctx stops
// it between chunks: what is left waits for the next run.
func (db *DB) CatchUpSearchIndex(ctx context.Context, chunk int) (int, error) {
	before, err := db.SearchBacklog(ctx)
	if err != nil || before == 0 {
		return 0, err
	}
	for {
		left, err := db.IndexSearchBacklog(ctx, chunk)
		if err != nil {
			return before - left, err
		}
		if left == 0 {
			// the chunks' logged changes of the vocabulary added to its counts; the pages
			// the backlog and the index's merges freed given back (auto_vacuum=INCREMENTAL:
			// a new database; an older one keeps them to reuse)
			return before, db.inTx(ctx, func(tx *sql.Tx) error {
				if err := applySearchWordsLog(ctx, tx); err != nil {
					return err
				}
				return incrementalVacuum(ctx, tx)
			})
		}
	}
}

// SearchBacklog is how many records are stored but not yet in the search index: the
// search screen says so while there are any.
func (db *DB) SearchBacklog(ctx context.Context) (int, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM search_backlog`).Scan(&n)
	return n, err
}
