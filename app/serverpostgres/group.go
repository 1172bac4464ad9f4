package serverpostgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Group commit, per team. A team's pushes are serialised by its advisory lock, so
// pushes of one team that meet in this process wait for each other anyway; they are
// queued here instead (first come, first served) and whoever gets the team's turn
// takes every push of that team queued by then (at most maxGroup) and applies them one
// after another in one transaction, each inside its own savepoint (its checks and its
// writes: a push's rows are written at the end of its own part, teamTx.finish), and
// commits once. Each push is judged exactly as it would be alone: it runs after the
// ones before it in the group and sees what they wrote (sequence numbers, change
// results, quota, the audit chain), as if they had committed. A push that fails is
// rolled back to its savepoint and the others go on (PostgreSQL's savepoints undo a
// failed statement too, so a push whose rows are refused is undone alone); a failure
// that leaves the transaction unusable (rolling back to the savepoint fails) takes the
// transaction with it, and the others are applied again without that push, in a new
// one. Nobody is answered before the commit.
//
// Several processes may share the database: the advisory lock still serialises the
// transactions of a team across them (InTeamTx), grouping only happens within one.
// Different teams' groups run in parallel, on at most txSlots connections.
//
// The group's statements never follow a request's context (groupTx, below): pgx abandons
// the connection of a query whose context ends, and the whole transaction, the other
// pushes of the group with it, would be lost. A push whose client has gone away is
// either not started (taken out of the queue: ctx.Err()) or applied to the end and
// committed or rolled back with the others, never half.

// maxGroup bounds the pushes of one transaction (the first of them waits for the last;
// each is a subtransaction, and PostgreSQL keeps up to 64 of a transaction's in
// shared memory before snapshots get dearer).
const maxGroup = 32

// maxAttempts bounds how often a transaction that PostgreSQL asked to retry
// (serialization failure or deadlock) is run.
const maxAttempts = 4

// teamQueue is one team's queue of InTeamTx.
type teamQueue struct {
	queued []*teamJob
	turn   chan struct{} // held by the goroutine that runs the team's next group
	users  int           // InTeamTx calls of the team in progress (the queue is dropped at 0)
}

// teamJob is one InTeamTx waiting for, or in, a group.
type teamJob struct {
	fn func(tx serverstore.Tx) error
	// Set by the group before done is closed.
	serverstore.JobOutcome
	done chan struct{}
}

