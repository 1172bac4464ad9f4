package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// The retention schedule and the list of records due for review (issue 13,
// docs/privacy.md "Retention"). The schedule is the team's RetentionRule records, each
// kind without one taking its default (involve.RetentionDefaults). The due list is
// read from the records as stored, never opened: it names partners by pseudonym and
// never shows free text, so it works, and reveals nothing sealed, while Involve is
// locked. Erased partners and comments are not listed (what is left of them is kept
// for their payments and reach); EraseDue (autoerase.go) erases what a lead set to be
// erased automatically.

// RetentionEntry is one line of the schedule: the team's rule for a kind of record,
// or its default.
type RetentionEntry struct {
	RecordKind  string            `json:"recordKind"`
	Label       string            `json:"label"`
	Hint        string            `json:"hint,omitempty"`
	Period      int               `json:"period"`
	Unit        string            `json:"unit"`
	Anchor      string            `json:"anchor"`
	Text        string            `json:"text"` // "6 years after the payment"
	AutoErase   bool              `json:"autoErase"`
	SetBy       string            `json:"setBy,omitempty"`
	SetAt       string            `json:"setAt,omitempty"`
	IsDefault   bool              `json:"isDefault"`   // no rule: the default applies
	DefaultText string            `json:"defaultText"` // the default, for people
	Source      string            `json:"source"`      // where the default comes from
	Anchors     []involve.RefItem `json:"anchors"`     // the dates the period may count from
}

// RetentionSchedule returns the team's schedule, one entry per kind of record in the
// order of involve.RetentionKinds.
func (db *DB) RetentionSchedule(ctx context.Context) ([]RetentionEntry, error) {
	rules, err := db.effectiveRules(ctx, db.reader)
	if err != nil {
		return nil, err
	}
	out := make([]RetentionEntry, 0, len(involve.RetentionKinds))
	for _, k := range involve.RetentionKinds {
		def := involve.DefaultRule(k.Code)
		e := RetentionEntry{RecordKind: k.Code, Label: k.Label, Hint: k.Hint, Anchors: involve.RetentionAnchors[k.Code],
			DefaultText: involve.PeriodText(def.Period, def.Unit) + " " + involve.AnchorLabel(k.Code, def.Anchor)}
		for _, d := range involve.RetentionDefaults {
			if d.RecordKind == k.Code {
				e.Source = d.Source
			}
		}
		r := rules[k.Code]
		if r == nil {
			r, e.IsDefault = def, true
		}
		e.Period, e.Unit, e.Anchor, e.AutoErase, e.SetBy, e.SetAt = r.Period, r.Unit, r.Anchor, r.AutoErase, r.SetBy, r.SetAt
		e.Text = involve.PeriodText(r.Period, r.Unit) + " " + involve.AnchorLabel(k.Code, r.Anchor)
		out = append(out, e)
	}
	return out, nil
}

// effectiveRules reads the live rules (they hold nothing sealed) and picks each
// kind's rule in force (involve.EffectiveRules).
func (db *DB) effectiveRules(ctx context.Context, q queryer) (map[string]*involve.RetentionRule, error) {
	var rules []*involve.RetentionRule
	err := eachDoc(ctx, q, involve.EntityRetentionRule, "", false, func(d involve.Doc) error {
		rules = append(rules, d.(*involve.RetentionRule))
		return nil
	})
	return involve.EffectiveRules(rules), err
}

