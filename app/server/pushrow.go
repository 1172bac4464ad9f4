package server

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Pushes in a row (docs/sync-protocol.md "Pushes in a row"). A laptop may send a push
// before the answer to its previous one has come, naming both (?push=, ?after=): the
// two travel on different connections and may arrive in either order, so the server
// queues the later one only once the earlier one is queued, and the store
// (serverstore.Sequenced) applies it after the earlier one and only if that one was
// applied. The laptop's database work, both ends' JSON and the server's decoding then
// overlap the server's writing, and the pushes waiting for the writer share its
// commit (group commit). A push whose previous one never comes, or was not applied,
// is answered 503 with nothing applied; the laptop sends it again on its own.

// rowWait is how long a push in a row waits for the push it follows to be queued.
var rowWait = 30 * time.Second

// rowKeep is how long a push's place in a row is remembered (its successor is sent
// before its answer comes: seconds at most).
const rowKeep = 5 * time.Minute

// maxRowName bounds ?push= and ?after=.
const maxRowName = 64

// pushRows is the server's memory of the pushes in a row, by device and name.
type pushRows struct {
	mu    sync.Mutex
	steps map[rowKey]*rowStep
	swept time.Time
}

type rowKey struct{ device, name string }

type rowStep struct {
	step    *serverstore.Step
	claimed bool // the push of this name has come (a later one may have named it first)
	at      time.Time
}

// get is the step of a device's push name, made if no push has named it yet.
func (r *pushRows) get(device, name string, now time.Time) *rowStep {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.steps == nil {
		r.steps = map[rowKey]*rowStep{}
	}
	if now.Sub(r.swept) > time.Minute {
		for k, st := range r.steps {
			if now.Sub(st.at) > rowKeep {
				delete(r.steps, k)
			}
		}
		r.swept = now
	}
	k := rowKey{device, name}
	st := r.steps[k]
	if st == nil {
		st = &rowStep{step: serverstore.NewStep(), at: now}
		r.steps[k] = st
	}
	return st
}

// claim is the step of the push named name, which has come; nil when a push of that
// name came before (a name is used once).
func (r *pushRows) claim(device, name string, now time.Time) *serverstore.Step {
	st := r.get(device, name, now)
	r.mu.Lock()
	defer r.mu.Unlock()
	if st.claimed {
		return nil
	}
	st.claimed = true
	return st.step
}

// pushRow is a push's place in a row: step (nil: the push is not named) and prev
// (nil: it follows nothing).
type pushRow struct {
	step, prev *serverstore.Step
}

// takesRows says whether the server takes pushes in a row: its store applies them in
// the order they are queued.
func (s *Server) takesRows() bool {
	_, ok := s.store.(serverstore.Sequenced)
	return ok
}

// rowOf reads ?push= and ?after=. Only a store that applies pushes in the order they
// are queued takes pushes in a row; another ignores both (and says nothing of rows in
// its answers: the laptop then sends one push at a time).
func (s *Server) rowOf(r *http.Request, dev serverstore.Device) (pushRow, error) {
	if !s.takesRows() {
		return pushRow{}, nil
	}
	q := r.URL.Query()
	name, after := q.Get(syncapi.PushNameParam), q.Get(syncapi.PushAfterParam)
	for _, v := range []string{name, after} {
		if len(v) > maxRowName {
			return pushRow{}, errorf(syncapi.EINVALID, "%s and %s must be at most %d characters.", syncapi.PushNameParam, syncapi.PushAfterParam, maxRowName)
		}
	}
	if after != "" && name == "" {
		return pushRow{}, errorf(syncapi.EINVALID, "%s needs %s.", syncapi.PushAfterParam, syncapi.PushNameParam)
	}
	if name == "" {
		return pushRow{}, nil
	}
	now := time.Now()
	var row pushRow
	if row.step = s.rows.claim(dev.ID, name, now); row.step == nil {
		return pushRow{}, errorf(syncapi.EINVALID, "This laptop sent two pushes named %q.", truncate(name, 40))
	}
	if after != "" {
		row.prev = s.rows.get(dev.ID, after, now).step
	}
	return row, nil
}

// refuseRow gives up the place in its row of a push refused before its handler (by
// the device's rate limit), so that the pushes sent after it are answered at once
// (503: the laptop sends them again) instead of waiting rowWait for it.
func (s *Server) refuseRow(r *http.Request, dev serverstore.Device) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/sync/push" {
		return
	}
	if row, err := s.rowOf(r, dev); err == nil {
		row.abandon()
	}
}

// abandon says the push will not be applied (it ended before its transaction).
func (row pushRow) abandon() {
	if row.step != nil {
		row.step.Abandon()
	}
}

// errRowBroken answers a push whose previous push was not applied.
func errRowBroken() error {
	return errorf(syncapi.EUNAVAILABLE, "An earlier push from this laptop was not applied, so this one was not either. It will be sent again.")
}

// waitPrev waits until the push this one follows is queued.
func (row pushRow) waitPrev(ctx context.Context) error {
	if row.prev == nil {
		return nil
	}
	t := time.NewTimer(rowWait)
	defer t.Stop()
	select {
	case <-row.prev.Queued():
		return nil
	case <-t.C:
		return errRowBroken()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// inTeamTx is the store's InTeamTx for a push in its row.
func (s *Server) inTeamTx(ctx context.Context, teamID string, row pushRow, fn func(tx serverstore.Tx) error) error {
	if row.step == nil {
		return s.store.InTeamTx(ctx, teamID, fn)
	}
	if err := row.waitPrev(ctx); err != nil {
		row.abandon()
		return err
	}
	err := s.store.(serverstore.Sequenced).InTeamTxStep(ctx, teamID, row.step, row.prev, fn)
	if errors.Is(err, serverstore.ErrPrevNotApplied) {
		return errRowBroken()
	}
	return err
}
