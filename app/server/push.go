package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// PushChange is one change of a push as decoded: valid (Record is the decoded,
// normalised record and Meta its metadata) or to be rejected (Reject says why).
type PushChange struct {
	syncapi.Change
	Record any
	Meta   *involve.Meta
	Reject *syncapi.Error

	sentUpdatedAt string     // the device's updatedAt, before the server stamps its own
	sentNumber    int        // a contributor's pseudonym number as sent (pseudonym.go)
	pre           prestamped // the state stamped before the transaction (pushstamp.go)
	number        int        // the number the server gives or keeps (pseudonym.go)
	// roleRefused: the device's role may not hold records of this kind at all, so its
	// state was not decoded (DecodePushAs); apply refuses it first (roleRefusal).
	roleRefused bool
	erasure     erasureState // the team's erasures and this change (erasure.go)
}

// MaxRev bounds revisions (far above any hybrid-clock value) so that the server's
// "max + 1" can never overflow.
const MaxRev = 1 << 62

// handlePush applies a batch of changes and answers one result per change.
func (s *Server) handlePush(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	defer s.pushing.enter(dev.ID)() // busy.go
	row, err := s.rowOf(r, dev)     // pushrow.go
	if err != nil {
		return err
	}
	defer row.abandon() // (nothing once the store has applied it or not)
	body, err := readBody(w, r, s.limits.MaxBodyBytes)
	if err != nil {
		return err
	}
	key, err := s.keys.TeamKey(r.Context(), dev.TeamID)
	if err != nil {
		return err
	}
	changes, err := DecodePushAs(body, s.limits.MaxBatch, key, deviceRole(dev))
	if err != nil {
		return err
	}
	pulled, err := pulledFrom(r) // erasure_quotes.go
	if err != nil {
		return err
	}
	resp, daily, err := s.push(r.Context(), dev, changes, pulled, row)
	if err != nil {
		return err
	}
	resp.Batch = s.askBatch(dev.ID, daily) // busy.go
	if resp.Batch > 0 {                    // busy: a push of the size asked costs its share of a request
		s.short(dev.ID, max(len(changes), resp.Batch), s.limits.MaxBatch)
	}
	out, err := syncwire.AppendPushResponse(make([]byte, 0, 64*len(resp.Results)+64), &resp)
	if err != nil {
		return err
	}
	return s.writeBody(w, r, http.StatusOK, out)
}

// Push applies decoded changes from a device, in order (a change that breaks a rule
// spanning records which a later one may mend waits for the end: rules.go), in one
// transaction of the device's team, by the rules of docs/sync-protocol.md, and audits
// the push in one line.
func (s *Server) Push(ctx context.Context, dev serverstore.Device, changes []PushChange) ([]syncapi.Result, error) {
	resp, _, err := s.push(ctx, dev, changes, pulledCursor{}, pushRow{})
	return resp.Results, err
}

