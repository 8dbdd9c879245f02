// Package xrefstream writes the cross-reference streams of PDF 1.5 and
// later (ISO 32000-1, 7.5.8): the compact, compressed form of a
// cross-reference section that a file with object streams must use, and that
// every incremental update of such a file uses in turn. The editions' writer
// (internal/render) and the signer's incremental updates (internal/sign)
// both write them here, so that the two agree byte for byte on the format.
package xrefstream

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
)

// Kind is the type of a cross-reference stream entry (ISO 32000-1, table 18).
type Kind byte

const (
	// Free is a free object number (type 0).
	Free Kind = 0
	// InFile is an object at a byte offset of the file (type 1).
	InFile Kind = 1
	// InStream is an object stored in an object stream (type 2).
	InStream Kind = 2
)

// Entry is one object's entry: where it is and its generation.
type Entry struct {
	Num  int  // object number
	Kind Kind // Free, InFile or InStream
	// At is the byte offset (InFile), the object stream's number
	// (InStream) or the next free object number (Free).
	At int
	// Gen is the generation (InFile, Free) or the index of the object
	// within its object stream (InStream).
	Gen int
}

// Write appends to b, at its current length, the cross-reference stream
// object self for entries (in any order, one each), whose own entry Write
// adds, and returns the offset where it starts, for startxref. trailer holds
// the trailer's entries other than /Type, /Size, /Index, /W and the stream's
// own (/Root, /Info, /ID and /Prev as PDF syntax, such as "/Root 1 0 R");
// size is the trailer's /Size, at least self+1. The data are compressed
// with the PNG Up predictor, as is usual, and the output is the same for the
// same input.
func Write(b *bytes.Buffer, self int, size int, entries []Entry, trailer string) int {
	at := b.Len()
	all := append(slices.Clone(entries), Entry{Num: self, Kind: InFile, At: at})
	slices.SortFunc(all, func(x, y Entry) int { return x.Num - y.Num })
	w2, w3 := 1, 1
	for _, e := range all {
		w2, w3 = max(w2, width(e.At)), max(w3, width(e.Gen))
	}
	row := 1 + w2 + w3
	var index []int // pairs: first object number, count
	raw := make([]byte, 0, len(all)*(row+1))
	prev := make([]byte, row)
	cur := make([]byte, row)
	for i, e := range all {
		if i == 0 || e.Num != all[i-1].Num+1 {
			index = append(index, e.Num, 0)
		}
		index[len(index)-1]++
		cur[0] = byte(e.Kind)
		put(cur[1:1+w2], e.At)
		put(cur[1+w2:], e.Gen)
		raw = append(raw, 2) // PNG Up
		for k := range cur {
			raw = append(raw, cur[k]-prev[k])
		}
		copy(prev, cur)
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(raw)
	zw.Close()
	fmt.Fprintf(b, "%d 0 obj\n<</Type /XRef /Size %d /Index [%s] /W [1 %d %d] %s /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns %d>> /Length %d>>\nstream\n",
		self, size, strings.Trim(fmt.Sprint(index), "[]"), w2, w3, trailer, row, z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	return at
}

// width returns the bytes that v needs, big-endian.
func width(v int) int {
	n := 1
	for v > 0xFF {
		v >>= 8
		n++
	}
	return n
}

// put writes v big-endian into dst, which it fills.
func put(dst []byte, v int) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte(v)
		v >>= 8
	}
}
