package synctest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// workload makes random, valid edits on laptops, the way people would: creates,
// edits of one field at a time, deletes, restores, theme renames and archiving, and
// conflict resolutions, on a small set of records so that laptops often edit the
// same record and the same field while offline. Every value a tracked field is given
// is unique, so that the final check can tell, for every edit, whether it survived.
type workload struct {
	t   *testing.T
	rng *rand.Rand
	ev  int // event counter: makes every written value unique

	edits   []edit
	byValue map[string]int // editKey → index in edits
	ops     []string       // recent operations, for failure messages
	counts  map[string]int
	hist    map[string][]string // record id → the operations that named it
	// racy counts edits that ran while a sync changed the same record between the
	// workload's read and the store's write (only when syncs run in the background).
	racy int
}

// edit is one value written to a tracked field on one laptop.
type edit struct {
	entity, id, field string
	value             json.RawMessage
	device, op        string
	// superseded: a later edit on some laptop replaced this value while the laptop
	// had it (a person saw it and changed it): it need not survive.
	superseded bool
}

func newWorkload(t *testing.T, rng *rand.Rand) *workload {
	return &workload{t: t, rng: rng, byValue: map[string]int{}, counts: map[string]int{}, hist: map[string][]string{}}
}

func editKey(entity, id, field string, v json.RawMessage) string {
	return entity + "\x00" + id + "\x00" + field + "\x00" + string(compact(v))
}

