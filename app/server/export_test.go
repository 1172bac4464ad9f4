package server

import "time"

// SetRowWait sets how long a push in a row waits for the push it follows (tests);
// it returns a function that puts it back.
func SetRowWait(d time.Duration) func() {
	old := rowWait
	rowWait = d
	return func() { rowWait = old }
}
