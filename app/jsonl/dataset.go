package jsonl

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
)

// datasetSession is a session line of shared/bench/DATASET.md.
type datasetSession struct {
	Kind        string `json:"kind"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	Date        string `json:"date"`
	Borough     string `json:"borough"`
	Type        string `json:"type"`
	Level       string `json:"level"`
	Facilitator string `json:"facilitator"`
	Attendees   int    `json:"attendees"`
	Notes       string `json:"notes"`
}

// datasetFeedback is a feedback line of shared/bench/DATASET.md.
type datasetFeedback struct {
	Kind        string   `json:"kind"`
	ID          string   `json:"id"`
	SessionID   string   `json:"session_id"`
	CreatedAt   string   `json:"created_at"`
	Channel     string   `json:"channel"`
	Rating      *int     `json:"rating"`
	Themes      []string `json:"themes"`
	Comment     string   `json:"comment"`
	AgeBand     string   `json:"age_band"`
	EthnicGroup string   `json:"ethnic_group"`
	Borough     string   `json:"borough"`
	CapturedBy  string   `json:"captured_by"`
}

// Labels of the data set that are not plain forms of a reference code.
var (
	sourceAliases  = map[string]string{"online form": "online", "post-it": "post_it", "post it": "post_it"}
	ageBandAliases = map[string]string{"16-24": "16_24", "75+": "75_plus", "85+": "85_plus", "under 16": "under_16"}
)

// datasetAgeBands are the age bands a data set's line may name: today's and the
// legacy ones (made once: appending them for each line was a quarter of the import's
// allocations, issue 17).
var datasetAgeBands = append(append([]involve.RefItem(nil), involve.Reference().AgeBands...), involve.LegacyAgeBands...)

// refCodes keeps refCode's answers, by field (each field names one list) and value as
// given: a data set names the same few labels on every line, and a lookup compared
// the value with every item of the list, normalising both (the reference data does
// not change while Involve runs). At most refCodesKept values a field are kept: a file
// could spell one label in endless ways.
var refCodes sync.Map // field -> *knownCodes

const refCodesKept = 512

type knownCodes struct {
	codes sync.Map // value -> code
	n     atomic.Int32
}

// refCode maps a label or code from an outside file to a reference code; "" stays "".
func refCode(items []involve.RefItem, aliases map[string]string, field, v string) (string, error) {
	k, _ := refCodes.Load(field)
	if k == nil {
		k, _ = refCodes.LoadOrStore(field, &knownCodes{})
	}
	known := k.(*knownCodes)
	if c, ok := known.codes.Load(v); ok {
		return c.(string), nil
	}
	c, err := lookUpRefCode(items, aliases, field, v)
	if err == nil && known.n.Load() < refCodesKept {
		known.n.Add(1)
		known.codes.Store(v, c)
	}
	return c, err
}

func lookUpRefCode(items []involve.RefItem, aliases map[string]string, field, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if c, ok := aliases[strings.ToLower(v)]; ok {
		return c, nil
	}
	if c, ok := involve.CodeOf(items, v); ok {
		return c, nil
	}
	return "", fmt.Errorf("%s %q is not one of the known values", field, v)
}

// datasetPre is what a data set's session or feedback line gives before the database is
// asked anything: decoded and checked, on the reading goroutine (pipeline.go), in the
// order the line's checks always ran; err is the first problem. The checks that need
// the database (themes, the session's existence) and the writing follow in order on
// the import's goroutine (datasetLine).
type datasetPre struct {
	session  *involve.Session
	feedback *involve.Feedback
	created  string   // the feedback's created_at, as stored
	labels   []string // the feedback's theme labels
	captured string   // and who captured it (set once it is checked)
	err      error
}

// preDataset decodes and checks a session or feedback line of the data set as far as
// it can without the database; nil for other kinds.
func preDataset(kind string, line []byte) *datasetPre {
	switch kind {
	case involve.EntitySession:
		s, err := preSession(line)
		return &datasetPre{session: s, err: err}
	case involve.EntityFeedback:
		p := &datasetPre{}
		var created time.Time
		p.feedback, created, p.labels, p.captured, p.err = preFeedback(line)
		if p.err == nil {
			p.created = involve.FormatTime(created)
		}
		return p
	}
	return nil
}

func preSession(line []byte) (*involve.Session, error) {
	ref := involve.Reference()
	var v datasetSession
	if !fastSession(line, &v) { // dataset_fast.go
		if err := strict(line, &v); err != nil {
			return nil, err
		}
	}
	if _, err := uuid.Parse(v.ID); err != nil {
		return nil, fmt.Errorf("session: id %q is not a UUID", v.ID)
	}
	s := &involve.Session{}
	s.ID = v.ID
	var err error
	if s.Borough, err = refCode(ref.Boroughs, nil, "borough", v.Borough); err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	if s.Type, err = refCode(ref.SessionTypes, nil, "type", v.Type); err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	if s.InvolvementLevel, err = refCode(ref.InvolvementLevels, nil, "level", v.Level); err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	s.Title, s.Date, s.Facilitators, s.Attendees, s.Notes = v.Title, v.Date, v.Facilitator, v.Attendees, v.Notes
	s.Status = "held"
	if err := validate(involve.EntitySession, s); err != nil {
		return nil, err
	}
	s.CreatedBy = v.Facilitator
	return s, nil
}

func preFeedback(line []byte) (f *involve.Feedback, created time.Time, labels []string, capturedBy string, err error) {
	ref := involve.Reference()
	var v datasetFeedback
	if !fastFeedback(line, &v) { // dataset_fast.go
		if err := strict(line, &v); err != nil {
			return nil, time.Time{}, nil, "", err
		}
	}
	if _, err := uuid.Parse(v.ID); err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: id %q is not a UUID", v.ID)
	}
	created, err = time.Parse(time.RFC3339Nano, v.CreatedAt)
	if err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: created_at %q is not an RFC 3339 time", v.CreatedAt)
	}
	f = &involve.Feedback{}
	f.ID, f.SessionID, f.Text, f.Rating = v.ID, v.SessionID, v.Comment, v.Rating
	if f.Source, err = refCode(ref.FeedbackSources, sourceAliases, "channel", v.Channel); err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: %w", err)
	}
	if f.AgeBand, err = refCode(datasetAgeBands, ageBandAliases, "age_band", v.AgeBand); err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: %w", err)
	}
	if f.EthnicGroup, err = refCode(ref.EthnicGroups, nil, "ethnic_group", v.EthnicGroup); err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: %w", err)
	}
	if f.Borough, err = refCode(ref.Boroughs, nil, "borough", v.Borough); err != nil {
		return nil, time.Time{}, nil, "", fmt.Errorf("feedback: %w", err)
	}
	return f, created, v.Themes, v.CapturedBy, nil
}

// datasetLine imports a line of the data set; pre is the line's datasetPre if the
// reading goroutine made it (nil: made here).
func (d *decoder) datasetLine(kind string, line []byte, pre *datasetPre) error {
	switch kind {
	case involve.EntitySession, involve.EntityFeedback:
		if pre == nil {
			pre = preDataset(kind, line)
		}
		if pre.err != nil {
			return pre.err
		}
	}
	switch kind {
	case involve.EntitySession:
		s := pre.session
		s.CreatedAt, s.UpdatedAt, s.NotesUpdatedAt = d.im.Now(), d.im.Now(), d.im.Now()
		s.DeviceID, s.Rev = d.im.DeviceID(), d.im.NextRev()
		return d.im.PutSession(s)
	case involve.EntityFeedback:
		f := pre.feedback
		f.Themes = make([]string, 0, len(pre.labels))
		for _, label := range pre.labels {
			id, err := d.im.ThemeID(label)
			if err != nil {
				return fieldErr("feedback: theme", err)
			}
			f.Themes = append(f.Themes, id)
		}
		if err := validate(kind, f); err != nil {
			return err
		}
		if err := d.checkFeedbackRefs(&f.FeedbackInput); err != nil {
			return err
		}
		f.CreatedAt = pre.created
		f.UpdatedAt, f.CapturedBy, f.CreatedBy = f.CreatedAt, pre.captured, pre.captured
		f.DeviceID, f.Rev = d.im.DeviceID(), d.im.NextRev()
		d.ds.feedback = f
		return d.im.PutFeedback(f)
	case involve.EntityQuestionSet:
		return d.datasetQuestionSet(line)
	case involve.EntityResponse:
		return d.datasetResponse(line)
	}
	return fmt.Errorf("unknown kind %q (expected session, feedback, question_set or response)", kind)
}

// datasetState is what the data set's response lines need from the lines before
// them: the question sets of the file, and the feedback line a response follows.
type datasetState struct {
	sets     map[string]*involve.QuestionSet
	feedback *involve.Feedback
}

// datasetQuestionSet is a question_set line of DATASET.md (gen.mjs --responses).
type datasetQuestionSet struct {
	Kind      string             `json:"kind"`
	ID        string             `json:"id"`
	Name      string             `json:"name"`
	Purpose   string             `json:"purpose"`
	Questions []involve.Question `json:"questions"`
}

// datasetResponse is a response line: it follows its feedback line.
type datasetResponse struct {
	Kind          string           `json:"kind"`
	ID            string           `json:"id"`
	FeedbackID    string           `json:"feedback_id"`
	QuestionSetID string           `json:"question_set_id"`
	Language      string           `json:"language"`
	Answers       []involve.Answer `json:"answers"`
}

func (d *decoder) datasetQuestionSet(line []byte) error {
	var v datasetQuestionSet
	if err := strict(line, &v); err != nil {
		return err
	}
	if _, err := uuid.Parse(v.ID); err != nil {
		return fmt.Errorf("question_set: id %q is not a UUID", v.ID)
	}
	s := &involve.QuestionSet{Version: 1, Name: v.Name, Purpose: v.Purpose, Questions: v.Questions}
	s.ID = v.ID
	if err := validate(involve.EntityQuestionSet, s); err != nil {
		return err
	}
	s.CreatedAt, s.UpdatedAt = d.im.Now(), d.im.Now()
	s.DeviceID, s.Rev = d.im.DeviceID(), d.im.NextRev()
	if d.ds.sets == nil {
		d.ds.sets = map[string]*involve.QuestionSet{}
	}
	d.ds.sets[s.ID] = s
	return d.im.PutDoc(s)
}

// datasetResponse checks a response against its set as the store does
// (store.Importer.CheckQuestionRecord), with the file's sets kept in memory: the set
// must be a line of the file and the response must follow its feedback line (so its
// session is that item's).
func (d *decoder) datasetResponse(line []byte) error {
	var v datasetResponse
	if err := strict(line, &v); err != nil {
		return err
	}
	if _, err := uuid.Parse(v.ID); err != nil {
		return fmt.Errorf("response: id %q is not a UUID", v.ID)
	}
	f := d.ds.feedback
	if f == nil || f.ID != v.FeedbackID {
		return fmt.Errorf("response: it must come right after its feedback line (feedback_id %q)", v.FeedbackID)
	}
	set := d.ds.sets[v.QuestionSetID]
	if set == nil {
		return fmt.Errorf("response: question set %q is not a line earlier in the file", v.QuestionSetID)
	}
	r := &involve.Response{SessionID: f.SessionID, FeedbackID: f.ID, QuestionSetID: set.ID, Language: v.Language, Answers: v.Answers}
	r.ID = v.ID
	if err := validate(involve.EntityResponse, r); err != nil {
		return err
	}
	sorted, err := set.CheckAnswers(r.Answers)
	if err != nil {
		return fieldErr(involve.EntityResponse, err)
	}
	r.Answers = sorted
	r.CreatedAt, r.UpdatedAt, r.CreatedBy = f.CreatedAt, f.CreatedAt, f.CapturedBy
	r.DeviceID, r.Rev = d.im.DeviceID(), d.im.NextRev()
	return d.im.PutDoc(r)
}
