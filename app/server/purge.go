package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Purging deleted records (docs/sync-protocol.md "Purging deleted records"): once a
// day, and with involve-server purge, each team's tombstones past the team's period
// for deleted records (involve.PurgeDue) are removed for good, with the conflicts
// about them; only their ids are kept, for pulls (pullpurged.go) and pushes to
// refuse.

// PurgeInterval is how often a running server purges.
const PurgeInterval = 24 * time.Hour

// ErrNoPurger is returned by Purge for a store that cannot purge.
var ErrNoPurger = errors.New("this server's store cannot purge deleted records")

// Purge purges one team's tombstones past their period on now's date, and audits
// how many (records.purged; no ids, no content). It returns how many records were
// purged: tombstones and the conflict records about them.
func Purge(ctx context.Context, st serverstore.Store, teamID string, now time.Time) (int, error) {
	p, ok := st.(serverstore.Purger)
	if !ok {
		return 0, ErrNoPurger
	}
	targets, err := purgeTargets(ctx, st, teamID, now.UTC().Format(time.DateOnly))
	if err != nil || len(targets) == 0 {
		return 0, err
	}
	done, err := p.PurgeRecords(ctx, teamID, targets, now)
	if err != nil {
		return 0, fmt.Errorf("purge deleted records of team %s: %w", teamID, err)
	}
	if len(done) == 0 {
		return 0, nil
	}
	err = st.Audit(ctx, serverstore.AuditEntry{At: now, TeamID: teamID, Action: "records.purged",
		Detail: fmt.Sprintf("%d deleted records past their retention period", len(done))})
	return len(done), err
}

// PurgeAll purges every team (Purge) and returns how many records it purged.
func PurgeAll(ctx context.Context, st serverstore.Store, now time.Time) (int, error) {
	teams, err := st.ListTeams(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, t := range teams {
		n, err := Purge(ctx, st, t.ID, now)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// RunPurges purges every team now and then every PurgeInterval until ctx ends
// (involve-server serve runs it beside the HTTP server). Failures are logged and
// tried again at the next turn.
func (s *Server) RunPurges(ctx context.Context) {
	for {
		if n, err := PurgeAll(ctx, s.store, s.now()); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Error("purge deleted records", "err", err)
		} else if n > 0 {
			s.log.Info("purged deleted records past their retention period", "records", n)
		}
		t := time.NewTimer(PurgeInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// purgeTargets lists the team's tombstones due on today under its effective rules
// and not held (involve.HeldRecords), and every conflict record about one of them.
func purgeTargets(ctx context.Context, st serverstore.Store, teamID, today string) ([]serverstore.PurgeTarget, error) {
	var rules []*involve.RetentionRule
	var holds []*involve.RetentionHold
	if err := serverstore.EachRecord(ctx, st, teamID, involve.EntityRetentionRule, func(r serverstore.Record) error {
		var rule involve.RetentionRule
		if json.Unmarshal(r.State, &rule) == nil {
			rules = append(rules, &rule)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := serverstore.EachRecord(ctx, st, teamID, involve.EntityRetentionHold, func(r serverstore.Record) error {
		var h involve.RetentionHold
		if json.Unmarshal(r.State, &h) == nil {
			holds = append(holds, &h)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	effective := involve.EffectiveRules(rules)
	held := involve.HeldRecords(holds, today)
	due := map[[2]string]serverstore.PurgeTarget{}
	// parents: for each record the records that name it as theirs (a session's
	// feedback, a contributor's time entries), so that a record is never purged while
	// one that belongs to it stays.
	children := map[[2]string][][2]string{}
	for _, k := range involve.Kinds() {
		if k.Entity == involve.EntityConflict {
			continue
		}
		err := serverstore.EachRecord(ctx, st, teamID, k.Entity, func(r serverstore.Record) error {
			key := [2]string{r.Entity, r.ID}
			if pe, pid := parentOf(r); pid != "" {
				children[[2]string{pe, pid}] = append(children[[2]string{pe, pid}], key)
			}
			var m struct {
				DeletedAt string `json:"deletedAt"`
			}
			if json.Unmarshal(r.State, &m) != nil || !involve.PurgeDue(effective, m.DeletedAt, today) || held[key] {
				return nil
			}
			due[key] = serverstore.PurgeTarget{Entity: r.Entity, ID: r.ID, Seq: r.Seq}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	keepParents(due, children)
	out := make([]serverstore.PurgeTarget, 0, len(due))
	for _, t := range due {
		out = append(out, t)
	}
	// Conflicts: those about a purged record go with it; a deleted one past its
	// period goes like any tombstone.
	err := serverstore.EachRecord(ctx, st, teamID, involve.EntityConflict, func(r serverstore.Record) error {
		var c struct {
			Entity    string `json:"entity"`
			RecordID  string `json:"recordId"`
			DeletedAt string `json:"deletedAt"`
		}
		if json.Unmarshal(r.State, &c) != nil {
			return nil
		}
		if _, ok := due[[2]string{c.Entity, c.RecordID}]; ok || (involve.PurgeDue(effective, c.DeletedAt, today) && !held[[2]string{r.Entity, r.ID}]) {
			out = append(out, serverstore.PurgeTarget{Entity: r.Entity, ID: r.ID, Seq: r.Seq})
		}
		return nil
	})
	return out, err
}

// checkPurged refuses a change of a record the team purged (a laptop offline for
// longer than the period still holds it, perhaps with an edit): it is not brought
// back. A record the server has is not looked up.
func (p *pusher) checkPurged(ctx context.Context, c *PushChange, found bool) (*syncapi.Error, error) {
	pc, ok := p.tx.(serverstore.PurgedChecker)
	if found || !ok {
		return nil, nil
	}
	purged, err := pc.IsPurged(ctx, p.team, c.RecordID)
	if err != nil || !purged {
		return nil, err
	}
	return errorf(syncapi.ENOTFOUND, "%s", syncapi.PurgedReason), nil
}

// parentOf names the record r belongs to (involve.ParentOf), or "" for none.
func parentOf(r serverstore.Record) (string, string) {
	rec, err := involve.NewRecord(r.Entity)
	if err != nil || json.Unmarshal(r.State, rec) != nil {
		return "", ""
	}
	return involve.ParentOf(rec)
}

// keepParents takes out of due every record that a record not due belongs to, until
// none is left: what belongs to it is purged first, or with it.
func keepParents(due map[[2]string]serverstore.PurgeTarget, children map[[2]string][][2]string) {
	for changed := true; changed; {
		changed = false
		for key := range due {
			for _, c := range children[key] {
				if _, ok := due[c]; !ok {
					delete(due, key)
					changed = true
					break
				}
			}
		}
	}
}
