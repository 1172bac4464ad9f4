package synctest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// Security checks that app/server's HTTP suite (servertest) does not already make:
// there, missing/wrong/revoked tokens, expired/used/unknown codes (fake clock), another
// team's record ids, oversized, gzip-bomb, malformed and unknown-field bodies, unknown
// entities and protocol versions are covered request by request. Here: change ids and
// team ids that cross teams, tokens replaced by re-enrolment, revocation and expiry
// through the real command line against a running server, bodies cut at every point,
// a change too large for the server from a real laptop, and a newer server's unknown
// fields and entity types arriving at a laptop.

// post sends a raw request with a token.
func post(t *testing.T, url, path, token string, body []byte) (int, syncapi.Error, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(syncapi.ProtocolHeader, "1")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var e syncapi.Error
	json.Unmarshal(raw, &e)
	return res.StatusCode, e, raw
}

func tokenOf(t *testing.T, d *device) string {
	t.Helper()
	set, err := d.db.SyncSettings(bg())
	if err != nil {
		t.Fatal(err)
	}
	return set.DeviceToken
}

// TestCrossTeamChangeIDs: a device of team B sends a change with the id of a change
// team A's device made (ids are not secret: they travel in every push). B must get
// its own answer — its change applied to its own record — and never A's stored answer,
// which for a merged change carries A's record state.
func TestCrossTeamChangeIDs(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		bo := st.enrol(t, "Bo")
		concurrentEdits(t, ada, bo) // Ada's waiting changes will be merged and conflict
		batch, err := ada.db.TakePushBatch(bg(), 0, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		answers, err := clientOf(t, ada, st.ts.URL).Push(bg(), changesOf(batch))
		if err != nil {
			t.Fatal(err)
		}
		other := st.newTeam("North")
		di := newDevice(t, "Di", st.ts.URL, st.code(other.ID))
		var mine []syncapi.Change
		for _, r := range answers.Results {
			f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: uuid.NewString(), Text: "North's own card", Source: "comment_card", Themes: []string{}}}
			f.ID, f.CreatedAt, f.UpdatedAt, f.Rev = uuid.NewString(), involve.FormatTime(time.Now()), involve.FormatTime(time.Now()), 1
			state, _ := json.Marshal(f)
			mine = append(mine, syncapi.Change{ChangeID: r.ChangeID, Entity: "feedback", RecordID: f.ID, BaseRev: 0, Rev: 1, State: state})
		}
		got, err := clientOf(t, di, st.ts.URL).Push(bg(), mine)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range got.Results {
			if r.Status != syncapi.StatusApplied || r.Rev != 1 || len(r.State) != 0 || len(r.Conflicts) != 0 {
				t.Errorf("team B's change with team A's change id %s: %+v; want its own change applied (A's answer was %+v)",
					r.ChangeID, r, answers.Results[i])
			}
		}
		northData := serverData(t, st.store, other.ID)
		if len(northData) != len(mine) {
			t.Errorf("team B has %d records, want its %d", len(northData), len(mine))
		}
		for k, v := range northData {
			if strings.Contains(v, st.team.ID) || !strings.Contains(v, "North's own card") {
				t.Errorf("team B's record %s: %s", k, v)
			}
		}
		// Team A's answers still stand: Ada's resend is a duplicate of them.
		again, err := clientOf(t, ada, st.ts.URL).Push(bg(), changesOf(batch))
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range again.Results {
			if r.Status != syncapi.StatusDuplicate || r.Rev != answers.Results[i].Rev {
				t.Errorf("Ada's resend after team B used the same ids: %+v, want a duplicate of %+v", r, answers.Results[i])
			}
		}
	})
}

