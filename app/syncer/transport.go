package syncer

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The transport rules, checked on every request (not only when connecting): the
// device token goes over https, or over plain http to this computer only; a
// certificate the laptop does not trust is reported as a certificate problem, naming
// the certificate, and never as a server that could not be reached.

// Codes of a request refused before or during the TLS handshake (Error.Code, and the
// code kept in the sync settings).
const (
	CodeInsecure    = "insecure"    // the address is not https: nothing was sent
	CodeCertificate = "certificate" // the server's certificate is not trusted
)

// InsecureURLError is a request refused because its address is plain http to another
// computer: the device token would cross the network in clear. Nothing was sent (not
// even a DNS look-up or a connection); trying again cannot help until the laptop is
// connected again with an https address.
type InsecureURLError struct{ URL string }

func (e *InsecureURLError) Error() string {
	return fmt.Sprintf("refused to send the device token to %s: the address must start with https:// (plain http:// is only for a server on this computer)", e.URL)
}

// CertificateError is a TLS handshake that failed because the server's certificate is
// not trusted: issued by an authority this laptop does not trust, issued for another
// name, or expired. Fingerprint is the SHA-256 of the server's own certificate (the
// first it sent) as openssl prints it, for the administrator to compare.
type CertificateError struct {
	Host        string
	Reason      string
	Fingerprint string
	Err         error
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("certificate problem: the certificate of %s is %s (SHA-256 fingerprint %s)", e.Host, e.Reason, e.Fingerprint)
}

func (e *CertificateError) Unwrap() error { return e.Err }

// Fingerprint is the SHA-256 of a certificate's DER bytes in upper-case hex pairs
// separated by colons, as `openssl x509 -noout -fingerprint -sha256` prints it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	var b strings.Builder
	for i, c := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", c)
	}
	return b.String()
}

// checkTransport applies the https rule to one request's address.
func checkTransport(u *url.URL) error {
	switch {
	case strings.EqualFold(u.Scheme, "https"):
		return nil
	case strings.EqualFold(u.Scheme, "http") && isLoopbackHost(u.Hostname()):
		return nil
	}
	safe := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path} // no query, no user
	return &InsecureURLError{URL: safe.String()}
}

// guard is hc with the https rule applied to every redirect too: a server (or anyone
// in the middle of a plain connection to this computer) cannot send the token
// elsewhere in clear. A redirect to another host loses the token anyway (net/http).
func guard(hc *http.Client) *http.Client {
	g := *hc
	next := hc.CheckRedirect
	g.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := checkTransport(req.URL); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &g
}

// certificateError finds a certificate problem in a failed request's error (nil if it
// is not one).
func certificateError(host string, err error) *CertificateError {
	var (
		cve     *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		name    x509.HostnameError
		invalid x509.CertificateInvalidError
		leaf    *x509.Certificate
		reason  string
	)
	switch {
	case errors.As(err, &unknown):
		leaf, reason = unknown.Cert, "not issued by an authority this laptop trusts"
	case errors.As(err, &name):
		leaf, reason = name.Certificate, "issued for another name"
	case errors.As(err, &invalid):
		leaf, reason = invalid.Cert, "not valid"
		if invalid.Reason == x509.Expired {
			reason = "expired or not yet valid"
		}
	case errors.As(err, &cve):
		reason = "not trusted"
	default:
		return nil
	}
	if errors.As(err, &cve) && len(cve.UnverifiedCertificates) > 0 {
		leaf = cve.UnverifiedCertificates[0] // the server's own, even when a chain failed
	}
	fp := "unknown"
	if leaf != nil {
		fp = Fingerprint(leaf.Raw)
	}
	return &CertificateError{Host: host, Reason: reason, Fingerprint: fp, Err: err}
}

// ErrNoCertificates is a certificate authority file with no PEM certificate in it.
var ErrNoCertificates = errors.New("no PEM certificate (-----BEGIN CERTIFICATE-----) in the file")

// certPool is the pool of the certificates in caPEM.
func certPool(caPEM string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM([]byte(caPEM)) {
		return nil, ErrNoCertificates
	}
	return pool, nil
}

// trusting is hc (nil: DefaultHTTPClient) trusting only the certificate authority in
// caPEM for the server's certificate, or hc itself when caPEM is "". hc's transport
// must then be an *http.Transport (it is cloned, never changed).
func trusting(hc *http.Client, caPEM string) (*http.Client, error) {
	if hc == nil {
		hc = DefaultHTTPClient()
	}
	if caPEM == "" {
		return hc, nil
	}
	pool, err := certPool(caPEM)
	if err != nil {
		return nil, err
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	tr, ok := rt.(*http.Transport)
	if !ok {
		return nil, fmt.Errorf("a certificate authority needs an *http.Transport, not %T", rt)
	}
	tr = tr.Clone()
	if tr.TLSClientConfig == nil {
		tr.TLSClientConfig = &tls.Config{}
	}
	tr.TLSClientConfig.RootCAs = pool
	tr.TLSClientConfig.MinVersion = max(tr.TLSClientConfig.MinVersion, tls.VersionTLS12)
	th := *hc
	th.Transport = tr
	return &th, nil
}