// push is Push with the answer's Since and Cursor (ownRange), and the device's daily
// changes limit (checkQuotas; 0: none or not read, for an empty push).
func (s *Server) push(ctx context.Context, dev serverstore.Device, changes []PushChange, pulled pulledCursor, row pushRow) (syncapi.PushResponse, int64, error) {
	results := make([]syncapi.Result, 0, len(changes))
	if len(changes) == 0 {
		return syncapi.PushResponse{Results: results}, 0, nil
	}
	// Names for conflict records, read before the transaction (not inside it: a
	// store's pool may be busy with transactions waiting for this one).
	devs, err := s.store.ListDevices(ctx, dev.TeamID)
	if err != nil {
		return syncapi.PushResponse{}, 0, err
	}
	names := make(map[string]string, len(devs))
	for _, d := range devs {
		names[d.ID] = personName(d)
	}
	key, err := s.keys.TeamKey(ctx, dev.TeamID)
	if err != nil {
		return syncapi.PushResponse{}, 0, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	prestamp(changes, dev.TeamID, formatTime(now)) // pushstamp.go: outside the writer's time
	erased := false
	var own seqRange
	var daily int64
	err = s.inTeamTx(ctx, dev.TeamID, row, func(tx serverstore.Tx) error { // pushrow.go
		results = results[:0]
		p := &pusher{tx: tx, dev: dev, team: dev.TeamID, key: key, now: now, nowText: formatTime(now), names: names, counts: map[string]int{},
			pulled: pulled}
		if pf, ok := tx.(serverstore.Prefetcher); ok {
			changeIDs, recordIDs := prefetchIDs(changes)
			if err := pf.Prefetch(ctx, changeIDs, recordIDs); err != nil {
				return err
			}
		}
		var err error
		if results, err = p.applyAll(ctx, changes, results); err != nil { // rules.go
			return err
		}
		erased, own = p.erasedAny, p.seqs
		if daily, err = s.checkQuotas(ctx, tx, dev, len(changes)-p.resent, now); err != nil {
			return err // quota.go: nothing of the push is kept
		}
		return tx.Audit(ctx, serverstore.AuditEntry{At: now, TeamID: dev.TeamID, DeviceID: dev.ID, Action: "push", Detail: p.summary(len(changes))})
	})
	if err != nil {
		return syncapi.PushResponse{}, 0, err
	}
	if erased {
		s.scrubAfterErasure(ctx) // erasure.go
	}
	resp := syncapi.PushResponse{Results: results, Row: s.takesRows()} // pushrow.go
	resp.Since, resp.Cursor = own.cursors(erased, results)
	return resp, daily, nil
}

// prefetchIDs lists the change ids and record ids a batch will look up (changes
// already rejected by decoding need no lookups).
func prefetchIDs(changes []PushChange) (changeIDs, recordIDs []string) {
	for i := range changes {
		c := &changes[i]
		if c.ChangeID != "" && len(c.ChangeID) <= 64 {
			changeIDs = append(changeIDs, c.ChangeID)
		}
		if c.Reject == nil && !c.roleRefused {
			recordIDs = append(recordIDs, c.RecordID)
			if d, ok := c.Record.(involve.Doc); ok {
				if _, parent := d.Parent(); parent != "" {
					recordIDs = append(recordIDs, parent) // checkDocParent looks it up
				}
			}
		}
	}
	return changeIDs, recordIDs
}

func personName(d serverstore.Device) string {
	if d.UserName != "" {
		return d.UserName
	}
	return d.Name
}

// ServerDeviceID is the device id of what the server itself writes (merges, conflicts).
const ServerDeviceID = "server"

// pusher applies one push's changes inside its transaction.
type pusher struct {
	tx      serverstore.Tx
	dev     serverstore.Device
	team    string
	key     *lockbox.TeamKey // the team's: merged states are judged with it
	now     time.Time
	nowText string
	names   map[string]string
	counts  map[string]int
	resent  int          // changes whose id was answered before
	buf     []byte       // a change result being written
	rules   *pushRules   // rules that span records (rules.go)
	nums    *teamNumbers // the team's pseudonym numbers (pseudonym.go)
	erased  teamErasures // the team's erasures, nil until read (erasure.go)
	// erasedAny: the push stored a new erasure (the store is scrubbed after commit).
	erasedAny bool
	seqs      seqRange // the records stored, by sequence number
	// pulled: how far the device says it has pulled; erasureSeqs: the sequence number
	// of each of the team's erasures, by id (erasure_quotes.go)
	pulled      pulledCursor
	erasureSeqs map[string]int64
}

func (p *pusher) summary(n int) string {
	var parts []string
	for _, st := range []string{syncapi.StatusApplied, syncapi.StatusDuplicate, syncapi.StatusMerged, syncapi.StatusConflict, syncapi.StatusRejected} {
		if c := p.counts[st]; c > 0 {
			parts = append(parts, strconv.Itoa(c)+" "+st)
		}
	}
	noun := " changes: "
	if n == 1 {
		noun = " change: "
	}
	return strconv.Itoa(n) + noun + strings.Join(parts, ", ")
}

func (p *pusher) apply(ctx context.Context, c *PushChange) (syncapi.Result, error) {
	// 0. A record the device's role may not hold (roles.go): refused before anything is
	// read, and not remembered (a stored result of the change id may carry a state).
	if why := roleRefusal(p.dev, c); why != nil {
		return syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusRejected, Code: why.Code, Reason: why.Message}, nil
	}
	// 1. Duplicate: the earlier answer again. A rejection stays a rejection (a
	// "duplicate" would tell the device the change had been taken).
	if c.ChangeID != "" && len(c.ChangeID) <= 64 {
		raw, found, err := p.tx.ChangeResult(ctx, c.ChangeID, c.RecordID)
		if err != nil {
			return syncapi.Result{}, err
		}
		if found {
			p.resent++ // answered before: not counted again (quota.go)
			var res syncapi.Result
			if err := json.Unmarshal(raw, &res); err != nil {
				return res, fmt.Errorf("stored result of change %s: %w", c.ChangeID, err)
			}
			res.ChangeID = c.ChangeID
			if res.Status != syncapi.StatusRejected {
				res.Status = syncapi.StatusDuplicate
			}
			return res, nil
		}
	}
	// 2. Rejected.
	if c.Reject != nil {
		return p.reject(ctx, c, c.Reject)
	}
	if why, err := p.checkDocParent(ctx, c); err != nil {
		return syncapi.Result{}, err
	} else if why != nil {
		return p.reject(ctx, c, why)
	}
	cur, found, err := p.tx.GetRecord(ctx, p.team, c.RecordID)
	if errors.Is(err, serverstore.ErrOtherTeam) {
		if c.Entity != involve.EntityTheme {
			return p.reject(ctx, c, errorf(syncapi.EFORBIDDEN, "This record belongs to another team."))
		}
		// Theme ids come from their labels: every team may have the same one.
		found, err = false, nil
	}
	if err != nil {
		return syncapi.Result{}, err
	}
	if why, err := p.checkPurged(ctx, c, found); err != nil || why != nil { // purge.go
		if err != nil {
			return syncapi.Result{}, err
		}
		return p.reject(ctx, c, why)
	}
	if found && cur.Entity != c.Entity {
		return p.reject(ctx, c, errorf(syncapi.EINVALID, "Record %s is a %s on the server, not a %s.", c.RecordID, cur.Entity, c.Entity))
	}
	if why, err := p.checkStored(ctx, c, cur, found); err != nil { // roles.go
		return syncapi.Result{}, err
	} else if why != nil {
		return p.reject(ctx, c, why)
	}
	if why, err := p.checkErasure(ctx, c, cur, found); err != nil || why != nil { // erasure.go
		return p.refuse(ctx, c, why, err)
	}
	renumbered, err := p.number(ctx, c, cur, found) // pseudonym.go
	if err != nil {
		return syncapi.Result{}, err
	}
	// 3. Applied: nothing to merge with (if the rules that span records allow it).
	if !found || c.BaseRev == cur.Rev {
		if why, err := p.checkRules(ctx, c, cur, found, c.Record); err != nil {
			return syncapi.Result{}, err
		} else if why != nil {
			return p.reject(ctx, c, why)
		}
		res, err := p.applyChange(ctx, c, cur, found, renumbered)
		if err == nil && c.erasure.plan != nil {
			err = p.erase(ctx, c) // a new erasure's work (erasure.go)
		}
		return res, err
	}
	// 4. Concurrent with another change: merge.
	return p.merge(ctx, c, cur)
}

