package server

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/hin-south-london/involve/app/publish"
	"github.com/hin-south-london/involve/app/serverstore"
)

// The board pack (issue 16) under /v1/reports/: board-pack.pdf and board-pack.docx, the
// device's team's pack for the report filters, a lead's only like every report.
const (
	// BoardPackFile is the board pack's name under /v1/reports/, before the format's
	// extension; BoardPackPDF and BoardPackDOCX are its two files.
	BoardPackFile = "board-pack"
	BoardPackPDF  = BoardPackFile + ".pdf"
	BoardPackDOCX = BoardPackFile + ".docx"
	// PDFContentType and DOCXContentType are their media types.
	PDFContentType  = publish.PDFMediaType
	DOCXContentType = publish.DOCXMediaType
)

// boardPackFormat gives the format of a board pack's file name (BoardPackPDF or
// BoardPackDOCX); ok is false for any other name.
func boardPackFormat(file string) (publish.BoardPackFormat, bool) {
	switch file {
	case BoardPackPDF:
		return publish.BoardPackFormats["pdf"], true
	case BoardPackDOCX:
		return publish.BoardPackFormats["docx"], true
	}
	return publish.BoardPackFormat{}, false
}

// handleBoardPack answers GET /v1/reports/board-pack.pdf|.docx once handleReport has
// checked the device's role. The pack is made whole in memory (it is pages, not rows:
// a few hundred kilobytes) before the first byte, so any failure is an ordinary JSON
// error and a download is never cut short. The team's name is its name on the server;
// the server holds no contact line.
func (s *Server) handleBoardPack(w http.ResponseWriter, r *http.Request, dev serverstore.Device, file string) error {
	format, _ := boardPackFormat(file)
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
	pack, err := publish.BuildBoardPack(ctx, NewReportSource(s.store, dev.TeamID), f,
		publish.BoardPackOptions{Team: team.Name, Now: s.now()})
	if err != nil {
		return err
	}
	var body bytes.Buffer
	if err := format.Write(&body, pack); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.MediaType)
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	reportHeaders(h, ReportFileName(team.Name, file, f))
	w.WriteHeader(http.StatusOK)
	_, err = body.WriteTo(w)
	if err != nil {
		s.log.Info("board pack not sent whole", "file", file, "device", dev.ID, "err", err)
	}
	return nil
}
