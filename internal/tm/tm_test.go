package tm_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/tm"
)

func TestScore(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"Restart the server.", "Restart the server.", 100},
		{"Restart the server.", "Restart the servers.", 75},                                                         // 1 of 4 tokens replaced
		{"Restart the server and then run an antivirus scan.", "Restart the server and run an antivirus scan.", 90}, // 1 of 11 deleted
		{"Restart the server.", "restart the server.", 75},                                                          // case counts
		{"Restart the server.", "Check the antivirus program for warnings.", 28},
		{"", "", 100},
	}
	for _, tt := range tests {
		if got := tm.Score(tm.Tokens(tt.a), tm.Tokens(tt.b)); got != tt.want {
			t.Errorf("Score(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func memory() *tm.Memory {
	m := tm.New()
	add := func(notice, id, lang, src, tr string, line int) {
		m.Add(&tm.Unit{SourceLang: "en", Lang: lang, Source: src, Target: tr, Notice: notice, ID: id,
			Pos: diag.Pos{File: "locales/" + lang + "/" + notice + "." + lang + ".toml", Line: line, Column: 1}})
	}
	add("a", "keep", "it", "Please keep this information.", "Conservare queste informazioni.", 10)
	add("b", "keep", "it", "Please keep this information.", "Conservare queste informazioni.", 20)
	add("b", "keep2", "it", "Please keep this information  safe.", "Conservare al sicuro queste informazioni.", 30)
	add("a", "keep", "de", "Please keep this information.", "Bitte bewahren Sie diese Informationen auf.", 10)
	add("a", "other", "it", "Restart the server.", "Riavviare il server.", 40)
	return m
}

func TestLookup(t *testing.T) {
	m := memory()
	got := m.Lookup("it", "Please keep this  information.", nil)
	if len(got) != 2 || got[0].Score != 100 || got[0].Notice != "a" || got[0].Others != 1 {
		t.Fatalf("exact match: %+v", got)
	}
	if got[1].ID != "keep2" || got[1].Score != 83 {
		t.Errorf("fuzzy match: %+v, want keep2 at 83", got[1])
	}
	skip := func(u *tm.Unit) bool { return u.Notice == "a" && u.ID == "keep" }
	if got := m.Lookup("it", "Please keep this information.", skip); got[0].Notice != "b" || got[0].Others != 0 {
		t.Errorf("the message's own translation is not left out: %+v", got[0])
	}
	if got := m.Lookup("it", "Nothing like it.", nil); len(got) != 0 {
		t.Errorf("a text without matches gets %+v", got)
	}
	if got := m.Lookup("fr", "Please keep this information.", nil); len(got) != 0 {
		t.Errorf("another language gets %+v", got)
	}
}

// TestTMX writes the memory as TMX, compares it with the golden file, and reads it back.
func TestTMX(t *testing.T) {
	var buf bytes.Buffer
	if err := tm.WriteTMX(&buf, memory(), "en"); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "memory.tmx")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the TMX differs from %s (UPDATE_GOLDEN=1 rewrites it):\n%s", golden, buf.String())
	}
	doc, err := tm.ReadTMX("memory.tmx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if doc.SourceLang != "en" || len(doc.Units) != 4 {
		t.Fatalf("read back %q with %d units", doc.SourceLang, len(doc.Units))
	}
	u := doc.Units[0]
	if v, ok := u.Text("de"); u.ID != "a/keep" || !ok || v.Text != "Bitte bewahren Sie diese Informationen auf." {
		t.Errorf("first unit %q: %+v", u.ID, u.Variants)
	}
}

func TestReadTMX(t *testing.T) {
	tests := []struct{ file, want string }{
		{"omegat.tmx", ""},
		{"no-lang.tmx", "no-lang.tmx:5:9: error: <tuv> has no xml:lang"},
		{"not-tmx.tmx", "not-tmx.tmx:2:1: error: this is not a TMX document"},
		{"broken.tmx", "broken.tmx:6:"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := tm.ReadTMX(tt.file, data)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.file, err)
		case tt.want == "":
			v, _ := doc.Units[0].Text("it")
			if v.Text != "Aprire la sottocartella `PACS` e poi `php`." {
				t.Errorf("%s: inline elements read as %q", tt.file, v.Text)
			}
		case err == nil || !strings.HasPrefix(err.Error(), tt.want):
			t.Errorf("%s: got %v, want %s…", tt.file, err, tt.want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	m := tm.New()
	words := strings.Fields("restart the server and then run an antivirus scan check program for warnings that threats were found update your virus definitions")
	for i := range 20000 {
		var s []string
		for k := range 12 {
			s = append(s, words[(i*7+k*3)%len(words)])
		}
		m.Add(&tm.Unit{SourceLang: "en", Lang: "it", Source: strings.Join(s, " ") + ".", Target: "x", Notice: "n", ID: "m"})
	}
	for b.Loop() {
		m.Lookup("it", "Restart the server and then run an antivirus scan.", nil)
	}
}
