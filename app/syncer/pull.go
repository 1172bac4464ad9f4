package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sort"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// What the laptop does with each pulled change (docs/sync-protocol.md). The decisions
// are here; the Store's transaction only reads and writes, in batches.

// PullTally counts what a pull page did.
type PullTally struct {
	Received int // changes in the page
	Written  int // records written (new or changed)
	Kept     int // records not overwritten: a local change waits (it is pushed next, and merged)
	Parked   int // pulled records still waiting for the session or project they belong to
	Skipped  int // changes this version cannot store (unknown entity, unreadable state)
	// NewConflicts is how many open conflicts arrived that this laptop did not have.
	NewConflicts int
	// Withheld counts changes of kinds this laptop's role may not hold (a server that
	// filters by role sends none): they are not stored.
	Withheld int
	// Role is what a change of this laptop's role did (nil: none).
	Role *RoleChange
	// Purged is how many records the server purged were removed from the laptop, and
	// PurgeRejected how many of its waiting changes of them were rejected (purged.go).
	Purged, PurgeRejected int
}

// Add sums two tallies.
func (t *PullTally) Add(o PullTally) {
	t.Received += o.Received
	t.Written += o.Written
	t.Kept += o.Kept
	t.Parked = o.Parked // a count of what still waits, not of what happened
	t.Skipped += o.Skipped
	t.NewConflicts += o.NewConflicts
	t.Withheld += o.Withheld
	t.Purged += o.Purged
	t.PurgeRejected += o.PurgeRejected
	if o.Role != nil {
		t.Role = o.Role
	}
}

// pulled is one change of a page, decoded.
type pulled struct {
	c     *syncapi.PulledChange
	holds bool // the store has a place for its entity
	rec   any
	meta  *involve.Meta
	prep  any // what the store prepared for writing rec (Preparer)
	err   error
}

// orderOf places an entity in a pull page, so that what others point at comes first:
// its kind's Order (themes 0 … feedback 3, Docs 10 and up, conflicts last), 999 for
// an entity Involve does not know.
func orderOf(entity string) int {
	if k, ok := involve.KindOf(entity); ok {
		return k.Order
	}
	return 999
}

// decodePage decodes a page's states, on every core for a large page (decoding is
// most of the CPU a pull takes on the laptop, and it happens outside the write lock),
// and orders them for applying.
func decodePage(st Store, changes []syncapi.PulledChange) []pulled {
	out := make([]pulled, len(changes))
	decode := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := &changes[i]
			p := pulled{c: c, holds: st.Holds(c.Entity)}
			if !p.holds || !stateIsObject(c.State) {
				p.err = fmt.Errorf("cannot store a %q", c.Entity)
			} else if p.rec, p.meta, p.err = st.Decode(c.Entity, c.State); p.err == nil {
				p.meta.ID, p.meta.Rev = c.RecordID, c.Rev
				if pr, ok := st.(Preparer); ok {
					p.prep = pr.Prepare(p.rec, c.State)
				}
			}
			out[i] = p
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(changes)/256)
	if workers <= 1 {
		decode(0, len(changes))
	} else {
		var wg sync.WaitGroup
		per := (len(changes) + workers - 1) / workers
		for lo := 0; lo < len(changes); lo += per {
			wg.Add(1)
			go func(lo, hi int) { defer wg.Done(); decode(lo, hi) }(lo, min(lo+per, len(changes)))
		}
		wg.Wait()
	}
	sort.SliceStable(out, func(i, j int) bool { return orderOf(out[i].c.Entity) < orderOf(out[j].c.Entity) })
	return out
}

// stateIsObject is isObject without a copy of the state: a pulled state is checked
// where it lies in the page (isObject's string conversion copied every state, 80 MB
// of a first pull of 100 000 records), with the same spaces trimmed.
func stateIsObject(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) > 0 && t[0] == '{'
}

// ApplyPullPage applies one pull page and saves the cursor after it, in one
// transaction: killing the app at any moment either applies the whole page with its
// cursor or none of it. Every record's sync base is updated; the record is overwritten
// with the server's state unless a local change of it waits to be pushed. A record
// whose session (or project) has not arrived yet is parked in its sync base and
// written when that arrives (a later page of the same pull: pages are in sequence
// order, and a record changed later moves to a later page). Pulled records make no
// outbox entries. Re-applying a page is harmless.
//
// ApplyPullPage keeps the role stored; ApplyPull acts on the role the page states.
func ApplyPullPage(ctx context.Context, st Store, changes []syncapi.PulledChange, cursor string) (PullTally, error) {
	return applyPage(ctx, st, len(changes), decodePage(st, changes), cursor, nil, nil)
}