// InTeamTx runs fn in one transaction, serialised with every other InTeamTx of the
// same team in every process on the database:
//
//  1. BEGIN (READ COMMITTED);
//  2. SELECT pg_advisory_xact_lock(64-bit hash of the team id): a second transaction
//     of the same team, from another replica, waits here until the first commits or
//     rolls back (the lock is released by PostgreSQL at transaction end, also when a
//     server dies or its connection drops); in this process they queue (above);
//  3. fn reads and writes; the first PutRecord reads the team's counter (teams.seq,
//     locked FOR NO KEY UPDATE) and later ones count on from it;
//  4. the counter is written back and the transaction commits.
//
// Because nothing assigns a team's sequence numbers except under that lock, and the
// lock is only released after the commit is visible, a transaction that takes seq n+1
// starts after the one that took n has committed: within a team, seq order is commit
// order, and a pull (one statement, one snapshot) that sees seq n+1 also sees n.
//
// fn's part rolls back when fn returns an error or panics (the panic goes on, in the
// caller's goroutine). At most half of the pool's connections are used by groups at
// once; more wait in the process, so that pulls still find a connection.
//
// When PostgreSQL aborts it with a serialization failure (40001) or a deadlock
// (40P01), the whole transaction, fn included, runs again (at most maxAttempts times):
// fn must not carry anything it collected outside tx from one call to the next. fn may
// also run again when another push of its group lost the transaction (above).
//
// The store does not implement serverstore.Sequenced (pushes in a row): see
// docs/decisions.md, "PostgreSQL: a team's queued pushes in one transaction".
func (s *Store) InTeamTx(ctx context.Context, teamID string, fn func(tx serverstore.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j := &teamJob{fn: fn, done: make(chan struct{})}
	q := s.enqueue(teamID, j)
	defer s.leave(teamID, q)
	if err := serverstore.AwaitGroup(ctx, j.done, q.turn, func() { s.runQueued(teamID, q) },
		func() bool { return s.unqueue(q, j) }); err != nil {
		return err
	}
	return j.Result()
}

// enqueue appends j to its team's queue (made if none).
func (s *Store) enqueue(teamID string, j *teamJob) *teamQueue {
	s.groupMu.Lock()
	defer s.groupMu.Unlock()
	q := s.teams[teamID]
	if q == nil {
		q = &teamQueue{turn: make(chan struct{}, 1)}
		s.teams[teamID] = q
	}
	q.users++
	q.queued = append(q.queued, j)
	return q
}

// leave drops the team's queue when no InTeamTx of the team is in progress.
func (s *Store) leave(teamID string, q *teamQueue) {
	s.groupMu.Lock()
	defer s.groupMu.Unlock()
	if q.users--; q.users == 0 {
		delete(s.teams, teamID)
	}
}

// unqueue takes j out of the queue; false when a group has taken it.
func (s *Store) unqueue(q *teamQueue, j *teamJob) bool {
	s.groupMu.Lock()
	defer s.groupMu.Unlock()
	if i := slices.Index(q.queued, j); i >= 0 {
		q.queued = slices.Delete(q.queued, i, i+1)
		return true
	}
	return false
}

// runQueued runs the team's first maxGroup queued jobs as one group (the caller has the
// team's turn) and answers each.
func (s *Store) runQueued(teamID string, q *teamQueue) {
	s.groupMu.Lock()
	n := min(len(q.queued), maxGroup)
	jobs := slices.Clone(q.queued[:n])
	q.queued = slices.Delete(q.queued, 0, n)
	s.groupMu.Unlock()
	if len(jobs) == 0 {
		return
	}
	s.txSlots <- struct{}{}
	err := s.runGroups(teamID, jobs)
	<-s.txSlots
	for _, j := range jobs {
		if err != nil && j.OK() {
			j.Err = err
		}
		close(j.done)
	}
}

// runGroups runs jobs as one group until it is committed or fails for good: again
// without a job that lost the transaction, and again whole (after a short, jittered
// pause) when PostgreSQL asks for a retry. An error is the transaction's: none of the
// jobs was committed. Otherwise each job's own outcome is in it.
func (s *Store) runGroups(teamID string, jobs []*teamJob) error {
	run := slices.Clone(jobs)
	for attempt := 1; ; {
		for _, j := range run {
			j.JobOutcome = serverstore.JobOutcome{}
		}
		err := s.runGroup(teamID, run)
		var lost *lostError
		if errors.As(err, &lost) {
			run = slices.DeleteFunc(run, func(j *teamJob) bool { return j == lost.job })
			if len(run) == 0 {
				return nil // the failed job has its own error; nothing else to run
			}
			continue
		}
		if err == nil || attempt >= maxAttempts || !retryable(err) {
			return err
		}
		d := time.Duration(attempt) * 10 * time.Millisecond
		time.Sleep(d + rand.N(d))
		attempt++
	}
}

// lostError is a transaction lost to one job's failure (runGroup).
type lostError struct {
	job *teamJob
	err error
}

func (e *lostError) Error() string {
	return fmt.Sprintf("a push failed (%v) and its transaction could not go on (%v); the pushes of its group are applied again without it", e.job.Failure(), e.err)
}

// runGroup applies jobs in one transaction: each in a savepoint when there are several
// (one alone is rolled back with the transaction). A retryable error of a job is
// returned as the transaction's (the whole group runs again: runGroups).
func (s *Store) runGroup(teamID string, jobs []*teamJob) (err error) {
	ctx := context.Background() // not any request's (above)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			rollback(ctx, tx)
		}
	}()
	if _, err := tx.Exec(ctx, lockTeamByKey, teamLockKey(teamID)); err != nil {
		return fmt.Errorf("lock team %q: %w", teamID, err)
	}
	savepoint := len(jobs) > 1
	applied := 0
	for _, j := range jobs {
		ok, err := runJob(ctx, s, tx, teamID, j, savepoint)
		if err != nil {
			return err
		}
		if ok {
			applied++
		}
	}
	if applied == 0 {
		return nil // nothing to keep: every job has its own error (rolled back above)
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	done = true
	s.commits.Add(1)
	return nil
}

