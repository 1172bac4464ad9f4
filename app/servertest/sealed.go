package servertest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Sealed fields on the server (issue 12): the team key endpoint, pushes of plain and
// sealed values, reports, and the sealing of what older versions stored in plain text.

// The synthetic partner the sealed-field tests byte-search for.
const (
	ZorbicName   = "Zorbicnamé Testperson"
	ZorbicEmail  = "zorbic@example.org"
	ZorbicAccess = "zorbicaccess"
)

// ZorbicContributor is the synthetic partner (plain, as a laptop holds it in memory).
func ZorbicContributor(id string) *involve.Contributor {
	c := &involve.Contributor{Name: ZorbicName, ContactDetails: ZorbicEmail, AccessNeeds: ZorbicAccess, Number: 7,
		LivedExperience: []string{"zorbic experience"}}
	c.ID = id
	return c
}

// PushZorbicPartner pushes the synthetic partner from d (sealed, as a laptop sends it),
// with a consent record given by them and a time entry whose payment reference is
// their access need, and returns the partner (plain).
func PushZorbicPartner(t testing.TB, d *Device) *involve.Contributor {
	t.Helper()
	c := ZorbicContributor(ruleID())
	card := ruleID()
	entry := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	entry.ExpensesPence, entry.ReceiptRef = 350, ZorbicAccess
	consent := ruleConsent(ruleID(), c.ID)
	consent.GivenBy = ZorbicName
	res := d.Push(d.Change(involve.EntityContributor, c, 0), d.Change(involve.EntityConsent, consent, 0),
		d.Change(involve.EntityRateCard, ruleCard(card, 2000, "2026-01-01", ""), 0), d.Change(involve.EntityTimeEntry, entry, 0))
	for i, r := range res {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of the synthetic partner: change %d %s (%s)", i, r.Status, r.Reason)
		}
	}
	c.Rev = res[0].Rev
	return c
}

// plainChange is a change whose state is sent as it is (an older laptop: not sealed).
func (d *Device) plainChange(entity string, rec any, baseRev int64) syncapi.Change {
	d.E.T.Helper()
	c := d.Change(entity, rec, baseRev)
	state, err := json.Marshal(rec)
	if err != nil {
		d.E.T.Fatal(err)
	}
	c.State = state
	return c
}

func testTeamKey(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm, other := e.Team("T"), e.Team("U")
	capture, staff, lead := e.EnrolAs(tm.ID, involve.RoleNameCapture), e.Enrol(tm.ID), e.EnrolAs(tm.ID, involve.RoleNameLead)
	elsewhere := e.Enrol(other.ID)

	wantError(t, e.Do("GET", syncapi.TeamKeyPath, "", nil), 401, syncapi.EUNAUTH)
	wantError(t, e.Do("GET", syncapi.TeamKeyPath, capture.Token, nil), 403, syncapi.EFORBIDDEN)
	want := e.TeamKey(tm.ID)
	for _, d := range []*Device{staff, lead} {
		var resp syncapi.TeamKeyResponse
		r := e.MustJSON("GET", syncapi.TeamKeyPath, d.Token, nil, 200, &resp)
		if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("team key answer Cache-Control %q, want no-store", cc)
		}
		raw, err := base64.StdEncoding.DecodeString(resp.Key)
		if err != nil {
			t.Fatalf("key %q: %v", resp.Key, err)
		}
		k, err := lockbox.TeamKeyFrom(raw)
		if err != nil || k.ID() != want.ID() || resp.KeyID != want.ID() {
			t.Errorf("the %s laptop got key %s (id %s), want the team's %s (%v)", d.Name, k.ID(), resp.KeyID, want.ID(), err)
		}
	}
	var resp syncapi.TeamKeyResponse
	e.MustJSON("GET", syncapi.TeamKeyPath, elsewhere.Token, nil, 200, &resp)
	if resp.KeyID == want.ID() {
		t.Error("two teams have the same key")
	}
	// Each key given is audited, in the hash chain; the refusal gives none.
	entries, err := e.Store.ListAudit(context.Background(), tm.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	issued := map[string]bool{}
	for _, a := range entries {
		if a.Action == "key.issued" {
			issued[a.DeviceID] = true
			if !strings.Contains(a.Detail, want.ID()) || a.Hash == "" {
				t.Errorf("audit entry %+v: want the key id and a place in the chain", a)
			}
		}
	}
	if !issued[staff.ID] || !issued[lead.ID] || issued[capture.ID] || len(issued) != 2 {
		t.Errorf("key.issued audited for %v; want the staff and lead laptops only", issued)
	}
	if _, err := serverstore.VerifyAudit(context.Background(), e.Store, ""); err != nil {
		t.Errorf("audit chain: %v", err)
	}
}

