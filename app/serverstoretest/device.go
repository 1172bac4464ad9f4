package serverstoretest

import (
	"errors"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

func testEnrolOnce(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	e := serverstore.Enrolment{CodeHash: "hash-1", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(24 * time.Hour), Role: "staff"}
	if err := s.CreateEnrolment(ctx(), e); err != nil {
		t.Fatal(err)
	}
	d := serverstore.Device{ID: "dev-1", Name: "laptop-12", UserName: "Amira K.", TokenHash: "tok-1"}
	got, err := s.Enrol(ctx(), "hash-1", t0.Add(time.Hour), d)
	if err != nil {
		t.Fatalf("Enrol: %v", err)
	}
	if got.Team.ID != tm.ID || got.Team.Name != tm.Name || got.Previous != nil {
		t.Errorf("Enrol = %+v, want team %+v and no previous device", got, tm)
	}
	dev, err := s.DeviceByTokenHash(ctx(), "tok-1")
	if err != nil {
		t.Fatal(err)
	}
	if dev.ID != "dev-1" || dev.TeamID != tm.ID || dev.Name != "laptop-12" || dev.UserName != "Amira K." || dev.TokenHash != "tok-1" ||
		!dev.EnrolledAt.Equal(t0.Add(time.Hour)) || dev.RevokedAt != nil {
		t.Errorf("device = %+v", dev)
	}
	// The code works once.
	d2 := serverstore.Device{ID: "dev-2", Name: "laptop-13", TokenHash: "tok-2"}
	if _, err := s.Enrol(ctx(), "hash-1", t0.Add(2*time.Hour), d2); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("second Enrol error = %v, want ErrEnrolment", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-2"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("a refused enrolment made a device (err %v)", err)
	}
}

func testEnrolExpired(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: "h", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: "staff"}); err != nil {
		t.Fatal(err)
	}
	d := serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-1"}
	if _, err := s.Enrol(ctx(), "h", t0.Add(time.Hour), d); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("Enrol at the expiry time: error = %v, want ErrEnrolment", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-1"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("an expired code made a device (err %v)", err)
	}
	if _, err := s.Enrol(ctx(), "h", t0.Add(time.Hour-time.Millisecond), d); err != nil {
		t.Errorf("Enrol just before expiry: %v", err)
	}
}

func testEnrolUnknown(t *testing.T, s serverstore.Store) {
	mustTeam(t, s, "team-1", "One")
	d := serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-1"}
	if _, err := s.Enrol(ctx(), "nope", t0, d); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("Enrol(unknown) error = %v, want ErrEnrolment", err)
	}
}

// testEnrolTakeoverRefused: an ordinary code does not re-bind an enrolled device id,
// whatever the device's team or revocation state, and the refusal changes nothing.
func testEnrolTakeoverRefused(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	victim := mustDevice(t, s, a.ID, "dev-1", "tok-a")
	mustDevice(t, s, a.ID, "dev-2", "tok-a2")
	if err := s.RevokeDevice(ctx(), "dev-2", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ team, id string }{{b.ID, "dev-1"}, {a.ID, "dev-1"}, {b.ID, "dev-2"}, {a.ID, "dev-2"}} {
		code := "code-takeover-" + tc.team + tc.id
		if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: tc.team, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: "staff"}); err != nil {
			t.Fatal(err)
		}
		d := serverstore.Device{ID: tc.id, Name: "attacker", UserName: "Mallory", TokenHash: "tok-evil-" + tc.team + tc.id}
		if _, err := s.Enrol(ctx(), code, t0.Add(3*time.Minute), d); !errors.Is(err, serverstore.ErrDeviceExists) {
			t.Errorf("Enrol(%s) with a code of team %s: error = %v, want ErrDeviceExists", tc.id, tc.team, err)
		}
		if _, err := s.DeviceByTokenHash(ctx(), d.TokenHash); !errors.Is(err, serverstore.ErrNotFound) {
			t.Errorf("the refused enrolment's token works (err %v)", err)
		}
		// The refusal did not use the code up: it still enrols a new device.
		fresh := serverstore.Device{ID: "dev-new-" + tc.team + tc.id, Name: "n", TokenHash: "tok-new-" + tc.team + tc.id}
		if _, err := s.Enrol(ctx(), code, t0.Add(4*time.Minute), fresh); err != nil {
			t.Errorf("the code after a refusal: %v", err)
		}
	}
	got, err := s.DeviceByTokenHash(ctx(), "tok-a")
	if err != nil || !reflect.DeepEqual(got, victim) {
		t.Errorf("victim after the attempts = %+v, %v; want %+v", got, err, victim)
	}
	if d, err := s.DeviceByTokenHash(ctx(), "tok-a2"); err != nil || d.RevokedAt == nil || d.TeamID != a.ID {
		t.Errorf("revoked device after the attempts = %+v, %v; want it revoked in team A", d, err)
	}
}

