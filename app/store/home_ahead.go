package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// The home screen's answer ahead (issue 17, launch): the desktop asks for it as soon as
// the database is open, so that its scan of the feedback table runs while WebKit starts
// and loads the page instead of after the page has asked. The answer is given to the
// first Home only if it is still what Home would say: nothing committed since it was
// worked out (PRAGMA data_version on the connection that worked it out changes when any
// other connection commits) and still the same local day. Otherwise, and after
// homeAheadKept, it is dropped and Home asks the database as before.

// homeAheadKept is how long an answer ahead waits for the first Home (the page's own
// answers are kept as long: frontend lib/launch.ts ANSWERS_KEPT_MS).
const homeAheadKept = 10 * time.Second

// homeAhead is one answer ahead: done closes when h and err are set.
type homeAhead struct {
	done    chan struct{}
	conn    *sql.Conn // a reader connection, held until the answer is taken or dropped
	version int64     // PRAGMA data_version before the queries
	day     string
	h       involve.Home
	err     error
	timer   *time.Timer
}

// HomeAhead starts working out the home screen's answer in the background, for the
// next Home. It does nothing if an answer ahead is already waiting.
func (db *DB) HomeAhead(ctx context.Context) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.ahead != nil {
		return
	}
	conn, err := db.reader.Conn(ctx)
	if err != nil {
		return
	}
	now := db.Now() // read here: the goroutine does not read db's clock
	a := &homeAhead{done: make(chan struct{}), conn: conn, day: homeDay(now)}
	db.ahead = a
	go func() {
		defer close(a.done)
		if a.err = conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&a.version); a.err != nil {
			return
		}
		a.h, a.err = db.homeOn(ctx, conn, now)
	}()
	a.timer = time.AfterFunc(homeAheadKept, func() {
		if a := db.dropHomeAhead(a); a != nil {
			a.release()
		}
	})
}

// dropHomeAhead takes the answer ahead out of db (only want's, if want is not nil).
func (db *DB) dropHomeAhead(want *homeAhead) *homeAhead {
	db.mu.Lock()
	defer db.mu.Unlock()
	a := db.ahead
	if a == nil || (want != nil && a != want) {
		return nil
	}
	db.ahead = nil
	return a
}

// release waits for the queries and gives the connection back.
func (a *homeAhead) release() {
	<-a.done
	a.timer.Stop()
	_ = a.conn.Close()
}

// takeHomeAhead gives the answer ahead, if there is one and it is still right; it is
// taken either way.
func (db *DB) takeHomeAhead(ctx context.Context) (involve.Home, bool) {
	a := db.dropHomeAhead(nil)
	if a == nil {
		return involve.Home{}, false
	}
	select {
	case <-a.done:
	case <-ctx.Done():
		go a.release()
		return involve.Home{}, false
	}
	defer a.release()
	if a.err != nil || a.day != homeDay(db.Now()) {
		return involve.Home{}, false
	}
	var v int64
	if err := a.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil || v != a.version {
		return involve.Home{}, false
	}
	return a.h, true
}