// TestForgedTeamID: a state that names another team (teamId) is stored in the
// sender's team, under the sender's team id; the other team sees nothing of it.
func TestForgedTeamID(t *testing.T) {
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	other := st.newTeam("North")
	di := newDevice(t, "Di", st.ts.URL, st.code(other.ID))
	f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: uuid.NewString(), Text: "forged", Source: "comment_card", Themes: []string{}}}
	f.ID, f.CreatedAt, f.UpdatedAt, f.Rev, f.TeamID = uuid.NewString(), involve.FormatTime(time.Now()), involve.FormatTime(time.Now()), 7, other.ID
	state, _ := json.Marshal(f)
	res, err := clientOf(t, ada, st.ts.URL).Push(bg(), []syncapi.Change{{ChangeID: uuid.NewString(), Entity: "feedback", RecordID: f.ID, Rev: 7, State: state}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Results[0].Status != syncapi.StatusApplied {
		t.Fatalf("push: %+v", res.Results[0])
	}
	if n := len(serverData(t, st.store, other.ID)); n != 0 {
		t.Errorf("the team the state named has %d records, want none", n)
	}
	if sum := di.mustSync(); sum.Pull.Received != 0 {
		t.Errorf("team B's laptop pulled %d records", sum.Pull.Received)
	}
	mine := serverData(t, st.store, st.team.ID)
	if v := mine[key("feedback", f.ID)]; !strings.Contains(v, `"teamId":"`+st.team.ID+`"`) {
		t.Errorf("stored state %s: want the sender's team id", v)
	}
}

// TestReEnrolmentReplacesToken: an enrolled laptop connecting again with an ordinary
// code is refused (its id is enrolled: the form says to ask for a code made for it)
// and keeps its token; with a code made for it (device reenrol) it gets a new token
// and the old one stops working; with such a code of another team, it moves there:
// the old token stops working, it sees only the new team's data, and its later changes
// to the old team's records are refused, not stored in either team.
func TestReEnrolmentReplacesToken(t *testing.T) {
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	s, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "South's session", Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	old := tokenOf(t, ada)
	_, err = syncer.Connect(bg(), ada.db, st.ts.URL, st.code(st.team.ID), ada.hc)
	if f := involve.ErrorFields(err); len(f) != 1 || f[0].Field != "code" || !strings.Contains(f[0].Message, "already enrolled") {
		t.Fatalf("connect again with an ordinary code: %v, want the code refused as the laptop is enrolled", err)
	}
	if tokenOf(t, ada) != old {
		t.Fatal("a refused connection changed the laptop's token")
	}
	ada.mustSync()
	if _, err := syncer.Connect(bg(), ada.db, st.ts.URL, st.codeFor(st.team.ID, ada), ada.hc); err != nil {
		t.Fatal(err)
	}
	renewed := tokenOf(t, ada)
	if renewed == old {
		t.Fatal("re-enrolment kept the token")
	}
	if _, err := syncer.NewClient(st.ts.URL, old, nil, syncer.CompressNever).Me(bg()); !syncer.IsUnauthorized(err) {
		t.Errorf("the replaced token: %v, want 401", err)
	}
	ada.engine()
	ada.mustSync()

	// Moved to another team.
	north := st.newTeam("North")
	di := newDevice(t, "Di", st.ts.URL, st.code(north.ID))
	if _, err := di.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: mustSession(t, di).ID, Text: "North's card"}); err != nil {
		t.Fatal(err)
	}
	di.mustSync()
	if _, err := syncer.Connect(bg(), ada.db, st.ts.URL, st.code(north.ID), ada.hc); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("connect to another team with an ordinary code: %v, want it refused", err)
	}
	if _, err := syncer.Connect(bg(), ada.db, st.ts.URL, st.codeFor(north.ID, ada), ada.hc); err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.NewClient(st.ts.URL, renewed, nil, syncer.CompressNever).Me(bg()); !syncer.IsUnauthorized(err) {
		t.Errorf("the token of the old team: %v, want 401", err)
	}
	ada.engine()
	in := s.SessionInput
	in.Title = "South's session, edited after the move"
	if _, err := ada.db.UpdateSession(bg(), s.ID, involve.SessionInput{}, in); err != nil {
		t.Fatal(err)
	}
	south := serverData(t, st.store, st.team.ID)
	sum := ada.mustSync()
	if sum.Push.Rejected != 1 {
		t.Errorf("Ada's change to the old team's session after moving: %+v, want it refused", sum.Push)
	}
	list, _ := ada.db.FindRejectedChanges(bg())
	if len(list) != 1 || !strings.Contains(list[0].Reason, "another team") {
		t.Errorf("rejected changes %+v, want the session's, saying it belongs to another team", list)
	}
	if lines := diff("before", south, "after", serverData(t, st.store, st.team.ID), "", 5); len(lines) > 0 {
		t.Errorf("the old team's data changed: %v", lines)
	}
	for k, v := range serverData(t, st.store, north.ID) {
		if strings.Contains(v, "South's session") {
			t.Errorf("the old team's session reached the new team: %s %s", k, v)
		}
	}
	if f, err := ada.db.FindSessions(bg(), involve.SessionFilter{}); err != nil || len(f) < 2 {
		t.Errorf("Ada's sessions after moving: %d (%v); want the old team's kept and the new team's pulled", len(f), err)
	}
}

