package synctest_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// Sealed fields in the harness (issue 12). The server stores the identifying fields of
// partners, consent records and time entries sealed with the team's key; laptops show
// them plain through the store's API. The comparisons open the server's states with
// the team's key, got the way a laptop gets it (GET /v1/team-key with a staff
// laptop's device token), after checking that every sealed field the server holds is
// sealed: so a convergence check proves both that laptops and server agree and that
// the server holds no plain value.

// teamKeys holds each team's key (*lockbox.TeamKey) by team id, as the server gave it
// to the team's first staff or lead laptop the harness connected.
var teamKeys sync.Map

// teamKeyOf returns the key the server gave a laptop of the team (nil: none yet).
func teamKeyOf(teamID string) *lockbox.TeamKey {
	if k, ok := teamKeys.Load(teamID); ok {
		return k.(*lockbox.TeamKey)
	}
	return nil
}

// mustTeamKey is teamKeyOf for a team one of whose staff laptops has been connected.
func mustTeamKey(t testing.TB, teamID string) *lockbox.TeamKey {
	t.Helper()
	k := teamKeyOf(teamID)
	if k == nil {
		t.Fatalf("no staff laptop of team %s was given the team's key", teamID)
	}
	return k
}

// fetchTeamKey asks the server for the laptop's team key with its device token, as
// the laptop's engine does before its first sync, and keeps it for the comparisons.
// A capture laptop is refused one (403): nothing is kept. Two laptops of one team
// given different keys is an error. The laptop's store is left as it was: its engine
// installs the key itself (installTeamKey does it for tests that drive the store
// without an engine).
func (d *device) fetchTeamKey() *lockbox.TeamKey {
	d.t.Helper()
	set, err := d.db.SyncSettings(bg())
	if err != nil {
		d.t.Fatalf("%s: sync settings: %v", d.name, err)
	}
	client := syncer.NewClient(set.ServerURL, set.DeviceToken, d.hc, syncer.CompressNever)
	var resp syncapi.TeamKeyResponse
	for try := 0; ; try++ {
		resp, err = client.TeamKey(bg())
		if err == nil || !syncer.Retryable(err) || try == 20 {
			break
		}
	}
	if syncer.StatusOf(err) == http.StatusForbidden {
		return nil // a capture laptop: no key
	}
	if err != nil {
		d.t.Fatalf("%s: GET %s: %v", d.name, syncapi.TeamKeyPath, err)
	}
	raw, err := base64.StdEncoding.DecodeString(resp.Key)
	if err != nil {
		d.t.Fatalf("%s: the team key is not base64: %v", d.name, err)
	}
	defer lockbox.Wipe(raw)
	k, err := lockbox.TeamKeyFrom(raw)
	if err != nil || k.ID() != resp.KeyID {
		d.t.Fatalf("%s: the server sent a team key that cannot be used (id %s, %v)", d.name, resp.KeyID, err)
	}
	if prev, loaded := teamKeys.LoadOrStore(set.TeamID, k); loaded {
		if p := prev.(*lockbox.TeamKey); p.ID() != k.ID() {
			d.t.Errorf("%s was given team key %s, but another laptop of its team was given %s", d.name, k.ID(), p.ID())
		}
	}
	return k
}

// installTeamKey fetches the team's key and gives it to the laptop's store: what the
// engine does before its first pull, for tests that apply pull pages themselves.
func (d *device) installTeamKey() {
	d.t.Helper()
	k := d.fetchTeamKey()
	if k == nil {
		d.t.Fatalf("%s: the server gave this laptop no team key", d.name)
	}
	if err := d.db.InstallTeamKey(bg(), k); err != nil {
		d.t.Fatalf("%s: install the team key: %v", d.name, err)
	}
}

// sealedFieldNames are the sealed fields of each kind with some, by JSON name.
var sealedFieldNames = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, k := range involve.Kinds() {
		rec := k.NewRecord()
		if c, ok := rec.(*involve.Contributor); ok {
			c.LivedExperience = []string{""} // its elements are sealed one by one
		}
		for _, f := range involve.SealedFields(rec) {
			if out[k.Entity] == nil {
				out[k.Entity] = map[string]bool{}
			}
			out[k.Entity][f.Name] = true
		}
	}
	return out
}()

