package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
)

// A pull that sends identifiable records (the kinds involve declares Personal:
// Lived Experience Partners, consent records, time and payment entries, and conflict
// records of those kinds, which carry one of their values) is audited: one entry per
// pull request, in the device's team, naming the client's address and how many
// records of each kind left the server. A pull of anything else is not (feedback,
// sessions… are the team's everyday data).

// actionPullIdentifiable is the audit action of such a pull.
const actionPullIdentifiable = "pull.identifiable"

// pullCounts counts a pull page's identifiable records by entity.
type pullCounts struct {
	personal map[string]bool // entities whose kind is Personal
	counts   map[string]int  // entity (or "conflict of ENTITY") -> records
	total    int
}

// newPullCounts reads which kinds are identifiable from their declaration
// (involve.Kind.Personal), so that a kind declared later is counted without more code.
func newPullCounts() *pullCounts {
	c := &pullCounts{personal: map[string]bool{}}
	for _, k := range involve.Kinds() {
		if k.Personal {
			c.personal[k.Entity] = true
		}
	}
	return c
}

// add counts one record of the page (entity and state as stored).
func (c *pullCounts) add(entity, state []byte) {
	key := ""
	switch {
	case c.personal[string(entity)]:
		key = string(entity)
	case string(entity) == involve.EntityConflict:
		// A conflict record carries one of its record's values: identifiable when that
		// record is. Conflicts are rare, so reading their entity costs nothing much.
		var conflict struct {
			Entity string `json:"entity"`
		}
		if json.Unmarshal(state, &conflict) == nil && c.personal[conflict.Entity] {
			key = "conflict of " + conflict.Entity
		}
	}
	if key == "" {
		return
	}
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[key]++
	c.total++
}

// detail says what was sent, kinds in pull order: "3 identifiable records sent to
// 203.0.113.9: contributor 1, consent 1, time_entry 1".
func (c *pullCounts) detail(addr string) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(c.total))
	if c.total == 1 {
		b.WriteString(" identifiable record sent to ")
	} else {
		b.WriteString(" identifiable records sent to ")
	}
	b.WriteString(addr)
	b.WriteString(":")
	sep := " "
	for _, prefix := range []string{"", "conflict of "} {
		for _, k := range involve.Kinds() {
			if n := c.counts[prefix+k.Entity]; n > 0 {
				b.WriteString(sep + prefix + k.Entity + " " + strconv.Itoa(n))
				sep = ", "
			}
		}
	}
	return b.String()
}

// auditPull writes the pull's audit entry when the page holds identifiable records.
// It runs before the page is sent, and its error fails the pull: identifiable records
// do not leave the server unless their access is in the audit log.
func (s *Server) auditPull(r *http.Request, dev serverstore.Device, c *pullCounts) error {
	if c.total == 0 {
		return nil
	}
	return s.store.Audit(r.Context(), serverstore.AuditEntry{At: s.now(), TeamID: dev.TeamID, DeviceID: dev.ID,
		Action: actionPullIdentifiable, Detail: c.detail(s.clientAddr(r))})
}
