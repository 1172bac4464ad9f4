// Package jsonl imports and exports Involve's data as JSON Lines: the shared benchmark
// data set (shared/bench/DATASET.md) and Involve's own lossless export of everything.
// Imports stream line by line and are all-or-nothing.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// Format is the version of Involve's own export format, named in its header line.
const Format = 1

// HeaderKind is the kind of the first line of an Involve export.
const HeaderKind = "involve-export"

// Header is the first line of an Involve export.
type Header struct {
	Kind             string `json:"kind"`
	Format           int    `json:"format"`
	Schema           int    `json:"schema"`
	ReferenceVersion string `json:"referenceVersion"`
	ExportedAt       string `json:"exportedAt"`
	DeviceID         string `json:"deviceId"`
	AppVersion       string `json:"appVersion,omitempty"`
}

// MaxLine is the longest line accepted (session notes may be long).
const MaxLine = 16 << 20

// Result counts what an import did.
type Result struct {
	Lines    int    `json:"lines"`
	Records  int    `json:"records"`
	Written  int    `json:"written"`
	Skipped  int    `json:"skipped"` // already present at the same or a newer revision, or a lead's setting on another laptop
	Format   string `json:"format"`  // "involve" or "dataset"
	Duration time.Duration
}

// LineError is a problem on one line of the input; nothing was imported.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Import reads JSON Lines from r into the database in one transaction. progress, if
// not nil, is called with the number of records read so far (every 1 000 records).
func Import(ctx context.Context, db *store.DB, r io.Reader, progress func(records int)) (Result, error) {
	start := time.Now()
	res := Result{Format: "dataset"}
	// lines are read and decoded on a goroutine of their own (pipeline.go)
	batches, stop := make(chan []readItem, 4), make(chan struct{})
	go readLines(r, batches, stop)
	defer func() {
		close(stop)
		for range batches { // until the reading goroutine has returned
		}
	}()
	err := db.Import(ctx, func(im *store.Importer) error {
		d := &decoder{im: im, db: db}
		for batch := range batches {
			for _, it := range batch {
				res.Lines = it.n
				if it.err != nil {
					return &LineError{res.Lines, it.err}
				}
				if len(it.line) > 0 {
					if lerr := d.line(res.Lines, it.line, it.pre); lerr != nil {
						if cerr := ctx.Err(); cerr != nil {
							return cerr // cancelled: the transaction was rolled back under the line
						}
						return &LineError{res.Lines, lerr}
					}
					if d.records > 0 && d.records%1000 == 0 && progress != nil {
						progress(d.records)
					}
				}
				if it.eof {
					break
				}
				if res.Lines%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
			}
		}
		if d.native {
			res.Format = "involve"
		}
		res.Records, res.Written, res.Skipped = d.records, im.Written, im.Skipped
		return nil
	})
	res.Duration = time.Since(start)
	if err != nil {
		return Result{Lines: res.Lines}, err
	}
	return res, nil
}

// readLine returns the next line without its newline; io.EOF with the last line.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == nil || errors.Is(err, io.EOF) {
		return line, err
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	buf := append([]byte(nil), line...)
	for {
		line, err = br.ReadSlice('\n')
		buf = append(buf, line...)
		if len(buf) > MaxLine {
			return nil, fmt.Errorf("line is longer than %d MiB", MaxLine>>20)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return buf, err
		}
	}
}

// kindOf reads the "kind" of a line cheaply when it comes first (as both formats
// write it), and by decoding otherwise.
func kindOf(line []byte) (string, error) {
	const prefix = `{"kind":"`
	if bytes.HasPrefix(line, []byte(prefix)) {
		rest := line[len(prefix):]
		if i := bytes.IndexByte(rest, '"'); i > 0 && bytes.IndexByte(rest[:i], '\\') < 0 {
			return string(rest[:i]), nil
		}
	}
	var k struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(line, &k); err != nil {
		return "", jsonError(err)
	}
	return k.Kind, nil
}

func jsonError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not valid JSON (%v, at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("field %q has the wrong type: %s where %s was expected", te.Field, te.Value, te.Type)
	}
	return fmt.Errorf("not valid JSON (%v)", err)
}