// openServerState returns a state the server stores with every sealed value opened
// with the team's key (k). It is an error for a sealed field to hold a plain value (or
// one that does not open with k, in its place): the server must hold none. States of
// other kinds, and conflicts about fields that are not sealed, come back as they are.
func openServerState(k *lockbox.TeamKey, entity, id string, state []byte) ([]byte, error) {
	switch {
	case involve.HasSealedFields(entity):
		rec, err := involve.NewRecord(entity)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(state, rec); err != nil {
			return nil, err
		}
		if len(involve.SealedFields(rec)) == 0 {
			return state, nil
		}
		if err := syncapi.CheckSealedForm(rec); err != nil {
			return nil, fmt.Errorf("the server holds %s %s with a plain value: %w", entity, id, err)
		}
		if k == nil {
			return nil, fmt.Errorf("the server holds %s %s sealed, but no staff laptop of the team was given the team's key", entity, id)
		}
		if err := syncapi.OpenRecord(k, entity, rec, false); err != nil {
			return nil, fmt.Errorf("%s %s on the server does not open with the team's key: %w", entity, id, err)
		}
		return json.Marshal(rec)
	case entity == involve.EntityConflict:
		var c involve.Conflict
		if err := json.Unmarshal(state, &c); err != nil {
			return nil, err
		}
		if !sealedFieldNames[c.Entity][c.Field] {
			return state, nil
		}
		place := lockbox.FieldPlace(c.Entity, c.RecordID, c.Field)
		for _, v := range []*json.RawMessage{&c.Base, &c.Winner.Value, &c.Loser.Value} {
			opened, err := openValue(k, place, *v)
			if err != nil {
				return nil, fmt.Errorf("the server's conflict %s about %s of %s %s: %w", id, c.Field, c.Entity, c.RecordID, err)
			}
			*v = opened
		}
		return json.Marshal(c)
	}
	return state, nil
}

// openValue opens a sealed field's value as a conflict records it: a string, or a
// list of them (areas of lived experience); null and "" stay as they are.
func openValue(k *lockbox.TeamKey, place string, raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return raw, nil
	}
	var list []string
	one := false
	if err := json.Unmarshal(raw, &list); err != nil {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("a sealed field holds %s", raw)
		}
		list, one = []string{s}, true
	}
	for i, s := range list {
		if s == "" {
			continue
		}
		if !lockbox.IsFieldToken(s) {
			return nil, fmt.Errorf("a plain value: %w", syncapi.ErrPlainSealedField)
		}
		if k == nil {
			return nil, fmt.Errorf("a sealed value, but no staff laptop of the team was given the team's key")
		}
		v, err := k.OpenField(place, s)
		if err != nil {
			return nil, err
		}
		list[i] = v
	}
	if one {
		return json.Marshal(list[0])
	}
	return json.Marshal(list)
}

// checkLaptopKeys: every staff or lead laptop seals with the key the server gave its
// team (capture laptops hold no sealed kind).
func checkLaptopKeys(t *testing.T, teamID string, devs ...*device) {
	t.Helper()
	want := teamKeyOf(teamID)
	if want == nil {
		return
	}
	for _, d := range devs {
		set, err := d.db.SyncSettings(bg())
		if err != nil {
			t.Fatal(err)
		}
		if set.TeamID != teamID || set.Role == involve.RoleNameCapture {
			continue
		}
		if got := d.db.TeamKeyID(); got != want.ID() {
			t.Errorf("%s seals with key %q, not the team's key %s from the server", d.name, got, want.ID())
		}
	}
}

// TestHarnessRefusesPlainServerValues: the comparisons fail on a server state holding
// a sealed field's value in plain text (a record, or a conflict about such a field),
// and open what is sealed with the team's key, lists included.
func TestHarnessRefusesPlainServerValues(t *testing.T) {
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Wipe()
	if _, err := openServerState(k, involve.EntityContributor, "x", []byte(`{"id":"x","name":"Plain Name"}`)); err == nil {
		t.Error("a plain name on the server went unnoticed")
	}
	plainConflict := `{"id":"c","entity":"contributor","recordId":"x","field":"accessNeeds","base":"plain","winner":{"value":null},"loser":{"value":"x"}}`
	if _, err := openServerState(k, involve.EntityConflict, "c", []byte(plainConflict)); err == nil {
		t.Error("a plain value in a conflict on the server went unnoticed")
	}
	tok := k.SealField(lockbox.FieldPlace(involve.EntityContributor, "x", "livedExperience"), "Lived it")
	b, err := openServerState(k, involve.EntityConflict, "c",
		[]byte(`{"id":"c","entity":"contributor","recordId":"x","field":"livedExperience","winner":{"value":["`+tok+`"]},"loser":{"value":[]}}`))
	var c involve.Conflict
	if err != nil || json.Unmarshal(b, &c) != nil || string(c.Winner.Value) != `["Lived it"]` {
		t.Errorf("a sealed list in a conflict opened as %s, %v", b, err)
	}
	other, _ := lockbox.NewTeamKey()
	defer other.Wipe()
	sealed := `{"id":"x","name":"` + other.SealField(lockbox.FieldPlace(involve.EntityContributor, "x", "name"), "N") + `"}`
	if _, err := openServerState(k, involve.EntityContributor, "x", []byte(sealed)); err == nil {
		t.Error("a name sealed with another key opened")
	}
}