func (p *pusher) save(ctx context.Context, res syncapi.Result) (syncapi.Result, error) {
	var err error
	if p.buf, err = syncwire.AppendResult(p.buf[:0], &res); err != nil { // json.Marshal's bytes
		return res, err
	}
	return res, p.tx.SaveChangeResult(ctx, p.team, p.dev.ID, res.ChangeID, p.buf)
}

func (p *pusher) reject(ctx context.Context, c *PushChange, why *syncapi.Error) (syncapi.Result, error) {
	res := syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusRejected, Code: why.Code, Reason: why.Message}
	if !isUUID(c.ChangeID) {
		return res, nil // nothing to remember it by
	}
	return p.save(ctx, res)
}

// applyChange stores a change as sent, unless renumbered (a contributor's pseudonym
// number changed by the server: then it is answered as merged, with the state stored).
func (p *pusher) applyChange(ctx context.Context, c *PushChange, cur serverstore.Record, found, renumbered bool) (syncapi.Result, error) {
	rev := c.Rev
	if found && rev <= cur.Rev {
		rev = cur.Rev + 1
	}
	by := p.dev.ID
	if renumbered {
		var err error
		if rev, err = p.renumber(ctx, c, rev); err != nil { // pseudonym.go
			return syncapi.Result{}, err
		}
		by = ServerDeviceID
	}
	state, same, err := p.stamp(c, rev, renumbered) // pushstamp.go
	if err != nil {
		return syncapi.Result{}, err
	}
	rec := serverstore.Record{TeamID: p.team, Entity: c.Entity, ID: c.RecordID, Rev: rev, State: state, DeviceID: by, UpdatedAt: p.now}
	if err := p.put(ctx, &rec, c.ChangeID); err != nil {
		return syncapi.Result{}, err
	}
	if renumbered || c.erasure.scrubbed { // the device gets the state stored
		return p.save(ctx, syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusMerged, Rev: rev, State: state})
	}
	res := syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusApplied, Rev: rev}
	if !same {
		// Stored otherwise than sent (decoding normalised it): the device gets the state
		// stored, as for a merge.
		res.State = state
	}
	res, err = p.save(ctx, res)
	// The stamp goes to the device, not into the stored result: a change sent again is
	// answered "duplicate" with what was stored, and its record may have changed since.
	res.UpdatedAt = p.nowText
	return res, err
}

