package syncer_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// testCA makes a self-signed certificate authority: its PEM and its key's PEM.
func testCA(t *testing.T, name string) (certPEM, keyPEM string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: name, Organization: []string{"NHS Trust"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}))
}

func TestParseCA(t *testing.T) {
	ca, key := testCA(t, "Trust Root CA")
	block, _ := pem.Decode([]byte(ca))
	certs, err := syncer.ParseCA("subject=CN = Trust Root CA\n" + ca)
	if err != nil || len(certs) != 1 {
		t.Fatalf("%+v %v", certs, err)
	}
	if c := certs[0]; c.Subject != "CN=Trust Root CA,O=NHS Trust" || c.Fingerprint != syncer.Fingerprint(block.Bytes) || !c.IsCA ||
		!c.NotAfter.Equal(time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v", c)
	}
	other, _ := testCA(t, "Issuing CA")
	if certs, err := syncer.ParseCA(ca + other); err != nil || len(certs) != 2 {
		t.Fatalf("a chain: %d, %v", len(certs), err)
	}
	for name, tc := range map[string]struct{ pem, want string }{
		"empty":        {"", "must hold a certificate in PEM form"},
		"plain text":   {"not a certificate", "must hold a certificate in PEM form"},
		"private key":  {key, "private key"},
		"key and cert": {ca + key, "private key"},
		"request":      {"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n", `"CERTIFICATE REQUEST" block`},
		"broken":       {"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "cannot be read"},
		"too big":      {ca + strings.Repeat("x", 70<<10), "too big"},
	} {
		_, err := syncer.ParseCA(tc.pem)
		f := involve.ErrorFields(err)
		if involve.ErrorCode(err) != involve.EINVALID || len(f) != 1 || f[0].Field != "ca" || !strings.Contains(f[0].Message, tc.want) {
			t.Errorf("%s: %v (%+v), want a problem on ca saying %q", name, err, f, tc.want)
		}
	}
}
