package desktop

import "github.com/hin-south-london/involve/app/store"

// eraseDue is the lead's automatic erasure (store.EraseDue), run after each sync that
// ended well: partners and comments due under a kind the lead set to be erased
// automatically. It does nothing on another laptop or while locked. The log says how
// many were erased, never who or what.
func (a *App) eraseDue(db *store.DB) {
	done, _, err := db.EraseDue(a.ctx)
	if err != nil {
		a.log.Printf("automatic erasure: %v", err)
	}
	if len(done) > 0 {
		a.log.Printf("automatic erasure: %d records due under the retention schedule erased", len(done))
		a.changed("", "")
	}
}
