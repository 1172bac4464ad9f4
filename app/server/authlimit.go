package server

import (
	"net/http"
	"strconv"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// authenticateLimited authenticates as authenticate does and bounds, per client
// address, the requests that have no valid device token (missing, unknown or revoked):
// badAuthRateLimit. Every request takes a token from its address's bucket before the
// look-up and gives it back when its device token is good (or the server itself
// failed), so only refused tokens count. Once an address has used its allowance, its
// requests are answered 429 before any token is looked up: guessing is bounded, and a
// good laptop behind the same address is refused only while the bucket is empty.
func (s *Server) authenticateLimited(w http.ResponseWriter, r *http.Request) (serverstore.Device, string, error) {
	key := limitKey(s.clientAddr(r))
	if ok, wait := s.badAuth.allow(key, s.now()); !ok {
		secs := retryAfter(wait)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		return serverstore.Device{}, failLimited, errorf(syncapi.ERATELIMITED, msgBadAuthLimited, secs)
	}
	dev, fail, err := s.authenticate(r)
	if fail == "" {
		s.badAuth.refund(key)
	}
	return dev, fail, err
}

const msgBadAuthLimited = "Too many requests without a valid device token came from this address. Try again in %d seconds."
