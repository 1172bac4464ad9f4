package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// cmdTeamSetQuota sets a team's own quotas: storage and changes per device a day.
func cmdTeamSetQuota(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("team set-quota")
	storage := fs.String("storage", "", "the team's storage quota: a size (500MB, 2GiB), 0 or unlimited, or default (the server's)")
	daily := fs.String("changes-per-device-day", "", "changes each of the team's laptops may send a day: a number, 0 or unlimited, or default (the server's)")
	return withStore(ctx, fs, args, 1, "team set-quota TEAM [--storage SIZE] [--changes-per-device-day N]", func(st serverstore.Store, pos []string) error {
		if *storage == "" && *daily == "" {
			return errors.New("say what to set: --storage SIZE and/or --changes-per-device-day N")
		}
		t, err := findTeam(ctx, st, pos[0])
		if err != nil {
			return err
		}
		u, err := st.TeamUsage(ctx, t.ID)
		if err != nil {
			return err
		}
		q := u.Quota
		if *storage != "" {
			if q.StorageBytes, err = parseQuota(*storage, server.ParseSize); err != nil {
				return fmt.Errorf("--storage: %v", err)
			}
		}
		if *daily != "" {
			if q.DeviceDailyChanges, err = parseDaily(*daily); err != nil {
				return fmt.Errorf("--changes-per-device-day: %v", err)
			}
		}
		if err := st.SetTeamQuota(ctx, t.ID, q); err != nil {
			return err
		}
		detail := fmt.Sprintf("storage %s (was %s), changes per device a day %s (was %s) by %s",
			storageText(q.StorageBytes), storageText(u.Quota.StorageBytes), changesText(q.DeviceDailyChanges), changesText(u.Quota.DeviceDailyChanges), operator())
		audit(ctx, st, serverstore.AuditEntry{At: time.Now().UTC(), TeamID: t.ID, Action: "team.quota", Detail: detail})
		fmt.Fprintf(stdout, "Team %q: storage quota %s (it holds %s), changes per laptop a day %s.\n", t.Name,
			storageText(q.StorageBytes), server.FormatSize(u.BytesUsed), changesText(q.DeviceDailyChanges))
		if q.StorageBytes > 0 && u.BytesUsed >= q.StorageBytes {
			fmt.Fprintln(stdout, "The team already holds more than this: its laptops' next changes will be refused until the quota is raised.")
		}
		return nil
	})
}

// parseQuota reads a quota: "default" (the server's), "0" or "unlimited" (no limit),
// or a positive amount.
func parseQuota(s string, parse func(string) (int64, error)) (int64, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "default":
		return serverstore.QuotaDefault, nil
	case "0", "unlimited", "none":
		return serverstore.QuotaUnlimited, nil
	}
	n, err := parse(s)
	if err != nil {
		return 0, err
	}
	if n <= 0 {
		return serverstore.QuotaUnlimited, nil
	}
	return n, nil
}

// parseDaily reads a daily changes quota, at least syncapi.MinDailyChanges: a push is
// taken whole or not at all, and the server asks a team's laptops for pushes no larger
// than its quota when that is under its MaxBatch (server.askBatch).
func parseDaily(s string) (int64, error) {
	n, err := parseQuota(s, parseCount)
	if err == nil && n > 0 && n < syncapi.MinDailyChanges {
		return 0, fmt.Errorf("a limit must be at least %d (a push is taken whole or not at all: the server asks for pushes no larger than the quota)", syncapi.MinDailyChanges)
	}
	return n, err
}

func parseCount(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 10, 64)
	if err != nil || n < 0 {
		return 0, errors.New("give a whole number of changes, 0 or unlimited, or default")
	}
	return n, nil
}

// storageText and changesText say a team's quota as team list and set-quota print it.
func storageText(q int64) string {
	switch {
	case q == serverstore.QuotaDefault:
		return "default"
	case q < 0:
		return "unlimited"
	}
	return server.FormatSize(q)
}

func changesText(q int64) string {
	switch {
	case q == serverstore.QuotaDefault:
		return "default"
	case q < 0:
		return "unlimited"
	}
	return strconv.FormatInt(q, 10)
}

// serveQuotas reads serve's --team-storage-quota and --device-daily-changes (0 or
// unlimited: no limit).
func serveQuotas(storage, daily string) (server.Quotas, error) {
	var q server.Quotas
	var err error
	if q.TeamStorageBytes, err = parseQuota(storage, server.ParseSize); err != nil || q.TeamStorageBytes == serverstore.QuotaDefault {
		return q, fmt.Errorf("--team-storage-quota must be a size (2GiB, 500MB) or 0 (no limit)")
	}
	if q.DeviceDailyChanges, err = parseDaily(daily); err != nil || q.DeviceDailyChanges == serverstore.QuotaDefault {
		return q, fmt.Errorf("--device-daily-changes must be a whole number of at least %d, or 0 (no limit)", syncapi.MinDailyChanges)
	}
	return q, nil
}
