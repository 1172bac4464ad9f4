package server

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
)

// Keys holds the server's master key (the key file's) and each team's field key
// (lockbox.TeamKey). Team keys are stored wrapped by the master key (serverstore
// TeamKey, lockbox.Seal with the team's id and the key's id as associated data, so a
// wrapped key copied to another team does not open); unwrapped keys are kept in memory
// once opened. The server makes a team's key when it first needs it: at `team add`, at
// start for every team without one (EnsureTeamKeys), or at a push.
type Keys struct {
	master []byte
	store  serverstore.Store
	now    func() time.Time

	mu    sync.Mutex
	teams map[string]*lockbox.TeamKey
}

// NewKeys makes the keys of a store from its master key (copied: the caller wipes
// master).
func NewKeys(master []byte, st serverstore.Store) (*Keys, error) {
	if len(master) != lockbox.KeySize {
		return nil, fmt.Errorf("the master key must be %d bytes, not %d", lockbox.KeySize, len(master))
	}
	return &Keys{master: append([]byte(nil), master...), store: st, now: time.Now, teams: map[string]*lockbox.TeamKey{}}, nil
}

// Wipe forgets every key.
func (k *Keys) Wipe() {
	k.mu.Lock()
	defer k.mu.Unlock()
	lockbox.Wipe(k.master)
	for id, t := range k.teams {
		t.Wipe()
		delete(k.teams, id)
	}
}

// wrapAAD binds a wrapped team key to its team and its id.
func wrapAAD(teamID, keyID string) []byte {
	return []byte("involve-server team key v1\x00" + teamID + "\x00" + keyID)
}

// ErrWrongKeyFile: a team's stored key does not open with the master key.
var ErrWrongKeyFile = errors.New("a team's key does not open with this key file: it is not the key file this database was made with")

// TeamKey returns a team's key, making and storing one if the team has none.
func (k *Keys) TeamKey(ctx context.Context, teamID string) (*lockbox.TeamKey, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if t, ok := k.teams[teamID]; ok {
		return t, nil
	}
	stored, err := k.store.TeamKey(ctx, teamID)
	if errors.Is(err, serverstore.ErrNotFound) {
		stored, err = k.addTeamKey(ctx, teamID)
	}
	if err != nil {
		return nil, err
	}
	t, err := k.unwrap(stored)
	if err != nil {
		return nil, err
	}
	k.teams[teamID] = t
	return t, nil
}

// addTeamKey makes a team's key and stores it wrapped; it returns the key the store
// holds (another server may have added one first).
func (k *Keys) addTeamKey(ctx context.Context, teamID string) (serverstore.TeamKey, error) {
	t, err := lockbox.NewTeamKey()
	if err != nil {
		return serverstore.TeamKey{}, err
	}
	defer t.Wipe()
	raw := t.Raw()
	defer lockbox.Wipe(raw)
	wrapped, err := lockbox.Seal(k.master, raw, wrapAAD(teamID, t.ID()))
	if err != nil {
		return serverstore.TeamKey{}, err
	}
	stored, err := k.store.AddTeamKey(ctx, serverstore.TeamKey{TeamID: teamID, KeyID: t.ID(), Wrapped: wrapped, CreatedAt: k.now().UTC()})
	if errors.Is(err, serverstore.ErrNotFound) {
		return stored, fmt.Errorf("there is no team %q", teamID)
	}
	return stored, err
}

func (k *Keys) unwrap(stored serverstore.TeamKey) (*lockbox.TeamKey, error) {
	raw, err := lockbox.Open(k.master, stored.Wrapped, wrapAAD(stored.TeamID, stored.KeyID))
	if err != nil {
		return nil, fmt.Errorf("team %s: %w", stored.TeamID, ErrWrongKeyFile)
	}
	defer lockbox.Wipe(raw)
	t, err := lockbox.TeamKeyFrom(raw)
	if err != nil {
		return nil, fmt.Errorf("team %s: %w", stored.TeamID, err)
	}
	if t.ID() != stored.KeyID {
		t.Wipe()
		return nil, fmt.Errorf("team %s: the stored key's id does not match the key", stored.TeamID)
	}
	return t, nil
}

// EnsureTeamKeys gives every team without a key one, and opens every team's key: a
// key file that does not open them is refused here, at start, rather than at a push.
func (k *Keys) EnsureTeamKeys(ctx context.Context) error {
	teams, err := k.store.ListTeams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if _, err := k.TeamKey(ctx, t.ID); err != nil {
			return err
		}
	}
	return nil
}
