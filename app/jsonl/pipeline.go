package jsonl

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// The import reads and decodes on one goroutine and writes on another (issue 17): the
// reading goroutine splits the input into lines and, for the data set's session and
// feedback lines, decodes and checks each as far as it can without the database
// (preDataset); the import's goroutine takes the lines in order and does everything
// else exactly as before: the same checks in the same order, so the same first problem
// is reported for the same line, and nothing is written from a line before every line
// above it was. On a laptop's second core, strict JSON decoding (about a sixth of the
// import's CPU) runs beside SQLite.

// readItem is one turn of the reading loop: a line (trimmed; empty for a blank line),
// its number, and whether the input ended with it or could not be read.
type readItem struct {
	n    int         // lines read so far, this one included
	line []byte      // trimmed
	pre  *datasetPre // a data set line's decoding, if made
	err  error       // a reading error (not io.EOF): the import stops at this line
	eof  bool        // the last turn
}

// readBatch is how many turns go to the import's goroutine at once.
const readBatch = 256

// readLines runs the reading loop, sending batches on out until the input ends, it
// cannot be read, or stop is closed; it closes out when it returns.
func readLines(r io.Reader, out chan<- []readItem, stop <-chan struct{}) {
	defer close(out)
	br := bufio.NewReaderSize(r, 1<<20)
	lines, native := 0, false
	batch := make([]readItem, 0, readBatch)
	var arena []byte // the batch's lines, copied (bufio reuses its buffer)
	send := func() bool {
		select {
		case out <- batch:
			batch, arena = make([]readItem, 0, readBatch), nil
			return true
		case <-stop:
			return false
		}
	}
	for {
		line, err := readLine(br)
		if len(line) > 0 || err == nil {
			lines++
		}
		it := readItem{n: lines}
		if err != nil && !errors.Is(err, io.EOF) {
			it.err = err
			batch = append(batch, it)
			send()
			return
		}
		line = bytes.TrimSpace(line)
		if len(line) > 0 {
			if len(arena)+len(line) > cap(arena) {
				arena = make([]byte, 0, max(64<<10, len(line)))
			}
			start := len(arena)
			arena = append(arena, line...)
			it.line = arena[start:len(arena):len(arena)]
			if kind, kerr := kindOf(it.line); kerr == nil {
				if lines == 1 && kind == HeaderKind {
					native = true
				} else if !native {
					it.pre = preDataset(kind, it.line)
				}
			}
		}
		it.eof = errors.Is(err, io.EOF)
		batch = append(batch, it)
		if it.eof {
			send()
			return
		}
		if len(batch) == readBatch && !send() {
			return
		}
	}
}
