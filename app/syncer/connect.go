package syncer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Messages of the connect form (NHS.UK style: say what to do).
const (
	msgURLMissing      = "Enter the server address, like https://involve.example.nhs.uk"
	msgURLFormat       = "Enter the server address in the correct format, like https://involve.example.nhs.uk"
	msgURLHTTPS        = "The server address must start with https:// (plain http:// is only for a server on this computer)"
	msgNotInvolve      = "There is no Involve server at this address. Check the address, like https://involve.example.nhs.uk"
	msgCodeMissing     = "Enter the enrolment code, like K7QD-9XWM-3PTR"
	msgCodeTooLong     = "The enrolment code must be 64 characters or fewer"
	msgCodeInvalid     = "This enrolment code is not valid. Codes work once and expire: ask an administrator for a new one"
	msgUnreachable     = "Involve could not reach the server at %s. Check the address and that this laptop is online, then try again."
	msgMayBeOffline    = "This laptop may be offline: Involve could not reach the server at %s. Check the Wi-Fi or network connection, then try again. Your work is saved on this laptop."
	msgNoSuchServer    = "There is no server called %s. Check the address"
	msgTooOld          = "This version of Involve cannot sync with this server. Install the newer version of Involve."
	msgTooManyTries    = "The server has had too many attempts to connect. Wait a minute, then try again."
	msgServerFault     = "The server had a problem and could not connect this laptop. Try again later."
	msgCANone          = "The certificate authority file must hold a certificate in PEM form (-----BEGIN CERTIFICATE-----)"
	msgCertificate     = "The certificate of the server at %s is %s, so Involve did not connect: it may not be your team's server. Ask your administrator to check the certificate's SHA-256 fingerprint %s (if your team uses its own certificate authority, connect with its certificate)."
	msgAlreadyEnrolled = "This laptop is already enrolled with the server. To connect it again, ask an administrator for a code made for this laptop (involve-server device reenrol)"
)

