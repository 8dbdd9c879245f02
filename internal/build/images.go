package build

import "github.com/fsn-tool/fsn/internal/notice"

// imageNames returns the names of the image files of n in its folder of out/,
// in the order the notice shows them. Every Markdown edition shows them by
// these names, so each lists them among its files: one file serves all.
func imageNames(n *notice.Notice) []string {
	var names []string
	for i := range n.Devices {
		d := &n.Devices[i]
		for j := range d.Images {
			names = append(names, n.ImageName(d, &d.Images[j]))
		}
	}
	return names
}
