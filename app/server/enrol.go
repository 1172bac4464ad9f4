package server

import (
	"errors"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

const msgDeviceExists = "This laptop is already enrolled with this server. To connect it again, ask an administrator for a code made for it (involve-server device reenrol)."

const msgBadCode = "This enrolment code is not valid. Codes work once and expire: ask an administrator for a new one."

// handleEnrol exchanges a one-time enrolment code for a device token.
func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := s.enrols.allow(limitKey(s.clientAddr(r)), s.now()); !ok {
		return rateLimited(w, wait, msgDeviceLimited)
	}
	body, err := readBody(w, r, 64<<10)
	if err != nil {
		return err
	}
	var req syncapi.EnrolRequest
	if err := decodeStrict(body, &req); err != nil {
		return err
	}
	if err := validateEnrol(&req); err != nil {
		if e, ok := err.(*syncapi.Error); ok && e.Code == syncapi.EUNAUTH {
			s.authFailed(r, failBadCode, serverstore.ServerTeam, "") // a code too long to be one
		}
		return err
	}
	token := NewToken()
	now := s.now()
	dev := serverstore.Device{ID: req.DeviceID, Name: req.DeviceName, UserName: req.UserName, TokenHash: HashSecret(token), EnrolledAt: now}
	res, err := s.store.Enrol(r.Context(), HashCode(req.Code), now, dev)
	switch {
	case errors.Is(err, serverstore.ErrEnrolment):
		s.log.Warn("enrolment refused", "remote", s.clientAddr(r), "device", req.DeviceID)
		s.authFailed(r, failBadCode, serverstore.ServerTeam, "")
		return errorf(syncapi.EUNAUTH, msgBadCode)
	case errors.Is(err, serverstore.ErrDeviceExists):
		// Someone presented the id of an enrolled device (ids are not secret): taking
		// it over would cut that laptop off and let them push under its name.
		s.log.Warn("enrolment refused: device id already enrolled", "remote", s.clientAddr(r), "device", req.DeviceID)
		return errorf(syncapi.ECONFLICT, msgDeviceExists)
	case err != nil:
		return err
	}
	team := res.Team
	s.audit(r, serverstore.AuditEntry{At: now, TeamID: team.ID, DeviceID: dev.ID, Action: "enrol",
		Detail: "device " + quote(dev.Name) + " user " + quote(dev.UserName) + " role " + res.Role + " from " + s.clientAddr(r)})
	if p := res.Previous; p != nil {
		// A re-enrolment with a code an administrator made for this device: said in the
		// team it joins and, when it moved, in the team it left.
		detail := "device " + quote(p.Name) + " re-enrolled (was team " + p.TeamID
		if p.RevokedAt != nil {
			detail += ", revoked"
		}
		detail += ") now in team " + team.ID
		s.audit(r, serverstore.AuditEntry{At: now, TeamID: team.ID, DeviceID: dev.ID, Action: "device.reenrol", Detail: detail})
		if p.TeamID != team.ID {
			s.audit(r, serverstore.AuditEntry{At: now, TeamID: p.TeamID, DeviceID: dev.ID, Action: "device.move",
				Detail: "device " + quote(p.Name) + " moved to team " + team.ID + " " + quote(team.Name)})
		}
	}
	s.log.Info("device enrolled", "team", team.ID, "device", dev.ID, "name", dev.Name)
	return s.writeJSON(w, r, http.StatusOK, syncapi.EnrolResponse{
		Token: token, DeviceID: dev.ID, Team: syncapi.Team{ID: team.ID, Name: team.Name}, Limits: s.limits,
		Role: deviceRole(serverstore.Device{Role: res.Role}).String(),
	})
}

func validateEnrol(req *syncapi.EnrolRequest) error {
	req.Code = strings.TrimSpace(req.Code)
	req.DeviceName = strings.TrimSpace(req.DeviceName)
	req.UserName = strings.TrimSpace(req.UserName)
	switch {
	case req.Code == "":
		return errorf(syncapi.EINVALID, "Enter the enrolment code.")
	case len(req.Code) > 64:
		return errorf(syncapi.EUNAUTH, msgBadCode)
	case !isUUID(req.DeviceID):
		return errorf(syncapi.EINVALID, "deviceId must be a UUID.")
	case req.DeviceName == "" || utf8.RuneCountInString(req.DeviceName) > 200:
		return errorf(syncapi.EINVALID, "deviceName must name the laptop in 200 characters or fewer.")
	case utf8.RuneCountInString(req.UserName) > 200:
		return errorf(syncapi.EINVALID, "userName must be 200 characters or fewer.")
	case hasControl(req.DeviceName):
		return errorf(syncapi.EINVALID, "deviceName must not hold control characters (new lines, tabs, escapes or direction overrides).")
	case hasControl(req.UserName):
		return errorf(syncapi.EINVALID, "userName must not hold control characters (new lines, tabs, escapes or direction overrides).")
	}
	req.DeviceID = strings.ToLower(req.DeviceID)
	return nil
}

// hasControl reports whether s holds a control character (Unicode Cc: new lines, ESC
// of terminal escapes, DEL, C1) or a bidirectional override or isolate (U+202A–U+202E,
// U+2066–U+2069), any of which could forge or disguise lines of the administrator's
// output (device list, audit).
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return true
		}
	}
	return false
}

// audit writes an audit line; a failure is logged (the action has happened).
func (s *Server) audit(r *http.Request, e serverstore.AuditEntry) {
	if err := s.store.Audit(r.Context(), e); err != nil {
		s.log.Error("audit", "action", e.Action, "device", e.DeviceID, "err", err)
	}
}

// isUUID reports whether s is a UUID in its usual 36-character form.
func isUUID(s string) bool {
	id, err := uuid.Parse(s)
	return err == nil && id.String() == strings.ToLower(s)
}

// quote puts a name in quotes for a log line.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `'`) + `"` }

// handleDeviceMe tells a device who it is and its role (and, by answering 401, that it was revoked).
func (s *Server) handleDeviceMe(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	team, err := s.store.FindTeam(r.Context(), dev.TeamID)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, syncapi.DeviceInfo{
		DeviceID: dev.ID, Name: dev.Name, Team: syncapi.Team{ID: team.ID, Name: team.Name}, EnrolledAt: formatTime(dev.EnrolledAt),
		Role: deviceRole(dev).String(),
	})
}
