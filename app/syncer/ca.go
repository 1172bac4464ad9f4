package syncer

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// A team's own certificate authority, as a person gives it (a file chosen or text
// pasted in Settings, or `involve connect --ca FILE`): checked before it is trusted.

// maxCAPEM is the most a certificate authority file may hold (a chain of a few
// certificates is a few kilobytes).
const maxCAPEM = 64 << 10

// CAInfo describes one certificate of a trusted certificate authority.
type CAInfo struct {
	Subject     string
	Issuer      string
	Fingerprint string // SHA-256 of the certificate (Fingerprint)
	NotAfter    time.Time
	IsCA        bool
}

// ParseCA checks that caPEM holds one or more certificates in PEM form and nothing
// else in PEM form, and describes them. A private key, a certificate request, or a
// certificate that cannot be read is refused with a sentence saying so: an EINVALID
// problem on the field "ca". Text outside the PEM blocks (comments some tools write)
// is allowed.
func ParseCA(caPEM string) ([]CAInfo, error) {
	bad := func(format string, a ...any) ([]CAInfo, error) {
		return nil, (involve.Problems{{Field: "ca", Message: fmt.Sprintf(format, a...)}}).Err("certificate authority")
	}
	if len(caPEM) > maxCAPEM {
		return bad("The certificate authority file is too big (%d KB; at most %d KB). Choose the authority's certificate only.", len(caPEM)>>10, maxCAPEM>>10)
	}
	var out []CAInfo
	rest := []byte(caPEM)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		switch {
		case strings.Contains(b.Type, "PRIVATE KEY"):
			return bad("This file holds a private key, not a certificate. Do not share it: ask your administrator for the certificate authority's certificate (-----BEGIN CERTIFICATE-----).")
		case b.Type != "CERTIFICATE":
			return bad("This file holds a %q block, not a certificate. Choose the certificate authority's certificate (-----BEGIN CERTIFICATE-----).", b.Type)
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return bad("The certificate in the file cannot be read (%v). Ask your administrator for the certificate authority's certificate again.", err)
		}
		out = append(out, CAInfo{Subject: c.Subject.String(), Issuer: c.Issuer.String(), Fingerprint: Fingerprint(c.Raw),
			NotAfter: c.NotAfter, IsCA: c.IsCA})
	}
	if len(out) == 0 {
		return bad("%s", msgCANone)
	}
	return out, nil
}