func mustSession(t *testing.T, d *device) involve.Session {
	t.Helper()
	s, err := d.db.CreateSession(bg(), involve.SessionInput{Title: d.name + "'s session", Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCommandLineRevocationAndExpiry runs the real server and its command line side
// by side: a code made with --expires 1s no longer connects after a second, a used
// code does not connect twice, and `device revoke` from the command line while the
// server runs makes the laptop's next sync a 401 — the laptop keeps every record and
// waiting change, says so, and a code from `device reenrol` (not an ordinary one)
// connects it again and sends them.
func TestCommandLineRevocationAndExpiry(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		bin := newServerBin(t, kind)
		srv := bin.start()
		code := func(expires string) string { return bin.code("--expires", expires) }

		short := code("1s")
		time.Sleep(1100 * time.Millisecond)
		late := openDevice(t, "Late", t.TempDir())
		_, err := syncer.Connect(bg(), late.db, srv.url, short, late.hc)
		if involve.ErrorCode(err) != involve.EINVALID || !strings.Contains(err.Error(), "not valid") {
			t.Errorf("connect with an expired code: %v, want the code refused", err)
		}

		good := code("1h")
		ada := newDevice(t, "Ada", srv.url, good)
		again := openDevice(t, "Again", t.TempDir())
		if _, err := syncer.Connect(bg(), again.db, srv.url, good, again.hc); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("connect with a used code: %v, want the code refused", err)
		}
		bo := newDevice(t, "Bo", srv.url, code("1h"))
		s := mustSession(t, ada)
		ada.mustSync()
		bo.mustSync()

		out := bin.admin("device", "revoke", ada.db.DeviceID())
		if !strings.Contains(out, "Revoked") {
			t.Errorf("device revoke printed %q", out)
		}
		if _, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: "written after the revocation"}); err != nil {
			t.Fatal(err)
		}
		_, err = ada.sync()
		if !syncer.IsUnauthorized(err) {
			t.Fatalf("sync right after `device revoke`: %v, want 401", err)
		}
		stat := ada.eng.Status()
		if stat.State != syncer.StateUnauthorized || stat.Pending != 1 || !strings.Contains(stat.Message, "safe") {
			t.Errorf("status after revocation: %+v", stat)
		}
		if list, _ := ada.db.FindFeedback(bg(), s.ID); len(list) != 1 {
			t.Errorf("Ada's feedback after revocation: %d, want her card kept", len(list))
		}
		if audit := bin.admin("audit", "--team", bin.teamID); !strings.Contains(audit, "device.revoke") {
			t.Errorf("audit log has no revocation:\n%s", audit)
		}
		// Bo is not affected.
		bo.mustSync()

		// An ordinary code does not connect a laptop whose id is enrolled (revoked or
		// not); a code made for it with `device reenrol` does.
		if _, err := syncer.Connect(bg(), ada.db, srv.url, code("1h"), ada.hc); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("reconnect with an ordinary code: %v, want it refused", err)
		}
		bound := lastLine(bin.admin("device", "reenrol", ada.db.DeviceID(), "--qr", t.TempDir()+"/qr.png"))
		if _, err := syncer.Connect(bg(), ada.db, srv.url, bound, ada.hc); err != nil {
			t.Fatal(err)
		}
		ada.engine()
		if sum := ada.mustSync(); sum.Push.Applied != 1 {
			t.Errorf("after reconnecting: %+v, want the waiting card sent", sum.Push)
		}
		settle(t, openServerStore(t, bin.storage), bin.teamID, ada, bo)
	})
}

// TestCutBodies sends a real push body cut at many points (as a connection that
// breaks mid-request delivers it): every cut is refused as invalid (400), never an
// internal error, and nothing is stored; the whole body then works.
func TestCutBodies(t *testing.T) {
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	s := mustSession(t, ada)
	for i := 0; i < 5; i++ {
		if _, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: fmt.Sprintf("Card %d: “quotes”, \\ and é", i)}); err != nil {
			t.Fatal(err)
		}
	}
	batch, err := ada.db.TakePushBatch(bg(), 0, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(syncapi.PushRequest{Changes: changesOf(batch)})
	token := tokenOf(t, ada)
	step := max(len(body)/150, 1)
	for n := 0; n < len(body); n += step {
		status, e, raw := post(t, st.ts.URL, "/v1/sync/push", token, body[:n])
		if status != 400 || e.Code != syncapi.EINVALID || e.Message == "" {
			t.Fatalf("body cut at %d of %d bytes: %d %s, want 400 invalid", n, len(body), status, raw)
		}
	}
	if n := len(serverData(t, st.store, st.team.ID)); n != 0 {
		t.Fatalf("cut bodies stored %d records", n)
	}
	if status, _, raw := post(t, st.ts.URL, "/v1/sync/push", token, body); status != 200 {
		t.Fatalf("the whole body: %d %s", status, raw)
	}
}

