package server

import (
	"net/http"

	"github.com/hin-south-london/involve/app/serverstore"
)

// authenticateLimited authenticates as authenticate does and bounds, per client
// address, the requests that have no valid device token (missing, unknown or revoked):
// badAuthRateLimit. Only refused tokens are counted (charged to the address's bucket
// once refused; several refused at once all count, the bucket going into debt), so
// any number of good laptops behind one address (a hospital's network, a proxy not
// named with --trusted-proxy) may authenticate at once: taking a token before each
// look-up, as this did until round 7, refused the 21st of them while twenty were being
// looked up. Once an address has used its allowance, its requests are answered 429
// before any token is looked up: guessing is bounded (by the burst, the rate, and the
// requests one address has in flight when its allowance runs out), and a good laptop
// behind the same address is refused only while the bucket is empty.
func (s *Server) authenticateLimited(w http.ResponseWriter, r *http.Request) (serverstore.Device, string, error) {
	key := limitKey(s.clientAddr(r))
	if blocked, wait := s.badAuth.blocked(key, s.now()); blocked {
		return serverstore.Device{}, failLimited, rateLimited(w, wait, msgBadAuthLimited) // auth.go
	}
	dev, fail, err := s.authenticate(r)
	if fail != "" {
		s.badAuth.charge(key, s.now())
	}
	return dev, fail, err
}

const msgBadAuthLimited = "Too many requests without a valid device token came from this address. Try again in %s."
