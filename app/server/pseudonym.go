package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// teamNumbers is the pseudonym numbers ("Contributor 7") a team's contributors hold,
// deleted ones included (a pseudonym is never given twice): read once per push, and
// kept up to date as the push gives numbers.
type teamNumbers struct {
	holder map[int]string // number -> the id of the contributor holding it
	given  map[string]int // record id -> the number this push gave it
	max    int
}

// numbers returns the team's numbers as the push's transaction sees them.
func (p *pusher) numbers(ctx context.Context) (*teamNumbers, error) {
	if p.nums != nil {
		return p.nums, nil
	}
	recs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityContributor)
	if err != nil {
		return nil, err
	}
	n := &teamNumbers{holder: make(map[int]string, len(recs)), given: map[string]int{}}
	for _, rec := range recs {
		var c struct {
			Number int `json:"number"`
		}
		if err := json.Unmarshal(rec.State, &c); err != nil {
			return nil, fmt.Errorf("contributor %s: %w", rec.ID, err)
		}
		n.take(c.Number, rec.ID)
	}
	p.nums = n
	return n, nil
}

func (n *teamNumbers) take(number int, id string) {
	if _, held := n.holder[number]; !held {
		n.holder[number] = id
	}
	n.max = max(n.max, number)
}

// number makes the server the keeper of pseudonym numbers, unique within a team: a
// new contributor whose number another contributor of the team holds (laptops give
// numbers offline, so two may give the same one) gets the next free one; a stored
// contributor keeps the number it has, whatever an edit says. It sets c.number and
// reports whether it is not the number sent: the change is then answered as merged,
// with the state stored, so that the laptop takes the number.
func (p *pusher) number(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (bool, error) {
	con, ok := c.Record.(*involve.Contributor)
	if !ok {
		return false, nil
	}
	con.Number = c.sentNumber // apply may run again (a deferred change): leave what was sent
	nums, err := p.numbers(ctx)
	if err != nil {
		return false, err
	}
	if found {
		var stored struct {
			Number int `json:"number"`
		}
		if err := json.Unmarshal(cur.State, &stored); err != nil {
			return false, fmt.Errorf("contributor %s: %w", cur.ID, err)
		}
		c.number = stored.Number
	} else if n, given := nums.given[c.RecordID]; given {
		c.number = n // a change deferred and applied again (rules.go) keeps its number
	} else if id, held := nums.holder[c.sentNumber]; held && id != c.RecordID {
		c.number = nums.max + 1
	} else {
		c.number = c.sentNumber
	}
	nums.take(c.number, c.RecordID)
	nums.given[c.RecordID] = c.number
	return c.number != c.sentNumber, nil
}

// renumber keeps the device's version of a renumbered contributor in the history as
// it was sent, at rev (as a merge keeps it), gives the contributor its number, and
// returns the revision to store that at.
func (p *pusher) renumber(ctx context.Context, c *PushChange, rev int64) (int64, error) {
	c.Meta.TeamID, c.Meta.Rev, c.Meta.UpdatedAt = p.team, rev, c.sentUpdatedAt
	sent, err := json.Marshal(c.Record)
	if err != nil {
		return 0, err
	}
	if err := p.tx.AddRevision(ctx, serverstore.Revision{TeamID: p.team, Entity: c.Entity, RecordID: c.RecordID, Rev: rev,
		State: sent, DeviceID: p.dev.ID, ChangeID: c.ChangeID, CreatedAt: p.now}); err != nil {
		return 0, err
	}
	c.Record.(*involve.Contributor).Number = c.number
	return rev + 1, nil
}

// keepNumber gives a merged contributor the number the server keeps (an edit never
// changes it), and drops any conflict about it.
func (p *pusher) keepNumber(c *PushChange, merged map[string]json.RawMessage, fcs []syncapi.FieldConflict) []syncapi.FieldConflict {
	if _, ok := c.Record.(*involve.Contributor); !ok {
		return fcs
	}
	merged["number"] = json.RawMessage(strconv.Itoa(c.number))
	kept := fcs[:0]
	for _, fc := range fcs {
		if fc.Field != "number" {
			kept = append(kept, fc)
		}
	}
	return kept
}
