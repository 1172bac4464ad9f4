package desktop

import (
	"context"
	"errors"
	"time"
)

// searchIndexEvery is how often the housekeeping loop looks for records that a large
// import or a first pull stored without indexing them for search (store.CatchUpSearchIndex).
const searchIndexEvery = 5 * time.Second

// indexSearch writes the search index's backlog, a small chunk a transaction (a save
// waits at most one chunk for the writer), until it is empty or the app closes; what
// a quit leaves is indexed at the next start. The search screen says how many records
// are not yet searchable meanwhile (SearchAnswer.NotYetSearchable).
func (a *App) indexSearch() {
	a.mu.RLock()
	db := a.db
	a.mu.RUnlock()
	if db == nil {
		return
	}
	n, err := db.CatchUpSearchIndex(a.ctx, 0)
	if err != nil && !errors.Is(err, context.Canceled) {
		a.log.Printf("search index: %v", err)
	} else if n > 0 {
		a.log.Printf("search index: %d records made searchable", n)
	}
}
