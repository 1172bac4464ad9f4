package jsonl_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/jsonl"
)

// cancelAfter is a reader that cancels a context once n bytes were read from it.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if len(p) > 4096 {
		p = p[:4096] // small reads: the cancel comes while the import is under way
	}
	k, err := c.r.Read(p)
	if c.n -= k; c.n <= 0 {
		c.cancel()
	}
	return k, err
}

// A cancelled import stops with the context's error (not a line's) and leaves nothing,
// although the importer's own statements run without the cancellation (store's
// DB.Import): the transaction is rolled back under them.
func TestImportCancelled(t *testing.T) {
	f, err := os.Open(dataset)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var session, feedback []byte
	for sc.Scan() && feedback == nil {
		line := sc.Bytes()
		if session == nil {
			session = append([]byte(nil), line...)
		} else if bytes.HasPrefix(line, []byte(`{"kind":"feedback","id":"`)) {
			feedback = append([]byte(nil), line...)
		}
	}
	if session == nil || feedback == nil {
		t.Fatal("no session, or no feedback line after it, in the data set")
	}
	// the session's first feedback line again and again under new ids
	id := feedback[len(`{"kind":"feedback","id":"`):][:36]
	var in bytes.Buffer
	in.Write(session)
	in.WriteByte('\n')
	for range 6000 {
		in.Write(bytes.Replace(feedback, id, []byte(uuid.NewString()), 1))
		in.WriteByte('\n')
	}

	ctx := context.Background()
	db := storetest.Open(t)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err = jsonl.Import(cctx, db, &cancelAfter{r: &in, n: in.Len() / 2, cancel: cancel}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled import returned %v", err)
	}
	h, err := db.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Counts.Sessions != 0 || h.Counts.Feedback != 0 {
		t.Fatalf("a cancelled import left %+v", h.Counts)
	}
}