func (p *pusher) merge(ctx context.Context, c *PushChange, cur serverstore.Record) (syncapi.Result, error) {
	var base map[string]json.RawMessage
	if c.BaseRev > 0 {
		rv, ok, err := p.tx.GetRevision(ctx, p.team, c.RecordID, c.BaseRev)
		if err != nil {
			return syncapi.Result{}, err
		}
		if ok {
			if base, err = toMap(rv.State); err != nil {
				return syncapi.Result{}, fmt.Errorf("revision %d: %w", c.BaseRev, err)
			}
		} else if seed, isSeed := involve.StarterThemeByID(c.RecordID); isSeed && c.Entity == involve.EntityTheme && c.BaseRev == 1 {
			// Starter themes are seeded at rev 1 on every device and never pushed as
			// such: the seed itself is the base two devices' edits share.
			b, _ := json.Marshal(seed)
			if base, err = toMap(b); err != nil {
				return syncapi.Result{}, err
			}
		}
	}
	serverState, err := toMap(cur.State)
	if err != nil {
		return syncapi.Result{}, fmt.Errorf("stored state: %w", err)
	}
	// The device's own version is kept in the history as it was sent. (A store may
	// run the transaction again: every field set here is set again.)
	clientAt := c.sentUpdatedAt
	c.Meta.TeamID, c.Meta.Rev, c.Meta.UpdatedAt = p.team, c.Rev, clientAt
	clientJSON, err := json.Marshal(c.Record)
	if err != nil {
		return syncapi.Result{}, err
	}
	clientState, err := toMap(clientJSON)
	if err != nil {
		return syncapi.Result{}, err
	}

	merged, fcs := syncapi.Merge(base,
		syncapi.Side{State: serverState, Rev: cur.Rev, DeviceID: cur.DeviceID},
		syncapi.Side{State: clientState, Rev: c.Rev, DeviceID: p.dev.ID})
	fcs = p.keepNumber(c, merged, fcs)                        // pseudonym.go
	if fcs, err = p.eraseMerged(c, merged, fcs); err != nil { // erasure.go
		return syncapi.Result{}, err
	}
	// A merged record with sealed fields is judged as a pushed one (each value sealed
	// with the team's key, in its place, and the plain copy valid); it must keep the
	// rules that span records too. Nothing is stored before it is judged.
	if why, err := p.checkMergedSealed(c, merged); err != nil {
		return syncapi.Result{}, err
	} else if why != nil {
		return p.reject(ctx, c, why)
	}
	if why, err := p.checkMerged(ctx, c, cur, merged); err != nil {
		return syncapi.Result{}, err
	} else if why != nil {
		return p.reject(ctx, c, why)
	}
	if err := p.tx.AddRevision(ctx, serverstore.Revision{TeamID: p.team, Entity: c.Entity, RecordID: c.RecordID, Rev: c.Rev,
		State: clientJSON, DeviceID: p.dev.ID, ChangeID: c.ChangeID, CreatedAt: p.now}); err != nil {
		return syncapi.Result{}, err
	}
	rev := max(cur.Rev, c.Rev) + 1
	merged["teamId"], _ = json.Marshal(p.team)
	merged["rev"] = json.RawMessage(strconv.FormatInt(rev, 10))
	merged["updatedAt"], _ = json.Marshal(p.nowText)
	state, err := json.Marshal(merged)
	if err != nil {
		return syncapi.Result{}, err
	}
	rec := serverstore.Record{TeamID: p.team, Entity: c.Entity, ID: c.RecordID, Rev: rev, State: state, DeviceID: ServerDeviceID, UpdatedAt: p.now}
	if err := p.put(ctx, &rec, c.ChangeID); err != nil {
		return syncapi.Result{}, err
	}

	res := syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusMerged, Rev: rev, State: state}
	// Two devices resolving the same conflict differently: the merge's winner stands
	// and no conflict about a conflict is made (the values themselves were pushed with
	// the resolutions, and conflict there if they differ).
	if c.Entity != involve.EntityConflict {
		serverSide := involve.ConflictValue{Rev: cur.Rev, DeviceID: cur.DeviceID, By: p.names[cur.DeviceID], At: jsonString(serverState["updatedAt"])}
		clientSide := involve.ConflictValue{Rev: c.Rev, DeviceID: p.dev.ID, By: personName(p.dev), At: clientAt}
		for _, fc := range fcs {
			id, err := p.conflict(ctx, c, fc, serverSide, clientSide, rev)
			if err != nil {
				return res, err
			}
			res.Conflicts = append(res.Conflicts, id)
		}
	}
	if len(res.Conflicts) > 0 {
		res.Status = syncapi.StatusConflict
	}
	return p.save(ctx, res)
}