// NormalizeURL checks a server address a person typed and returns it without a
// trailing slash. A missing scheme means https; http is accepted only for a server on
// this computer (tests, a local trial), because the device token would otherwise cross
// the network in clear. The problem is an EINVALID error on the field "url".
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	bad := func(msg string) (string, error) {
		return "", (involve.Problems{{Field: "url", Message: msg}}).Err("server address")
	}
	if raw == "" {
		return bad(msgURLMissing)
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(u.Host, " ") {
		return bad(msgURLFormat)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !isLoopback(raw) {
			return bad(msgURLHTTPS)
		}
	default:
		return bad(msgURLFormat)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return strings.TrimRight(u.String(), "/"), nil
}

// DeviceName is what the server calls this laptop: its host name.
func DeviceName() string {
	if h, err := os.Hostname(); err == nil && strings.TrimSpace(h) != "" {
		return strings.TrimSpace(h)
	}
	return "Involve laptop"
}

// Connect enrols this laptop with the server at rawURL using a one-time enrolment code
// and stores the connection in db. Problems a person can fix are EINVALID errors with
// fields "url" and "code" (a wrong, used or expired code is a problem with "code");
// a server that cannot be reached is EUNAVAILABLE. hc nil: DefaultHTTPClient.
func Connect(ctx context.Context, db Store, rawURL, code string, hc *http.Client) (Settings, error) {
	return ConnectCA(ctx, db, rawURL, code, nil, hc)
}

// ConnectCA is Connect trusting only the certificate authority caPEM (PEM, a team's
// own) for the server's certificate; it is stored with the connection and trusted for
// every later request. caPEM nil: the system's authorities. A file with no certificate
// in it is an EINVALID problem with the field "ca".
func ConnectCA(ctx context.Context, db Store, rawURL, code string, caPEM []byte, hc *http.Client) (Settings, error) {
	var p involve.Problems
	if caPEM != nil {
		if _, err := ParseCA(string(caPEM)); err != nil {
			p = append(p, involve.ErrorFields(err)...)
		}
	}
	base, err := NormalizeURL(rawURL)
	if err != nil {
		p = append(p, involve.ErrorFields(err)...)
	}
	code = strings.TrimSpace(code)
	switch {
	case code == "":
		p.Add("code", msgCodeMissing)
	case len(code) > 64:
		p.Add("code", msgCodeTooLong)
	}
	if err := p.Err("connection"); err != nil {
		return Settings{}, err
	}
	c, err := newClient(base, "", hc, string(caPEM), CompressAuto)
	if err != nil {
		return Settings{}, err
	}
	info, err := c.Info(ctx)
	if err != nil {
		return Settings{}, connectError(base, err, true)
	}
	if info.Service != "" && info.Service != "involve-server" {
		return Settings{}, (involve.Problems{{Field: "url", Message: msgNotInvolve}}).Err("connection")
	}
	if info.MinProtocol > syncapi.Protocol {
		return Settings{}, involve.Errorf(involve.EUNAVAILABLE, msgTooOld)
	}
	name := DeviceName()
	resp, err := c.Enrol(ctx, syncapi.EnrolRequest{Code: code, DeviceID: db.DeviceID(), DeviceName: name, UserName: db.UserName()})
	if err != nil {
		return Settings{}, connectError(base, err, false)
	}
	if resp.Token == "" {
		return Settings{}, involve.Errorf(involve.EUNAVAILABLE, msgServerFault)
	}
	limits := resp.Limits
	if limits == (syncapi.Limits{}) {
		limits = info.Limits
	}
	conn := Connection{ServerURL: base, DeviceToken: resp.Token, TeamID: resp.Team.ID,
		TeamName: resp.Team.Name, DeviceName: name, Limits: limits, CAPEM: string(caPEM), Role: resp.Role}
	if err := SaveConnection(ctx, db, conn); err != nil {
		return Settings{}, err
	}
	return db.SyncSettings(ctx)
}

// SaveConnection stores a new connection and acts on its role at once, in one
// transaction (role.go): enrolled with a role that may not hold some kinds of record
// already on this laptop (one re-enrolled for capture, or used before connecting),
// they are removed (Settings.RoleNotice says what went); with one that may hold more
// than before, the pull starts again from the beginning.
func SaveConnection(ctx context.Context, db Store, c Connection) error {
	if _, err := roleNamed(c.Role); err != nil {
		return involve.Errorf(involve.EUNAVAILABLE, msgTooOld)
	}
	var rc *RoleChange
	err := db.SyncTx(ctx, func(tx Tx) error {
		var err error
		if rc, err = changeRole(tx, c.Role); err != nil {
			return err
		}
		return tx.SaveConnection(c)
	})
	if err != nil {
		return err
	}
	_ = compactAfter(ctx, db, rc) // best effort: the records are gone from every table
	return nil
}

// connectError turns a failed info or enrol request into an error for people.
func connectError(base string, err error, info bool) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	var ce *Error
	if !errors.As(err, &ce) {
		return err
	}
	var certErr *CertificateError
	switch {
	case errors.As(ce.Err, &certErr):
		return involve.Errorf(involve.EUNAVAILABLE, msgCertificate, base, certErr.Reason, certErr.Fingerprint)
	case ce.Status == 0:
		return noAnswerError(base, ce.Err)
	case ce.Status == 502 || ce.Status == 503 || ce.Status == 504:
		return involve.Errorf(involve.EUNAVAILABLE, msgUnreachable, base)
	case ce.Status == 429:
		return involve.Errorf(involve.EUNAVAILABLE, msgTooManyTries)
	case ce.Status == 426:
		return involve.Errorf(involve.EUNAVAILABLE, msgTooOld)
	case info && ce.Status >= 400 && ce.Status < 500:
		return (involve.Problems{{Field: "url", Message: msgNotInvolve}}).Err("connection")
	case ce.Status == 401 || ce.Status == 403:
		return (involve.Problems{{Field: "code", Message: msgCodeInvalid}}).Err("connection")
	case ce.Status == 409:
		// This laptop's id is enrolled already: only a code an administrator made for it
		// (involve-server device reenrol) connects it again.
		return (involve.Problems{{Field: "code", Message: msgAlreadyEnrolled}}).Err("connection")
	case ce.Status == 400:
		msg := strings.TrimSuffix(ce.API.Message, ".")
		if msg == "" {
			msg = msgCodeInvalid
		}
		return (involve.Problems{{Field: "code", Message: msg}}).Err("connection")
	}
	return involve.Errorf(involve.EUNAVAILABLE, msgServerFault)
}

// noAnswerError says why no answer came to a connect request. A name the DNS does not
// know is a wrong address only when this laptop is on a network: offline, a resolver
// (Windows' especially) answers "not found" for every name. No network, a DNS server
// that did not answer, or a network or host that cannot be reached: the laptop may be
// offline. Anything else (refused, reset, a timeout): the server could not be reached.
func noAnswerError(base string, err error) error {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound && !dnsErr.IsTemporary && !dnsErr.IsTimeout && onNetwork() {
			return (involve.Problems{{Field: "url", Message: fmt.Sprintf(msgNoSuchServer, hostOf(base))}}).Err("connection")
		}
		return involve.Errorf(involve.EUNAVAILABLE, msgMayBeOffline, base)
	}
	if errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETDOWN) || (!isLoopback(base) && !onNetwork()) {
		return involve.Errorf(involve.EUNAVAILABLE, msgMayBeOffline, base)
	}
	return involve.Errorf(involve.EUNAVAILABLE, msgUnreachable, base)
}

// onNetwork reports whether this laptop has a network: an interface that is up with an
// address other than loopback or link-local (a variable for tests).
var onNetwork = func() bool {
	ifaces, err := net.Interfaces()
	if err != nil {
		return true // not known: do not claim the laptop is offline
	}
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && ipn.IP.IsGlobalUnicast() {
				return true
			}
		}
	}
	return false
}

func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.Hostname()
}
