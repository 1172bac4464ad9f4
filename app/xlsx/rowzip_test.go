package xlsx

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"testing"
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