func testSealedPush(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm, other := e.Team("T"), e.Team("U")
	d := e.Enrol(tm.ID)
	key := e.TeamKey(tm.ID)

	// A plain value (an older laptop): refused, saying why.
	plain := ZorbicContributor(ruleID())
	r := d.Push(d.plainChange(involve.EntityContributor, plain, 0))[0]
	if r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "name must be sealed") ||
		!strings.Contains(r.Reason, "older version of Involve") {
		t.Errorf("plain contributor: %+v, want rejected: must be sealed, older version", r)
	}
	// Sealed with another team's key: refused.
	foreign := ZorbicContributor(ruleID())
	c := d.plainChange(involve.EntityContributor, foreign, 0)
	c.State = SealState(t, e.TeamKey(other.ID), involve.EntityContributor, c.State)
	if r := d.Push(c)[0]; r.Status != syncapi.StatusRejected || !strings.Contains(r.Reason, "another key") {
		t.Errorf("contributor sealed with another team's key: %+v, want rejected", r)
	}
	// A token copied from another record: refused.
	sealed := ZorbicContributor(ruleID())
	good := d.Change(involve.EntityContributor, sealed, 0)
	var g involve.Contributor
	json.Unmarshal(good.State, &g)
	moved := ZorbicContributor(ruleID())
	mc := d.Change(involve.EntityContributor, moved, 0)
	var m involve.Contributor
	json.Unmarshal(mc.State, &m)
	m.Name = g.Name
	mc.State, _ = json.Marshal(&m)
	if r := d.Push(mc)[0]; r.Status != syncapi.StatusRejected || !strings.Contains(r.Reason, "copied from another record") {
		t.Errorf("contributor with a name copied from another: %+v, want rejected", r)
	}
	// Sealed with the team's key: applied, and stored as sent.
	r = d.Push(good, d.Change(involve.EntityConsent, ruleConsent(ruleID(), sealed.ID), 0))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("sealed contributor: %+v, want applied", r)
	}
	got := d.PullAll()[sealed.ID]
	if strings.Contains(strings.ToLower(string(got.State)), "zorbic") || !strings.Contains(string(got.State), g.Name) {
		t.Errorf("stored state %s: want the tokens as sent", got.State)
	}
	if o := OpenState(t, key, involve.EntityContributor, got.State).(*involve.Contributor); o.Name != ZorbicName || o.ContactDetails != ZorbicEmail {
		t.Errorf("stored contributor opens to %q %q", o.Name, o.ContactDetails)
	}
	// An invalid value under the seal is still judged: a name too long.
	long := ZorbicContributor(ruleID())
	long.Name = strings.Repeat("x", 300)
	if r := d.Push(d.Change(involve.EntityContributor, long, 0))[0]; r.Status != syncapi.StatusRejected || !strings.Contains(r.Reason, "Name") {
		t.Errorf("sealed name of 300 characters: %+v, want rejected", r)
	}

	// Two laptops change the name at once: the conflict holds both names sealed, and
	// validates; the merge of different sealed fields is judged and applied.
	b := e.Enrol(tm.ID)
	e.Clock.Advance(time.Second)
	fa, fb := *sealed, *sealed
	fa.Name, fb.Name = "Zorbic A", "Zorbic B"
	ca := d.Change(involve.EntityContributor, &fa, r.Rev)
	e.Clock.Advance(time.Second)
	cb := b.Change(involve.EntityContributor, &fb, r.Rev)
	d.Push(ca)
	res := b.Push(cb)[0]
	if res.Status != syncapi.StatusConflict || len(res.Conflicts) != 1 {
		t.Fatalf("same sealed field changed twice: %+v, want a conflict", res)
	}
	pulled := b.PullAll()
	cf := pulled[res.Conflicts[0]]
	if strings.Contains(strings.ToLower(string(cf.State)), "zorbic") {
		t.Errorf("conflict record holds a plain name: %s", cf.State)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityConflict, cf.RecordID, cf.State, key); err != nil {
		t.Errorf("the conflict of sealed values does not validate with the key: %v", err)
	}
	if _, _, err := syncapi.DecodeState(involve.EntityConflict, cf.RecordID, cf.State, nil); err != nil {
		t.Errorf("the conflict of sealed values does not validate without the key: %v", err)
	}
	// A conflict pushed with a plain value of a sealed field is refused.
	var conflict involve.Conflict
	json.Unmarshal(cf.State, &conflict)
	conflict.Status, conflict.Resolution = involve.ConflictResolved, involve.ResolutionCombined
	conflict.Loser.Value = json.RawMessage(`"Zorbic plain"`)
	cc := b.Change(involve.EntityConflict, &conflict, cf.Rev)
	if r := b.Push(cc)[0]; r.Status != syncapi.StatusRejected || !strings.Contains(r.Reason, "must be sealed") {
		t.Errorf("conflict with a plain name: %+v, want rejected", r)
	}
}

