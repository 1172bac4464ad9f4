package syncapi_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
)

func newKey(t *testing.T) *lockbox.TeamKey {
	t.Helper()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func contributorState(t *testing.T, k *lockbox.TeamKey, name string) (string, json.RawMessage) {
	t.Helper()
	c := &involve.Contributor{Name: name, ContactDetails: "zorbic@example.org", Number: 2, LivedExperience: []string{"carer", "carer"}}
	c.ID = uuid.Must(uuid.NewV7()).String()
	if k != nil {
		syncapi.SealRecord(k, involve.EntityContributor, c)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID, b
}

// TestDecodeStateSealed: a record with sealed fields is refused with a plain value (with
// or without a key), judged on its plain copy with the team's key (a token of another
// key, or a value too long under the seal, refused) and returned sealed as sent; without
// a key only the form is judged.
func TestDecodeStateSealed(t *testing.T) {
	k, other := newKey(t), newKey(t)

	id, plain := contributorState(t, nil, "Zorbicnamé Testperson")
	for _, key := range []*lockbox.TeamKey{nil, k} {
		_, _, err := syncapi.DecodeState(involve.EntityContributor, id, plain, key)
		if !errors.Is(err, syncapi.ErrPlainSealedField) || !strings.Contains(err.Error(), "name must be sealed") ||
			!strings.Contains(err.Error(), "older version of Involve") {
			t.Errorf("plain contributor (key %v): %v", key != nil, err)
		}
	}

	id, sealed := contributorState(t, k, "Zorbicnamé Testperson")
	rec, _, err := syncapi.DecodeState(involve.EntityContributor, id, sealed, k)
	if err != nil {
		t.Fatalf("sealed contributor: %v", err)
	}
	c := rec.(*involve.Contributor)
	var sent involve.Contributor
	json.Unmarshal(sealed, &sent)
	if c.Name != sent.Name || c.ContactDetails != sent.ContactDetails || !lockbox.IsFieldToken(c.Name) {
		t.Errorf("the record comes back as %q %q, want the tokens as sent", c.Name, c.ContactDetails)
	}
	if len(c.LivedExperience) != 1 || c.LivedExperience[0] != sent.LivedExperience[0] {
		t.Errorf("lived experience %q: want the one token (the same value twice is tidied to one)", c.LivedExperience)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, id, sealed, nil); err != nil {
		t.Errorf("sealed contributor without a key: %v", err)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, id, sealed, other); err == nil || !strings.Contains(err.Error(), "another key") {
		t.Errorf("sealed with another key: %v", err)
	}

	id, long := contributorState(t, k, strings.Repeat("z", 300))
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, id, long, k); err == nil || !strings.Contains(err.Error(), "Name") {
		t.Errorf("a sealed name of 300 characters: %v, want refused", err)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, id, long, nil); err != nil {
		t.Errorf("without a key a sealed value cannot be judged: %v", err)
	}

	bad := strings.Replace(string(sealed), `"name":"sealed1.`, `"name":"sealed1.zz`, 1)
	if _, _, err := syncapi.DecodeState(involve.EntityContributor, id, json.RawMessage(bad), nil); err == nil {
		t.Error("a malformed token is accepted")
	}
}

// TestDecodeStateConflictSealed: a conflict about a sealed field holds sealed values.
func TestDecodeStateConflictSealed(t *testing.T) {
	k := newKey(t)
	recordID := uuid.Must(uuid.NewV7()).String()
	place := lockbox.FieldPlace(involve.EntityContributor, recordID, "name")
	tok := func(s string) json.RawMessage { b, _ := json.Marshal(k.SealField(place, s)); return b }
	c := involve.Conflict{Entity: involve.EntityContributor, RecordID: recordID, Field: "name", Base: tok("A"),
		Winner: involve.ConflictValue{Value: tok("B")}, Loser: involve.ConflictValue{Value: tok("C")}, Status: involve.ConflictOpen}
	c.ID = uuid.Must(uuid.NewV7()).String()
	b, _ := json.Marshal(c)
	for _, key := range []*lockbox.TeamKey{nil, k} {
		if _, _, err := syncapi.DecodeState(involve.EntityConflict, c.ID, b, key); err != nil {
			t.Errorf("conflict of sealed names (key %v): %v", key != nil, err)
		}
	}
	c.Loser.Value = json.RawMessage(`"Zorbic"`)
	b, _ = json.Marshal(c)
	if _, _, err := syncapi.DecodeState(involve.EntityConflict, c.ID, b, nil); !errors.Is(err, syncapi.ErrPlainSealedField) {
		t.Errorf("conflict with a plain loser name: %v", err)
	}
	c.Loser.Value = tok("C")
	c.RecordID = uuid.Must(uuid.NewV7()).String() // the values were sealed for another record
	b, _ = json.Marshal(c)
	if _, _, err := syncapi.DecodeState(involve.EntityConflict, c.ID, b, k); err == nil {
		t.Error("a conflict whose values belong to another record is accepted")
	}
}