// conflictNamespace makes conflict ids from what they are about.
var conflictNamespace = uuid.MustParse("6f1c1e7a-4a53-4d0e-9b57-3a8f0c2e9d41")

// ConflictID is the id of the conflict record of a field of a record between two
// revisions: the same inputs give the same id, so a replay makes no duplicate.
func ConflictID(teamID, recordID, field string, loserRev, winnerRev int64) string {
	name := strings.Join([]string{teamID, recordID, field, strconv.FormatInt(loserRev, 10), strconv.FormatInt(winnerRev, 10)}, "\x00")
	return uuid.NewSHA1(conflictNamespace, []byte(name)).String()
}

// conflict records a same-field conflict as a record of the team's dataset.
func (p *pusher) conflict(ctx context.Context, c *PushChange, fc syncapi.FieldConflict, serverSide, clientSide involve.ConflictValue, rev int64) (string, error) {
	winner, loser := clientSide, serverSide
	if fc.LoserIsClient {
		winner, loser = serverSide, clientSide
	}
	winner.Value, loser.Value = fc.Winner, fc.Loser
	id := ConflictID(p.team, c.RecordID, fc.Field, loser.Rev, winner.Rev)
	if _, found, err := p.tx.GetRecord(ctx, p.team, id); err != nil && !errors.Is(err, serverstore.ErrOtherTeam) {
		return id, err
	} else if found {
		return id, nil // made before (and perhaps resolved since): keep it as it is
	}
	rec := involve.Conflict{
		Meta: involve.Meta{ID: id, CreatedAt: p.nowText, UpdatedAt: p.nowText, CreatedBy: ServerDeviceID, DeviceID: ServerDeviceID,
			Rev: rev, TeamID: p.team},
		Entity: c.Entity, RecordID: c.RecordID, Field: fc.Field, Base: fc.Base, Winner: winner, Loser: loser, Status: involve.ConflictOpen,
	}
	state, err := json.Marshal(rec)
	if err != nil {
		return id, err
	}
	r := serverstore.Record{TeamID: p.team, Entity: involve.EntityConflict, ID: id, Rev: rev, State: state, DeviceID: ServerDeviceID, UpdatedAt: p.now}
	return id, p.putAs(ctx, &r, c.ChangeID, false)
}

func toMap(state json.RawMessage) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(state, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]json.RawMessage{}
	}
	return m, nil
}

func jsonString(v json.RawMessage) string {
	var s string
	json.Unmarshal(v, &s)
	return s
}

// checkMergedSealed judges the merged state of a record with sealed fields with the
// team's key, as DecodeState judges a pushed one.
func (p *pusher) checkMergedSealed(c *PushChange, merged map[string]json.RawMessage) (*syncapi.Error, error) {
	if !involve.HasSealedFields(c.Entity) {
		return nil, nil
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	if _, _, err := syncapi.DecodeState(c.Entity, c.RecordID, b, p.key); err != nil {
		return errorf(syncapi.EINVALID, "The record merged with the server's would not be valid: %s", err), nil
	}
	return nil, nil
}