// TestTooLargeChangeFromLaptop: against a server that takes at most 64 KiB a request,
// a laptop's session with 200 KB of notes cannot be sent: the laptop marks that change
// rejected with a reason a person can act on, the other changes go up, later syncs do
// not try it again, and the server keeps working for everyone.
func TestTooLargeChangeFromLaptop(t *testing.T) {
	st := newStack(t, "sqlite", func(c *server.Config) { c.Limits.MaxBodyBytes = 64 << 10 })
	ada := st.enrol(t, "Ada")
	bo := st.enrol(t, "Bo")
	big := mustSession(t, ada)
	small := mustSession(t, ada)
	ada.mustSync()
	for i := 0; i < 20; i++ {
		if _, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: small.ID, Text: fmt.Sprintf("Card %d %s", i, strings.Repeat("x", 2000))}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ada.db.SaveSessionNotes(bg(), big.ID, strings.Repeat("Long notes. ", 200_000/12)); err != nil {
		t.Fatal(err)
	}
	sum, err := ada.sync()
	if err != nil {
		t.Fatalf("sync with one change too large: %v", err)
	}
	if sum.Push.Rejected != 1 || sum.Push.Applied != 20 {
		t.Errorf("push %+v: want the notes refused and the 20 cards applied", sum.Push)
	}
	list, _ := ada.db.FindRejectedChanges(bg())
	if len(list) != 1 || list[0].RecordID != big.ID || !strings.Contains(list[0].Reason, "larger than the server accepts") {
		t.Errorf("rejected changes: %+v", list)
	}
	if sum := ada.mustSync(); sum.Pushed != 0 {
		t.Errorf("the next sync pushed %d changes: the refused one went again", sum.Pushed)
	}
	if sum := bo.mustSync(); sum.Pull.Received != 22 {
		t.Errorf("Bo pulled %d records, want the two sessions (the big one without its notes) and 20 cards", sum.Pull.Received)
	}
}

// TestNewerServerFields: a newer server (same /v1) adds fields to records and to the
// pull envelope, and a kind of record this laptop does not know. The laptop syncs,
// stores what it knows, skips what it does not, and carries on.
func TestNewerServerFields(t *testing.T) {
	st := newStack(t, "sqlite")
	newer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/sync/pull" {
			st.api.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		st.api.ServeHTTP(rec, r)
		var page map[string]json.RawMessage
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		var changes []map[string]json.RawMessage
		json.Unmarshal(page["changes"], &changes)
		for _, c := range changes {
			c["origin"] = json.RawMessage(`"replica-2"`)
			var state map[string]json.RawMessage
			json.Unmarshal(c["state"], &state)
			state["attachments"] = json.RawMessage(`[{"sha256":"ab12","bytes":1024}]`)
			c["state"], _ = json.Marshal(state)
		}
		if len(changes) > 0 {
			changes = append(changes, map[string]json.RawMessage{"seq": changes[len(changes)-1]["seq"], "entity": json.RawMessage(`"attachment"`),
				"recordId": json.RawMessage(`"` + uuid.NewString() + `"`), "rev": json.RawMessage("1"), "state": json.RawMessage(`{"sha256":"ab12"}`)})
		}
		page["changes"], _ = json.Marshal(changes)
		page["serverTime"] = json.RawMessage(`"2026-11-24T10:00:00.000Z"`)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(page)
	}))
	defer newer.Close()
	ada := st.enrol(t, "Ada")
	bo := newDevice(t, "Bo", newer.URL, st.code(st.team.ID))
	s := mustSession(t, ada)
	if _, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: "A card"}); err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	sum, err := bo.sync()
	if err != nil {
		t.Fatalf("sync with a newer server: %v", err)
	}
	if sum.Pull.Written != 2 || sum.Pull.Skipped != 1 {
		t.Errorf("pull %+v: want the session and the card written and the unknown kind skipped", sum.Pull)
	}
	if got, err := bo.db.FindSessionByID(bg(), s.ID); err != nil || got.FeedbackCount != 1 {
		t.Errorf("Bo's session: %+v, %v", got, err)
	}
}

