package serverstore

import "context"

// Group commit (serversqlite and serverpostgres group.go): an InTeamTx queues its job
// and waits; whoever gets the turn takes the jobs queued by then, applies them in one
// transaction and answers each. The waiting is the same in both stores.

// AwaitGroup waits until a queued job is answered (done is closed), running the queue
// (run) whenever the turn (a channel of capacity 1) is free: a job answered while its
// caller waited for the turn is not a reason to take it. When ctx ends first, the job
// is taken out of the queue if no group has taken it (unqueue reports true: AwaitGroup
// returns ctx.Err() and the job will never run); otherwise its outcome is its group's,
// and AwaitGroup waits for it. nil: done was closed, the job's outcome is set.
func AwaitGroup(ctx context.Context, done <-chan struct{}, turn chan struct{}, run func(), unqueue func() bool) error {
	for {
		select {
		case <-done: // answered by the group that took it (first: not a turn for others)
			return nil
		default:
		}
		select {
		case <-done:
			return nil
		case turn <- struct{}{}:
			func() {
				defer func() { <-turn }()
				run()
			}()
		case <-ctx.Done():
			if unqueue() {
				return ctx.Err()
			}
			<-done // in a group already: its outcome is the group's
			return nil
		}
	}
}

// JobOutcome is a queued job's outcome, set by the group that ran it before the job
// is answered: its error, or what it panicked with (passed on in the caller's
// goroutine, not the group's).
type JobOutcome struct {
	Err      error
	Panicked any
}

// Catch runs fn and keeps its error, or what it panicked with.
func (o *JobOutcome) Catch(fn func() error) {
	defer func() {
		if p := recover(); p != nil {
			o.Panicked = p
		}
	}()
	o.Err, o.Panicked = fn(), nil
}

// OK says whether the job neither failed nor panicked.
func (o *JobOutcome) OK() bool { return o.Err == nil && o.Panicked == nil }

// Failure is what went wrong: the panic, else the error.
func (o *JobOutcome) Failure() any {
	if o.Panicked != nil {
		return o.Panicked
	}
	return o.Err
}

// Result is the job's error for its caller; a panic is panicked again.
func (o *JobOutcome) Result() error {
	if o.Panicked != nil {
		panic(o.Panicked)
	}
	return o.Err
}
