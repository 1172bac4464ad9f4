package server

import "time"

// SetRowWait sets how long a push in a row waits for the push it follows (tests);
// it returns a function that puts it back.
func SetRowWait(d time.Duration) func() {
	old := rowWait
	rowWait = d
	return func() { rowWait = old }
}

// SetPullWait sets how long a pull waits for a slot (tests); it returns a function
// that puts it back.
func SetPullWait(d time.Duration) func() {
	old := pullWait
	pullWait = d
	return func() { pullWait = old }
}
