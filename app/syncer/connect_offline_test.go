package syncer_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// failingDial is an HTTP client whose every connection fails with err, as the
// resolver or the network stack of a laptop fails it.
func failingDial(err error) *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext: func(context.Context, string, string) (net.Conn, error) { return nil, err },
	}}
}

func dnsNotFound() error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "involve.example.nhs.uk", IsNotFound: true}}
}

// A failed connection caused by the network says "may be offline"; only a name the DNS
// does not know while the laptop is on a network is a wrong address.
func TestConnectOfflineOrWrongAddress(t *testing.T) {
	const url = "https://involve.example.nhs.uk"
	offline := func(t *testing.T, err error) {
		t.Helper()
		msg := involve.ErrorMessage(err)
		if involve.ErrorCode(err) != involve.EUNAVAILABLE || !strings.Contains(msg, "may be offline") || strings.Contains(msg, "no server called") {
			t.Fatalf("want an EUNAVAILABLE 'may be offline', got %v (%q)", err, msg)
		}
		if !strings.Contains(msg, url) {
			t.Fatalf("the message does not name the server: %q", msg)
		}
	}
	connect := func(t *testing.T, on bool, hc *http.Client, u string) error {
		t.Helper()
		defer syncer.SetOnNetwork(on)()
		_, err := syncer.Connect(context.Background(), storetest.Open(t), u, "GOOD-CODE", hc)
		if err == nil {
			t.Fatal("connected")
		}
		return err
	}

	t.Run("UnknownNameOnANetworkIsAWrongAddress", func(t *testing.T) {
		err := connect(t, true, failingDial(dnsNotFound()), url)
		f := involve.ErrorFields(err)
		if len(f) != 1 || f[0].Field != "url" || f[0].Message != "There is no server called involve.example.nhs.uk. Check the address" {
			t.Fatalf("%v %+v", err, f)
		}
	})
	t.Run("UnknownNameWithNoNetworkMayBeOffline", func(t *testing.T) {
		offline(t, connect(t, false, failingDial(dnsNotFound()), url))
	})
	t.Run("DNSServerNotAnsweringMayBeOffline", func(t *testing.T) {
		err := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "involve.example.nhs.uk", IsTemporary: true}}
		offline(t, connect(t, true, failingDial(err), url))
	})
	t.Run("NetworkUnreachableMayBeOffline", func(t *testing.T) {
		err := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
		offline(t, connect(t, true, failingDial(err), url))
	})
	t.Run("RefusedWithNoNetworkMayBeOffline", func(t *testing.T) {
		err := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
		offline(t, connect(t, false, failingDial(err), url))
	})
	t.Run("RefusedOnANetworkIsUnreachable", func(t *testing.T) {
		gone := httptest.NewServer(http.NotFoundHandler())
		gone.Close() // a real closed port on this computer
		for _, on := range []bool{true, false} {
			err := connect(t, on, nil, gone.URL)
			msg := involve.ErrorMessage(err)
			if involve.ErrorCode(err) != involve.EUNAVAILABLE || !strings.Contains(msg, "could not reach the server") || strings.Contains(msg, "offline") && !strings.Contains(msg, "online") {
				t.Fatalf("network %v: %v", on, err)
			}
			if strings.Contains(msg, "may be offline") {
				t.Fatalf("a server on this computer does not need a network: %q", msg)
			}
		}
	})
}
