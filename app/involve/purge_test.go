package involve

import "testing"

func TestPurgeDue(t *testing.T) {
	none := map[string]*RetentionRule{}
	week := map[string]*RetentionRule{RetainDeleted: {RecordKind: RetainDeleted, Period: 7, Unit: UnitDays, Anchor: AnchorDeletion}}
	cases := []struct {
		name      string
		rules     map[string]*RetentionRule
		deletedAt string
		today     string
		want      bool
	}{
		{"live record", none, "", "2027-01-01", false},
		{"default, day 29", none, "2026-11-01T10:00:00.000Z", "2026-11-30", false},
		{"default, day 30", none, "2026-11-01T10:00:00.000Z", "2026-12-01", true},
		{"default, later", none, "2026-11-01T10:00:00.000Z", "2027-03-01", true},
		{"team rule, day 6", week, "2026-11-01T10:00:00.000Z", "2026-11-07", false},
		{"team rule, day 7", week, "2026-11-01T10:00:00.000Z", "2026-11-08", true},
		{"unreadable deletion", none, "yesterday", "2027-01-01", false},
		{"unreadable today", none, "2026-11-01T10:00:00.000Z", "", false},
	}
	for _, c := range cases {
		if got := PurgeDue(c.rules, c.deletedAt, c.today); got != c.want {
			t.Errorf("%s: PurgeDue(%q, %q) = %v, want %v", c.name, c.deletedAt, c.today, got, c.want)
		}
	}
}

func TestHeldRecords(t *testing.T) {
	holds := []*RetentionHold{
		{RecordEntity: EntitySession, RecordID: "a", Until: "2027-01-02"},
		{RecordEntity: EntitySession, RecordID: "b", Until: "2026-12-31"},
		{RecordEntity: EntitySession, RecordID: "d", Until: "2027-01-01"},
		{Meta: Meta{DeletedAt: "2026-12-01T00:00:00Z"}, RecordEntity: EntitySession, RecordID: "c", Until: "2030-01-01"},
	}
	held := HeldRecords(holds, "2027-01-01")
	if !held[[2]string{EntitySession, "a"}] || !held[[2]string{EntitySession, "d"}] || held[[2]string{EntitySession, "b"}] || held[[2]string{EntitySession, "c"}] {
		t.Fatalf("held = %v, want a and d (kept until today, today included), not b (ended yesterday) nor c (deleted hold)", held)
	}
}