// runJob applies one job: fn and then the writes it kept for the end (finish), inside
// a savepoint of tx that is rolled back to when either fails (j.Err, j.Panicked). ok is
// whether the job was applied; an error is the transaction's: a *lostError when the
// savepoint could not be rolled back to, or the job's own retryable error.
func runJob(ctx context.Context, s *Store, tx pgx.Tx, teamID string, j *teamJob, savepoint bool) (ok bool, err error) {
	t := &teamTx{s: s, tx: groupTx{Tx: tx, ctx: ctx}, teamID: teamID, recs: map[string]*serverstore.Record{}, res: map[string]int{},
		savepoint: savepoint}
	if savepoint { // sent with the push's first round trip; RELEASE with its last (finish)
		t.queue.Queue("SAVEPOINT push")
		t.what = append(t.what, "make the push's savepoint")
	}
	j.Catch(func() error {
		if err := j.fn(t); err != nil {
			return err
		}
		return t.finish(ctx)
	})
	if j.OK() {
		return true, nil
	}
	if j.Panicked == nil && retryable(j.Err) {
		return false, j.Err
	}
	if !savepoint || !t.sent {
		return false, nil // (nothing of the push was sent)
	}
	if _, err := tx.Exec(ctx, "ROLLBACK TO push"); err != nil {
		return false, &lostError{job: j, err: err}
	}
	if _, err := tx.Exec(ctx, "RELEASE push"); err != nil {
		return false, &lostError{job: j, err: err}
	}
	return false, nil
}

// groupTx is the group's transaction as a push's teamTx uses it: every statement runs
// with the group's context (above), whatever context the caller of a Tx method passed,
// so that a request whose client has gone away cannot abort the other pushes of its
// group.
type groupTx struct {
	pgx.Tx
	ctx context.Context
}

func (g groupTx) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return g.Tx.Exec(g.ctx, sql, args...)
}

func (g groupTx) Query(_ context.Context, sql string, args ...any) (pgx.Rows, error) {
	return g.Tx.Query(g.ctx, sql, args...)
}

func (g groupTx) QueryRow(_ context.Context, sql string, args ...any) pgx.Row {
	return g.Tx.QueryRow(g.ctx, sql, args...)
}

func (g groupTx) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	return g.Tx.SendBatch(g.ctx, b)
}

func (g groupTx) CopyFrom(_ context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return g.Tx.CopyFrom(g.ctx, table, columns, src)
}

func (g groupTx) Prepare(_ context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return g.Tx.Prepare(g.ctx, name, sql)
}

// lockTeamByKey takes the team's lock (InTeamTx) and, for the rest of the transaction,
// keeps PostgreSQL's planner from choosing a sequential scan. Every statement of a
// push reads by key (a record, a change result, a device's count, the team's row), but
// a table's statistics trail its growth (autovacuum analyzes it after 10 % more rows,
// and a prepared statement keeps the plan it was given when the table was small): a
// team's first sync into a new database was read whole, once per push, for the few
// rows a push looks up.
const lockTeamByKey = "SELECT pg_advisory_xact_lock($1), set_config('enable_seqscan', 'off', true)"
