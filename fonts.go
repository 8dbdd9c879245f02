package fsn

import "embed"

// Fonts are the default fonts of the PDF edition, templates/fonts/*.ttf
// (Liberation Sans and Liberation Mono), with their licence, OFL.txt. A style
// face left empty in templates/pdf.yaml is set in them.
//
//go:embed templates/fonts/*.ttf templates/fonts/OFL.txt
var Fonts embed.FS