// bindCode makes a code bound to a device id (involve-server device reenrol).
func bindCode(t *testing.T, s serverstore.Store, code, teamID, deviceID string) {
	t.Helper()
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: teamID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), ForDevice: deviceID, Role: "staff"}); err != nil {
		t.Fatalf("CreateEnrolment: %v", err)
	}
}

func testReEnrolSameTeam(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	old := mustDevice(t, s, tm.ID, "dev-1", "tok-old")
	if err := s.RevokeDevice(ctx(), "dev-1", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	bindCode(t, s, "bound", tm.ID, "dev-1")
	res, err := s.Enrol(ctx(), "bound", t0.Add(3*time.Minute), serverstore.Device{ID: "dev-1", Name: "laptop 1b", TokenHash: "tok-new"})
	if err != nil {
		t.Fatalf("Enrol with a code bound to the device: %v", err)
	}
	if res.Team.ID != tm.ID || res.Previous == nil || res.Previous.TeamID != tm.ID || res.Previous.TokenHash != old.TokenHash || res.Previous.RevokedAt == nil {
		t.Errorf("Enrol = %+v (previous %+v); want team One and the revoked device as it was", res, res.Previous)
	}
	dev, err := s.DeviceByTokenHash(ctx(), "tok-new")
	if err != nil || dev.RevokedAt != nil || dev.Name != "laptop 1b" || !dev.EnrolledAt.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("re-enrolled device = %+v, %v; want it active, renamed, enrolled now", dev, err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-old"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("old token still works after re-enrolment (err %v)", err)
	}
	list, err := s.ListDevices(ctx(), tm.ID)
	if err != nil || len(list) != 1 {
		t.Errorf("ListDevices = %d devices, %v; want 1", len(list), err)
	}
	// The bound code works once.
	if _, err := s.Enrol(ctx(), "bound", t0.Add(4*time.Minute), serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-3"}); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("bound code used twice: error = %v, want ErrEnrolment", err)
	}
}

func testReEnrolOtherTeam(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	mustDevice(t, s, a.ID, "dev-1", "tok-a")
	bindCode(t, s, "bound", b.ID, "dev-1")
	res, err := s.Enrol(ctx(), "bound", t0.Add(3*time.Minute), serverstore.Device{ID: "dev-1", Name: "laptop", TokenHash: "tok-b"})
	if err != nil {
		t.Fatalf("Enrol with a code bound to the device: %v", err)
	}
	if res.Team.ID != b.ID || res.Previous == nil || res.Previous.TeamID != a.ID {
		t.Errorf("Enrol = %+v (previous %+v); want team B, previously team A", res, res.Previous)
	}
	dev, err := s.DeviceByTokenHash(ctx(), "tok-b")
	if err != nil || dev.TeamID != b.ID {
		t.Errorf("device = %+v, %v; want it in team B", dev, err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-a"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("the other team's token still works (err %v)", err)
	}
	la, _ := s.ListDevices(ctx(), a.ID)
	lb, _ := s.ListDevices(ctx(), b.ID)
	if len(la) != 0 || len(lb) != 1 {
		t.Errorf("devices: team A %d, team B %d; want 0 and 1", len(la), len(lb))
	}
}

// testBoundCodeOtherID: a code bound to one device id enrols no other id, new or
// enrolled, and is not used up by trying.
func testBoundCodeOtherID(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	mustDevice(t, s, a.ID, "dev-1", "tok-1")
	victim := mustDevice(t, s, a.ID, "dev-2", "tok-2")
	bindCode(t, s, "bound", b.ID, "dev-1")
	for _, id := range []string{"dev-2", "dev-new"} {
		if _, err := s.Enrol(ctx(), "bound", t0.Add(3*time.Minute), serverstore.Device{ID: id, Name: "x", TokenHash: "tok-evil-" + id}); !errors.Is(err, serverstore.ErrEnrolment) {
			t.Errorf("code bound to dev-1 used for %s: error = %v, want ErrEnrolment", id, err)
		}
		if _, err := s.DeviceByTokenHash(ctx(), "tok-evil-"+id); !errors.Is(err, serverstore.ErrNotFound) {
			t.Errorf("the refused enrolment of %s made a token (err %v)", id, err)
		}
	}
	if got, err := s.DeviceByTokenHash(ctx(), "tok-2"); err != nil || !reflect.DeepEqual(got, victim) {
		t.Errorf("dev-2 = %+v, %v; want %+v", got, err, victim)
	}
	if _, err := s.Enrol(ctx(), "bound", t0.Add(4*time.Minute), serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-1b"}); err != nil {
		t.Errorf("the bound code for its own device after the refusals: %v", err)
	}
}

func testDeviceByTokenHash(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	mustDevice(t, s, tm.ID, "dev-2", "tok-2")
	d, err := s.DeviceByTokenHash(ctx(), "tok-2")
	if err != nil || d.ID != "dev-2" {
		t.Errorf("DeviceByTokenHash = %+v, %v", d, err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-3"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("unknown token: error = %v, want ErrNotFound", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), ""); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("empty token: error = %v, want ErrNotFound", err)
	}
}

func testTouchDevice(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	d := mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	if d.LastSeenAt != nil {
		t.Errorf("new device LastSeenAt = %v, want nil", d.LastSeenAt)
	}
	at := t0.Add(5 * time.Minute)
	if err := s.TouchDevice(ctx(), "dev-1", at); err != nil {
		t.Fatal(err)
	}
	d, _ = s.DeviceByTokenHash(ctx(), "tok-1")
	if d.LastSeenAt == nil || !d.LastSeenAt.Equal(at) {
		t.Errorf("LastSeenAt = %v, want %v", d.LastSeenAt, at)
	}
}

func testListDevices(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	mustDevice(t, s, a.ID, "dev-2", "tok-2")
	mustDevice(t, s, a.ID, "dev-1", "tok-1")
	mustDevice(t, s, b.ID, "dev-3", "tok-3")
	la, err := s.ListDevices(ctx(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range la {
		got = append(got, d.ID)
	}
	sort.Strings(got)
	if want := []string{"dev-1", "dev-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ListDevices(A) = %v, want %v", got, want)
	}
	if lc, err := s.ListDevices(ctx(), "team-none"); err != nil || len(lc) != 0 {
		t.Errorf("ListDevices(unknown team) = %v, %v; want none", lc, err)
	}
}

func testRevokeDevice(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	at := t0.Add(time.Hour)
	if err := s.RevokeDevice(ctx(), "dev-1", at); err != nil {
		t.Fatal(err)
	}
	d, err := s.DeviceByTokenHash(ctx(), "tok-1")
	if err != nil {
		t.Fatalf("a revoked device must still be found (to say why it is refused): %v", err)
	}
	if d.RevokedAt == nil || !d.RevokedAt.Equal(at) {
		t.Errorf("RevokedAt = %v, want %v", d.RevokedAt, at)
	}
	if err := s.RevokeDevice(ctx(), "dev-1", at.Add(time.Hour)); err != nil {
		t.Errorf("second revoke: %v", err)
	}
	d, _ = s.DeviceByTokenHash(ctx(), "tok-1")
	if d.RevokedAt == nil || !d.RevokedAt.Equal(at) {
		t.Errorf("second revoke changed RevokedAt to %v, want %v", d.RevokedAt, at)
	}
	if err := s.RevokeDevice(ctx(), "dev-none", at); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("revoke unknown device: error = %v, want ErrNotFound", err)
	}
}