// docChange makes a push change of a doc with a fresh change id (rev 0: the state's
// own revision, or 1), its sealed fields left plain (an older laptop's).
func docChange(t *testing.T, d involve.Doc) syncapi.Change {
	t.Helper()
	return sealedDocChange(t, nil, d)
}

// sealedDocChange is docChange with the doc's sealed fields sealed with k, the team's
// key, as a laptop sends them (nil: left plain).
func sealedDocChange(t *testing.T, k *lockbox.TeamKey, d involve.Doc) syncapi.Change {
	t.Helper()
	m := d.DocMeta()
	if m.ID == "" {
		m.ID = uuid.NewString()
	}
	if m.Rev == 0 {
		m.Rev = 1
	}
	if m.CreatedAt == "" {
		m.CreatedAt, m.UpdatedAt = involve.FormatTime(time.Now()), involve.FormatTime(time.Now())
	}
	if k != nil {
		syncapi.SealRecord(k, d.DocEntity(), d)
	}
	state, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return syncapi.Change{ChangeID: uuid.NewString(), Entity: d.DocEntity(), RecordID: m.ID, Rev: m.Rev, State: state}
}

// TestInvalidDocsRejected: a push of records of involvement that are not valid — a
// state its kind's rules refuse, a kind the server does not know, an unknown field,
// a state whose id is not the change's — is rejected change by change, each with a
// reason a person can act on; the valid changes around them are applied, and the
// laptop's own later changes go up as usual (a rejection never blocks the queue).
func TestInvalidDocsRejected(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		f := withDocs(t, ada)
		k := mustTeamKey(t, st.team.ID) // the crafted docs are sealed as Ada's laptop seals them
		good := func() syncapi.Change {
			return docChange(t, &involve.Action{YouSaid: "More benches", Status: involve.ActionPlanned, FeedbackIDs: []string{}})
		}
		unknownField := docChange(t, &involve.Outcome{ProjectID: f.project.ID, Description: "x", Direction: "positive", Magnitude: "minor"})
		unknownField.State = json.RawMessage(strings.Replace(string(unknownField.State), `{`, `{"colour":"red",`, 1))
		otherID := docChange(t, &involve.RateCard{Unit: "hour", AmountPence: 100, Source: "x", EffectiveFrom: "2026-01-01"})
		otherID.RecordID = uuid.NewString()
		unknownKind := good()
		unknownKind.Entity = "spaceship"
		cases := []struct {
			name   string
			change syncapi.Change
			want   string // in the reason
		}{
			{"BadTally", docChange(t, &involve.Tally{SessionID: f.session.ID, FormsReturned: -1}), "Forms returned must be 0 or more"},
			{"BadTallyAnswer", docChange(t, &involve.Tally{SessionID: f.session.ID, Sex: &involve.TallyDim{Counts: map[string]int{"martian": 2}}}), "select answers from the list"},
			{"TimeEntryWithoutContributor", sealedDocChange(t, k, &involve.TimeEntry{Task: "Reading", Date: "2026-11-24", MinutesPrep: 30,
				ReceiptRef: "R-1"}), "Select the Lived Experience Partner"},
			{"ConsentOfAProject", sealedDocChange(t, k, newConsent(9, involve.EntityProject, f.project.ID, involve.PurposeQuotes)), "Select who the consent is from"},
			// valid but for its plain value, where a laptop sends it sealed
			{"PlainGivenBy", docChange(t, newConsent(10, involve.EntityContributor, f.contributor.ID, involve.PurposeAnalysis)), "givenBy must be sealed"},
			{"OutcomeWithBadProject", docChange(t, &involve.Outcome{ProjectID: "not-a-uuid", Description: "x", Direction: "positive", Magnitude: "minor"}), "Select a project from the list"},
			{"ActionDoneWithoutWeDid", docChange(t, &involve.Action{YouSaid: "x", Status: involve.ActionDone}), "Enter what you did"},
			{"UnknownField", unknownField, "unknown field"},
			{"StateIDNotRecordID", otherID, "is not the change's record id"},
			{"UnknownKind", unknownKind, "unknown entity"},
		}
		var batch []syncapi.Change
		for _, c := range cases {
			batch = append(batch, c.change, good())
		}
		res, err := clientOf(t, ada, st.ts.URL).Push(bg(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			bad, ok := res.Results[2*i], res.Results[2*i+1]
			if bad.Status != syncapi.StatusRejected || bad.Code != syncapi.EINVALID || !strings.Contains(bad.Reason, c.want) {
				t.Errorf("%s: %+v, want rejected (invalid) saying %q", c.name, bad, c.want)
			}
			if ok.Status != syncapi.StatusApplied {
				t.Errorf("the valid change after %s: %+v, want applied", c.name, ok)
			}
		}
		for _, c := range cases {
			if _, ok := serverData(t, st.store, st.team.ID)[key(c.change.Entity, c.change.RecordID)]; ok {
				t.Errorf("%s: stored", c.name)
			}
		}
		// the laptop's own changes still go up
		o := *f.outcome
		o.Evidence = "Minutes"
		if _, err := ada.db.UpdateOutcome(bg(), o.ID, f.outcome, &o); err != nil {
			t.Fatal(err)
		}
		if sum := ada.mustSync(); sum.Push.Applied != 1 {
			t.Errorf("Ada's next sync: %+v", sum.Push)
		}
	})
}

