package serverstore

import (
	"context"
	"errors"
	"sync"
)

// Pushes in a row (docs/sync-protocol.md "Pushes in a row"). A laptop may send its
// next push before the answer to the one before has come, naming that one; the
// server must then apply them in the order sent, and the later one only if the
// earlier was applied. A Step is one such push's place in its row.
//
// Sequenced is an optional Store interface: a store whose InTeamTx transactions
// start in the order they are queued (first come, first served) implements it, and
// only then does the server take pushes in a row (app/serversqlite does; a store
// that does not is sent one push at a time, as before).
type Sequenced interface {
	// InTeamTxStep is InTeamTx for the push of step, which must come after prev's (nil:
	// it follows nothing). It closes step's Queued once fn is queued behind every
	// transaction queued before it. fn runs only if prev's transaction was applied
	// before it: committed, or earlier in the same transaction (group commit); else
	// it returns ErrPrevNotApplied without running fn. The caller waits for prev's
	// Queued before calling (prev not queued yet counts as not applied). step is
	// marked applied or failed by the outcome.
	InTeamTxStep(ctx context.Context, teamID string, step, prev *Step, fn func(tx Tx) error) error
}

// ErrPrevNotApplied is a push in a row whose previous push was not applied (it failed,
// was refused, never came, or its client went away): nothing of it was applied.
var ErrPrevNotApplied = errors.New("serverstore: the previous push of this row was not applied")

// Step states.
const (
	StepPending   = iota // not run (yet)
	StepApplied          // applied in a transaction not committed yet (Group says which)
	StepCommitted        // applied and committed
	StepFailed           // not applied, for good
)

// Step is one push's place in a row of pushes (Sequenced). The zero value is not
// usable: NewStep.
type Step struct {
	queued     chan struct{}
	queuedOnce sync.Once

	mu    sync.Mutex
	state int
	group any // the transaction it was applied in (StepApplied)
}

// NewStep makes a step, not queued.
func NewStep() *Step { return &Step{queued: make(chan struct{})} }

// Queued is closed when the step's transaction is queued (or will never be: Abandon).
func (s *Step) Queued() <-chan struct{} { return s.queued }

// MarkQueued closes Queued (the store, once the transaction is queued).
func (s *Step) MarkQueued() { s.queuedOnce.Do(func() { close(s.queued) }) }

// Abandon says the step's push will never be applied (it failed before its
// transaction was queued): Queued is closed and the step failed, unless it was
// applied already.
func (s *Step) Abandon() {
	s.mu.Lock()
	if s.state == StepPending {
		s.state = StepFailed
	}
	s.mu.Unlock()
	s.MarkQueued()
}

// Set records the step's state (the store); group names the transaction for
// StepApplied.
func (s *Step) Set(state int, group any) {
	s.mu.Lock()
	s.state, s.group = state, group
	s.mu.Unlock()
}

// AppliedBefore reports whether the step's push was applied, committed or earlier in
// the transaction group (a nil step: nothing to follow, true).
func (s *Step) AppliedBefore(group any) bool {
	if s == nil {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state == StepCommitted || (s.state == StepApplied && group != nil && s.group == group)
}

// State is the step's state now.
func (s *Step) State() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}
