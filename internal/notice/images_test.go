package notice

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testPNG returns a PNG of w × h pixels.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngClaiming returns a PNG header that claims w × h pixels: enough for
// image.DecodeConfig, and nothing to decode.
func pngClaiming(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// imageNotice writes the minimal notice with images, the YAML of the pump's
// "images:" list, into a folder of its own holding files, and loads it.
func imageNotice(t *testing.T, images string, files map[string][]byte) (*Notice, error) {
	t.Helper()
	src, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "minimal")
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const anchor = "    version: \"≤ 3.1\"\n"
	if !bytes.Contains(src, []byte(anchor)) {
		t.Fatalf("testdata/minimal/notice.yaml has no line %q", anchor)
	}
	src = bytes.Replace(src, []byte(anchor), []byte(anchor+"    images:\n"+images), 1)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(dir)
}

// TestImages loads a notice with two images of a device: each is read, with
// its size, and its alternative text and caption are messages of their own.
func TestImages(t *testing.T) {
	label := testPNG(t, 30, 20)
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, image.NewGray(image.Rect(0, 0, 8, 6)), nil); err != nil {
		t.Fatal(err)
	}
	n, err := imageNotice(t, `      - id: label
        file: images/label.png
        alt: The label of the pump, with the lot number framed.
        caption: Where to find the lot number
      - id: side
        file: side.JPG
        alt: The side of the pump.
`, map[string][]byte{"images/label.png": label, "side.JPG": photo.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	imgs := n.Images()
	if len(imgs) != 2 {
		t.Fatalf("%d images, want 2", len(imgs))
	}
	if imgs[0].Format != "png" || imgs[0].Width != 30 || imgs[0].Height != 20 {
		t.Errorf("the label is a %s of %d × %d", imgs[0].Format, imgs[0].Width, imgs[0].Height)
	}
	data, cfg, err := n.ReadImage(imgs[0])
	if err != nil || !bytes.Equal(data, label) || cfg.Width != 30 {
		t.Errorf("ReadImage gives %d bytes, %d pixels wide (%v), want the label", len(data), cfg.Width, err)
	}
	if err := os.Remove(n.ImagePath(imgs[0])); err != nil {
		t.Fatal(err)
	}
	if _, _, err := n.ReadImage(imgs[0]); err == nil || !strings.Contains(err.Error(), "notice.yaml:27:15: error: image \"label\": images/label.png: cannot read the PNG or JPEG image: it does not exist") {
		t.Errorf("ReadImage of a file removed since gives %v", err)
	}
	if imgs[1].Format != "jpeg" || n.ImageName(&n.Devices[0], imgs[1]) != "minimal.pump.side.jpg" {
		t.Errorf("the photo is a %s named %s", imgs[1].Format, n.ImageName(&n.Devices[0], imgs[1]))
	}
	if got := n.ImagePath(imgs[0]); got != filepath.Join(n.Dir, "images", "label.png") {
		t.Errorf("ImagePath = %s", got)
	}
	ids := map[string]int{}
	for _, text := range n.Texts() {
		if strings.Contains(text.ID, ".images.") {
			ids[text.ID] = text.Pos.Line
		}
	}
	want := map[string]int{"devices.pump.images.label.alt": 28, "devices.pump.images.label.caption": 29, "devices.pump.images.side.alt": 32}
	if len(ids) != len(want) {
		t.Errorf("image messages %v, want %v", ids, want)
	}
	for id, line := range want {
		if ids[id] != line {
			t.Errorf("message %s on line %d, want %d", id, ids[id], line)
		}
	}
}

// TestBadImages checks each way an image can be wrong: the error names the
// line and column of its file (or of the text that is wrong) and what to do.
func TestBadImages(t *testing.T) {
	good := testPNG(t, 4, 4)
	outside := filepath.Join(t.TempDir(), "outside.png")
	if err := os.WriteFile(outside, good, 0o644); err != nil {
		t.Fatal(err)
	}
	image := func(file string) string {
		return "      - id: label\n        file: " + file + "\n        alt: The label.\n"
	}
	tests := []struct {
		name   string
		images string
		files  map[string][]byte
		pos    string
		msg    string
	}{
		{"missing file", image("label.png"), nil, "27:15", `image "label": label.png: cannot read the PNG or JPEG image: it does not exist`},
		{"not PNG or JPEG", image("label.gif"), map[string][]byte{"label.gif": []byte("GIF89a")}, "27:15", `"label.gif" is not a PNG or JPEG file`},
		{"outside the folder", image("../outside.png"), nil, "27:15", `"../outside.png" is outside the notice folder`},
		{"absolute path", image(outside), nil, "27:15", "is outside the notice folder"},
		{"backslash", image(`'images\label.png'`), nil, "27:15", "separate folders with /"},
		{"no file", "      - id: label\n        alt: The label.\n", nil, "26:11", `"file:" names no file`},
		{"not an image", image("label.png"), map[string][]byte{"label.png": []byte("hello")}, "27:15", "label.png cannot be read as an image"},
		{"named for another format", image("label.jpg"), map[string][]byte{"label.jpg": good}, "27:15", "label.jpg is a PNG image, not what its name says"},
		{"too many pixels", image("label.png"), map[string][]byte{"label.png": pngClaiming(6000, 6000)}, "27:15", "6000 × 6000 pixels; an image may have at most 10000 pixels a side and 25 million in all"},
		{"too wide", image("label.png"), map[string][]byte{"label.png": pngClaiming(20000, 10)}, "27:15", "20000 × 10 pixels"},
		{"cut short", image("label.png"), map[string][]byte{"label.png": good[:len(good)-20]}, "27:15", "label.png is damaged"},
		{"file too large", image("label.png"), map[string][]byte{"label.png": append(bytes.Clone(good), make([]byte, 8<<20)...)}, "27:15", "label.png: the PNG or JPEG image is 8.0 MiB; a PNG or JPEG image may be at most 8 MiB"},
		{"no alt", "      - id: label\n        file: label.png\n", map[string][]byte{"label.png": good}, "27:15", `image "label" of device "pump" has no alternative text`},
		{"blank alt", "      - id: label\n        file: label.png\n        alt: \" \"\n", map[string][]byte{"label.png": good}, "28:14", "the alternative text of image \"label\" is empty"},
		{"empty caption", image("label.png") + "        caption: \"\"\n", map[string][]byte{"label.png": good}, "29:18", `the caption of image "label" is empty`},
		{"bad id", "      - id: Label\n        file: label.png\n        alt: The label.\n", map[string][]byte{"label.png": good}, "27:15", `image 1 of device "pump" has no valid id`},
		{"duplicate id", image("label.png") + image("label.png"), map[string][]byte{"label.png": good}, "30:15", `duplicate image id "label" in device "pump"`},
		{"unknown field", image("label.png") + "        title: The label\n", map[string][]byte{"label.png": good}, "29:9", `unknown field "title"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := imageNotice(t, tt.images, tt.files)
			if err == nil {
				t.Fatal("the notice loads")
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %q, want one saying %q", err, tt.msg)
			}
			if !strings.Contains(err.Error(), "notice.yaml:"+tt.pos+":") {
				t.Errorf("error %q, want it at notice.yaml:%s", err, tt.pos)
			}
		})
	}
}

// TestImageLinkOutside refuses an image that is a link to a file outside
// the notice folder.
func TestImageLinkOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.png")
	if err := os.WriteFile(outside, testPNG(t, 2, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "minimal")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "label.png")); err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("    version: \"≤ 3.1\"\n"), []byte("    version: \"≤ 3.1\"\n    images:\n      - id: label\n        file: label.png\n        alt: The label.\n"), 1)
	if err := os.WriteFile(filepath.Join(dir, FileName), src, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(dir)
	if err == nil || !strings.Contains(err.Error(), `"label.png" is a link to a file outside the notice folder`) {
		t.Errorf("error %v, want the link refused", err)
	}
}
