package server

import (
	"encoding/base64"
	"net/http"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// handleTeamKey gives a staff or lead device its team's key (GET syncapi.TeamKeyPath).
// A capture device may hold no record with sealed fields, so it gets none (403). Every
// key given is audited first ("key.issued"): no key leaves without its audit line.
func (s *Server) handleTeamKey(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	role := deviceRole(dev)
	if !involve.MayHold(role, involve.EntityContributor, "") {
		return errorf(syncapi.EFORBIDDEN, "This laptop is enrolled for %s and holds no partner's details, so it gets no team key. "+
			"Ask an administrator to change its role (involve-server device set-role) if it should.", role)
	}
	ctx := r.Context()
	key, err := s.keys.TeamKey(ctx, dev.TeamID)
	if err != nil {
		return err
	}
	if err := s.store.Audit(ctx, serverstore.AuditEntry{At: s.now(), TeamID: dev.TeamID, DeviceID: dev.ID, Action: "key.issued",
		Detail: "team key " + key.ID() + " to " + role.String() + " device " + quote(dev.Name)}); err != nil {
		return err
	}
	raw := key.Raw()
	defer lockbox.Wipe(raw)
	return s.writeJSON(w, r, http.StatusOK, syncapi.TeamKeyResponse{KeyID: key.ID(), Key: base64.StdEncoding.EncodeToString(raw)})
}