// SetRetentionRule sets the team's period for in.RecordKind: the rule in force is
// changed (a new one is made when the kind has none), stamped with who set it and
// when. Only a lead laptop may (checkLocalWrite: EFORBIDDEN).
func (db *DB) SetRetentionRule(ctx context.Context, in involve.RetentionRule) (*involve.RetentionRule, error) {
	next := &involve.RetentionRule{RecordKind: in.RecordKind, Period: in.Period, Unit: in.Unit, Anchor: in.Anchor,
		AutoErase: in.AutoErase, SetBy: db.UserName(), SetAt: involve.FormatTime(db.Now())}
	if err := next.Validate(); err != nil {
		return nil, err
	}
	var out *involve.RetentionRule
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rules, err := db.effectiveRules(ctx, tx)
		if err != nil {
			return err
		}
		if cur := rules[next.RecordKind]; cur != nil {
			saved, err := db.updateDocTx(ctx, tx, involve.EntityRetentionRule, cur.ID, nil, next)
			if err != nil {
				return err
			}
			out = saved.(*involve.RetentionRule)
			return nil
		}
		out = next
		return db.createDocTx(ctx, tx, next)
	})
	return out, err
}

// KeepUntil records a lead's "keep until … because …" for a record due for review: it
// leaves the due list until that date. The reason is sealed (ELOCKED while locked).
func (db *DB) KeepUntil(ctx context.Context, h involve.RetentionHold) (*involve.RetentionHold, error) {
	hold := &involve.RetentionHold{RecordEntity: h.RecordEntity, RecordID: h.RecordID, RecordKind: h.RecordKind,
		Until: h.Until, Reason: h.Reason, SetBy: db.UserName()}
	if err := hold.Validate(); err != nil {
		return nil, err
	}
	if today := db.Now().UTC().Format("2006-01-02"); hold.Until <= today {
		var p involve.Problems
		p.Add("until", "Keep until must be a date in the future")
		return nil, p.Err("keep until")
	}
	if _, err := db.CreateDoc(ctx, hold); err != nil {
		return nil, err
	}
	return hold, nil
}

// DueItem is a record past its retention period.
type DueItem struct {
	RecordKind string `json:"recordKind"` // the schedule's kind
	KindLabel  string `json:"kindLabel"`
	Entity     string `json:"entity"`
	RecordID   string `json:"recordId"`
	Title      string `json:"title"` // a pseudonym or title: never a sealed value or free text
	From       string `json:"from"`  // the date the period counts from (YYYY-MM-DD)
	DueOn      string `json:"dueOn"` // the date it became due
	Why        string `json:"why"`   // "12 months after the agreement ends (31 March 2025)"
	AutoErase  bool   `json:"autoErase"`
	KeptUntil  string `json:"keptUntil,omitempty"` // a hold that has lapsed
}

