package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"github.com/klauspost/compress/flate"
)

// A row sheet's data rows are compressed as they are written, on a goroutine of their
// own (the other core, while this one reads the database and formats the rows), into
// a temporary file. When the workbook is zipped, the sheet's part is the deflated
// XML before the rows, then the rows as compressed, then the deflated rest: each piece
// but the last ends with a sync flush (an empty stored block), so that together they
// are one deflate stream, and the part's CRC-32 is combined from the pieces' (zlib's
// crc32_combine). rowzip_test.go checks both.

// rowsChunk is how much of a sheet's rows is formatted before it goes to be
// compressed. At most seven chunks are in memory (being formatted, waiting, being
// compressed, kept for reuse).
const rowsChunk = 256 << 10

// sheetRows is one sheet's data rows: the chunk being formatted, and the compressor.
type sheetRows struct {
	buf  []byte
	work chan []byte // chunks to compress
	free chan []byte // chunks compressed, for reuse
	done chan error  // the compressor's end
	tmp  *os.File
	// Set by the compressor before it ends: the rows' CRC-32 and size, and their
	// compressed size in tmp.
	crc   uint32
	size  int64
	zsize int64
	ended bool
	err   error
}

// spill sends the chunk to be compressed once it holds rowsChunk.
func (r *sheetRows) spill() error {
	if len(r.buf) < rowsChunk {
		return nil
	}
	return r.send()
}

func (r *sheetRows) send() error {
	if r.work == nil {
		f, err := os.CreateTemp("", "involve-rows-")
		if err != nil {
			return fmt.Errorf("writing the workbook: cannot make a temporary file: %w", err)
		}
		r.tmp = f
		r.work, r.free, r.done = make(chan []byte, 2), make(chan []byte, 4), make(chan error, 1)
		go r.compress()
	}
	r.work <- r.buf
	select {
	case b := <-r.free:
		r.buf = b[:0]
	default:
		r.buf = make([]byte, 0, rowsChunk+rowsChunk/4)
	}
	return nil
}

// compress deflates every chunk into tmp, ending with a sync flush (not a final block).
func (r *sheetRows) compress() {
	bw := bufio.NewWriterSize(r.tmp, 256<<10)
	cw := &countingWriter{}
	fw, err := flate.NewWriter(io.MultiWriter(bw, cw), deflateLevel)
	var crc uint32
	var size int64
	for b := range r.work {
		if err == nil {
			crc = crc32.Update(crc, crc32.IEEETable, b)
			size += int64(len(b))
			_, err = fw.Write(b)
		}
		select {
		case r.free <- b:
		default:
		}
	}
	if err == nil {
		err = fw.Flush()
	}
	if err == nil {
		err = bw.Flush()
	}
	r.crc, r.size, r.zsize = crc, size, cw.n
	r.done <- err
}

// finish compresses what is left and waits for the compressor.
func (r *sheetRows) finish() error {
	if r.ended {
		return r.err
	}
	if len(r.buf) > 0 || r.work == nil {
		if err := r.send(); err != nil {
			return err
		}
	}
	close(r.work)
	r.err = <-r.done
	r.ended = true
	return r.err
}

// close stops the compressor and removes the temporary file.
func (r *sheetRows) close() error {
	r.buf = nil
	if r.work == nil {
		return nil
	}
	if !r.ended {
		close(r.work)
		<-r.done
		r.ended = true
	}
	name := r.tmp.Name()
	err := r.tmp.Close()
	return errors.Join(err, os.Remove(name))
}

// writePart writes a row sheet's part: head (the XML up to the end of its sheet data,
// the header row included), the rows, then tail.
func (r *sheetRows) writePart(z *zip.Writer, name string, head, tail []byte) error {
	if !r.ended || r.err != nil {
		return fmt.Errorf("writing the workbook: the rows of %s are not complete", name)
	}
	hz, err := deflateBytes(head, false)
	if err != nil {
		return err
	}
	tz, err := deflateBytes(tail, true)
	if err != nil {
		return err
	}
	crc := crc32Combine(crc32.ChecksumIEEE(head), r.crc, r.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(int64(len(hz)) + r.zsize + int64(len(tz))),
		UncompressedSize64: uint64(int64(len(head)) + r.size + int64(len(tail)))})
	if err != nil {
		return err
	}
	if _, err := w.Write(hz); err != nil {
		return err
	}
	if _, err := io.CopyBuffer(w, io.NewSectionReader(r.tmp, 0, r.zsize), make([]byte, 256<<10)); err != nil {
		return err
	}
	_, err = w.Write(tz)
	return err
}

// deflateBytes compresses b as a piece of a deflate stream: ending with a sync flush,
// or, when final, with the stream's final block.
func deflateBytes(b []byte, final bool) ([]byte, error) {
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, deflateLevel)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(b); err != nil {
		return nil, err
	}
	if final {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return out.Bytes(), err
}

// crc32Combine is the CRC-32 (IEEE) of A followed by B, from A's CRC, B's CRC and B's
// length (zlib's crc32_combine: appending lenB zero bits to crcA is a linear map,
// applied by repeated squaring of the one-zero-bit operator).
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the polynomial, for one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four zero bits
	for {
		gf2Square(&even, &odd) // the first pass: one zero byte
		if lenB&1 != 0 {
			crcA = gf2Times(&even, crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
		gf2Square(&odd, &even)
		if lenB&1 != 0 {
			crcA = gf2Times(&odd, crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
