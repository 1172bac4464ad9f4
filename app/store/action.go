package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// "You said, we did" actions and outcomes are docs (involve.Action, involve.Outcome);
// this file holds their own queries: the board, overdue actions, feedback that needs a
// response and has none, the actions of a feedback item, a project's outcomes and its
// GRIPP2 write-up. Fields inside the documents are reached with SQLite's JSON
// functions.

// Today is the local calendar date of the store's clock (YYYY-MM-DD): "overdue" is
// judged against it.
func (db *DB) Today() string { return db.Now().Local().Format("2006-01-02") }

// CreateAction stores a new action. When it names feedback items but no session or
// project, they are filled in from the feedback (the session when every item comes
// from one session, and that session's project); an empty "you said" is filled with
// the items' text.
func (db *DB) CreateAction(ctx context.Context, a *involve.Action) (*involve.Action, error) {
	a.Meta = involve.Meta{}
	a.Normalize()
	if len(a.FeedbackIDs) > 0 && len(a.FeedbackIDs) <= involve.MaxActionFeedback && (a.SessionID == "" || a.ProjectID == "" || a.YouSaid == "") {
		if err := db.fillActionFromFeedback(ctx, a); err != nil {
			return nil, err
		}
	}
	d, err := db.CreateDoc(ctx, a)
	if err != nil {
		return nil, err
	}
	return d.(*involve.Action), nil
}

