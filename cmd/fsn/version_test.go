package main

import (
	"runtime/debug"
	"testing"
)

// TestVersionFromBuildInfo checks the version fsn reports from the build
// information the Go toolchain records: go install …@v1.2.0 records the tag, a
// build in a work tree a pseudo-version or (devel).
func TestVersionFromBuildInfo(t *testing.T) {
	for _, tt := range []struct{ recorded, version, install string }{
		{"v1.2.0", "v1.2.0", "v1.2.0"},
		{"v0.0.0-20261201232920-0f47684abcde", "v0.0.0-20261201232920-0f47684abcde", "v0.0.0-20261201232920-0f47684abcde"},
		{"v0.0.0-20261201232920-0f47684abcde+dirty", "v0.0.0-20261201232920-0f47684abcde+dirty", "latest"},
		{"(devel)", "", "latest"},
		{"", "", "latest"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/fsn-tool/fsn", Version: tt.recorded}}
		if got := mainVersion(bi); got != tt.version {
			t.Errorf("recorded %q: version %q, want %q", tt.recorded, got, tt.version)
		}
		if got := installable(mainVersion(bi)); got != tt.install {
			t.Errorf("recorded %q: fsn init installs %q, want %q", tt.recorded, got, tt.install)
		}
	}
	defer func(v string) { version = v }(version)
	version = "7ddc545"
	if got := fsnVersion(); got != "7ddc545" {
		t.Errorf("with -X main.version=7ddc545, fsn --version says %q", got)
	}
}
