package serverstoretest

import (
	"errors"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// testDeviceRoles: a code gives its role to the device it enrols, a code bound to a
// device (re-enrolment) gives it its own role, SetDeviceRole changes a device's role
// and says the old one, and the store refuses a role that is not one.
func testDeviceRoles(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	for i, role := range []string{"capture", "staff", "lead"} {
		code, id, tok := "code-"+role, "dev-"+role, "tok-"+role
		if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: role}); err != nil {
			t.Fatalf("CreateEnrolment(%s): %v", role, err)
		}
		if _, err := s.Enrol(ctx(), code, t0.Add(time.Duration(i+1)*time.Minute), serverstore.Device{ID: id, Name: id, TokenHash: tok}); err != nil {
			t.Fatalf("Enrol(%s): %v", role, err)
		}
		if d, err := s.DeviceByTokenHash(ctx(), tok); err != nil || d.Role != role {
			t.Errorf("device enrolled with a %s code: role %q, %v", role, d.Role, err)
		}
	}
	for _, bad := range []string{"", "admin", "Staff"} {
		err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: "bad-" + bad, TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: bad})
		if err == nil {
			t.Errorf("CreateEnrolment with role %q was stored", bad)
		}
	}

	old, err := s.SetDeviceRole(ctx(), "dev-staff", "capture")
	if err != nil || old != "staff" {
		t.Fatalf("SetDeviceRole(dev-staff, capture) = %q, %v; want staff", old, err)
	}
	if d, _ := s.DeviceByTokenHash(ctx(), "tok-staff"); d.Role != "capture" {
		t.Errorf("role after SetDeviceRole = %q, want capture", d.Role)
	}
	devs, err := s.ListDevices(ctx(), tm.ID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, d := range devs {
		roles[d.ID] = d.Role
	}
	if roles["dev-capture"] != "capture" || roles["dev-staff"] != "capture" || roles["dev-lead"] != "lead" {
		t.Errorf("ListDevices roles = %v", roles)
	}
	if _, err := s.SetDeviceRole(ctx(), "dev-staff", "boss"); err == nil {
		t.Error("SetDeviceRole stored the role \"boss\"")
	}
	if d, _ := s.DeviceByTokenHash(ctx(), "tok-staff"); d.Role != "capture" {
		t.Errorf("a refused SetDeviceRole changed the role to %q", d.Role)
	}
	if _, err := s.SetDeviceRole(ctx(), "no-such-device", "lead"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("SetDeviceRole of an unknown device: %v, want ErrNotFound", err)
	}

	// A re-enrolment code carries the role the device gets.
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: "again", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour),
		ForDevice: "dev-lead", Role: "staff"}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Enrol(ctx(), "again", t0.Add(10*time.Minute), serverstore.Device{ID: "dev-lead", Name: "lead again", TokenHash: "tok-lead-2"})
	if err != nil {
		t.Fatalf("re-enrol: %v", err)
	}
	if res.Previous == nil || res.Previous.Role != "lead" {
		t.Errorf("re-enrol: previous = %+v, want the lead device", res.Previous)
	}
	if d, _ := s.DeviceByTokenHash(ctx(), "tok-lead-2"); d.Role != "staff" {
		t.Errorf("role after re-enrolment with a staff code = %q, want staff", d.Role)
	}
}

// RolesBackfill: the migration that brings roles (0006_roles) makes every device
// enrolled before it, and every code made before it, staff: an existing laptop keeps
// what it had. s is a fresh store (migrateTo(5) applied nothing yet); exec runs one
// SQL statement without parameters on its database.
func RolesBackfill(t *testing.T, s serverstore.Store, migrateTo func(n int) error, exec func(q string) error) {
	if err := migrateTo(5); err != nil {
		t.Fatalf("migrate to schema 5: %v", err)
	}
	const at = "'2026-11-24T10:00:00.000000Z'"
	const later = "'2026-11-25T10:00:00.000000Z'"
	for _, q := range []string{
		"INSERT INTO teams(id, name, seq, created_at) VALUES ('A', 'Team A', 0, " + at + ")",
		"INSERT INTO devices(id, team_id, name, token_hash, enrolled_at) VALUES ('d1', 'A', 'laptop', 'tok-1', " + at + ")",
		"INSERT INTO enrolments(code_hash, team_id, created_at, expires_at) VALUES ('code-1', 'A', " + at + ", " + later + ")",
	} {
		if err := exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Migrate(ctx()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if d, err := s.DeviceByTokenHash(ctx(), "tok-1"); err != nil || d.Role != "staff" {
		t.Errorf("a device enrolled before roles: role %q, %v; want staff", d.Role, err)
	}
	res, err := s.Enrol(ctx(), "code-1", time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC), serverstore.Device{ID: "d2", Name: "x", TokenHash: "tok-2"})
	if err != nil || res.Role != "staff" {
		t.Errorf("a code made before roles enrols with role %q, %v; want staff", res.Role, err)
	}
}
