package involve

// Purging deleted records (issue 13, docs/sync-protocol.md "Purging deleted
// records"): a tombstone is kept for the team's period for deleted records (its
// RetainDeleted rule, or the default: 30 days after deletion), then removed for good
// from every laptop and the server. The server and every laptop decide with these
// same functions, so they agree.

// PurgeDue reports whether a tombstone deleted at deletedAt (RFC 3339, or a date) has
// passed the team's period for deleted records on today (YYYY-MM-DD): rules are the
// team's effective rules (EffectiveRules), and a kind without one takes its default.
// A record that is not deleted, or whose deletion time is unreadable, is never due.
func PurgeDue(rules map[string]*RetentionRule, deletedAt, today string) bool {
	if deletedAt == "" || !ValidDate(today) {
		return false
	}
	rule := rules[RetainDeleted]
	if rule == nil {
		rule = DefaultRule(RetainDeleted)
	}
	due := rule.DueDate(deletedAt)
	return due != "" && due <= today
}

// HeldRecords are the records live retention holds keep on today: a hold that is not
// deleted keeps the record it names (entity and id) from being purged until its Until,
// that date included (as it keeps it off the due list).
func HeldRecords(holds []*RetentionHold, today string) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, h := range holds {
		if h.DeletedAt == "" && h.Until >= today {
			out[[2]string{h.RecordEntity, h.RecordID}] = true
		}
	}
	return out
}