// DueForReview lists the records past their retention period on db.Now's date, oldest
// due first, leaving out those a hold keeps until a later date (or that date).
// Audit entries are the server's: none is listed here.
func (db *DB) DueForReview(ctx context.Context) ([]DueItem, error) {
	today := db.Now().UTC().Format("2006-01-02")
	q := db.reader
	rules, err := db.effectiveRules(ctx, q)
	if err != nil {
		return nil, err
	}
	rule := func(kind string) *involve.RetentionRule {
		if r := rules[kind]; r != nil {
			return r
		}
		return involve.DefaultRule(kind)
	}
	holds := map[string]string{} // entity/id -> the latest date a hold keeps it until
	err = eachDoc(ctx, q, involve.EntityRetentionHold, "", false, func(d involve.Doc) error {
		h := d.(*involve.RetentionHold)
		if k := h.RecordEntity + "/" + h.RecordID; h.Until > holds[k] {
			holds[k] = h.Until
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []DueItem
	add := func(kind, entity, id, title, from string) {
		r := rule(kind)
		due := r.DueDate(from)
		if due == "" || due > today {
			return
		}
		kept := holds[entity+"/"+id]
		if kept >= today {
			return
		}
		out = append(out, DueItem{RecordKind: kind, KindLabel: involve.RetentionLabel(kind), Entity: entity, RecordID: id,
			Title: title, From: from[:10], DueOn: due, AutoErase: r.AutoErase, KeptUntil: kept,
			Why: involve.PeriodText(r.Period, r.Unit) + " " + involve.AnchorLabel(kind, r.Anchor) + " (" + involve.LongDate(from[:10]) + ")"})
	}
	if err := db.dueDocs(ctx, q, rule, add); err != nil {
		return nil, err
	}
	if err := db.dueCore(ctx, q, add); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DueOn != out[j].DueOn {
			return out[i].DueOn < out[j].DueOn
		}
		return out[i].Title < out[j].Title
	})
	return out, nil
}

type sessionInfo struct{ title, date string }

// dueDocs adds the partners, consent records, time entries and attendee profiles due,
// and deleted docs.
func (db *DB) dueDocs(ctx context.Context, q queryer, rule func(string) *involve.RetentionRule, add func(kind, entity, id, title, from string)) error {
	sessions := map[string]sessionInfo{}
	rows, err := q.QueryContext(ctx, `SELECT id, title, date FROM sessions`)
	err = sqldb.EachQuery(rows, err, func(r sqldb.Row) (struct{ id, title, date string }, error) {
		var s struct{ id, title, date string }
		return s, r.Scan(&s.id, &s.title, &s.date)
	}, func(s struct{ id, title, date string }) error {
		sessions[s.id] = sessionInfo{s.title, s.date}
		return nil
	})
	if err != nil {
		return err
	}
	pseudonyms := map[string]string{}
	lastPaid := map[string]string{}
	var partners []*involve.Contributor
	var entries []*involve.TimeEntry
	for _, k := range involve.DocKinds() {
		err := eachDoc(ctx, q, k.Entity, "", true, func(d involve.Doc) error {
			m := d.DocMeta()
			if m.DeletedAt != "" {
				title := d.Title()
				if k.Personal {
					title = "a " + strings.ReplaceAll(k.Entity, "_", " ") // never a sealed value
					if c, ok := d.(*involve.Contributor); ok {
						title = c.Pseudonym()
					}
				}
				add(involve.RetainDeleted, k.Entity, m.ID, "Deleted: "+title, m.DeletedAt)
				return nil
			}
			switch r := d.(type) {
			case *involve.Contributor:
				pseudonyms[r.ID] = r.Pseudonym()
				partners = append(partners, r)
			case *involve.TimeEntry:
				entries = append(entries, r)
				if r.PaidOn > lastPaid[r.ContributorID] {
					lastPaid[r.ContributorID] = r.PaidOn
				}
			case *involve.Consent:
				from := r.GivenAt
				if rule(involve.RetainConsent).Anchor == involve.AnchorConsentWithdrawn {
					from = r.WithdrawnAt
				}
				add(involve.RetainConsent, k.Entity, r.ID, "Consent of "+orPartner(pseudonyms[r.SubjectID], r.SubjectEntity), from)
			case *involve.Attendee:
				s := sessions[r.SessionID]
				add(involve.RetainAttendee, k.Entity, r.ID, "Attendee profile: "+s.title, s.date)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, c := range partners {
		if c.Erased() { // reduced to what is kept for their payments already
			continue
		}
		from := c.AgreementEnd
		switch rule(involve.RetainContributor).Anchor {
		case involve.AnchorLastPayment:
			from = lastPaid[c.ID]
		case involve.AnchorConsentWithdrawn:
			from = c.ConsentWithdrawnAt
		}
		add(involve.RetainContributor, involve.EntityContributor, c.ID, c.Pseudonym(), from)
	}
	for _, e := range entries {
		from := e.PaidOn
		if from == "" {
			from = e.Date
		}
		if rule(involve.RetainTimeEntry).Anchor == involve.AnchorTaxYearEnd {
			from = involve.TaxYearEnd(from)
		}
		add(involve.RetainTimeEntry, involve.EntityTimeEntry, e.ID, "Time entry of "+orPartner(pseudonyms[e.ContributorID], "")+" on "+involve.LongDate(e.Date), from)
	}
	return nil
}

// orPartner is a partner's pseudonym, or words for a subject that is not one.
func orPartner(pseudonym, entity string) string {
	switch {
	case pseudonym != "":
		return pseudonym
	case entity == involve.EntityFeedback:
		return "a feedback item's author"
	}
	return "a partner"
}

// responseWordsSQL: the feedback item f has a response holding words a person wrote
// (free text or "Other, please say", not yet erased). Those words are the item's free
// text for retention: the item is due under "Feedback free text" with them, even
// when its comment is empty, and erasing it erases them (involve.Erasure).
const responseWordsSQL = `EXISTS (SELECT 1 FROM docs r, json_each(r.state, '$.answers') a
	WHERE r.entity = 'response' AND r.parent_id = f.id AND coalesce(a.value ->> '$.text', '') NOT IN ('', '` + involve.ErasedAnswer + `'))`

// dueCore adds session notes, feedback free text (a comment's, or its answers'), resolved
// conflicts and deleted core records: read with SQL, titles only (never the text itself).
func (db *DB) dueCore(ctx context.Context, q queryer, add func(kind, entity, id, title, from string)) error {
	type row struct{ kind, entity, id, title, from string }
	queries := []string{
		`SELECT 'session_notes', 'session', id, 'Notes of ' || title, date FROM sessions WHERE deleted_at IS NULL AND notes <> ''`,
		`SELECT 'feedback_text', 'feedback', f.id, 'Feedback at ' || COALESCE(s.title, 'a session'), COALESCE(s.date, substr(f.created_at, 1, 10))
			FROM feedback f LEFT JOIN sessions s ON s.id = f.session_id WHERE f.deleted_at IS NULL
			AND (f.text <> '' AND f.text <> '` + strings.ReplaceAll(involve.ErasedText, "'", "''") + `' OR ` + responseWordsSQL + `)`,
		`SELECT 'conflict', 'conflict', id, 'Conflict over a ' || replace(entity, '_', ' ') || '''s ' || field, resolved_at
			FROM conflicts WHERE deleted_at IS NULL AND status = 'resolved' AND resolved_at <> ''`,
		`SELECT 'deleted', 'project', id, 'Deleted: ' || name, deleted_at FROM projects WHERE deleted_at IS NOT NULL`,
		`SELECT 'deleted', 'session', id, 'Deleted: ' || title, deleted_at FROM sessions WHERE deleted_at IS NOT NULL`,
		`SELECT 'deleted', 'feedback', id, 'Deleted: a feedback item', deleted_at FROM feedback WHERE deleted_at IS NOT NULL`,
		`SELECT 'deleted', 'theme', id, 'Deleted: ' || label, deleted_at FROM themes WHERE deleted_at IS NOT NULL`,
		`SELECT 'deleted', 'conflict', id, 'Deleted: a conflict', deleted_at FROM conflicts WHERE deleted_at IS NOT NULL`,
	}
	for _, s := range queries {
		rows, err := q.QueryContext(ctx, s)
		err = sqldb.EachQuery(rows, err, func(r sqldb.Row) (row, error) {
			var x row
			return x, r.Scan(&x.kind, &x.entity, &x.id, &x.title, &x.from)
		}, func(x row) error {
			add(x.kind, x.entity, x.id, x.title, x.from)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckLead refuses (EFORBIDDEN) on a laptop that is not a lead's: doing completes
// "Only a lead laptop …" ("reviews records due under the retention schedule").
func (db *DB) CheckLead(ctx context.Context, doing string) error {
	role, name, err := localRole(ctx, db.reader)
	if err != nil || role == involve.RoleLead {
		return err
	}
	where := "this laptop is enrolled for " + name
	if name == "" {
		where = "this laptop is not connected to a team's server"
	}
	return involve.Errorf(involve.EFORBIDDEN, "Only a lead laptop %s; %s. Use your team's lead laptop.", doing, where)
}