func js(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// wrote records that a laptop set field to v, having old before.
func (w *workload) wrote(d *device, op, entity, id, field string, old, v json.RawMessage) {
	if old != nil && !jsonEq(old, v) {
		if i, ok := w.byValue[editKey(entity, id, field, old)]; ok {
			w.edits[i].superseded = true
		}
	}
	if _, ok := w.byValue[editKey(entity, id, field, v)]; ok {
		return // a value written before (a conflict resolved by putting it back)
	}
	w.byValue[editKey(entity, id, field, v)] = len(w.edits)
	w.edits = append(w.edits, edit{entity: entity, id: id, field: field, value: v, device: d.name, op: op})
}

// replaced records that a laptop that had old in field wrote over it, with a value the
// workload does not track (a field cleared).
func (w *workload) replaced(entity, id, field string, old json.RawMessage) {
	if i, ok := w.byValue[editKey(entity, id, field, old)]; ok {
		w.edits[i].superseded = true
	}
}

// guard runs an edit of one record (read, then write) and finds out whether the
// laptop's store wrote it on top of exactly what the workload read. A form holds the
// record as read; a background sync may change the record before the save, and the
// save then writes the form's stale values over what the sync brought (see
// TestFormSaveAfterBackgroundPull). When that happened, the workload cannot know what
// the edit replaced, so the values it may have replaced are excused (fields: the
// fields the save writes; nil: every tracked field of the record).
func (w *workload) guard(d *device, entity, id string, fields []string, edit func() (readRev, newRev int64, err error)) error {
	before := map[string]int64{}
	for cid, e := range d.pending() {
		if e.Entity == entity && e.RecordID == id {
			before[cid] = e.BaseRev
		}
	}
	readRev, newRev, err := edit()
	if err != nil {
		return err
	}
	racy := true
	var latest int64 // newRev 0: the record's newest waiting change is the edit's
	if newRev == 0 {
		for _, e := range d.pending() {
			if e.Entity == entity && e.RecordID == id && e.Seq > latest {
				latest, newRev = e.Seq, e.Rev
			}
		}
	}
	for cid, e := range d.pending() {
		if e.Entity != entity || e.RecordID != id || e.Rev != newRev {
			continue
		}
		if b, folded := before[cid]; folded {
			racy = b != e.BaseRev // a push answer rebased the waiting change meanwhile
		} else {
			racy = e.BaseRev != readRev // a new entry records the revision it replaced
		}
	}
	if !racy {
		return nil
	}
	w.racy++
	for i := range w.edits {
		e := &w.edits[i]
		if e.entity != entity || e.id != id {
			continue
		}
		if fields == nil {
			e.superseded = true
			continue
		}
		for _, f := range fields {
			if e.field == f {
				e.superseded = true
			}
		}
	}
	w.note("%s: %s %s changed while it was being edited (the edit may have replaced what a sync brought)", d.name, entity, id)
	return nil
}

var uuidRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func (w *workload) note(format string, args ...any) {
	line := fmt.Sprintf("%d: %s", w.ev, fmt.Sprintf(format, args...))
	for _, id := range uuidRe.FindAllString(line, -1) {
		w.hist[id] = append(w.hist[id], line)
	}
	w.ops = append(w.ops, line)
	if len(w.ops) > 60 {
		w.ops = w.ops[len(w.ops)-60:]
	}
}

func (w *workload) next() int { w.ev++; return w.ev }

// view is one laptop's records, as typed values, deleted ones included.
type view struct {
	projects []*involve.Project
	sessions []*involve.Session
	feedback []*involve.Feedback
	themes   []*involve.Theme
	docs     map[string][]involve.Doc // the records of involvement, by kind
}

func (d *device) view() view {
	d.t.Helper()
	var v view
	err := d.db.Export(bg(), func(entity string, rec any) error {
		switch r := rec.(type) {
		case *involve.Project:
			v.projects = append(v.projects, r)
		case *involve.Session:
			v.sessions = append(v.sessions, r)
		case *involve.Feedback:
			v.feedback = append(v.feedback, r)
		case *involve.Theme:
			v.themes = append(v.themes, r)
		case involve.Doc:
			if v.docs == nil {
				v.docs = map[string][]involve.Doc{}
			}
			v.docs[entity] = append(v.docs[entity], r)
		}
		return nil
	})
	if err != nil {
		d.t.Fatalf("%s: export: %v", d.name, err)
	}
	return v
}

func pick[T any](rng *rand.Rand, list []T, ok func(T) bool) (T, bool) {
	var cands []T
	for _, x := range list {
		if ok(x) {
			cands = append(cands, x)
		}
	}
	var zero T
	if len(cands) == 0 {
		return zero, false
	}
	return cands[rng.IntN(len(cands))], true
}

// pickFresh picks a record of list that ok accepts and reads it again with find: the
// form shows the record as it is now (a background sync may have changed it since
// the view was read).
func pickFresh[T any](w *workload, list []*T, ok func(*T) bool, find func(context.Context, string) (T, error)) (*T, bool, error) {
	x, found := pick(w.rng, list, ok)
	if !found {
		return nil, false, nil
	}
	fresh, err := find(bg(), metaOf(x).ID)
	if err != nil {
		return nil, false, err
	}
	return &fresh, true, nil
}

func liveSession(s *involve.Session) bool   { return s.DeletedAt == "" }
func deadSession(s *involve.Session) bool   { return s.DeletedAt != "" }
func liveFeedback(f *involve.Feedback) bool { return f.DeletedAt == "" }

// workOp is one kind of random edit, chosen in proportion to its weight.
type workOp struct {
	name   string
	weight int
	fn     func(d *device, v view) (bool, error)
}

// step makes one random edit on d. It returns false when the edit it chose was not
// possible (nothing to edit yet, or a rule the app enforces said no).
func (w *workload) step(d *device) bool {
	v := d.view()
	ops := []workOp{
		{"create project", 2, w.createProject},
		{"create session", 5, w.createSession},
		{"create feedback", 8, w.createFeedback},
		{"create theme", 1, w.createTheme},
		{"edit session", 12, w.editSession},
		{"session notes", 4, w.sessionNotes},
		{"edit feedback", 12, w.editFeedback},
		{"edit project", 4, w.editProject},
		{"rename theme", 3, w.renameTheme},
		{"archive theme", 2, w.archiveTheme},
		{"delete session", 2, w.deleteSession},
		{"delete feedback", 3, w.deleteFeedback},
		{"restore session", 2, w.restoreSession},
		{"restore feedback", 2, w.restoreFeedback},
		{"resolve conflict", 4, w.resolveConflict},
	}
	ops = append(ops, w.docOps()...)
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	x := w.rng.IntN(total)
	for _, o := range ops {
		if x -= o.weight; x < 0 {
			ok, err := o.fn(d, v)
			if err != nil {
				// The app refused (a rule a person would be told about): fine, as long
				// as it is a rule and not a fault.
				if code := involve.ErrorCode(err); code != involve.EINVALID && code != involve.ECONFLICT && code != involve.ENOTFOUND {
					w.t.Fatalf("%s: %s: %v", d.name, o.name, err)
				}
				w.counts[o.name+" (refused)"]++
				return false
			}
			if ok {
				w.counts[o.name]++
			}
			return ok
		}
	}
	return false
}

func (w *workload) createProject(d *device, v view) (bool, error) {
	if len(v.projects) >= 4 {
		return false, nil
	}
	n := w.next()
	p, err := d.db.CreateProject(bg(), involve.ProjectInput{Name: fmt.Sprintf("Project %d", n), Aim: fmt.Sprintf("Aim %d", n)})
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", "project", p.ID, "name", nil, js(p.Name))
	w.wrote(d, "create", "project", p.ID, "aim", nil, js(p.Aim))
	w.note("%s creates project %s", d.name, p.ID)
	return true, nil
}

func (w *workload) createSession(d *device, v view) (bool, error) {
	if len(v.sessions) >= 8 {
		return false, nil
	}
	n := w.next()
	in := involve.SessionInput{Title: fmt.Sprintf("Session %d", n), Date: fmt.Sprintf("2026-11-%02d", 1+n%28), Type: "workshop",
		Venue: fmt.Sprintf("Venue %d", n), Attendees: n}
	if p, ok := pick(w.rng, v.projects, func(p *involve.Project) bool { return p.DeletedAt == "" }); ok && w.rng.IntN(2) == 0 {
		in.ProjectID = p.ID
	}
	s, err := d.db.CreateSession(bg(), in)
	if err != nil {
		return false, err
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"title", s.Title}, {"venue", s.Venue}, {"attendees", s.Attendees}} {
		w.wrote(d, "create", "session", s.ID, f.name, nil, js(f.v))
	}
	w.note("%s creates session %s", d.name, s.ID)
	return true, nil
}

