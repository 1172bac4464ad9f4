package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
)

// rolesHelp says what each device role may hold and do (docs/server.md).
const rolesHelp = `  capture  an event or kiosk laptop: sessions, notes, feedback, tallies, attendee profiles
           and actions; never a Lived Experience Partner's details, consent records or time entries
  staff    everything of its team
  lead     what staff have, and also approves and marks paid time entries and downloads
           the team's reports`

// parseRole checks a role named on the command line.
func parseRole(s string) (string, error) {
	r, err := involve.ParseRole(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a role: use capture, staff or lead.\n%s", s, rolesHelp)
	}
	return r.String(), nil
}

// cmdDeviceSetRole changes a device's role. The server reads the role at every
// request, so the device's next pull has it (and a laptop whose role was lowered
// removes what it may no longer hold).
func cmdDeviceSetRole(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("device set-role")
	return withStore(ctx, fs, args, 2, "device set-role DEVICE_ID capture|staff|lead", func(st serverstore.Store, pos []string) error {
		id := pos[0]
		role, err := parseRole(pos[1])
		if err != nil {
			return err
		}
		dev, team, err := findDevice(ctx, st, id)
		if err != nil {
			return err
		}
		old, err := st.SetDeviceRole(ctx, id, role)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		audit(ctx, st, serverstore.AuditEntry{At: now, TeamID: team.ID, DeviceID: id, Action: "device.role",
			Detail: "device " + quote(dev.Name) + " role " + old + " → " + role + " by " + operator()})
		if old == role {
			fmt.Fprintf(stdout, "%s (%s) of team %q is already %s.\n", safe(id), safe(dev.Name), team.Name, role)
			return nil
		}
		fmt.Fprintf(stdout, "%s (%s) of team %q is now %s (was %s). It takes effect at the laptop's next sync.\n",
			safe(id), safe(dev.Name), team.Name, role, old)
		return nil
	})
}
