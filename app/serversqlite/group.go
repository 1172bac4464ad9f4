package serversqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"

	"github.com/hin-south-london/involve/app/serverstore"
)

// Group commit. SQLite has one writer, and a commit with synchronous=FULL costs an
// fsync and the writing of every page the transaction dirtied; with random record ids
// a push of 1000 changes dirties a couple of thousand index pages, many of them the
// same as the next push's. So pushes (InTeamTx) that wait for the writer are applied
// together: whoever gets the writer's turn takes every push queued by then (at most
// maxGroup), applies them one after another in one transaction, each inside its own
// savepoint (its checks; the rows it keeps for the end are written after it: runJob),
// and commits once. Each push is judged exactly as it would be alone: it runs after
// the ones before it in the group and sees what they wrote (sequence numbers, change
// results, quota, the audit chain), as if they had committed. A push that fails is
// rolled back to its savepoint and the others go on; a push whose rows could not be
// written loses the transaction, and the others are applied again without it in a new
// one (fn may be called again: serverstore.Store.InTeamTx); only a failure of the
// transaction itself (the commit, or SQLite rolling it back on its own) fails the
// whole group, and then nothing of it was committed. Nobody is answered before the
// commit.
//
// The group's statements never follow a request's context: go-sqlite3 interrupts the
// running statement when its context is cancelled, and SQLite then rolls back the
// whole transaction, the other pushes of the group with it (and database/sql rolls
// back a transaction whose BeginTx context ends). A push whose client has gone away
// is either not started (taken out of the queue: ctx.Err()) or applied to the end and
// committed or rolled back with the others, never half.

// maxGroup bounds the pushes of one transaction (the first of them waits for the last).
const maxGroup = 32

// teamJob is one InTeamTx waiting for, or in, a group.
type teamJob struct {
	teamID string
	fn     func(tx serverstore.Tx) error
	// step and prev (nil: none) place a push in a row of pushes (InTeamTxStep).
	step, prev *serverstore.Step
	// Set by the group before done is closed.
	serverstore.JobOutcome
	done chan struct{}
}

// InTeamTx runs fn in a write transaction, serialised with every other write (SQLite
// has one writer): sequence numbers commit in order. The transaction may be shared with
// other pushes (group commit, above); fn's part of it is its own savepoint.
func (s *Store) InTeamTx(ctx context.Context, teamID string, fn func(tx serverstore.Tx) error) error {
	return s.InTeamTxStep(ctx, teamID, nil, nil, fn)
}

// InTeamTxStep is InTeamTx for a push in a row (serverstore.Sequenced): the queue is
// first come, first served and a group applies its jobs in the queue's order, so a
// push queued after prev's runs after it, in the same group or a later one; it runs
// only if prev was applied (runGroup).
func (s *Store) InTeamTxStep(ctx context.Context, teamID string, step, prev *serverstore.Step, fn func(tx serverstore.Tx) error) error {
	if err := ctx.Err(); err != nil {
		if step != nil {
			step.Abandon()
		}
		return err
	}
	j := &teamJob{teamID: teamID, fn: fn, step: step, prev: prev, done: make(chan struct{})}
	s.groupMu.Lock()
	s.queued = append(s.queued, j)
	if step != nil {
		step.MarkQueued()
	}
	s.groupMu.Unlock()
	err := serverstore.AwaitGroup(ctx, j.done, s.turn, s.runQueued, func() bool { return s.unqueue(j) })
	if err != nil {
		if step != nil {
			step.Abandon()
		}
		return err
	}
	return j.Result()
}

// unqueue takes j out of the queue; false when a group has taken it.
func (s *Store) unqueue(j *teamJob) bool {
	s.groupMu.Lock()
	defer s.groupMu.Unlock()
	for i, q := range s.queued {
		if q == j {
			s.queued = append(s.queued[:i], s.queued[i+1:]...)
			return true
		}
	}
	return false
}