func (w *workload) themeIDs(v view) []string {
	var ids []string
	for _, t := range v.themes {
		if t.DeletedAt == "" && w.rng.IntN(4) == 0 {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) > 3 {
		ids = ids[:3]
	}
	sort.Strings(ids)
	return ids
}

func (w *workload) createFeedback(d *device, v view) (bool, error) {
	if len(v.feedback) >= 16 {
		return false, nil
	}
	s, ok := pick(w.rng, v.sessions, liveSession)
	if !ok {
		return false, nil
	}
	n := w.next()
	in := involve.FeedbackInput{SessionID: s.ID, Text: fmt.Sprintf("Feedback %d", n), Themes: w.themeIDs(v),
		QuoteConsent: w.rng.IntN(3) == 0}
	if w.rng.IntN(2) == 0 {
		r := w.rng.IntN(6)
		in.Rating = &r
	}
	f, err := d.db.CreateFeedback(bg(), in)
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", "feedback", f.ID, "text", nil, js(f.Text))
	w.note("%s creates feedback %s in session %s", d.name, f.ID, s.ID)
	return true, nil
}

func (w *workload) createTheme(d *device, v view) (bool, error) {
	n := w.next()
	th, err := d.db.CreateTheme(bg(), fmt.Sprintf("Theme %d", n))
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", "theme", th.ID, "label", nil, js(th.Label))
	w.note("%s creates theme %s", d.name, th.ID)
	return true, nil
}

func (w *workload) editSession(d *device, v view) (bool, error) {
	s, ok, err := pickFresh(w, v.sessions, liveSession, d.db.FindSessionByID)
	if !ok {
		return false, err
	}
	n := w.next()
	in := s.SessionInput
	var field string
	var old, val any
	switch w.rng.IntN(5) {
	case 0:
		field, old, in.Title = "title", in.Title, fmt.Sprintf("Session %d (%s)", n, d.name)
		val = in.Title
	case 1:
		field, old, in.Venue = "venue", in.Venue, fmt.Sprintf("Venue %d (%s)", n, d.name)
		val = in.Venue
	case 2:
		field, old, in.Purpose = "purpose", in.Purpose, fmt.Sprintf("Purpose %d (%s)", n, d.name)
		val = in.Purpose
	case 3:
		field, old, in.Attendees = "attendees", in.Attendees, n
		val = in.Attendees
	default: // an untracked field: the project the session belongs to
		field = "projectId"
		if p, ok := pick(w.rng, v.projects, func(p *involve.Project) bool { return p.DeletedAt == "" }); ok && in.ProjectID != p.ID {
			in.ProjectID = p.ID
		} else {
			in.ProjectID = ""
		}
	}
	if err := w.guard(d, "session", s.ID, nil, func() (int64, int64, error) {
		got, err := d.db.UpdateSession(bg(), s.ID, s.SessionInput, in)
		return s.Rev, got.Rev, err
	}); err != nil {
		return false, err
	}
	if val != nil {
		w.wrote(d, "edit", "session", s.ID, field, js(old), js(val))
	}
	w.note("%s edits session %s %s: %v → %v (read rev %d title %q venue %q purpose %q attendees %d)", d.name, s.ID, field, old, val,
		s.Rev, s.Title, s.Venue, s.Purpose, s.Attendees)
	return true, nil
}

func (w *workload) sessionNotes(d *device, v view) (bool, error) {
	s, ok, err := pickFresh(w, v.sessions, liveSession, d.db.FindSessionByID)
	if !ok {
		return false, err
	}
	notes := fmt.Sprintf("Notes %d (%s)", w.next(), d.name)
	if err := w.guard(d, "session", s.ID, []string{"notes"}, func() (int64, int64, error) {
		got, err := d.db.SaveSessionNotes(bg(), s.ID, notes)
		return s.Rev, got.Rev, err
	}); err != nil {
		return false, err
	}
	w.wrote(d, "notes", "session", s.ID, "notes", js(s.Notes), js(notes))
	w.note("%s writes notes of session %s", d.name, s.ID)
	return true, nil
}

func (w *workload) editFeedback(d *device, v view) (bool, error) {
	f, ok, err := pickFresh(w, v.feedback, liveFeedback, d.db.FindFeedbackByID)
	if !ok {
		return false, err
	}
	in := f.FeedbackInput
	field := ""
	switch w.rng.IntN(4) {
	case 0, 1:
		field = "text"
		in.Text = fmt.Sprintf("Feedback %d (%s)", w.next(), d.name)
	case 2:
		r := w.rng.IntN(6)
		in.Rating = &r
	default:
		in.Themes = w.themeIDs(v)
		in.NeedsResponse = !in.NeedsResponse
	}
	if err := w.guard(d, "feedback", f.ID, nil, func() (int64, int64, error) {
		got, err := d.db.UpdateFeedback(bg(), f.ID, f.FeedbackInput, in)
		return f.Rev, got.Rev, err
	}); err != nil {
		return false, err
	}
	if field != "" {
		w.wrote(d, "edit", "feedback", f.ID, field, js(f.Text), js(in.Text))
	}
	w.note("%s edits feedback %s %s: %q → %q", d.name, f.ID, field, f.Text, in.Text)
	return true, nil
}

func (w *workload) editProject(d *device, v view) (bool, error) {
	p, ok, err := pickFresh(w, v.projects, func(p *involve.Project) bool { return p.DeletedAt == "" }, d.db.FindProjectByID)
	if !ok {
		return false, err
	}
	in := p.ProjectInput
	n := w.next()
	field, old, val := "name", in.Name, fmt.Sprintf("Project %d (%s)", n, d.name)
	if w.rng.IntN(2) == 0 {
		field, old = "aim", in.Aim
		in.Aim = fmt.Sprintf("Aim %d (%s)", n, d.name)
		val = in.Aim
	} else {
		in.Name = val
	}
	if err := w.guard(d, "project", p.ID, nil, func() (int64, int64, error) {
		got, err := d.db.UpdateProject(bg(), p.ID, p.ProjectInput, in)
		return p.Rev, got.Rev, err
	}); err != nil {
		return false, err
	}
	w.wrote(d, "edit", "project", p.ID, field, js(old), js(val))
	w.note("%s edits project %s %s: %v → %v", d.name, p.ID, field, old, val)
	return true, nil
}

func (w *workload) renameTheme(d *device, v view) (bool, error) {
	th, ok := pick(w.rng, v.themes, func(t *involve.Theme) bool { return t.DeletedAt == "" })
	if !ok {
		return false, nil
	}
	fresh, err := d.db.FindThemes(bg(), true)
	if err != nil {
		return false, err
	}
	for i := range fresh {
		if fresh[i].ID == th.ID {
			th = &fresh[i]
		}
	}
	label := fmt.Sprintf("Theme %d (%s)", w.next(), d.name)
	if err := w.guard(d, "theme", th.ID, []string{"label"}, func() (int64, int64, error) {
		got, err := d.db.RenameTheme(bg(), th.ID, label)
		return th.Rev, got.Rev, err
	}); err != nil {
		return false, err
	}
	w.wrote(d, "rename", "theme", th.ID, "label", js(th.Label), js(label))
	w.note("%s renames theme %s", d.name, th.ID)
	return true, nil
}

func (w *workload) archiveTheme(d *device, v view) (bool, error) {
	th, ok := pick(w.rng, v.themes, func(t *involve.Theme) bool { return t.DeletedAt == "" })
	if !ok {
		return false, nil
	}
	if _, err := d.db.SetThemeArchived(bg(), th.ID, !th.Archived); err != nil {
		return false, err
	}
	w.note("%s sets theme %s archived=%v", d.name, th.ID, !th.Archived)
	return true, nil
}

func (w *workload) deleteSession(d *device, v view) (bool, error) {
	s, ok := pick(w.rng, v.sessions, liveSession)
	if !ok {
		return false, nil
	}
	w.note("%s deletes session %s", d.name, s.ID)
	return true, d.db.DeleteSession(bg(), s.ID)
}

func (w *workload) deleteFeedback(d *device, v view) (bool, error) {
	f, ok := pick(w.rng, v.feedback, liveFeedback)
	if !ok {
		return false, nil
	}
	w.note("%s deletes feedback %s", d.name, f.ID)
	return true, d.db.DeleteFeedback(bg(), f.ID)
}

func (w *workload) restoreSession(d *device, v view) (bool, error) {
	s, ok := pick(w.rng, v.sessions, deadSession)
	if !ok {
		return false, nil
	}
	w.note("%s restores session %s", d.name, s.ID)
	_, err := d.db.RestoreSession(bg(), s.ID)
	return true, err
}

func (w *workload) restoreFeedback(d *device, v view) (bool, error) {
	f, ok := pick(w.rng, v.feedback, func(f *involve.Feedback) bool { return f.DeletedAt != "" })
	if !ok {
		return false, nil
	}
	w.note("%s restores feedback %s", d.name, f.ID)
	_, err := d.db.RestoreFeedback(bg(), f.ID)
	return true, err
}

func metaOf(rec any) *involve.Meta {
	switch r := rec.(type) {
	case *involve.Project:
		return &r.Meta
	case *involve.Session:
		return &r.Meta
	case *involve.Feedback:
		return &r.Meta
	case *involve.Theme:
		return &r.Meta
	case involve.Doc:
		return r.DocMeta()
	}
	return &involve.Meta{}
}

// tracked fields whose values the workload makes unique.
var tracked = map[string]map[string]bool{
	"project":  {"name": true, "aim": true},
	"session":  {"title": true, "venue": true, "purpose": true, "attendees": true, "notes": true},
	"feedback": {"text": true},
	"theme":    {"label": true},
	// records of involvement (workload_docs_test.go)
	involve.EntityTally:       {"formsReturned": true},
	involve.EntityContributor: {"accessNeeds": true},
	involve.EntityRateCard:    {"source": true},
	involve.EntityTimeEntry:   {"task": true},
	involve.EntityAction:      {"weDid": true, "owner": true},
	involve.EntityOutcome:     {"description": true, "evidence": true},
	involve.EntityConsent:     {"givenBy": true},
	involve.EntityQuestionSet: {"name": true},
	involve.EntityTranslation: {"languageName": true},
}

func (w *workload) resolveConflict(d *device, v view) (bool, error) {
	list, err := d.db.FindConflicts(bg())
	if err != nil {
		return false, err
	}
	var open []int
	for i, c := range list {
		if c.Status == involve.ConflictOpen && c.RecordFound {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return false, nil
	}
	c := list[open[w.rng.IntN(len(open))]]
	resolution := []string{involve.ResolutionKept, involve.ResolutionReplaced, involve.ResolutionCombined}[w.rng.IntN(3)]
	var value json.RawMessage
	var isString bool
	var s string
	// Combined values are typed by a person: free text only (not references or codes).
	isString = json.Unmarshal(c.Current, &s) == nil && tracked[c.Entity][c.Field]
	if resolution == involve.ResolutionCombined {
		if !isString {
			resolution = involve.ResolutionKept
		} else {
			value = js(fmt.Sprintf("Combined %d (%s)", w.next(), d.name))
		}
	}
	var ci store.ConflictInfo
	err = w.guard(d, c.Entity, c.RecordID, []string{c.Field}, func() (int64, int64, error) {
		readRev := int64(-1)
		d.db.Export(bg(), func(entity string, rec any) error {
			if m := metaOf(rec); entity == c.Entity && m.ID == c.RecordID {
				readRev = m.Rev
			}
			return nil
		})
		now, err := d.db.FindConflictByID(bg(), c.ID)
		if err != nil {
			return 0, 0, err
		}
		c.Current = now.Current // what the resolution replaces
		ci, err = d.db.ResolveConflict(bg(), c.ID, resolution, value)
		return readRev, 0, err
	})
	if err != nil {
		return false, fmt.Errorf("conflict %s (%s %s field %s, winner %s, loser %s, now %s) %s: %w",
			c.ID, c.Entity, c.RecordID, c.Field, c.Winner.Value, c.Loser.Value, c.Current, resolution, err)
	}
	if tracked[c.Entity][c.Field] {
		w.wrote(d, "resolve "+resolution, c.Entity, c.RecordID, c.Field, c.Current, ci.Current)
	}
	w.note("%s resolves conflict %s (%s %s %s): %s", d.name, c.ID, c.Entity, c.RecordID, c.Field, resolution)
	return true, nil
}

// checkNothingLost checks, against the server's final data, that every edit of a
// tracked field survived: it is the field's value now, or it is a side of a conflict
// record about that field (so a person can see it and bring it back), or a later edit
// on a laptop that had it replaced it. An edit that fails all three was silently lost:
// for two laptops that changed the same field concurrently, that is a conflict the
// server did not record.
func (w *workload) checkNothingLost(t *testing.T, final dataset) (lostIDs []string) {
	t.Helper()
	sides := map[string]bool{}
	for _, c := range final.conflicts() {
		for _, v := range []json.RawMessage{c.Winner.Value, c.Loser.Value} {
			sides[editKey(c.Entity, c.RecordID, c.Field, v)] = true
		}
	}
	lost, survived, superseded := 0, 0, 0
	for _, e := range w.edits {
		if e.superseded {
			superseded++
			continue
		}
		rec := final.fields(key(e.entity, e.id))
		if rec == nil {
			t.Errorf("%s %s (where %s wrote %s = %s by %s) is not on the server at all", e.entity, e.id, e.device, e.field, e.value, e.op)
			lost++
			continue
		}
		if jsonEq(rec[e.field], e.value) || sides[editKey(e.entity, e.id, e.field, e.value)] {
			survived++
			continue
		}
		lostIDs = append(lostIDs, e.id)
		if lost++; lost <= 10 {
			t.Errorf("lost edit: %s set %s %s %s = %s (%s); the record now has %s = %s and no conflict about it has that value; what happened to the record:\n  %s",
				e.device, e.entity, e.id, e.field, e.value, e.op, e.field, rec[e.field], strings.Join(w.hist[e.id], "\n  "))
		}
	}
	t.Logf("edits of tracked fields: %d survived, %d replaced later by a laptop that had them (%d edits raced a background sync), %d lost",
		survived, superseded, w.racy, lost)
	if lost > 0 {
		w.logOps(t)
	}
	return lostIDs
}

// settle settles the laptops with the stack's server and checks that no edit the
// workload made was lost.
func (w *workload) settle(t *testing.T, st *stack, devs ...*device) dataset {
	t.Helper()
	final := settle(t, st.store, st.team.ID, devs...)
	st.dumpLost(t, w.checkNothingLost(t, final), devs...)
	return final
}

// logOps lists the last operations.
func (w *workload) logOps(t *testing.T) {
	t.Helper()
	t.Logf("last operations:\n  %s", strings.Join(w.ops, "\n  "))
}

// logOpsIfFailed lists the last operations when the test has failed.
func (w *workload) logOpsIfFailed(t *testing.T) {
	t.Helper()
	if t.Failed() {
		w.logOps(t)
	}
}

// expectNoRaces: in a test where laptops sync only between edits, no edit can race a
// sync; one that did would mean guard's detection is wrong.
func (w *workload) expectNoRaces(t *testing.T) {
	t.Helper()
	if w.racy > 0 {
		t.Errorf("%d edits raced a sync in a test without background syncing: the race detection (guard) is wrong", w.racy)
	}
}

func compact(v json.RawMessage) json.RawMessage {
	if len(v) == 0 {
		return json.RawMessage("null")
	}
	var m any
	if json.Unmarshal(v, &m) != nil {
		return v
	}
	out, _ := json.Marshal(m)
	return out
}
