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
	e := serverstore.Enrolment{CodeHash: "hash-1", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(24 * time.Hour)}
	if err := s.CreateEnrolment(ctx(), e); err != nil {
		t.Fatal(err)
	}
	d := serverstore.Device{ID: "dev-1", Name: "laptop-12", UserName: "Amira K.", TokenHash: "tok-1"}
	got, err := s.Enrol(ctx(), "hash-1", t0.Add(time.Hour), d)
	if err != nil {
		t.Fatalf("Enrol: %v", err)
	}
	if got.ID != tm.ID || got.Name != tm.Name {
		t.Errorf("Enrol team = %+v, want %+v", got, tm)
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
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: "h", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
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

func testReEnrolSameTeam(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-old")
	if err := s.RevokeDevice(ctx(), "dev-1", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	dev := mustDevice(t, s, tm.ID, "dev-1", "tok-new")
	if dev.RevokedAt != nil {
		t.Errorf("re-enrolled device still revoked at %v", dev.RevokedAt)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-old"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("old token still works after re-enrolment (err %v)", err)
	}
	list, err := s.ListDevices(ctx(), tm.ID)
	if err != nil || len(list) != 1 {
		t.Errorf("ListDevices = %d devices, %v; want 1", len(list), err)
	}
}

func testReEnrolOtherTeam(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	mustDevice(t, s, a.ID, "dev-1", "tok-a")
	dev := mustDevice(t, s, b.ID, "dev-1", "tok-b")
	if dev.TeamID != b.ID {
		t.Errorf("device team = %s, want %s", dev.TeamID, b.ID)
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
