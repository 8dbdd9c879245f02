package main

import (
	"runtime/debug"
	"strings"
)

// version is the fsn release as `make` sets it from git, with -ldflags
// "-X main.version=…". When it is not set, fsnVersion takes the module's
// version from the build information, which go install writes.
var version string

// fsnVersion returns the version fsn reports and writes into its editions:
// version when set, else the module version of the build ("v1.2.0", or a
// pseudo-version of a commit), else "devel" for a build from a work tree
// that carries none.
func fsnVersion() string {
	if version != "" {
		return version
	}
	if v := moduleVersion(); v != "" {
		return v
	}
	return "devel"
}

// moduleVersion returns the version of the fsn module that this binary was
// built from, as the Go toolchain recorded it, or "" when it recorded none.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	return mainVersion(bi)
}

// mainVersion returns the version of the main module in bi, or "" for none.
func mainVersion(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "(devel)" {
		return v
	}
	return ""
}

// installVersion returns the version of fsn that the files fsn init writes
// install: this binary's module version when go install can fetch it (a
// release or the pseudo-version of a commit, not of a modified work tree),
// else "latest".
func installVersion() string { return installable(moduleVersion()) }

// installable returns v when go install can fetch it, else "latest".
func installable(v string) string {
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return "latest"
	}
	return v
}
