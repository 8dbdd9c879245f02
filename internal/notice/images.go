package notice

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // images may be JPEG photos
	_ "image/png"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// Image is a picture of an affected device, such as a photo of its label that
// shows where the lot number is. The file is the notice's, the same in every
// edition; its alternative text (what a reader who cannot see it is told) and
// its caption are translated like every other text.
type Image struct {
	ID string `yaml:"id"`
	// File is the PNG or JPEG file, relative to the notice folder.
	File string `yaml:"file"`
	// Alt says what the image shows, for readers who cannot see it.
	Alt *Text `yaml:"alt"`
	// Caption is shown under the image.
	Caption *Text `yaml:"caption,omitempty"`

	// Pos is where the file was named.
	Pos diag.Pos `yaml:"-" json:"-"`
	// Format is "png" or "jpeg", and Width and Height the size in pixels;
	// Parse reads them. The notice does not keep the file's content: the build
	// reads it (ReadImage) when it builds the notice's editions.
	Format string `yaml:"-" json:"format,omitempty"`
	Width  int    `yaml:"-" json:"width,omitempty"`
	Height int    `yaml:"-" json:"height,omitempty"`
}

// The limits of an image: the size of its file (input.Image) and its number
// of pixels, which bounds the memory decoding it takes. A photo of a label
// needs far less.
const (
	MaxImagePixels = 25_000_000
	MaxImageSide   = 10_000
)

// imageKind is an image file for input.ReadFile.
var imageKind = input.Kind{What: "PNG or JPEG image", MaxSize: 8 << 20}

// UnmarshalYAML reads an image and remembers where its file is named.
func (img *Image) UnmarshalYAML(node ast.Node) error {
	type plain Image // without this method
	var p plain
	if err := yaml.NodeToValue(node, &p, yaml.DisallowUnknownField()); err != nil {
		return err
	}
	*img = Image(p)
	tok := node.GetToken()
	img.Pos = diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}
	if m, ok := node.(ast.MapNode); ok {
		for it := m.MapRange(); it.Next(); {
			if it.Key().String() == "file" {
				tok := it.Value().GetToken()
				img.Pos = diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}
			}
		}
	}
	return nil
}

// Images returns every image of the notice, in document order.
func (n *Notice) Images() []*Image {
	var images []*Image
	for i := range n.Devices {
		for j := range n.Devices[i].Images {
			images = append(images, &n.Devices[i].Images[j])
		}
	}
	return images
}

// ImagePath returns the path of the file of img, an image of n.
func (n *Notice) ImagePath(img *Image) string {
	return filepath.Join(filepath.Dir(n.File), filepath.FromSlash(img.File))
}

// ImageName returns the name of the file of image img of device d in the
// notice's folder of out/, beside the Markdown editions that show it:
// "<notice>.<device>.<image>.png".
func (n *Notice) ImageName(d *Device, img *Image) string {
	ext := img.Format
	if ext == "jpeg" {
		ext = "jpg"
	}
	return fmt.Sprintf("%s.%s.%s.%s", n.ID, d.ID, img.ID, ext)
}

// validateImages checks the images of every device and reads their files:
// each has an id of its own in its device, alternative text, and a file in
// the notice folder that is a PNG or JPEG image fsn can decode, of at most
// imageKind.MaxSize and MaxImagePixels.
func (n *Notice) validateImages(errs *diag.List, top diag.Pos) {
	for _, d := range n.Devices {
		ids := map[string]bool{}
		for i := range d.Images {
			img := &d.Images[i]
			pos := top
			if img.Pos.Line > 0 {
				pos = img.Pos
				pos.File = n.File
			}
			switch {
			case !idPattern.MatchString(img.ID):
				errs.Errorf(pos, "image %d of device %q has no valid id; give it one such as \"label\"", i+1, d.ID)
			case ids[img.ID]:
				errs.Errorf(pos, "duplicate image id %q in device %q; each image of a device needs its own id", img.ID, d.ID)
			}
			ids[img.ID] = true
			switch {
			case img.Alt == nil:
				errs.Errorf(pos, "image %q of device %q has no alternative text; add \"alt:\" saying what it shows, for readers who cannot see it", img.ID, d.ID)
			case strings.TrimSpace(img.Alt.Value) == "":
				errs.Errorf(img.Alt.Pos, "the alternative text of image %q is empty; say what the image shows", img.ID)
			}
			if img.Caption != nil && strings.TrimSpace(img.Caption.Value) == "" {
				errs.Errorf(img.Caption.Pos, "the caption of image %q is empty; write it or remove \"caption:\"", img.ID)
			}
			if _, cfg, format, err := n.readImage(img); err != nil {
				errs.Errorf(pos, "image %q: %v", img.ID, err)
			} else {
				img.Format, img.Width, img.Height = format, cfg.Width, cfg.Height
			}
		}
	}
}

