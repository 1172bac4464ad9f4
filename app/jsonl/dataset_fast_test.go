package jsonl

import (
	"bufio"
	"os"
	"reflect"
	"testing"
)

// fastAgrees checks that where the hand-written decoder takes a line, strict decoding
// takes it too and gives the same.
func fastAgrees(t *testing.T, line []byte) (tookSession, tookFeedback bool) {
	t.Helper()
	var fs, ss datasetSession
	if fastSession(line, &fs) {
		tookSession = true
		if err := strict(line, &ss); err != nil {
			t.Fatalf("fastSession took %q, strict refused it: %v", line, err)
		}
		if !reflect.DeepEqual(fs, ss) {
			t.Fatalf("%q: fastSession %+v, strict %+v", line, fs, ss)
		}
	}
	var ff, sf datasetFeedback
	if fastFeedback(line, &ff) {
		tookFeedback = true
		if err := strict(line, &sf); err != nil {
			t.Fatalf("fastFeedback took %q, strict refused it: %v", line, err)
		}
		if !reflect.DeepEqual(ff, sf) {
			t.Fatalf("%q: fastFeedback %+v, strict %+v", line, ff, sf)
		}
	}
	return
}

func datasetLines(t testing.TB) [][]byte {
	f, err := os.Open(dataset)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}

const dataset = "testdata/dataset-300.jsonl"

// Every session and feedback line of the test data set is taken by the hand-written
// decoder, with strict's result; so are the odd but valid forms below, and what it
// leaves to strict is left.
func TestFastDataset(t *testing.T) {
	sessions, feedback := 0, 0
	for _, line := range datasetLines(t) {
		s, f := fastAgrees(t, line)
		if s {
			sessions++
		}
		if f {
			feedback++
		}
	}
	if sessions == 0 || feedback < 250 {
		t.Fatalf("took %d session and %d feedback lines of the data set", sessions, feedback)
	}
	for _, c := range []struct {
		line     string
		session  bool
		feedback bool
	}{
		{`{"kind":"feedback","rating":null,"themes":[],"comment":"a \"quote\"\\n\/"}`, false, true},
		{` { "kind" : "session" , "attendees" : -0 , "notes" : "" } `, true, false},
		{`{}`, true, true},
		{`{"kind":"feedback","rating":4}{"x":1}`, false, false}, // strict reads the first object only
		{`{"Kind":"feedback"}`, false, false},                   // strict matches any case
		{`{"kind":"feedback","kind":"session"}`, false, false},  // a repeated field
		{`{"comment":"caf\u00e9"}`, false, false},               // \u escapes
		{`{"rating":4.0}`, false, false},                        // not a whole number
		{`{"rating":1e2}`, false, false},                        // an exponent
		{`{"rating":04}`, false, false},                         // not JSON
		{`{"themes":null}`, false, false},                       // null for a list
		{`{"comment":null}`, false, false},                      // null for a string
		{"{\"comment\":\"tab\there\"}", false, false},           // a control character
		{"{\"comment\":\"\xff\"}", false, false},                // not UTF-8
		{`{"attendees":"3"}`, false, false},                     // a string for a number
		{`{"kind":"feedback",}`, false, false},                  // a trailing comma
		{`{"kind":"feedback"`, false, false},                    // cut short
		{`{"rating":12345678901234567890}`, false, false},       // too long
		{`{"kind":"feedback","themes":["a",1]}`, false, false},  // a number in the list
		{`{"kind":"feedback","extra":"x"}`, false, false},       // an unknown field
		{`{"kind":"session","attendees":3,"notes":"ok"}  `, true, false},
	} {
		s, f := fastAgrees(t, []byte(c.line))
		if s != c.session || f != c.feedback {
			t.Errorf("%s: taken as session %v, feedback %v; want %v, %v", c.line, s, f, c.session, c.feedback)
		}
	}
}

// FuzzFastDataset: whatever line the hand-written decoder takes, strict takes too,
// with the same result.
func FuzzFastDataset(f *testing.F) {
	for _, line := range datasetLines(f) {
		f.Add(line)
	}
	f.Add([]byte(`{"kind":"feedback","rating":null,"themes":[],"comment":"a \"quote\"\\n\/"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		fastAgrees(t, line)
	})
}
