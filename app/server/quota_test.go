package server_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/server"
)

func TestParseAndFormatSize(t *testing.T) {
	for in, want := range map[string]int64{
		"500MB": 500_000_000, "2GiB": 2 << 30, "1.5 GB": 1_500_000_000, "1048576": 1 << 20, "10kib": 10240, "3 b": 3, "0": 0,
	} {
		if got, err := server.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "GB", "-1GB", "1.2.3MB", "5 parsecs", "1e30", "99999999999 TiB"} {
		if got, err := server.ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, got)
		}
	}
	for n, want := range map[int64]string{512: "512 B", 2 << 30: "2 GiB", 500_000_000: "476.8 MiB", 1536: "1.5 KiB"} {
		if got := server.FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
