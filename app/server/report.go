package server

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/xlsx"
	"github.com/klauspost/compress/gzip"
)

// Reports (docs/sync-protocol.md, "Reports"): the summary workbook and the CSV files
// of its row sheets, for the device's team only, streamed to the response.
const (
	// SummaryFile is the workbook's name under /v1/reports/.
	SummaryFile = "summary.xlsx"
	// XLSXContentType is the workbook's media type.
	XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// CSVContentType is the CSV files' media type.
	CSVContentType = "text/csv; charset=utf-8"

	// maxReports is how many reports one server process makes at once; more wait for
	// reportWait, then get 503 (each report is a pass over the team's records and a
	// workbook built in temporary files).
	maxReports = 4
	reportWait = 10 * time.Second
	// reportWriteTimeout replaces the server's WriteTimeout for a report: a large
	// workbook for a slow connection takes longer than a sync request.
	reportWriteTimeout = 30 * time.Minute
)

// ReportParams are the query parameters of a report, each once at most.
var ReportParams = []string{"from", "to", "project", "borough", "type"}

// handleReport answers GET /v1/reports/{file}: summary.xlsx, NAME.csv for each of
// xlsx.CSVSheets, or the board pack (boardpack.go).
//
// Everything that can be refused is checked before the first byte (parameters, the
// team, a report slot, the audit line), so those errors are ordinary JSON errors. The
// workbook and the CSV files are then written to the response as they are made:
// headers go out with the first byte, and an error after that cannot become an error
// status any more. It is logged and the connection is aborted (no final chunk on
// HTTP/1.1, RST_STREAM on HTTP/2), so the client sees a failed download, never a
// short file that looks complete. (excelize writes the workbook's zip only once every
// sheet is done, so a workbook in practice fails before its first byte: as JSON.)
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	if err := reportRefusal(dev); err != nil { // roles.go: reports are a lead's
		return err
	}
	file := r.PathValue("file")
	if _, ok := boardPackFormat(file); ok {
		return s.handleBoardPack(w, r, dev, file) // boardpack.go
	}
	sheet, isCSV := strings.CutSuffix(file, ".csv")
	if file != SummaryFile && (!isCSV || !slices.Contains(xlsx.CSVSheets, sheet)) {
		names := []string{SummaryFile, BoardPackPDF, BoardPackDOCX}
		for _, sh := range xlsx.CSVSheets {
			names = append(names, sh+".csv")
		}
		return errorf(syncapi.ENOTFOUND, "There is no report %q; the reports are %s.", truncate(file, 60), strings.Join(names, ", "))
	}
	f, err := ReportFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.TeamID = dev.TeamID
	ctx := r.Context()
	team, err := s.store.FindTeam(ctx, dev.TeamID)
	if err != nil {
		return err
	}
	release, err := s.reportSlot(ctx, w)
	if err != nil {
		return err
	}
	defer release()
	// No export without its audit line.
	if err := s.store.Audit(ctx, serverstore.AuditEntry{At: s.now(), TeamID: dev.TeamID, DeviceID: dev.ID, Action: "export",
		Detail: file + " " + FilterDetail(f) + " by device " + quote(dev.Name)}); err != nil {
		return err
	}
	if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(reportWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.log.Debug("report write deadline", "err", err)
	}

	src := NewReportSource(s.store, dev.TeamID)
	opt := xlsx.Options{AppVersion: "involve-server " + s.version, Now: s.now()}
	name := ReportFileName(team.Name, file, f)
	out := &startWriter{w: w}
	if isCSV {
		gz := acceptsGzip(r)
		out.start = func(h http.Header) {
			h.Set("Content-Type", CSVContentType)
			h.Add("Vary", "Accept-Encoding")
			if gz {
				h.Set("Content-Encoding", "gzip")
			}
			reportHeaders(h, name)
		}
		err = writeCSV(ctx, out, gz, sheet, src, f, opt)
	} else {
		// Never gzip: an .xlsx file is a zip already.
		out.start = func(h http.Header) {
			h.Set("Content-Type", XLSXContentType)
			reportHeaders(h, name)
		}
		_, err = xlsx.Write(ctx, out, src, f, opt)
	}
	if err == nil || !out.started {
		return err
	}
	if ctx.Err() != nil {
		s.log.Info("report cancelled by the client", "file", file, "device", dev.ID, "written", out.n, "err", err)
	} else {
		s.log.Error("report failed after its first byte: aborting the connection", "file", file, "device", dev.ID, "written", out.n, "err", err)
	}
	panic(http.ErrAbortHandler)
}

