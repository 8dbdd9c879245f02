package render

import "testing"

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+49 381 4 96 58 20", "+49 381 4 96 58 20"},
		{"Dr. Arpad Bischof", "Dr. Arpad Bischof"},
		{"Lange Str. 16", "Lange Str. 16"},
		{"18055 Rostock", "18055 Rostock"},
		{"1. Stock", `1\. Stock`},
		{"- dash", `\- dash`},
		{"# hash", `\# hash`},
		{"2.2.0", "2.2.0"},
		{"a*b_c", `a\*b\_c`},
		{"<dir>", `\<dir\>`},
		{`C:\Program Files`, `C:\\Program Files`},
		{"A | B", `A \| B`},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Running updates on `iQ-WEBX` servers", "Running updates on iQ-WEBX servers"},
		{"**bold** and *em* and [link](https://x.example)", "bold and em and link"},
		{"mail <support@image-systems.biz>", "mail support@image-systems.biz"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