type decoder struct {
	im      *store.Importer
	db      *store.DB // for sealed values (sealed.go)
	native  bool      // the input began with an Involve export header
	records int
	ds      datasetState // the data set's question sets and last feedback line (dataset.go)
}

// line imports one line; pre is a data set line's datasetPre, if the reading goroutine
// made it (pipeline.go).
func (d *decoder) line(n int, line []byte, pre *datasetPre) error {
	kind, err := kindOf(line)
	if err != nil {
		return err
	}
	if kind == HeaderKind {
		if n != 1 {
			return errors.New("an export header may only be the first line")
		}
		var h Header
		if err := json.Unmarshal(line, &h); err != nil {
			return jsonError(err)
		}
		if h.Format != Format {
			return fmt.Errorf("this file is export format %d; this version of Involve reads format %d", h.Format, Format)
		}
		d.native = true
		return nil
	}
	d.records++
	if d.native {
		return d.nativeLine(kind, line)
	}
	return d.datasetLine(kind, line, pre)
}

func strict(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if strings.HasPrefix(err.Error(), "json: unknown field") {
			return fmt.Errorf("unknown %s", strings.TrimPrefix(err.Error(), "json: unknown "))
		}
		return jsonError(err)
	}
	return nil
}

func checkMeta(m *involve.Meta) error {
	if _, err := uuid.Parse(m.ID); err != nil {
		return fmt.Errorf("id %q is not a UUID", m.ID)
	}
	if m.Rev <= 0 {
		return errors.New("rev must be a positive number")
	}
	for _, t := range []struct{ name, v string }{{"createdAt", m.CreatedAt}, {"updatedAt", m.UpdatedAt}} {
		if _, err := time.Parse(time.RFC3339Nano, t.v); err != nil {
			return fmt.Errorf("%s %q is not an RFC 3339 time", t.name, t.v)
		}
	}
	if m.DeletedAt != "" {
		if _, err := time.Parse(time.RFC3339Nano, m.DeletedAt); err != nil {
			return fmt.Errorf("deletedAt %q is not an RFC 3339 time", m.DeletedAt)
		}
	}
	return nil
}

// validate applies the domain rules of the record's kind (involve.Kind.Validate),
// its problems in one line of text.
func validate(kind string, rec any) error {
	k, ok := involve.KindOf(kind)
	if !ok {
		return fmt.Errorf("unknown kind %q", kind)
	}
	if err := k.Validate(rec); err != nil {
		return fieldErr(kind, err)
	}
	return nil
}

// fieldErr turns a validation error into one line of text.
func fieldErr(what string, err error) error {
	fs := involve.ErrorFields(err)
	if len(fs) == 0 {
		return fmt.Errorf("%s: %v", what, err)
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Field + ": " + f.Message
	}
	return fmt.Errorf("%s: %s", what, strings.Join(parts, "; "))
}

func (d *decoder) nativeLine(kind string, line []byte) error {
	switch kind {
	case involve.EntityTheme:
		var v struct {
			Kind string `json:"kind"`
			involve.Theme
		}
		if err := strict(line, &v); err != nil {
			return err
		}
		if err := checkMeta(&v.Meta); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		label, err := involve.ValidateThemeLabel(v.Label)
		if err != nil {
			return fieldErr("theme", err)
		}
		v.Label, v.Usage = label, 0
		return d.im.PutTheme(&v.Theme)
	case involve.EntityProject:
		var v struct {
			Kind string `json:"kind"`
			involve.Project
		}
		if err := strict(line, &v); err != nil {
			return err
		}
		if err := checkMeta(&v.Meta); err != nil {
			return fmt.Errorf("project: %w", err)
		}
		if err := validate(kind, &v.Project); err != nil {
			return err
		}
		v.SessionCount = 0
		return d.im.PutProject(&v.Project)
	case involve.EntitySession:
		var v struct {
			Kind string `json:"kind"`
			involve.Session
		}
		if err := strict(line, &v); err != nil {
			return err
		}
		if err := checkMeta(&v.Meta); err != nil {
			return fmt.Errorf("session: %w", err)
		}
		if err := validate(kind, &v.Session); err != nil {
			return err
		}
		v.ProjectName, v.FeedbackCount = "", 0
		return d.im.PutSession(&v.Session)
	case involve.EntityFeedback:
		var v struct {
			Kind string `json:"kind"`
			involve.Feedback
		}
		if err := strict(line, &v); err != nil {
			return err
		}
		if err := checkMeta(&v.Meta); err != nil {
			return fmt.Errorf("feedback: %w", err)
		}
		if err := validate(kind, &v.Feedback); err != nil {
			return err
		}
		if err := d.checkFeedbackRefs(&v.FeedbackInput); err != nil {
			return err
		}
		return d.im.PutFeedback(&v.Feedback)
	}
	if involve.IsDocEntity(kind) {
		return d.docLine(kind, line)
	}
	return fmt.Errorf("unknown kind %q (expected theme, project, session, feedback or a record of involvement)", kind)
}

