package desktop

import (
	"strings"

	"github.com/hin-south-london/involve/app/syncer"
)

// The team's own certificate authority in Settings → Sync: checked before connecting
// (CheckCertificateAuthority), given with ConnectServer, shown (GetTrustedCA) and
// removed (RemoveTrustedCA). It is stored with the connection (meta sync_ca_pem, as
// `involve connect --ca FILE` stores it); while set, it is the only authority trusted
// for the server.

// TrustedCA describes a certificate authority: its first certificate's subject and
// SHA-256 fingerprint (hex pairs), when it expires, and how many certificates the PEM
// holds. Present is false when there is none (the system's authorities are trusted).
type TrustedCA struct {
	Present      bool   `json:"present"`
	Subject      string `json:"subject"`
	Fingerprint  string `json:"fingerprint"`
	NotAfter     string `json:"notAfter"`
	Certificates int    `json:"certificates"`
}

func trustedCA(caPEM string) (TrustedCA, error) {
	if caPEM == "" {
		return TrustedCA{}, nil
	}
	certs, err := syncer.ParseCA(caPEM)
	if err != nil {
		return TrustedCA{}, err
	}
	c := certs[0]
	return TrustedCA{Present: true, Subject: c.Subject, Fingerprint: c.Fingerprint, NotAfter: formatTime(c.NotAfter.UTC()),
		Certificates: len(certs)}, nil
}

// CheckCertificateAuthority checks a certificate authority's PEM (a file chosen or
// text pasted) and describes it, so the person can compare its fingerprint with the
// one their administrator gave. Anything but certificates (a private key, say) is a
// field error on "ca". Nothing is stored.
func (a *App) CheckCertificateAuthority(caPEM string) (TrustedCA, error) {
	if err := a.refuseInKiosk(); err != nil {
		return TrustedCA{}, err
	}
	if strings.TrimSpace(caPEM) == "" {
		_, err := syncer.ParseCA("")
		return TrustedCA{}, err
	}
	return trustedCA(caPEM)
}

// GetTrustedCA describes the certificate authority trusted for the server, if any.
func (a *App) GetTrustedCA() (TrustedCA, error) {
	db, err := a.store()
	if err != nil {
		return TrustedCA{}, err
	}
	set, err := db.SyncSettings(a.ctx)
	if err != nil {
		return TrustedCA{}, err
	}
	ca, err := trustedCA(set.CAPEM)
	if err != nil {
		// stored by an older version without the checks: say what it is not
		a.log.Printf("stored certificate authority: %v", err)
		return TrustedCA{Present: true, Subject: "(cannot be read)"}, nil
	}
	return ca, nil
}

// RemoveTrustedCA stops trusting the team's own certificate authority: from the next
// sync the server's certificate must be issued by one of the system's authorities.
func (a *App) RemoveTrustedCA() (TrustedCA, error) {
	db, err := a.store()
	if err != nil {
		return TrustedCA{}, err
	}
	if err := db.SaveSyncCA(a.ctx, ""); err != nil {
		return TrustedCA{}, err
	}
	a.syncStatusChanged()
	return TrustedCA{}, nil
}