// ReadImage reads the file of img, an image of n, and checks it as Parse
// did; it returns the file's content and its size in pixels, which are those
// of the file now. An error is at the line of its file in notice.yaml.
func (n *Notice) ReadImage(img *Image) ([]byte, image.Config, error) {
	data, cfg, _, err := n.readImage(img)
	if err != nil {
		pos := img.Pos
		pos.File = n.File
		return nil, cfg, diag.Errorf(pos, "image %q: %v", img.ID, err)
	}
	return data, cfg, nil
}

// readImage reads and decodes the file of img, and returns its content,
// size and format.
func (n *Notice) readImage(img *Image) ([]byte, image.Config, string, error) {
	var none image.Config
	name := img.File
	switch {
	case strings.TrimSpace(name) == "":
		return nil, none, "", errors.New(`"file:" names no file; give the PNG or JPEG file, relative to the notice folder`)
	case strings.Contains(name, `\`):
		return nil, none, "", fmt.Errorf("%q has a backslash; separate folders with /", name)
	case !filepath.IsLocal(filepath.FromSlash(name)):
		return nil, none, "", fmt.Errorf("%q is outside the notice folder; put the image in the notice folder and name it relative to it, such as images/label.png", name)
	}
	want := ""
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png":
		want = "png"
	case ".jpg", ".jpeg":
		want = "jpeg"
	default:
		return nil, none, "", fmt.Errorf("%q is not a PNG or JPEG file; fsn takes .png, .jpg and .jpeg images", name)
	}
	path := n.ImagePath(img)
	dir, err := filepath.EvalSymlinks(filepath.Dir(n.File))
	if err == nil {
		var real string
		if real, err = filepath.EvalSymlinks(path); err == nil {
			if rel, err := filepath.Rel(dir, real); err != nil || !filepath.IsLocal(rel) {
				return nil, none, "", fmt.Errorf("%q is a link to a file outside the notice folder; copy the image into the notice folder", name)
			}
		}
	}
	data, err := input.ReadFile(path, imageKind)
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return nil, none, "", fmt.Errorf("%s: %s", name, d.Message)
		}
		return nil, none, "", fmt.Errorf("%s: %v", name, err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		return nil, none, "", fmt.Errorf("%s cannot be read as an image (%v); save it again as a PNG or JPEG file", name, err)
	case format != want:
		return nil, none, "", fmt.Errorf("%s is a %s image, not what its name says; name it for what it is", name, strings.ToUpper(format))
	case cfg.Width < 1 || cfg.Height < 1:
		return nil, none, "", fmt.Errorf("%s has no pixels", name)
	case cfg.Width > MaxImageSide || cfg.Height > MaxImageSide || cfg.Width*cfg.Height > MaxImagePixels:
		return nil, none, "", fmt.Errorf("%s is %d × %d pixels; an image may have at most %d pixels a side and %d million in all: make it smaller", name, cfg.Width, cfg.Height, MaxImageSide, MaxImagePixels/1_000_000)
	case cfg.ColorModel == color.CMYKModel:
		return nil, none, "", fmt.Errorf("%s is a CMYK JPEG; save it in RGB, the colour space of the PDF editions", name)
	}
	// Decoding the whole image finds a file that is cut short or damaged.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, none, "", fmt.Errorf("%s is damaged (%v); save it again as a PNG or JPEG file", name, err)
	}
	return data, cfg, format, nil
}
