package syncer_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestQuotaRefusalShown: a push refused by the team's storage quota (507) or the
// laptop's daily changes (429) stops the laptop sending, still brings the team's
// changes down, shows the server's own message (in the engine's status, and in the
// status the command line and a restarted app read from the database), keeps the
// changes waiting, and plans no quick retry: after the next UTC midnight for the daily
// quota, after syncer.StorageQuotaRetry for storage. Once the quota allows, the
// changes go.
func TestQuotaRefusalShown(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		code   string
		quota  func(env *servertest.Env, teamID string)
		says   []string
		minGap time.Duration
	}{
		{"Storage", syncapi.ESTORAGEQUOTA, func(env *servertest.Env, teamID string) {
			u, err := env.Store.TeamUsage(ctx, teamID)
			if err != nil {
				t.Fatal(err)
			}
			env.Store.SetTeamQuota(ctx, teamID, serverstore.Quota{StorageBytes: u.BytesUsed + 100})
		}, []string{"storage quota", "safe on this laptop", "administrator"}, syncer.StorageQuotaRetry},
		{"Daily", syncapi.EDAILYQUOTA, func(env *servertest.Env, teamID string) {
			env.Store.SetTeamQuota(ctx, teamID, serverstore.Quota{DeviceDailyChanges: 3})
		}, []string{"changes today", "at most 3 a day", "safe on this laptop", "midnight UTC"}, 13 * time.Hour},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := servertest.NewEnv(t, servertest.SQLite, func(cfg *server.Config) { cfg.Quotas = server.Quotas{} })
			team := env.Team("South London")
			a := enrol(t, env, team.ID, "Ada")
			b := enrol(t, env, team.ID, "Bo")
			shared := addFeedback(t, b.db, 1)
			b.sync()
			c.quota(env, team.ID)

			addFeedback(t, a.db, 4) // a session and 4 cards: 5 changes
			sum, err := a.e.SyncOnce(ctx, nil)
			if !syncer.IsQuota(err) || syncer.StatusOf(err) != syncapi.HTTPStatus(c.code) {
				t.Fatalf("sync over the quota: %v, want a %s refusal", err, c.code)
			}
			var se *syncer.Error
			if !errors.As(err, &se) || se.API.Code != c.code {
				t.Fatalf("error %v, want code %s", err, c.code)
			}
			if a.session(shared.ID).ID != shared.ID || sum.Pull.Received == 0 {
				t.Errorf("the team's changes did not come down after the refusal (pulled %+v)", sum.Pull)
			}
			st := a.e.Status()
			if st.State != syncer.StateError || st.Message != se.API.Message || st.Pending != 5 {
				t.Fatalf("status %+v, want the server's message %q and 5 changes waiting", st, se.API.Message)
			}
			for _, want := range c.says {
				if !strings.Contains(st.Message, want) {
					t.Errorf("message %q does not say %q", st.Message, want)
				}
			}
			if gap := st.NextAttemptAt.Sub(st.LastAttemptAt); gap < c.minGap {
				t.Errorf("next attempt in %v, want at least %v (no quick retries)", gap, c.minGap)
			}
			ls, err := syncer.LocalStatus(ctx, a.db)
			if err != nil || ls.State != syncer.StateError || ls.Message != st.Message {
				t.Errorf("status from the database %+v, %v; want the same message", ls, err)
			}

			env.Store.SetTeamQuota(ctx, team.ID, serverstore.Quota{StorageBytes: serverstore.QuotaUnlimited, DeviceDailyChanges: serverstore.QuotaUnlimited})
			if sum := a.sync(); sum.Push.Applied != 5 {
				t.Fatalf("after the quota was raised: %+v", sum)
			}
			if st := a.e.Status(); st.State != syncer.StateIdle || st.Pending != 0 {
				t.Errorf("status after the quota was raised: %+v", st)
			}
			b.sync()
			sameData(t, a, b)
		})
	}
}
