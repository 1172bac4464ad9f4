package xlsx

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/hin-south-london/involve/app/report"
)

// TestCRC32Combine: the combined CRC is the CRC of the two pieces together, for
// pieces of every small length and some long ones.
func TestCRC32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 17))
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	cases := [][2]int{{0, 0}, {0, 5}, {5, 0}, {1 << 19, 1 << 19}, {3, 1<<20 - 3}}
	for a := range 40 {
		for b := range 40 {
			cases = append(cases, [2]int{a, b})
		}
	}
	for range 200 {
		cases = append(cases, [2]int{r.IntN(1 << 19), r.IntN(1 << 19)})
	}
	for _, c := range cases {
		a, b := data[:c[0]], data[c[0]:c[0]+c[1]]
		if got, want := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))), crc32.ChecksumIEEE(data[:c[0]+c[1]]); got != want {
			t.Fatalf("lengths %d + %d: %08x, want %08x", len(a), len(b), got, want)
		}
	}
}

// TestDeflatePieces: pieces deflated separately, each but the last ending with a
// sync flush, inflate (with the standard library) to the pieces together.
func TestDeflatePieces(t *testing.T) {
	pieces := [][]byte{[]byte(`<worksheet><sheetData><row r="1"/>`), bytes.Repeat([]byte(`<row r="2"><c r="A2"><v>1</v></c></row>`), 50000),
		{}, []byte(`</sheetData></worksheet>`)}
	var z, want []byte
	for i, p := range pieces {
		b, err := deflateBytes(p, i == len(pieces)-1)
		if err != nil {
			t.Fatal(err)
		}
		z, want = append(z, b...), append(want, p...)
	}
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("inflated %d bytes, want %d", len(got), len(want))
	}
}

// TestRowsTemporaryFilesRemoved: the row sheets' temporary files are gone after a
// workbook is written, and after one is cancelled half-way (the rows past 256 KiB
// had gone to the compressor).
func TestRowsTemporaryFilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // os.CreateTemp("") on Linux and macOS
	if _, err := Write(context.Background(), io.Discard, bigSource(50, 5000), report.Filter{}, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &cancelSource{MemSource: bigSource(5, 20000), n: 15000, cancel: cancel}
	if _, err := Write(ctx, io.Discard, src, report.Filter{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if entries, err := os.ReadDir(tmp); err != nil || len(entries) != 0 {
		t.Errorf("left behind: %v (%v)", entries, err)
	}
}