// docLine imports one involve.Doc line: strictly decoded (the "kind" field aside),
// validated, its parent in the database or earlier in the file.
func (d *decoder) docLine(kind string, line []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return jsonError(err)
	}
	delete(m, "kind")
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	doc, err := involve.NewDoc(kind)
	if err != nil {
		return err
	}
	if err := strict(b, doc); err != nil {
		return err
	}
	if err := checkMeta(doc.DocMeta()); err != nil {
		return fmt.Errorf("%s: %w", kind, err)
	}
	// the rules are about plain values: sealed ones are opened first (the store seals
	// them again)
	if err := d.openSealed(kind, doc); err != nil {
		return err
	}
	if err := validate(kind, doc); err != nil {
		return err
	}
	if pe, pid := doc.Parent(); pid != "" {
		ok, err := d.im.HasRecord(pe, pid)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: %s %q is not in the database or earlier in the file", kind, pe, pid)
		}
	}
	// a response's answers pass the rules of the set version they answer, a
	// translation holds only its version's keys: a hostile file cannot store others
	if err := d.im.CheckQuestionRecord(doc); err != nil {
		if involve.ErrorCode(err) == involve.EINVALID {
			return fieldErr(kind, err)
		}
		return err
	}
	return d.im.PutDoc(doc)
}

func (d *decoder) checkFeedbackRefs(in *involve.FeedbackInput) error {
	ok, err := d.im.HasSession(in.SessionID)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("feedback: session %q is not in the database or earlier in the file", in.SessionID)
	}
	for _, t := range in.Themes {
		if !d.im.HasTheme(t) {
			return fmt.Errorf("feedback: theme %q is not in the database or earlier in the file", t)
		}
	}
	return nil
}

// ExportOptions choose how an export is written.
type ExportOptions struct {
	AppVersion string
	// Decrypt writes sealed fields readable (the store must be unlocked): the file
	// then holds Lived Experience Partners' details in clear. Without it they are
	// written as stored, sealed with the team's key (sealed.go).
	Decrypt bool
}

// Export writes every record as JSON Lines, after a header line, with sealed fields
// sealed.
func Export(ctx context.Context, db *store.DB, w io.Writer, appVersion string) (int, error) {
	return ExportWith(ctx, db, w, ExportOptions{AppVersion: appVersion})
}

// ExportWith is Export with options.
func ExportWith(ctx context.Context, db *store.DB, w io.Writer, o ExportOptions) (int, error) {
	appVersion := o.AppVersion
	bw := bufio.NewWriterSize(w, 1<<20)
	schema, err := db.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Header{Kind: HeaderKind, Format: Format, Schema: schema,
		ReferenceVersion: involve.ReferenceVersion, ExportedAt: involve.FormatTime(time.Now()),
		DeviceID: db.DeviceID(), AppVersion: appVersion}); err != nil {
		return 0, err
	}
	n := 0
	var buf bytes.Buffer
	recEnc := json.NewEncoder(&buf)
	recEnc.SetEscapeHTML(false)
	err = exportRecords(ctx, db, o.Decrypt, func(entity string, v any) error {
		buf.Reset()
		if err := recEnc.Encode(v); err != nil {
			return err
		}
		b := buf.Bytes()
		// {"kind":"…", + the record's own fields
		if _, err := fmt.Fprintf(bw, `{"kind":%q,`, entity); err != nil {
			return err
		}
		if _, err := bw.Write(b[1:]); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}
