package servertest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
)

func gzipped(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testGzip(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	var changes []syncapi.Change
	for i := range 20 {
		changes = append(changes, d.Change("feedback", NewFeedback(fmt.Sprintf("gzipped feedback number %d", i)), 0))
	}
	body, _ := json.Marshal(syncapi.PushRequest{Changes: changes})
	r := e.Do("POST", "/v1/sync/push", d.Token, gzipped(t, body), "Content-Encoding", "gzip")
	if r.Status != 200 {
		t.Fatalf("gzipped push: %d %s", r.Status, r.Body)
	}
	// Asking for gzip explicitly: the client sees the compressed bytes.
	r = e.Do("GET", "/v1/sync/pull", d.Token, nil, "Accept-Encoding", "gzip")
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("pull with Accept-Encoding gzip: Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var page syncapi.PullResponse
	if err := json.Unmarshal(raw, &page); err != nil || len(page.Changes) != 20 {
		t.Errorf("gzipped pull: %d changes, %v", len(page.Changes), err)
	}
	// Not asked: not compressed.
	r = e.Do("GET", "/v1/sync/pull", d.Token, nil, "Accept-Encoding", "identity")
	if r.Header.Get("Content-Encoding") != "" || !json.Valid(r.Body) {
		t.Errorf("pull without gzip: Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
	// A body that claims gzip but is not.
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body, "Content-Encoding", "gzip"), 400, syncapi.EINVALID)
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body, "Content-Encoding", "br"), 400, syncapi.EINVALID)
}

func testGzipBomb(t *testing.T, open Open) {
	e, d := envWithDevice(t, open, small)
	// 32 MiB of spaces inflates from about 32 KiB: under the limit compressed, far
	// over it decoded.
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	zw.Write([]byte(`{"changes":[`))
	for range 32 {
		zw.Write(chunk)
	}
	zw.Write([]byte(`]}`))
	zw.Close()
	if buf.Len() >= 64<<10 {
		t.Fatalf("bomb is %d bytes compressed", buf.Len())
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, buf.Bytes(), "Content-Encoding", "gzip"), 413, syncapi.ETOOLARGE)
	// The server is still fine.
	d.Pull("", 0)
}

func testMalformed(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	for _, body := range []string{``, `{`, `{"changes":[{]}`, `[]`, `{"changes":{}}`, `{"changes":[]} {}`, `{"changes":[{"rev":"1"}]}`, "\xff\xfe"} {
		r := e.Do("POST", "/v1/sync/push", d.Token, []byte(body))
		wantError(t, r, 400, syncapi.EINVALID)
	}
}

func testUnknownFields(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	c := d.Change("feedback", NewFeedback("x"), 0)
	raw, _ := json.Marshal(c)
	for _, body := range []string{
		`{"changes":[],"force":true}`,
		`{"changes":[` + strings.Replace(string(raw), `{`, `{"priority":1,`, 1) + `]}`,
	} {
		msg := wantError(t, e.Do("POST", "/v1/sync/push", d.Token, []byte(body)), 400, syncapi.EINVALID)
		if !strings.Contains(msg.Message, "unknown field") {
			t.Errorf("message %q does not name the unknown field", msg.Message)
		}
	}
}

func testProtocol(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	for _, v := range []string{"2", "0", "abc", "99"} {
		wantError(t, e.Do("GET", "/v1/sync/pull", d.Token, nil, syncapi.ProtocolHeader, v), 426, syncapi.EPROTOCOL)
		wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{}, syncapi.ProtocolHeader, v), 426, syncapi.EPROTOCOL)
	}
	// A missing header is version 1.
	if r := e.Do("GET", "/v1/sync/pull", d.Token, nil, syncapi.ProtocolHeader, ""); r.Status != 200 {
		t.Errorf("no protocol header: %d %s", r.Status, r.Body)
	}
	// /v1/info answers any version, so that a client can find out what the server speaks.
	if r := e.Do("GET", "/v1/info", "", nil, syncapi.ProtocolHeader, "7"); r.Status != 200 {
		t.Errorf("/v1/info with protocol 7: %d", r.Status)
	}
}
