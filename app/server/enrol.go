package server

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

const msgBadCode = "This enrolment code is not valid. Codes work once and expire: ask an administrator for a new one."

// handleEnrol exchanges a one-time enrolment code for a device token.
func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request) error {
	if s.enrols != nil {
		if ok, wait := s.enrols.allow(remoteHost(r), s.now()); !ok {
			return s.rateLimited(w, wait)
		}
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
		return err
	}
	token := NewToken()
	now := s.now()
	dev := serverstore.Device{ID: req.DeviceID, Name: req.DeviceName, UserName: req.UserName, TokenHash: HashSecret(token), EnrolledAt: now}
	team, err := s.store.Enrol(r.Context(), HashCode(req.Code), now, dev)
	if errors.Is(err, serverstore.ErrEnrolment) {
		s.log.Warn("enrolment refused", "remote", r.RemoteAddr, "device", req.DeviceID)
		return errorf(syncapi.EUNAUTH, msgBadCode)
	} else if err != nil {
		return err
	}
	if err := s.store.Audit(r.Context(), serverstore.AuditEntry{At: now, TeamID: team.ID, DeviceID: dev.ID, Action: "enrol",
		Detail: "device " + quote(dev.Name) + " user " + quote(dev.UserName) + " from " + remoteHost(r)}); err != nil {
		s.log.Error("audit of enrolment", "device", dev.ID, "err", err)
	}
	s.log.Info("device enrolled", "team", team.ID, "device", dev.ID, "name", dev.Name)
	return s.writeJSON(w, r, http.StatusOK, syncapi.EnrolResponse{
		Token: token, DeviceID: dev.ID, Team: syncapi.Team{ID: team.ID, Name: team.Name}, Limits: s.limits,
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
	}
	req.DeviceID = strings.ToLower(req.DeviceID)
	return nil
}

// isUUID reports whether s is a UUID in its usual 36-character form.
func isUUID(s string) bool {
	id, err := uuid.Parse(s)
	return err == nil && id.String() == strings.ToLower(s)
}

// quote puts a name in quotes for a log line.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `'`) + `"` }

// handleDeviceMe tells a device who it is (and, by answering 401, that it was revoked).
func (s *Server) handleDeviceMe(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	team, err := s.store.FindTeam(r.Context(), dev.TeamID)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, syncapi.DeviceInfo{
		DeviceID: dev.ID, Name: dev.Name, Team: syncapi.Team{ID: team.ID, Name: team.Name}, EnrolledAt: formatTime(dev.EnrolledAt),
	})
}
