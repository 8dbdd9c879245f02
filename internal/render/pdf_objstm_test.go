package render

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// objectStreamHead is the dictionary of an object stream as pdfFile.bytes writes it.
var objectStreamHead = regexp.MustCompile(`(\d+) 0 obj\n<</Type /ObjStm /N (\d+) /First (\d+) /Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// objectStreams returns the objects of each object stream of b, a PDF as
// pdfFile.bytes writes it, in the order of the file: their values by number.
func objectStreams(t *testing.T, b []byte) []map[int]string {
	t.Helper()
	var streams []map[int]string
	for _, m := range objectStreamHead.FindAllSubmatchIndex(b, -1) {
		num := func(i int) int {
			n, err := strconv.Atoi(string(b[m[2*i]:m[2*i+1]]))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		count, first, length := num(2), num(3), num(4)
		zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+length]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		fields := bytes.Fields(data[:first])
		if len(fields) != 2*count {
			t.Fatalf("object stream %d: %d numbers in its head, want %d", num(1), len(fields), 2*count)
		}
		objects := map[int]string{}
		for i := 0; i < len(fields); i += 2 {
			n, _ := strconv.Atoi(string(fields[i]))
			from, _ := strconv.Atoi(string(fields[i+1]))
			to := len(data) - first
			if i+3 < len(fields) {
				to, _ = strconv.Atoi(string(fields[i+3]))
			}
			objects[n] = string(data[first+from : first+to])
		}
		streams = append(streams, objects)
	}
	return streams
}

// TestObjectStreams checks that the objects a reader needs to show the pages
// (the page tree, the pages, their resources and fonts) are in a first, small
// object stream, and the structure tree in a second, so that a reader that
// inflates an object stream for each object it takes from it does not
// inflate the structure tree to read a page.
func TestObjectStreams(t *testing.T) {
	b := renderPDF(t, "notice.md", testMeta("en", "Field Safety Notice", "Page %d of %d"), nil)
	streams := objectStreams(t, b)
	if len(streams) != 2 {
		t.Fatalf("the PDF has %d object streams, want 2", len(streams))
	}
	kinds := regexp.MustCompile(`/Type /(Pages|Page|Font|FontDescriptor|StructElem|StructTreeRoot)\b`)
	for i, objects := range streams {
		size := 0
		for n, value := range objects {
			size += len(value)
			kind := kinds.FindStringSubmatch(value)
			if kind == nil {
				continue
			}
			if inFirst := kind[1] != "StructElem" && kind[1] != "StructTreeRoot"; inFirst != (i == 0) {
				t.Errorf("object %d, a %s, is in object stream %d", n, kind[1], i+1)
			}
		}
		t.Logf("object stream %d: %d objects, %d bytes", i+1, len(objects), size)
		if i == 0 && size > 8000 {
			t.Errorf("the first object stream holds %d bytes, more than the 8,000 a reader should inflate to read a page", size)
		}
	}
}