// ApplyPull is ApplyPullPage for a whole page from the server, with the role it
// states (role.go): a role that may no longer hold some kinds removes them from the
// laptop first, in the same transaction; one that may hold more resets the cursor
// instead of applying the page (PullTally.Role.Restart: pull again from the
// beginning). Changes of kinds the role may not hold are never stored.
func ApplyPull(ctx context.Context, st Store, page syncapi.PullResponse) (PullTally, error) {
	return applyPage(ctx, st, len(page.Changes), decodePage(st, page.Changes), page.Cursor, &page.Role, page.Purged)
}

// applyPage is ApplyPull of a page decoded by decodePage (a sync decodes the next
// page while it applies this one); received is how many changes the page had, role
// the role it states (nil: keep the stored one), purged the records it lists as
// purged (purged.go).
func applyPage(ctx context.Context, st Store, received int, page []pulled, cursor string, role *string, purged []syncapi.PurgedRecord) (PullTally, error) {
	var t PullTally
	err := st.SyncTx(ctx, func(tx Tx) error {
		var err error
		t, err = applyPageIn(st, tx, received, page, cursor, role, purged, nil)
		return err
	})
	return t, err
}

// applyPageIn is applyPage inside a transaction (applyPages applies several pages in
// one); fresh, when not nil, takes records it names to be new (pullnew.go).
func applyPageIn(st Store, tx Tx, received int, page []pulled, cursor string, role *string, purged []syncapi.PurgedRecord, fresh *newKeys) (PullTally, error) {
	t := PullTally{Received: received}
	if role != nil {
		rc, err := changeRole(tx, *role)
		if err != nil {
			return t, err
		}
		t.Role = rc
		if rc != nil && rc.Restart {
			return t, nil // the pull starts again from the beginning (changeRole reset the cursor)
		}
	}
	page, err := heldOnly(tx, page, &t)
	if err != nil {
		return t, err
	}
	if err := needsLock(tx, page); err != nil {
		return t, err // nothing of the page is stored, and the cursor stays
	}
	pa := &puller{st: st, tx: tx, fresh: fresh}
	if err := pa.lookup(page); err != nil {
		return t, err
	}
	for i := range page {
		if err := pa.apply(&page[i], &t); err != nil {
			return t, err
		}
	}
	if err := tx.Flush(); err != nil {
		return t, err
	}
	if err := pa.unpark(&t); err != nil {
		return t, err
	}
	if err := tx.Flush(); err != nil {
		return t, err
	}
	if err := applyPurged(tx, purged, &t); err != nil {
		return t, err
	}
	if t.Parked, err = tx.ParkedCount(); err != nil {
		return t, err
	}
	return t, tx.SaveCursor(cursor)
}

// fetchedPage is a pull page as fetched and decoded (the engine fetches ahead).
type fetchedPage struct {
	since   string // the cursor it was fetched from
	page    syncapi.PullResponse
	body    []byte // what page's states are slices of (pageFeed.release)
	decoded []pulled
	err     error
}

// applyPages applies pages in order in one transaction, each as applyPage does (its
// records, its purged list, its cursor), so that a laptop catching up writes and
// indexes many records with one commit. more (may be nil) is asked for another page
// after the last one given has been applied: a pull's next page, if one comes soon
// (nil: the batch ends there), so that the transaction starts with the first page
// instead of waiting for all of them (pullpages.go). applyPages stops after a page that
// changed the laptop's role (the caller handles that) and says which pages it took and
// how many of them it applied, with their tallies. A page that needs a passphrase this
// laptop has not set (ErrPassphraseRequired) ends the transaction with the pages before
// it applied. onPage (may be nil) is told of each page applied but the last, inside the
// transaction (progress; the caller reports the last after the commit).
//
// With *assume set (a pull from the beginning), feedback items not met before in the
// transaction are taken to be new (pullnew.go); when one was not, the transaction is
// rolled back, *assume cleared (for the rest of the pull) and the pages taken applied
// again with every lookup.
func applyPages(ctx context.Context, st Store, pages []*fetchedPage, more func() *fetchedPage, onPage func(PullTally), assume *bool) ([]PullTally, []*fetchedPage, error) {
	if len(pages) > 1 || more != nil {
		// A batch, once started, is applied whole: a sync stopped meanwhile keeps what
		// it pulled, as with one page a transaction, and stops before the next page
		// (more hands out none once the sync is stopped).
		ctx = context.WithoutCancel(ctx)
	}
	told := 0 // pages onPage was told of (a batch applied again tells of the others only)
	report := func(i int, t PullTally) {
		if onPage != nil && i >= told {
			told = i + 1
			onPage(t)
		}
	}
	b := &batch{pages: pages, more: more}
	if assume != nil && *assume {
		tallies, err := applyPagesOnce(ctx, st, b, report, &newKeys{})
		if !errors.Is(err, ErrNotNew) {
			return tallies, b.pages, err
		}
		*assume = false
		b.more = nil // the same pages again
		// decoded again: applying may have changed the records (an erasure)
		for _, f := range b.pages {
			f.decoded = decodePage(st, f.page.Changes)
		}
	}
	tallies, err := applyPagesOnce(ctx, st, b, report, nil)
	return tallies, b.pages, err
}

