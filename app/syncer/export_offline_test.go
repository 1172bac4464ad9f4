package syncer

// SetOnNetwork makes onNetwork answer on for a test; the returned function puts the
// real check back.
func SetOnNetwork(on bool) (restore func()) {
	prev := onNetwork
	onNetwork = func() bool { return on }
	return func() { onNetwork = prev }
}