// TestDocNamingAnotherTeamsRecord: records of involvement belong to a parent (a tally
// to its session, an outcome to its project, a time entry and consent to their
// contributor, quote consent to its feedback item). A device of team B pushing docs
// whose parent is a record of team A (a laptop moved between teams has team A's ids)
// is refused: the doc would be stored in team B under a parent team B cannot see, and
// a tally's id is derived from its session's, so team B's copy would take the id of
// team A's own tally and every later tally of that session from team A would be
// refused as "another team's".
func TestDocNamingAnotherTeamsRecord(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		f := makeDocs(t, ada.db)
		s2, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "Not tallied yet", Date: "2026-11-25", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		north := st.newTeam("North")
		bea := newDevice(t, "Bea", st.ts.URL, st.code(north.ID))
		k := mustTeamKey(t, north.ID) // the docs are sealed as Bea's laptop seals them: with team B's key
		tally := &involve.Tally{SessionID: s2.ID, FormsReturned: 3}
		tally.ID = involve.TallyIDFor(s2.ID)
		cases := []struct {
			name   string
			change syncapi.Change
		}{
			{"Tally", docChange(t, tally)},
			{"Attendee", docChange(t, &involve.Attendee{SessionID: f.session.ID})},
			{"Outcome", docChange(t, &involve.Outcome{ProjectID: f.project.ID, Description: "x", Direction: "positive", Magnitude: "minor"})},
			{"TimeEntry", sealedDocChange(t, k, &involve.TimeEntry{ContributorID: f.contributor.ID, Task: "x", Date: "2026-11-24", MinutesPrep: 30,
				ReceiptRef: "R-2"})},
			{"Consent", sealedDocChange(t, k, newConsent(5, involve.EntityContributor, f.contributor.ID, involve.PurposeAnalysis))},
			{"QuoteConsent", sealedDocChange(t, k, newConsent(6, involve.EntityFeedback, f.feedback.ID, involve.PurposeQuotes))},
		}
		var batch []syncapi.Change
		for _, c := range cases {
			batch = append(batch, c.change)
		}
		// a doc of team B's own (no parent) goes through
		batch = append(batch, docChange(t, &involve.Action{YouSaid: "Team B's own", Status: involve.ActionPlanned}))
		res, err := clientOf(t, bea, st.ts.URL).Push(bg(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			if r := res.Results[i]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "another team") {
				t.Errorf("%s naming team A's record, from team B: %+v, want rejected (forbidden)", c.name, r)
			}
		}
		if r := res.Results[len(cases)]; r.Status != syncapi.StatusApplied {
			t.Errorf("team B's own action: %+v, want applied", r)
		}
		if n := len(serverData(t, st.store, north.ID)); n != 1 {
			t.Errorf("team B has %d records, want its one action", n)
		}
		// team A tallies the session: its own tally is its own
		if _, err := ada.db.SaveTally(bg(), s2.ID, involve.Tally{}, involve.Tally{FormsReturned: 9}); err != nil {
			t.Fatal(err)
		}
		settle(t, st.store, st.team.ID, ada)
		if v := serverData(t, st.store, st.team.ID)[key(involve.EntityTally, tally.ID)]; !strings.Contains(v, `"formsReturned":9`) {
			t.Errorf("team A's tally on the server: %q", v)
		}
	})
}
