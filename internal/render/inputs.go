package render

// Files returns the path of every file the templates were read from: the page
// templates, the style sheet, the PDF style and each font and logo it names.
// Changing any of them changes an edition.
func (t *Templates) Files() []string {
	var files []string
	for _, name := range []string{MarkdownTemplateFile, PageTemplateFile, StyleSheetFile, PDFStyleFile} {
		files = append(files, t.Dir.File(name))
	}
	if s := t.PDFStyle; s != nil {
		f := s.Fonts
		for _, p := range []string{f.Regular, f.Bold, f.Italic, f.BoldItalic, f.Mono, f.MonoBold, s.Logo.File} {
			if p != "" {
				files = append(files, s.file(p))
			}
		}
	}
	return files
}
