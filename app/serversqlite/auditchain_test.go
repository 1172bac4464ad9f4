package serversqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// TestAuditChainMigration: a database whose audit log was written before the chain
// existed (schema before 0005_audit_chain) is chained by the migration, in the order
// the entries were written, and verifies; the next entry chains on.
func TestAuditChainMigration(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var chain int
	for i, m := range migrations {
		if m.Name == "0005_audit_chain.sql" {
			chain = i
		}
	}
	if chain == 0 {
		t.Fatal("no 0005_audit_chain.sql")
	}
	if err := sqldb.CreateMigrationsTable(ctx, s.writer); err != nil {
		t.Fatal(err)
	}
	err = sqldb.Migrate(ctx, "involve-server", migrations[:chain], func(fn func(sqldb.MigrationTx) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(sqldb.SQLiteMigrationTx(tx, formatTime)) })
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO audit(at, team_id, device_id, action, detail) VALUES ('2026-01-01T10:00:00.000000Z', 'a', '', 'team.add', 'team A')",
		"INSERT INTO audit(at, team_id, device_id, action, detail) VALUES ('2026-01-01T10:00:01.000000Z', 'b', '', 'team.add', 'team B')",
		"INSERT INTO audit(at, team_id, device_id, action, detail) VALUES ('2026-01-01T10:05:00.000000Z', 'a', 'd1', 'enrol', 'device \"x\"')",
	} {
		if _, err := s.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if r, err := serverstore.VerifyAudit(ctx, s, ""); err != nil || r.Break != nil || r.Entries != 3 || r.HeadSeq != 3 {
		t.Fatalf("after the migration: %+v, %v; want 3 entries, intact", r, err)
	}
	if err := s.Audit(ctx, serverstore.AuditEntry{At: s.Now(), TeamID: "a", Action: "push"}); err != nil {
		t.Fatal(err)
	}
	r, err := serverstore.VerifyAudit(ctx, s, "")
	if err != nil || r.Break != nil || r.Entries != 4 || r.HeadSeq != 4 {
		t.Fatalf("VerifyAudit = %+v, %v; want 4 entries, intact", r, err)
	}
	var actions []string
	s.EachAudit(ctx, func(e serverstore.AuditEntry) error { actions = append(actions, e.Action); return nil })
	if len(actions) != 4 || actions[0] != "team.add" || actions[2] != "enrol" || actions[3] != "push" {
		t.Errorf("entries in chain order: %v", actions)
	}
}