func writeCSV(ctx context.Context, w io.Writer, gz bool, sheet string, src report.Source, f report.Filter, opt xlsx.Options) error {
	if !gz {
		return xlsx.WriteCSV(ctx, w, sheet, src, f, opt)
	}
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	zw.Reset(w)
	if err := xlsx.WriteCSV(ctx, zw, sheet, src, f, opt); err != nil {
		return err
	}
	return zw.Close()
}

func reportHeaders(h http.Header, name string) {
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	// Tells nginx not to buffer the download (docs/deploy.md).
	h.Set("X-Accel-Buffering", "no")
}

// reportSlot waits (a little) for one of the maxReports slots (slots.go).
func (s *Server) reportSlot(ctx context.Context, w http.ResponseWriter) (func(), error) {
	return waitSlot(ctx, w, s.reports, nil, reportWait, "30", "The server is making other reports. Try again in a minute.")
}

// ReportFilter reads a report's query parameters (ReportParams). A team parameter is
// refused: a report covers the device's own team, whatever the request says.
func ReportFilter(q url.Values) (report.Filter, error) {
	var f report.Filter
	for k, v := range q {
		switch {
		case k == "team" || k == "teamId":
			return f, errorf(syncapi.EFORBIDDEN, "A report covers this laptop's team only: leave out the %s parameter.", k)
		case !slices.Contains(ReportParams, k):
			return f, errorf(syncapi.EINVALID, "Unknown report parameter %q; the parameters are %s.", truncate(k, 40), strings.Join(ReportParams, ", "))
		case len(v) > 1:
			return f, errorf(syncapi.EINVALID, "The report parameter %s is given %d times; give it once.", k, len(v))
		case len(v[0]) > 100:
			return f, errorf(syncapi.EINVALID, "The report parameter %s is too long.", k)
		}
	}
	f.From, f.To, f.ProjectID, f.Borough, f.SessionType = q.Get("from"), q.Get("to"), q.Get("project"), q.Get("borough"), q.Get("type")
	if err := f.Validate(); err != nil {
		return f, err
	}
	return f, nil
}

// FilterDetail is a filter for the audit log: "filter from=… to=…" or "filter none".
func FilterDetail(f report.Filter) string {
	var parts []string
	for _, p := range []struct{ k, v string }{{"from", f.From}, {"to", f.To}, {"project", f.ProjectID},
		{"borough", f.Borough}, {"type", f.SessionType}, {"team", f.TeamID}} {
		if p.v != "" {
			parts = append(parts, p.k+"="+quote(p.v))
		}
	}
	if len(parts) == 0 {
		return "filter none"
	}
	return "filter " + strings.Join(parts, " ")
}

// ReportFileName is the download's name: involve-TEAM-summary[-from-D][-to-D].xlsx
// (or the sheet's name and .csv), in ASCII letters, digits and dashes.
func ReportFileName(teamName, file string, f report.Filter) string {
	base, ext, _ := strings.Cut(file, ".")
	parts := []string{"involve"}
	if slug := slugify(teamName, 40); slug != "" {
		parts = append(parts, slug)
	}
	parts = append(parts, base)
	if f.From != "" {
		parts = append(parts, "from-"+f.From)
	}
	if f.To != "" {
		parts = append(parts, "to-"+f.To)
	}
	return strings.Join(parts, "-") + "." + ext
}

func slugify(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= max {
				break
			}
		} else {
			dash = true
		}
	}
	return b.String()
}

// startWriter sets a download's headers and status just before its first byte, so
// that an error before then can still be answered as JSON.
type startWriter struct {
	w       http.ResponseWriter
	start   func(http.Header)
	started bool
	n       int64
}

func (sw *startWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !sw.started {
		sw.started = true
		sw.start(sw.w.Header())
		sw.w.WriteHeader(http.StatusOK)
	}
	n, err := sw.w.Write(p)
	sw.n += int64(n)
	return n, err
}