// runQueued runs the first maxGroup queued pushes as one group (the caller has the
// writer's turn) and answers each.
func (s *Store) runQueued() {
	s.groupMu.Lock()
	n := min(len(s.queued), maxGroup)
	jobs := append([]*teamJob(nil), s.queued[:n]...)
	s.queued = append(s.queued[:0], s.queued[n:]...)
	s.groupMu.Unlock()
	if len(jobs) == 0 {
		return
	}
	err := s.runGroup(jobs)
	// A push whose writes failed (its flush, outside its savepoint: runJob) took the
	// transaction with it: the others are run again without it, in a new one.
	for run := slices.Clone(jobs); ; {
		var fe *flushError
		if !errors.As(err, &fe) {
			break
		}
		run = slices.DeleteFunc(run, func(j *teamJob) bool { return j == fe.job })
		if len(run) == 0 {
			err = nil // the failed push has its own error; nothing else to run
			break
		}
		for _, j := range run {
			j.JobOutcome = serverstore.JobOutcome{}
		}
		err = s.runGroup(run)
	}
	for _, j := range jobs {
		if err != nil && j.OK() {
			j.Err = err
		}
		if j.step != nil {
			if j.OK() {
				j.step.Set(serverstore.StepCommitted, nil)
			} else {
				j.step.Set(serverstore.StepFailed, nil)
			}
		}
		close(j.done)
	}
}

// runGroup applies jobs in one transaction. An error is the transaction's: none of the
// jobs was committed. Otherwise each job's own outcome is in it.
func (s *Store) runGroup(jobs []*teamJob) (err error) {
	ctx := context.Background() // not any request's (above)
	// The transaction runs on a connection held for the group, so that the flush's
	// inserts can use go-sqlite3's statements on it (raw.go).
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	stmts := map[string]*sql.Stmt{}
	raw := &rawWriter{conn: conn, stmts: map[string]driver.Stmt{}}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
		if err != nil {
			tx.Rollback()
		}
		raw.close()
	}()
	applied := 0
	for _, j := range jobs {
		if !j.prev.AppliedBefore(tx) {
			// a push in a row whose previous push was not applied: not run (sequenced.go)
			j.Err = serverstore.ErrPrevNotApplied
			continue
		}
		if err := runJob(ctx, s, tx, stmts, raw, j, len(jobs) > 1); err != nil {
			return err
		}
		if j.OK() {
			applied++
			if j.step != nil {
				j.step.Set(serverstore.StepApplied, tx)
			}
		}
	}
	if applied == 0 {
		return tx.Rollback() // nothing to keep: every job has its own error
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.commits.Add(1)
	return nil
}

// runJob applies one job: fn inside a savepoint of tx, rolled back to when fn fails
// (j.Err, j.Panicked), then, the savepoint released, the writes fn kept for the end
// (flush). The flush is not inside the savepoint: SQLite copies every page a
// savepoint's statements change into its sub-journal first, and a push's flush
// changes a couple of thousand (random ids), so a savepoint around it cost some 10 %
// of the writer's time. A flush that fails (SQLite's error: a push's own refusals are
// fn's) leaves its push half written: the error is then the transaction's, a
// *flushError naming the job (runQueued runs the others again without it). Any other
// error is the transaction's too (the savepoint could not be set, released or rolled
// back to: SQLite rolled the transaction back on its own).
func runJob(ctx context.Context, s *Store, tx *sql.Tx, stmts map[string]*sql.Stmt, raw *rawWriter, j *teamJob, savepoint bool) error {
	t := &teamTx{s: s, tx: tx, ctx: ctx, teamID: j.teamID, stmts: stmts, raw: raw,
		recs: map[string]*serverstore.Record{}, results: map[string]int{}}
	if !savepoint { // alone in its transaction: rolled back with it
		if j.Catch(func() error { return j.fn(t) }); j.OK() {
			j.Catch(t.flush)
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT push"); err != nil {
		return err
	}
	if j.Catch(func() error { return j.fn(t) }); j.OK() {
		if _, err := tx.ExecContext(ctx, "RELEASE push"); err != nil {
			return err
		}
		if j.Catch(t.flush); !j.OK() {
			return &flushError{job: j}
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, "ROLLBACK TO push"); err != nil {
		return fmt.Errorf("the shared transaction was lost after a push failed (%v): %w", j.Failure(), err)
	}
	_, err := tx.ExecContext(ctx, "RELEASE push")
	return err
}

// flushError is a transaction lost to one push's flush (runJob).
type flushError struct{ job *teamJob }

func (e *flushError) Error() string {
	return fmt.Sprintf("a push's writes failed (%v); the pushes of its group are applied again without it", e.job.Failure())
}