func (db *DB) fillActionFromFeedback(ctx context.Context, a *involve.Action) error {
	ids, _ := json.Marshal(a.FeedbackIDs)
	rows, err := db.reader.QueryContext(ctx, `SELECT f.session_id, coalesce(s.project_id, ''), f.text
		FROM json_each(?) j JOIN feedback f ON f.id = j.value JOIN sessions s ON s.id = f.session_id
		WHERE f.deleted_at IS NULL ORDER BY j.key`, string(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	sessions := map[string]string{}
	var texts []string
	for rows.Next() {
		var sid, pid, text string
		if err := rows.Scan(&sid, &pid, &text); err != nil {
			return err
		}
		sessions[sid] = pid
		texts = append(texts, text)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(sessions) == 1 {
		for sid, pid := range sessions {
			if a.SessionID == "" {
				a.SessionID = sid
			}
			if a.ProjectID == "" {
				a.ProjectID = pid
			}
		}
	} else if a.ProjectID == "" {
		// several sessions: the project, if they share one
		pid, same := "", true
		for _, p := range sessions {
			if pid == "" {
				pid = p
			} else if p != pid {
				same = false
			}
		}
		if same {
			a.ProjectID = pid
		}
	}
	if a.YouSaid == "" && len(texts) > 0 {
		s := strings.Join(texts, "\n\n")
		if utf8.RuneCountInString(s) > involve.MaxText {
			s = string([]rune(s)[:involve.MaxText-1]) + "…"
		}
		a.YouSaid = s
	}
	return nil
}

// UpdateAction saves an action's edit form (only the fields the person changed).
// When its "you said" or "we did" changes, its translations of that text are no
// longer marked reviewed, in the same transaction.
func (db *DB) UpdateAction(ctx context.Context, id string, loaded, edited *involve.Action) (*involve.Action, error) {
	var l involve.Doc
	if loaded != nil {
		l = loaded
	}
	var out *involve.Action
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := db.loadLiveDoc(ctx, tx, involve.EntityAction, id)
		if err != nil {
			return err
		}
		before := *cur.(*involve.Action)
		d, err := db.updateDocTx(ctx, tx, involve.EntityAction, id, l, edited)
		if err != nil {
			return err
		}
		out = d.(*involve.Action)
		return db.staleActionTranslationsTx(ctx, tx, &before, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindAction returns a live action with its feedback, theme, session and project.
func (db *DB) FindAction(ctx context.Context, id string) (involve.ActionView, error) {
	d, err := db.FindDoc(ctx, involve.EntityAction, id)
	if err != nil {
		return involve.ActionView{}, err
	}
	views, err := db.actionViews(ctx, []*involve.Action{d.(*involve.Action)})
	if err != nil {
		return involve.ActionView{}, err
	}
	return views[0], nil
}

// EachAction streams every live action, oldest first (for the workbook).
func (db *DB) EachAction(ctx context.Context, fn func(*involve.Action) error) error {
	return db.EachDoc(ctx, involve.EntityAction, "", false, func(d involve.Doc) error { return fn(d.(*involve.Action)) })
}

// EachOutcome streams every live outcome, oldest first (for the workbook).
func (db *DB) EachOutcome(ctx context.Context, fn func(*involve.Outcome) error) error {
	return db.EachDoc(ctx, involve.EntityOutcome, "", false, func(d involve.Doc) error { return fn(d.(*involve.Outcome)) })
}

// FindActions returns the live actions that match the filter, oldest first, with
// what lists show beside them. An action belongs to a project or session when it is
// filed there or answers feedback from it.
func (db *DB) FindActions(ctx context.Context, f involve.ActionFilter) ([]involve.ActionView, error) {
	q := `SELECT ` + docCols + ` FROM docs d WHERE d.entity = 'action' AND d.deleted_at IS NULL`
	var args []any
	if f.Status != "" {
		q += ` AND json_extract(d.state, '$.status') = ?`
		args = append(args, f.Status)
	}
	if f.ProjectID != "" {
		q += ` AND (json_extract(d.state, '$.projectId') = ?
			OR json_extract(d.state, '$.sessionId') IN (SELECT id FROM sessions WHERE project_id = ?)
			OR EXISTS (SELECT 1 FROM json_each(d.state, '$.feedbackIds') j JOIN feedback fb ON fb.id = j.value
				JOIN sessions s ON s.id = fb.session_id WHERE s.project_id = ?))`
		args = append(args, f.ProjectID, f.ProjectID, f.ProjectID)
	}
	if f.SessionID != "" {
		q += ` AND (json_extract(d.state, '$.sessionId') = ?
			OR EXISTS (SELECT 1 FROM json_each(d.state, '$.feedbackIds') j JOIN feedback fb ON fb.id = j.value
				WHERE fb.session_id = ?))`
		args = append(args, f.SessionID, f.SessionID)
	}
	if f.FeedbackID != "" {
		q += ` AND EXISTS (SELECT 1 FROM json_each(d.state, '$.feedbackIds') j WHERE j.value = ?)`
		args = append(args, f.FeedbackID)
	}
	rows, err := db.reader.QueryContext(ctx, q+` ORDER BY d.pk`, args...)
	var list []*involve.Action
	err = sqldb.EachQuery(rows, err, docScan(involve.EntityAction), func(d involve.Doc) error {
		list = append(list, d.(*involve.Action))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.actionViews(ctx, list)
}

// FindActionsOfFeedback returns the live actions that answer a feedback item.
func (db *DB) FindActionsOfFeedback(ctx context.Context, feedbackID string) ([]involve.ActionView, error) {
	return db.FindActions(ctx, involve.ActionFilter{FeedbackID: feedbackID})
}

// FindOverdueActions returns the live actions due before today that are neither done
// nor not possible, most overdue first.
func (db *DB) FindOverdueActions(ctx context.Context, today string) ([]involve.ActionView, error) {
	all, err := db.FindActions(ctx, involve.ActionFilter{})
	if err != nil {
		return nil, err
	}
	out := []involve.ActionView{}
	for _, v := range all {
		if v.OverdueOn(today) {
			v.Overdue = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out, nil
}

// FindFeedbackNeedingResponse returns live feedback items marked "needs response"
// that no live action answers, oldest first (at most limit), and how many there are.
func (db *DB) FindFeedbackNeedingResponse(ctx context.Context, limit int) ([]involve.PendingFeedback, int, error) {
	const from = ` FROM feedback f JOIN sessions s ON s.id = f.session_id
		WHERE f.needs_response = 1 AND f.deleted_at IS NULL AND s.deleted_at IS NULL
		AND f.id NOT IN (SELECT j.value FROM docs d, json_each(d.state, '$.feedbackIds') j
			WHERE d.entity = 'action' AND d.deleted_at IS NULL)`
	var total int
	if err := db.reader.QueryRowContext(ctx, `SELECT count(*)`+from).Scan(&total); err != nil {
		return nil, 0, err
	}
	out := []involve.PendingFeedback{}
	if total == 0 || limit <= 0 {
		return out, total, nil
	}
	rows, err := db.reader.QueryContext(ctx, `SELECT f.id, f.session_id, s.title, s.date, f.text, f.created_at`+from+
		` ORDER BY f.created_at, f.id LIMIT ?`, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var p involve.PendingFeedback
		if err := rows.Scan(&p.ID, &p.SessionID, &p.SessionTitle, &p.SessionDate, &p.Text, &p.CreatedAt); err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// ActionsBoard returns the actions by status (overdue first, then by due date, no
// due date last) and the feedback still waiting for an action. projectID "" = all.
func (db *DB) ActionsBoard(ctx context.Context, projectID string) (involve.ActionsBoard, error) {
	today := db.Today()
	b := involve.ActionsBoard{Today: today}
	all, err := db.FindActions(ctx, involve.ActionFilter{ProjectID: projectID})
	if err != nil {
		return b, err
	}
	for _, st := range involve.ActionStatuses {
		col := involve.ActionColumn{Status: st.Code, Label: st.Label, Actions: []involve.ActionView{}}
		for _, v := range all {
			if v.Status == st.Code {
				col.Actions = append(col.Actions, v)
			}
		}
		sortBoard(col.Actions)
		b.Columns = append(b.Columns, col)
	}
	for _, v := range all {
		if v.Overdue {
			b.Overdue++
		}
	}
	b.NeedsResponse, b.NeedsResponseTotal, err = db.FindFeedbackNeedingResponse(ctx, involve.NeedsResponseLimit)
	return b, err
}

func sortBoard(vs []involve.ActionView) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if (a.Due == "") != (b.Due == "") {
			return b.Due == ""
		}
		if a.Due != b.Due {
			return a.Due < b.Due
		}
		return a.CreatedAt < b.CreatedAt
	})
}

// actionViews decorates actions with their feedback (in link order; deleted ones
// marked missing), theme label, session title, project name and overdue flag.
func (db *DB) actionViews(ctx context.Context, list []*involve.Action) ([]involve.ActionView, error) {
	out := make([]involve.ActionView, 0, len(list))
	if len(list) == 0 {
		return out, nil
	}
	today := db.Today()
	var fids, sids, pids, tids []string
	for _, a := range list {
		fids = append(fids, a.FeedbackIDs...)
		if a.SessionID != "" {
			sids = append(sids, a.SessionID)
		}
		if a.ProjectID != "" {
			pids = append(pids, a.ProjectID)
		}
		if a.ThemeID != "" {
			tids = append(tids, a.ThemeID)
		}
	}
	type fb struct{ sessionID, sessionTitle, text string }
	feedback := map[string]fb{}
	if len(fids) > 0 {
		ids, _ := json.Marshal(fids)
		rows, err := db.reader.QueryContext(ctx, `SELECT f.id, f.session_id, s.title, f.text FROM feedback f
			JOIN sessions s ON s.id = f.session_id
			WHERE f.id IN (SELECT value FROM json_each(?)) AND f.deleted_at IS NULL AND s.deleted_at IS NULL`, string(ids))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var f fb
			if err := rows.Scan(&id, &f.sessionID, &f.sessionTitle, &f.text); err != nil {
				rows.Close()
				return nil, err
			}
			feedback[id] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	names := func(query string, ids []string) (map[string]string, error) {
		m := map[string]string{}
		if len(ids) == 0 {
			return m, nil
		}
		b, _ := json.Marshal(ids)
		rows, err := db.reader.QueryContext(ctx, query, string(b))
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return nil, err
			}
			m[id] = name
		}
		return m, rows.Err()
	}
	sessions, err := names(`SELECT id, title FROM sessions WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`, sids)
	if err != nil {
		return nil, err
	}
	projects, err := names(`SELECT id, name FROM projects WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`, pids)
	if err != nil {
		return nil, err
	}
	themes, err := names(`SELECT id, label FROM themes WHERE id IN (SELECT value FROM json_each(?))`, tids)
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		v := involve.ActionView{Action: *a, Overdue: a.OverdueOn(today), Feedback: []involve.ActionFeedback{},
			ThemeLabel: themes[a.ThemeID], ProjectName: projects[a.ProjectID], SessionTitle: sessions[a.SessionID]}
		if v.FeedbackIDs == nil {
			v.FeedbackIDs = []string{}
		}
		for _, id := range a.FeedbackIDs {
			f, ok := feedback[id]
			v.Feedback = append(v.Feedback, involve.ActionFeedback{ID: id, SessionID: f.sessionID,
				SessionTitle: f.sessionTitle, Text: f.text, Missing: !ok})
		}
		out = append(out, v)
	}
	return out, nil
}

// CreateOutcome stores a new outcome of a project.
func (db *DB) CreateOutcome(ctx context.Context, o *involve.Outcome) (*involve.Outcome, error) {
	o.Meta = involve.Meta{}
	d, err := db.CreateDoc(ctx, o)
	if err != nil {
		return nil, err
	}
	return d.(*involve.Outcome), nil
}

// UpdateOutcome saves an outcome's edit form (only the fields the person changed).
func (db *DB) UpdateOutcome(ctx context.Context, id string, loaded, edited *involve.Outcome) (*involve.Outcome, error) {
	var l involve.Doc
	if loaded != nil {
		l = loaded
	}
	d, err := db.UpdateDoc(ctx, involve.EntityOutcome, id, l, edited)
	if err != nil {
		return nil, err
	}
	return d.(*involve.Outcome), nil
}

// FindOutcomes returns a project's live outcomes, by date (undated last), then oldest
// first.
func (db *DB) FindOutcomes(ctx context.Context, projectID string) ([]*involve.Outcome, error) {
	if projectID == "" {
		return []*involve.Outcome{}, nil
	}
	list, err := FindDocsOf[*involve.Outcome](ctx, db, involve.EntityOutcome, projectID)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Date, list[j].Date
		if (a == "") != (b == "") {
			return b == ""
		}
		return a < b
	})
	return list, nil
}

// ProjectWriteUp assembles a project's GRIPP2 short form from its sessions, the
// actions that answer its feedback, and its outcomes.
func (db *DB) ProjectWriteUp(ctx context.Context, projectID string) (involve.WriteUp, error) {
	p, err := db.FindProjectByID(ctx, projectID)
	if err != nil {
		return involve.WriteUp{}, err
	}
	rows, err := db.reader.QueryContext(ctx, `SELECT s.id, s.title, s.date, s.type, s.involvement_level, s.status,
		s.purpose, s.intended_outcome, s.attendees, s.went_well, s.to_improve,
		(SELECT count(*) FROM feedback f WHERE f.session_id = s.id AND f.deleted_at IS NULL)
		FROM sessions s WHERE s.project_id = ? AND s.deleted_at IS NULL ORDER BY s.date, s.pk`, projectID)
	if err != nil {
		return involve.WriteUp{}, err
	}
	var sessions []involve.WriteUpSession
	for rows.Next() {
		var s involve.WriteUpSession
		if err := rows.Scan(&s.ID, &s.Title, &s.Date, &s.Type, &s.InvolvementLevel, &s.Status, &s.Purpose,
			&s.IntendedOutcome, &s.Attendees, &s.WentWell, &s.ToImprove, &s.Feedback); err != nil {
			rows.Close()
			return involve.WriteUp{}, err
		}
		sessions = append(sessions, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return involve.WriteUp{}, err
	}
	views, err := db.FindActions(ctx, involve.ActionFilter{ProjectID: projectID})
	if err != nil {
		return involve.WriteUp{}, err
	}
	actions := make([]involve.Action, 0, len(views))
	for _, v := range views {
		actions = append(actions, v.Action)
	}
	sort.SliceStable(actions, func(i, j int) bool {
		a, b := actions[i].Due, actions[j].Due
		if (a == "") != (b == "") {
			return b == ""
		}
		return a < b
	})
	outs, err := db.FindOutcomes(ctx, projectID)
	if err != nil {
		return involve.WriteUp{}, err
	}
	outcomes := make([]involve.Outcome, 0, len(outs))
	for _, o := range outs {
		outcomes = append(outcomes, *o)
	}
	return involve.BuildWriteUp(p, sessions, actions, outcomes), nil
}