// batch is the pages of one transaction: those taken, and where more come from.
type batch struct {
	pages []*fetchedPage
	more  func() *fetchedPage // nil: no more
}

// has reports whether the batch has an i-th page, taking one more if it may.
func (b *batch) has(i int) bool {
	if i < len(b.pages) {
		return true
	}
	if b.more == nil {
		return false
	}
	p := b.more()
	if p == nil {
		b.more = nil
		return false
	}
	b.pages = append(b.pages, p)
	return true
}

// applyPagesOnce is applyPages in one transaction; fresh: see applyPageIn.
func applyPagesOnce(ctx context.Context, st Store, b *batch, report func(int, PullTally), fresh *newKeys) ([]PullTally, error) {
	var tallies []PullTally
	var stop error
	err := st.SyncTx(ctx, func(tx Tx) error {
		tallies, stop = tallies[:0], nil
		for i := 0; b.has(i); i++ {
			p := &b.pages[i].page
			t, err := applyPageIn(st, tx, len(p.Changes), b.pages[i].decoded, p.Cursor, &p.Role, p.Purged, fresh)
			if errors.Is(err, ErrPassphraseRequired) && i > 0 {
				stop = err // the pages before are kept with their cursor
				return nil
			}
			if err != nil {
				return err
			}
			tallies = append(tallies, t)
			if t.Role != nil {
				return nil
			}
			if b.has(i + 1) {
				report(i, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tallies, stop
}

// heldOnly leaves out of a page the changes the stored role may not hold (counted as
// Withheld). A role that may hold everything keeps the page as it is.
func heldOnly(tx Tx, page []pulled, t *PullTally) ([]pulled, error) {
	name, err := tx.Role()
	if err != nil {
		return nil, err
	}
	role, err := roleNamed(name)
	if err != nil {
		role = involve.RoleCapture // a name this version does not know: assume the least
	}
	if !restricted(role) {
		return page, nil
	}
	out := make([]pulled, 0, len(page))
	for i := range page {
		if mayHoldPulled(role, &page[i]) {
			out = append(out, page[i])
		} else {
			t.Withheld++
		}
	}
	return out, nil
}

// needsLock refuses a page with Lived Experience Partners' details (a Personal kind)
// on a laptop without a passphrase (ErrPassphraseRequired): the pull waits for one.
func needsLock(tx Tx, page []pulled) error {
	personal := false
	for i := range page {
		if k, ok := involve.KindOf(page[i].c.Entity); ok && k.Personal {
			personal = true
			break
		}
	}
	if !personal {
		return nil
	}
	has, err := tx.HasPassphrase()
	if err != nil || has {
		return err
	}
	return ErrPassphraseRequired
}

// puller applies one page inside its transaction. What it needs to know about the
// page's records (sync bases, waiting changes, local copies, parents) it reads in a
// few set-based queries first, not record by record.
type puller struct {
	st      Store
	tx      Tx
	fresh   *newKeys // records that may be taken to be new (pullnew.go); nil: none
	bases   map[Key]int64
	pending map[Key][]Waiting
	local   map[Key]Local
	sent    map[Key]json.RawMessage // sync base states of records here at the pulled revision
}

// lookup reads, for the whole page, the sync bases, the records with a change
// waiting, the local copies, and which records the page points at exist.
func (pa *puller) lookup(page []pulled) error {
	keys := make([]Key, 0, len(page))
	known := make([]Key, 0, len(page)) // the keys to look up: those not taken to be new
	var recs []any
	for i := range page {
		p := &page[i]
		if !p.holds {
			continue
		}
		k := Key{p.c.Entity, p.c.RecordID}
		keys = append(keys, k)
		if pa.fresh.assume(p) {
			pa.tx.AssumeNew(k)
		} else {
			known = append(known, k)
		}
		if p.err == nil {
			recs = append(recs, p.rec)
		}
	}
	pa.bases, pa.pending, pa.local, pa.sent = map[Key]int64{}, map[Key][]Waiting{}, map[Key]Local{}, map[Key]json.RawMessage{}
	if len(keys) == 0 {
		return nil
	}
	var err error
	// apply notes each base it writes: made at its size, not grown by every record taken
	// to be new (16 MB of a first pull of 100 000 records)
	pa.bases = make(map[Key]int64, len(keys))
	if len(known) > 0 {
		bases, err := pa.tx.Bases(known)
		if err != nil {
			return err
		}
		maps.Copy(pa.bases, bases)
		if pa.local, err = pa.tx.Local(known); err != nil {
			return err
		}
	}
	if pa.pending, err = pa.tx.Waiting(keys); err != nil {
		return err
	}
	// Records here at the pulled revision (this laptop's own changes coming back): their
	// sync base (what was sent) tells whether the server stored them as sent.
	var same []Key
	for _, p := range page {
		k := Key{p.c.Entity, p.c.RecordID}
		if m, ok := pa.local[k]; p.holds && ok && m.Rev == p.c.Rev {
			same = append(same, k)
		}
	}
	if len(same) > 0 {
		if pa.sent, err = pa.tx.BaseStates(same); err != nil {
			return err
		}
	}
	return pa.tx.LoadParents(recs)
}

func (pa *puller) apply(p *pulled, t *PullTally) error {
	c := p.c
	if !p.holds {
		t.Skipped++
		return nil
	}
	k := Key{c.Entity, c.RecordID}
	if rev, ok := pa.bases[k]; ok && rev > c.Rev {
		t.Kept++ // this laptop knows a newer state already
		return nil
	}
	pa.tx.CollectBase(k, c.Rev, c.State)
	pa.bases[k] = c.Rev
	if len(pa.pending[k]) > 0 {
		t.Kept++
		return nil
	}
	if p.err != nil {
		t.Skipped++
		return nil
	}
	cur, found := pa.local[k]
	written, err := pa.write(k, p, cur, found, pa.sent[k])
	if err != nil {
		return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
	} else if !written {
		return nil
	}
	t.Written++
	if cf, ok := p.rec.(*involve.Conflict); ok && !found && cf.Status == involve.ConflictOpen && cf.DeletedAt == "" {
		t.NewConflicts++
	}
	return nil
}

// write stores a pulled record unless it is here already at the same revision; a
// record whose session or project is not here yet is parked.
func (pa *puller) write(k Key, p *pulled, cur Local, found bool, sent json.RawMessage) (bool, error) {
	rec, meta, state := p.rec, p.meta, p.c.State
	if found && cur.Rev == meta.Rev && len(sent) > 0 && sameContent(sent, state) {
		// The same version (this laptop's own change, back from the server, stored as
		// sent): only what the server stamps on what it stores differs.
		if cf, ok := rec.(*involve.Conflict); ok && cf.Status != cur.Status {
			return true, pa.tx.PutPulled(rec, false)
		}
		if cur.TeamID == meta.TeamID && cur.UpdatedAt == meta.UpdatedAt {
			return false, nil
		}
		pa.tx.Touch(k.Entity, cur.Row, meta.TeamID, meta.UpdatedAt)
		return true, nil
	}
	if ok, err := pa.tx.ParentExists(rec); err != nil || !ok {
		if err == nil {
			pa.tx.Park(k)
		}
		return false, err
	}
	if pp, ok := pa.tx.(PreparedPutter); ok && p.prep != nil {
		return true, pp.PutPrepared(rec, !found, p.prep)
	}
	return true, pa.tx.PutPulled(rec, !found)
}

// unpark writes parked records whose session or project is now here: projects, then
// sessions, then feedback, until nothing more can be written.
func (pa *puller) unpark(t *PullTally) error {
	for {
		parked, err := pa.tx.Parked()
		if err != nil || len(parked) == 0 {
			return err
		}
		progress := false
		for _, c := range parked {
			rec, meta, err := pa.st.Decode(c.Entity, c.State)
			if err != nil {
				continue
			}
			if ok, err := pa.tx.ParentExists(rec); err != nil {
				return err
			} else if !ok {
				continue
			}
			k := Key{c.Entity, c.RecordID}
			if err := pa.tx.Unpark(k); err != nil {
				return err
			}
			progress = true
			if waiting, err := pa.tx.Waiting([]Key{k}); err != nil {
				return err
			} else if len(waiting[k]) > 0 {
				continue
			}
			meta.ID, meta.Rev = c.RecordID, c.Rev
			local, err := pa.tx.Local([]Key{k})
			if err != nil {
				return err
			}
			_, found := local[k]
			if err := pa.tx.PutPulled(rec, !found); err != nil {
				return fmt.Errorf("store pulled %s %s: %w", c.Entity, c.RecordID, err)
			}
			t.Written++
		}
		if !progress {
			return nil
		}
	}
}

// sameContent reports whether two states of a record agree on every field but the
// stamped ones (a server that normalises what it stores makes them differ).
func sameContent(a, b []byte) bool {
	if syncwire.SameFields(a, b) {
		return true
	}
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return false
	}
	for k, v := range ma {
		if !syncwire.Stamped(k) && !syncapi.Equal(v, mb[k]) {
			return false
		}
	}
	for k, v := range mb {
		if _, ok := ma[k]; !ok && !syncwire.Stamped(k) && !syncapi.Equal(v, nil) {
			return false
		}
	}
	return true
}
