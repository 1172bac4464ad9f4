package serverstore

import (
	"context"
	"encoding/json"
	"time"
)

// TeamKey is a team's field key (lockbox.TeamKey) as the store keeps it: wrapped by the
// server's master key, which lives in the key file and never in the database. A copy of
// the database alone opens no sealed field. The server wraps and unwraps; the store
// only keeps the bytes.
type TeamKey struct {
	TeamID    string
	KeyID     string // lockbox.TeamKey.ID: not secret
	Wrapped   []byte // lockbox.Seal of the key's bytes under the master key
	CreatedAt time.Time
}

// TeamKeyStore is the Store's side of team keys and of sealing what older versions
// stored in plain text.
type TeamKeyStore interface {
	// AddTeamKey stores k unless its team has a key already, and returns the key the
	// team has now (k, or the one it had): two servers adding one at once agree on
	// the first. ErrNotFound: there is no such team.
	AddTeamKey(ctx context.Context, k TeamKey) (TeamKey, error)
	// TeamKey returns a team's key (ErrNotFound: the team has none).
	TeamKey(ctx context.Context, teamID string) (TeamKey, error)
	// TeamKeyCount is how many teams have a key.
	TeamKeyCount(ctx context.Context) (int, error)
	// RewriteStates hands fn the state of each of the team's records and revisions of
	// one entity, and result the stored result (SaveChangeResult) of each change that
	// made one of those revisions (result nil: results are left), in one transaction
	// serialised with the team's InTeamTx. Where a function returns a value (not nil),
	// it replaces the old one in place: the record's sequence number, revision and
	// every other column stay, and the team's bytes used follow the change. It returns
	// how many values were replaced. An error from a function rolls everything back.
	RewriteStates(ctx context.Context, teamID, entity string, fn, result func(json.RawMessage) (json.RawMessage, error)) (int, error)
}
