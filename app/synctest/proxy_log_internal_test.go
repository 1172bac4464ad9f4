package synctest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestProxyLogsBeforeTheLaptopSeesTheEnd: an exchange the proxy breaks is in its log by
// the time the laptop's request has failed (a test reads the log as soon as its sync
// returns; logging after the hang-up made TestLostAnswer fail now and then on a busy
// machine). The logging is slowed down here so that the order shows every time.
func TestProxyLogsBeforeTheLaptopSeesTheEnd(t *testing.T) {
	recordDelay = 100 * time.Millisecond
	defer func() { recordDelay = 0 }()
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"ok":true}`))
	}))
	defer up.Close()
	p := NewProxy(up.URL)
	defer p.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for _, f := range []Fault{DropResponse, CutResponse, DropRequest, BadGateway, BadGatewayAfter, Pass} {
		p.Script(Action{Fault: f, Frac: 0.5})
		n0 := len(p.Log())
		res, err := client.Post(p.URL+"/v1/sync/push", "application/json", strings.NewReader(`{"changes":[]}`))
		if err == nil {
			_, err = io.ReadAll(res.Body)
			res.Body.Close()
		}
		if (f == DropResponse || f == CutResponse || f == DropRequest) && err == nil {
			t.Errorf("%s: the request went through", faultNames[f])
		}
		if ev := p.Log()[n0:]; len(ev) != 1 || ev[0].Fault != f {
			t.Errorf("%s: the log right after the laptop saw the end: %+v, want the exchange", faultNames[f], ev)
		}
	}
}
