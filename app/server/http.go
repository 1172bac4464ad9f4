package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/klauspost/compress/gzip"
)

// errorf makes an API error shown to the client as is.
func errorf(code, format string, args ...any) *syncapi.Error {
	return &syncapi.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// handle adapts a handler that returns an error: the error is answered by writeError.
func (s *Server) handle(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// writeError answers an error as {code, message}. This is the one place an error
// becomes a status (syncapi.HTTPStatus); anything that is not an API error is logged
// and shown as "Internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *syncapi.Error
	var ie *involve.Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &ie) && ie.Code == involve.EINVALID:
		// Domain validation (report filters): the message and each field's problem.
		msg := ie.Message
		for i, f := range ie.Fields {
			if i == 0 {
				msg += ": "
			} else {
				msg += "; "
			}
			msg += f.Message
		}
		ae = errorf(syncapi.EINVALID, "%s.", msg)
	case errors.As(err, &tooBig):
		ae = errorf(syncapi.ETOOLARGE, "The request is larger than the server accepts (%d bytes). Send fewer changes at a time.", tooBig.Limit)
	case r.Context().Err() != nil:
		// The client went away; nobody reads the answer.
		s.log.Info("request cancelled", "path", r.URL.Path, "err", err)
		ae = errorf(syncapi.EUNAVAILABLE, "The request was cancelled.")
	default:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = errorf(syncapi.EINTERNAL, "Internal error.")
	}
	status := syncapi.HTTPStatus(ae.Code)
	if wait := retryAfterOf(err); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="involve"`)
	}
	if werr := s.writeJSON(w, r, status, ae); werr != nil {
		s.log.Info("writing error response", "err", werr)
	}
}

// gzipMin is the smallest response worth compressing.
const gzipMin = 1024

var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// writeJSON is the one way a response is written: JSON, gzip when the client accepts
// it and the body is worth compressing.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.writeBody(w, r, status, body)
}

// writeBody answers with a JSON body already written (gzip as writeJSON does).
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Accept-Encoding")
	if len(body) >= gzipMin && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		zw := gzipPool.Get().(*gzip.Writer)
		defer gzipPool.Put(zw)
		zw.Reset(w)
		if _, err := zw.Write(body); err != nil {
			return err
		}
		return zw.Close()
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// readBody reads a request body of at most limit bytes after gzip decoding. The raw
// body is limited too (http.MaxBytesReader), and the decoded size is counted as it is
// inflated, so a small gzip bomb stops at the limit instead of filling memory.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	raw := http.MaxBytesReader(w, r.Body, limit)
	var rd io.Reader = raw
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			if isTooLarge(err) {
				return nil, err
			}
			return nil, errorf(syncapi.EINVALID, "The request body is not valid gzip.")
		}
		defer zr.Close()
		rd = zr
	default:
		return nil, errorf(syncapi.EINVALID, "The request body's Content-Encoding %q is not supported; use gzip or none.", enc)
	}
	data, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		if isTooLarge(err) {
			return nil, err
		}
		return nil, errorf(syncapi.EINVALID, "The request body could not be read: %s.", err)
	}
	if int64(len(data)) > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	return data, nil
}

func isTooLarge(err error) bool {
	var e *http.MaxBytesError
	return errors.As(err, &e)
}

// decodeStrict decodes exactly one JSON value into v, refusing unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errorf(syncapi.EINVALID, "The request body is empty; send a JSON object.")
		}
		return errorf(syncapi.EINVALID, "The request body is not valid: %s.", jsonMessage(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errorf(syncapi.EINVALID, "The request body has something after its JSON object.")
	}
	return nil
}

// jsonMessage says what is wrong with a JSON body, in words a person can act on.
func jsonMessage(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d (%s)", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("the field %q must be %s, not %s", typ.Field, typ.Type, typ.Value)
		}
		return fmt.Sprintf("expected %s, found %s", typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