func testSealedReports(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	lead := e.EnrolAs(tm.ID, involve.RoleNameLead)
	PushReportData(t, lead, "Z")
	c := PushZorbicPartner(t, lead)

	check := func(what, text string) {
		t.Helper()
		low := strings.ToLower(text)
		if strings.Contains(low, "zorbic") || strings.Contains(text, lockbox.FieldPrefix) {
			t.Errorf("%s shows a sealed field (plain or as a token)", what)
		}
	}
	r := e.Do("GET", "/v1/reports/summary.xlsx", lead.Token, nil)
	if r.Status != 200 {
		t.Fatalf("workbook: %d %s", r.Status, r.Body)
	}
	wb := OpenWorkbook(t, r.Body)
	text := wb.WorkbookText()
	check("the workbook", text)
	if !strings.Contains(text, c.Pseudonym()) {
		t.Errorf("the workbook does not name the partner by pseudonym %q", c.Pseudonym())
	}
	for _, sheet := range []string{"sessions", "feedback", "actions", "outcomes", "lep"} {
		r := e.Do("GET", "/v1/reports/"+sheet+".csv", lead.Token, nil, "Accept-Encoding", "identity")
		if r.Status != 200 {
			t.Fatalf("%s.csv: %d %s", sheet, r.Status, r.Body)
		}
		check(sheet+".csv", string(r.Body))
	}
}

