package xlsx

import (
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// The workbook's parts are compressed with klauspost/compress's deflate instead of
// the standard library's (docs/decisions.md): the same format, several times faster.
// Most of a large workbook is one sheet's XML (the Feedback sheet: about 80 MB at
// 100 000 items), and the standard library's deflate took a third of the export's
// time on it.

// deflateLevel is the compression level. On the Feedback sheet of 100 000 items
// (80.7 MB of XML), measured in CPU time: the standard library's level 6 gives 5.8 MB;
// klauspost's level 4 7.5 MB in 0.14 s, level 5 6.5 MB in 0.18 s, level 6 6.1 MB in
// 0.22 s. Level 5 keeps the file close to its old size for little more time.
const deflateLevel = 5

// deflaters keeps compressors for reuse: each holds several hundred kilobytes of
// tables, and a workbook has some thirty parts.
var deflaters sync.Pool

// newDeflater is the zip writer's compressor for the Deflate method.
func newDeflater(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := deflaters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledDeflater{fw: fw}, nil
	}
	fw, err := flate.NewWriter(w, deflateLevel)
	if err != nil {
		return nil, err
	}
	return &pooledDeflater{fw: fw}, nil
}

// pooledDeflater gives its compressor back to the pool when closed.
type pooledDeflater struct{ fw *flate.Writer }

func (p *pooledDeflater) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledDeflater) Close() error {
	err := p.fw.Close()
	deflaters.Put(p.fw)
	p.fw = nil
	return err
}
