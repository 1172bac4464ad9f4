package server_test

import (
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestPullPageByteBound: a pull page stops taking records once its states reach the
// page's bytes (syncapi.MaxPageBytes; set lower here): it ends at the record that
// reached them, says more, and the next page goes on from there, so that every record
// comes once; a record larger than the bound still comes, alone in its page. What a
// device's role may not hold is not counted. The same through the rows path and
// Store.Pull, on every store.
func TestPullPageByteBound(t *testing.T) {
	for _, kind := range servertest.StoreKinds() {
		t.Run(kind, func(t *testing.T) {
			st, _ := servertest.OpenStore(t, kind)
			raw, plain, staff, capture := withPartners(t, st, 12)
			for _, c := range []struct {
				name  string
				bound int
				dev   *servertest.Device
				want  int // records in all
			}{
				{"staff, pages of about three", 1500, staff, 36},
				{"capture, partners not counted", 1500, capture, 12},
				{"a bound under one state", 1, staff, 36},
			} {
				t.Run(c.name, func(t *testing.T) {
					defer server.SetPageBytes(c.bound)()
					for _, env := range []*servertest.Env{raw, plain} {
						seen := map[string]bool{}
						cursor, pages := "", 0
						for {
							r := env.Do("GET", "/v1/sync/pull?limit=1000&since="+cursor, c.dev.Token, nil)
							var p syncapi.PullResponse
							if r.Status != 200 || json.Unmarshal(r.Body, &p) != nil {
								t.Fatalf("page %d: %d %s", pages, r.Status, r.Body)
							}
							pages++
							size := 0
							for i, ch := range p.Changes {
								if size >= c.bound {
									t.Fatalf("page %d: change %d comes after the page reached %d bytes", pages, i, size)
								}
								size += len(ch.State)
								if seen[ch.RecordID] {
									t.Fatalf("page %d: %s again", pages, ch.RecordID)
								}
								seen[ch.RecordID] = true
							}
							if p.More && size < c.bound && len(p.Changes) > 0 {
								t.Fatalf("page %d: more, with %d bytes of states under the bound", pages, size)
							}
							if !p.More {
								break
							}
							if len(p.Changes) == 0 && c.dev == staff {
								t.Fatalf("page %d: an empty page for staff", pages)
							}
							if pages > 100 {
								t.Fatal("no end of pages")
							}
							cursor = p.Cursor
						}
						if len(seen) != c.want {
							t.Fatalf("%d records pulled in %d pages, want %d", len(seen), pages, c.want)
						}
						if min := c.want * 500 / c.bound; c.bound > 1 && pages < min {
							t.Fatalf("%d pages for %d records: the bound did not end them", pages, c.want)
						}
						if c.bound == 1 && pages < c.want {
							t.Fatalf("%d pages for %d records of a record each", pages, c.want)
						}
					}
				})
			}
		})
	}
}

// A server configured to take bodies over syncapi.MaxBodyBytesLimit takes and
// advertises that limit: a stored state is never larger, so a page never is much larger
// than syncapi.MaxPageBytes and a laptop's bound on answers holds.
func TestMaxBodyBytesCapped(t *testing.T) {
	st, _ := servertest.OpenStore(t, "sqlite")
	e := servertest.NewEnvOn(t, st, func(c *server.Config) { c.Limits.MaxBodyBytes = 1 << 30 })
	r := e.Do("GET", "/v1/info", "", nil)
	var info syncapi.Info
	if r.Status != 200 || json.Unmarshal(r.Body, &info) != nil {
		t.Fatalf("info: %d %s", r.Status, r.Body)
	}
	if info.Limits.MaxBodyBytes != syncapi.MaxBodyBytesLimit {
		t.Fatalf("maxBodyBytes = %d, want %d", info.Limits.MaxBodyBytes, syncapi.MaxBodyBytesLimit)
	}
}