// testSealPlainAtStart: records and revisions an older version stored in plain text
// are sealed in place at start, with the team's key, to the tokens a laptop would
// make; a second run changes nothing.
func testSealPlainAtStart(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm, other := e.Team("T"), e.Team("U")
	ctx := context.Background()
	c := ZorbicContributor(ruleID())
	c.TeamID, c.Rev, c.CreatedAt, c.UpdatedAt = tm.ID, 5, "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z"
	state, _ := json.Marshal(c)
	conflictID := uuid.Must(uuid.NewV7()).String()
	conflict := involve.Conflict{Entity: involve.EntityContributor, RecordID: c.ID, Field: "name", Base: json.RawMessage(`"Zorbic base"`),
		Winner: involve.ConflictValue{Value: json.RawMessage(`"` + ZorbicName + `"`), Rev: 5}, Loser: involve.ConflictValue{Value: json.RawMessage(`"Zorbic loser"`), Rev: 4},
		Status: involve.ConflictOpen}
	conflict.ID, conflict.TeamID, conflict.Rev = conflictID, tm.ID, 5
	cstate, _ := json.Marshal(conflict)
	theme := json.RawMessage(`{"id":"` + ruleID() + `","label":"zorbic theme"}`)
	before, _ := e.Store.TeamUsage(ctx, tm.ID)
	mergeID := ruleID() // an older server's merge: its result carries the merged state
	err := e.Store.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
		res, _ := json.Marshal(syncapi.Result{ChangeID: mergeID, Status: syncapi.StatusMerged, Rev: 5, State: state})
		if err := tx.SaveChangeResult(ctx, tm.ID, "old", mergeID, res); err != nil {
			return err
		}
		if err := tx.AddRevision(ctx, serverstore.Revision{TeamID: tm.ID, Entity: involve.EntityContributor, RecordID: c.ID, Rev: 4, State: state,
			DeviceID: "old", ChangeID: mergeID, CreatedAt: e.Clock.Now()}); err != nil {
			return err
		}
		for _, r := range []serverstore.Record{
			{TeamID: tm.ID, Entity: involve.EntityContributor, ID: c.ID, Rev: 5, State: state, DeviceID: "old", UpdatedAt: e.Clock.Now()},
			{TeamID: tm.ID, Entity: involve.EntityConflict, ID: conflictID, Rev: 5, State: cstate, DeviceID: "server", UpdatedAt: e.Clock.Now()},
			{TeamID: tm.ID, Entity: involve.EntityTheme, ID: ruleID(), Rev: 5, State: theme, DeviceID: "old", UpdatedAt: e.Clock.Now()},
		} {
			if err := tx.PutRecord(ctx, &r); err != nil {
				return err
			}
			if err := tx.AddRevision(ctx, serverstore.Revision{TeamID: tm.ID, Entity: r.Entity, RecordID: r.ID, Rev: r.Rev, State: r.State,
				DeviceID: r.DeviceID, ChangeID: ruleID(), CreatedAt: e.Clock.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := e.Keys.SealPlainValues(ctx)
	if err != nil || n != 6 {
		t.Fatalf("SealPlainValues: %d states, %v; want the contributor's and the conflict's record and revision, the merge's revision and result (6)", n, err)
	}
	key := e.TeamKey(tm.ID)
	var seqs []int64
	err = e.Store.Records(ctx, tm.ID, func(r serverstore.Record) error {
		seqs = append(seqs, r.Seq)
		switch r.Entity {
		case involve.EntityContributor:
			if strings.Contains(strings.ToLower(string(r.State)), "zorbic") {
				t.Errorf("contributor still plain: %s", r.State)
			}
			o := OpenState(t, key, r.Entity, r.State).(*involve.Contributor)
			if o.Name != ZorbicName || o.ContactDetails != ZorbicEmail || o.AccessNeeds != ZorbicAccess || o.Number != 7 || o.Rev != 5 {
				t.Errorf("sealed contributor opens to %+v", o)
			}
			// The token a laptop makes of the same value.
			want := key.SealField(lockbox.FieldPlace(r.Entity, r.ID, "name"), ZorbicName)
			if !strings.Contains(string(r.State), want) {
				t.Errorf("the server's token is not the laptop's (deterministic sealing)")
			}
		case involve.EntityConflict:
			if strings.Contains(strings.ToLower(string(r.State)), "zorbic") {
				t.Errorf("conflict still plain: %s", r.State)
			}
			if _, _, err := syncapi.DecodeState(r.Entity, r.ID, r.State, key); err != nil {
				t.Errorf("sealed conflict: %v", err)
			}
		case involve.EntityTheme:
			if !strings.Contains(string(r.State), "zorbic theme") {
				t.Errorf("a theme was changed: %s", r.State)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = e.Store.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
		states, err := tx.RevisionStates(ctx, tm.ID, c.ID)
		if err != nil {
			return err
		}
		if len(states) != 2 || strings.Contains(strings.ToLower(fmt.Sprint(states)), "zorbic") {
			t.Errorf("revisions after sealing: %s", states)
		}
		r, _, err := tx.ChangeResult(ctx, mergeID, "")
		if err != nil {
			return err
		}
		var res syncapi.Result
		if err := json.Unmarshal(r, &res); err != nil || res.Status != syncapi.StatusMerged || strings.Contains(strings.ToLower(string(r)), "zorbic") {
			t.Errorf("the merge's stored result after sealing: %s (%v)", r, err)
		}
		if o := OpenState(t, key, involve.EntityContributor, res.State).(*involve.Contributor); o.Name != ZorbicName {
			t.Errorf("the merge's result opens to %q", o.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := e.Store.TeamUsage(ctx, tm.ID)
	if after.BytesUsed <= before.BytesUsed {
		t.Errorf("bytes used %d before the records and sealing, %d after: the sealed states are larger", before.BytesUsed, after.BytesUsed)
	}
	if n, err := e.Keys.SealPlainValues(ctx); err != nil || n != 0 {
		t.Errorf("second SealPlainValues: %d, %v; want nothing to do", n, err)
	}
	if ou, _ := e.Store.TeamUsage(ctx, other.ID); ou.BytesUsed != 0 {
		t.Errorf("the other team's usage moved: %d", ou.BytesUsed)
	}
	// A laptop pulls the sealed records and can push them back unchanged.
	d := e.Enrol(tm.ID)
	for id, p := range d.PullAll() {
		if p.Entity == involve.EntityContributor {
			var back involve.Contributor
			json.Unmarshal(p.State, &back)
			if r := d.Push(d.Change(involve.EntityContributor, &back, p.Rev))[0]; r.Status != syncapi.StatusApplied {
				t.Errorf("push back of sealed %s: %+v", id, r)
			}
		}
	}
}

// testSealedMergeJudged: the merged state of a record with sealed fields is judged as
// a pushed one. Two laptops change different fields of a consent record, each valid:
// one withdraws it on 1 March, the other moves the date it was given to 1 April. The
// merge would say it was withdrawn before it was given, and is refused.
func testSealedMergeJudged(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	c := ZorbicContributor(ruleID())
	k1, k2 := ruleConsent(ruleID(), c.ID), ruleConsent(ruleID(), c.ID)
	res := a.Push(a.Change(involve.EntityContributor, c, 0), a.Change(involve.EntityConsent, k1, 0), a.Change(involve.EntityConsent, k2, 0))
	wantStatuses(t, "setup", res, []string{applied, applied, applied}, "")
	base := res[2].Rev
	withdrawn, moved := *k2, *k2
	withdrawn.WithdrawnAt, withdrawn.WithdrawnBy = "2026-03-01T10:00:00.000Z", "Amira"
	moved.GivenAt = "2026-04-01"
	e.Clock.Advance(time.Second)
	if r := a.Push(a.Change(involve.EntityConsent, &withdrawn, base))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("withdrawal: %+v", r)
	}
	r := b.Push(b.Change(involve.EntityConsent, &moved, base))[0]
	if r.Status != syncapi.StatusRejected || !strings.Contains(r.Reason, "merged") || !strings.Contains(r.Reason, "withdrawn before it was given") {
		t.Errorf("a change whose merge would be invalid: %+v, want rejected", r)
	}
}
