package syncer_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// paddedPage is a valid pull page of n bytes (blanks before the closing brace).
func paddedPage(n int) []byte {
	page := []byte(`{"changes":[],"cursor":"7","more":false,"role":"staff"`)
	page = append(page, bytes.Repeat([]byte(" "), n-len(page)-1)...)
	return append(page, '}')
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// A laptop reads no more than syncapi.MaxAnswerBytes of any answer, after gzip
// decoding: a page of exactly that size is read, one byte more is refused with a clear
// error, whether it comes gzipped (a small body that inflates to it), with its length
// or without one, and whichever reader the answer goes to (a page's own, or
// encoding/json's for another answer).
func TestClientRefusesAnswersOverTheBound(t *testing.T) {
	at := paddedPage(syncapi.MaxAnswerBytes)
	over := paddedPage(syncapi.MaxAnswerBytes + 1)
	atGz, overGz := gzipped(t, at), gzipped(t, over)
	if len(overGz) > 1<<20 {
		t.Fatalf("the test's gzip bomb is %d bytes", len(overGz))
	}
	serve := func(body []byte, gz, length bool) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if gz {
				w.Header().Set("Content-Encoding", "gzip")
			}
			if length {
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			} else {
				w.(http.Flusher).Flush() // chunked: no length said
			}
			w.Write(body)
		}))
	}
	for _, c := range []struct {
		name       string
		body       []byte
		gz, length bool
		refused    bool
		pull       bool
	}{
		{"a page of the bound, gzipped", atGz, true, true, false, true},
		{"a page of the bound, plain", at, false, true, false, true},
		{"a page a byte over, gzipped", overGz, true, true, true, true},
		{"a page a byte over, plain, its length said", over, false, true, true, true},
		{"a page a byte over, plain, no length", over, false, false, true, true},
		{"another answer a byte over, gzipped", overGz, true, true, true, false},
		{"another answer a byte over, no length", over, false, false, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := serve(c.body, c.gz, c.length)
			defer srv.Close()
			cl := syncer.NewClient(srv.URL, "inv1_fake", srv.Client(), syncer.CompressAuto)
			var err error
			if c.pull {
				var page syncapi.PullResponse
				page, err = cl.Pull(context.Background(), "", 10)
				if err == nil && page.Cursor != "7" {
					t.Fatalf("page read as %+v", page)
				}
			} else {
				_, err = cl.Me(context.Background())
			}
			if !c.refused {
				if err != nil {
					t.Fatalf("an answer of the bound was refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "larger than 64 MB") {
				t.Fatalf("err = %v; want the answer refused as too large", err)
			}
		})
	}
}

// endless is an answer that never ends: zeros for as long as they are read.
type endless struct{ sent *atomic.Int64 }

func (e endless) Read(p []byte) (int, error) {
	clear(p)
	e.sent.Add(int64(len(p)))
	return len(p), nil
}

// An answer that never ends is refused once the bound is reached: the laptop stops
// reading there and holds no more than the bound.
func TestClientStopsReadingAnEndlessAnswer(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"changes":[`))
		io.Copy(w, endless{&sent}) // until the client goes away
	}))
	defer srv.Close()
	_, err := syncer.NewClient(srv.URL, "inv1_fake", srv.Client(), syncer.CompressAuto).Pull(context.Background(), "", 10)
	var se *syncer.Error
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "larger than 64 MB") {
		t.Fatalf("err = %v; want the answer refused as too large", err)
	}
	srv.CloseClientConnections()
	if n := sent.Load(); n > syncapi.MaxAnswerBytes+8<<20 {
		t.Fatalf("the server wrote %d MB before the laptop stopped", n>>20)
	}
}
