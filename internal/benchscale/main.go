// Command benchscale measures how fsn scales with the number of notices and
// languages: `make bench-scale` runs it. For each corpus size it copies the
// seed notice into N notices with distinct ids, translated into L languages
// (the shipped labels, the notice's texts copied from an existing
// translation), then runs fsn on it as a user would and prints, for each
// command, the wall time, the CPU time, the peak memory (the child's maximum
// resident set, from the kernel's rusage) and the size of what it wrote:
//
//	go run ./internal/benchscale -fsn bin/fsn -n 1,10,100 -l 3,27
//
// The commands are build (signed), a build of the signed PDF editions alone
// and one of the Markdown and HTML editions alone (beside pandoc turning as
// many Markdown editions into standalone HTML, when it is installed), a
// rebuild with no change, a rebuild after one translation changed, check,
// verify and publish. Beside them it measures
// the floor: a bare gofpdf program writing, in the same run, as many documents
// of an edition's shape (pages and fonts) as the build wrote PDF editions.
// Each command's CPU time per edition is also given as a multiple of the
// floor's (× floor). Absolute times on a shared machine vary; compare the
// ratios of one run. -commands measures some commands only, such as
// build,no-op,one-edit on a corpus too large to verify in the time at hand.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// seed is the notice the corpus is made of, and the translation its texts are copied from.
const (
	seed     = "iqwebx-2017-11"
	seedText = "it"
)

// languages are the 27 languages fsn ships labels for, the seed's three first.
var languages = []string{"en", "it", "de", "bg", "cs", "da", "el", "es", "et", "fi", "fr", "ga", "hr", "hu",
	"is", "lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "tr"}

func main() {
	fsn := flag.String("fsn", "bin/fsn", "the fsn binary to measure")
	root := flag.String("root", ".", "the fsn repository, whose notices/ and locales/ the corpus is made from")
	ns := flag.String("n", "1,10,100,1000", "numbers of notices, comma-separated")
	ls := flag.String("l", "3,27", "numbers of languages, comma-separated (at most 27)")
	work := flag.String("work", "", "folder for the corpora; empty means a temporary folder, removed afterwards")
	only := flag.String("commands", "", "measure only these commands, comma-separated: build, pdf, md-html, no-op, one-edit, check, verify, publish; empty means all")
	keep := flag.Bool("keep", false, "keep each corpus, with what the commands wrote, in -work/n<N>-l<L> (for profiling fsn on it); needs -work")
	flag.Parse()
	if *keep && *work == "" {
		fmt.Fprintln(os.Stderr, "benchscale: -keep needs -work, the folder to keep the corpora in")
		os.Exit(2)
	}
	if err := run(*fsn, *root, *ns, *ls, *work, *only, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "benchscale:", err)
		os.Exit(1)
	}
}

func run(fsn, root, ns, ls, work, only string, keep bool) error {
	fsn, err := filepath.Abs(fsn)
	if err != nil {
		return err
	}
	counts, err := numbers(ns, 1, 1<<20)
	if err != nil {
		return fmt.Errorf("-n: %w", err)
	}
	langCounts, err := numbers(ls, 1, len(languages))
	if err != nil {
		return fmt.Errorf("-l: %w", err)
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "fsn-bench-scale-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	certFile, keyFile, err := fsntest.WriteKeyFiles(filepath.Join(work, "signatory"), fsntest.Signatory)
	if err != nil {
		return err
	}
	var selected []command
	for _, c := range commands("", "", "") {
		if only == "" || slices.Contains(strings.Split(only, ","), c.id) {
			selected = append(selected, c)
		}
	}
	if len(selected) == 0 || selected[0].id != "build" {
		return fmt.Errorf("-commands %q: the list must hold build, which the others need", only)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "notices\tlanguages\tcommand\twall\tCPU\tpeak memory\toutput\tCPU per edition\t× floor\t")
	for _, l := range langCounts {
		for _, n := range counts {
			dir := filepath.Join(work, fmt.Sprintf("n%d-l%d", n, l))
			if err := corpus(root, dir, n, languages[:l]); err != nil {
				return err
			}
			editions := n * l
			// The floor first: each command's CPU per edition is set beside it.
			// Its cost per document does not change with their number, so it
			// is measured on at most floorRuns documents and scaled.
			runs := min(editions, floorRuns)
			floorWall, floorCPU := floorPDF(runs)
			floorWall = floorWall * time.Duration(editions) / time.Duration(runs)
			floorCPU = floorCPU * time.Duration(editions) / time.Duration(runs)
			perFloor := float64(floorCPU) / float64(editions)
			for _, c := range commands(dir, certFile, keyFile) {
				if !slices.ContainsFunc(selected, func(s command) bool { return s.id == c.id }) {
					continue
				}
				if c.before != nil {
					if err := c.before(); err != nil {
						return err
					}
				}
				m, err := measure(fsn, dir, c.args)
				if err != nil {
					return fmt.Errorf("%d notices × %d languages: fsn %s: %w", n, l, strings.Join(c.args, " "), err)
				}
				size := ""
				if c.output != "" {
					size = fmt.Sprintf("%.1f MiB", float64(dirSize(filepath.Join(dir, c.output)))/(1<<20))
				}
				per := float64(m.cpu) / float64(editions)
				fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%.0f MiB\t%s\t%.1f ms\t%.2f\t\n", n, l, c.name, seconds(m.wall), seconds(m.cpu),
					float64(m.maxRSS)/(1<<20), size, per/1e6, per/perFloor)
				if c.pandoc {
					if p, err := pandoc(filepath.Join(dir, c.output), editions); err != nil {
						return err
					} else if p.cpu > 0 {
						fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%.0f MiB\t\t%.1f ms\t%.2f\tfsn md+html = %.2f× pandoc\n", n, l, "pandoc md → html", seconds(p.wall), seconds(p.cpu),
							float64(p.maxRSS)/(1<<20), float64(p.cpu)/float64(editions)/1e6, float64(p.cpu)/float64(editions)/perFloor, float64(m.cpu)/float64(p.cpu))
					}
				}
			}
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t\t\t%.1f ms\t%.2f\t\n", n, l, "gofpdf floor", seconds(floorWall), seconds(floorCPU), perFloor/1e6, 1.0)
			tw.Flush() // each corpus's lines as soon as they are measured
			os.Stdout.Sync()
			if !keep {
				os.RemoveAll(dir)
			}
		}
	}
	return tw.Flush()
}

// command is one fsn command run on a corpus; before, when set, prepares it.
type command struct {
	id     string // as -commands names it
	name   string
	args   []string
	output string // the folder whose size is reported
	before func() error
	// pandoc, when set and pandoc is installed, is followed by pandoc turning
	// as many Markdown editions into standalone HTML pages as the build wrote.
	pandoc bool
}

func commands(dir, certFile, keyFile string) []command {
	edit := func() error {
		path := filepath.Join(dir, "locales", seedText, corpusID(0)+"."+seedText+".toml")
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// A word of the first notice's translation changes, its hash stays.
		next := bytes.Replace(data, []byte("Riavviare il server"), []byte("Riavviare subito il server"), 1)
		if bytes.Equal(next, data) {
			return fmt.Errorf("%s has no text to change", path)
		}
		return os.WriteFile(path, next, 0o644)
	}
	return []command{
		{id: "build", name: "build (signed)", args: []string{"build"}, output: "out"},
		{id: "pdf", name: "build PDF only", args: []string{"build", "--format", "pdf", "--out", "out-pdf"}, output: "out-pdf"},
		{id: "md-html", name: "build md+html only", args: []string{"build", "--format", "md,html", "--out", "out-md-html"}, output: "out-md-html", pandoc: true},
		{id: "no-op", name: "no-op rebuild", args: []string{"build"}, output: "out"},
		{id: "one-edit", name: "one-edit rebuild", args: []string{"build"}, output: "out", before: edit},
		{id: "check", name: "check", args: []string{"check"}},
		{id: "verify", name: "verify", args: []string{"verify"}},
		{id: "publish", name: "publish", args: []string{"publish", "--out", "site", "--build-out", "published", "--sign-cert", certFile, "--sign-key", keyFile}, output: "site"},
	}
}

// corpus writes a project of n notices in langs into dir.
func corpus(root, dir string, n int, langs []string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	notice, err := os.ReadFile(filepath.Join(root, "notices", seed, "notice.yaml"))
	if err != nil {
		return err
	}
	text, err := os.ReadFile(filepath.Join(root, "locales", seedText, seed+"."+seedText+".toml"))
	if err != nil {
		return err
	}
	list := []byte("languages: [" + strings.Join(langs, ", ") + "]")
	for i := range n {
		id := corpusID(i)
		data := bytes.Replace(notice, []byte("id: "+seed), []byte("id: "+id), 1)
		data = bytes.Replace(data, []byte("languages: [en, it, de]"), list, 1)
		if err := writeFile(filepath.Join(dir, "notices", id, "notice.yaml"), data); err != nil {
			return err
		}
		// Each message is the table [<notice id>.<message id>].
		own := bytes.ReplaceAll(text, []byte("\n["+seed+"."), []byte("\n["+id+"."))
		own = bytes.Replace(own, []byte("["+seed+"."), []byte("["+id+"."), 1)
		for _, lang := range langs[1:] {
			if err := writeFile(filepath.Join(dir, "locales", lang, id+"."+lang+".toml"), own); err != nil {
				return err
			}
		}
	}
	for _, lang := range langs {
		name := "labels." + lang + ".toml"
		data, err := os.ReadFile(filepath.Join(root, "locales", lang, name))
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "locales", lang, name), data); err != nil {
			return err
		}
	}
	return nil
}

func corpusID(i int) string { return fmt.Sprintf("iqwebx-2017-%04d", i+1) }

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// measurement is what one run of a command cost.
type measurement struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

// measure runs fsn with args in dir. A command that exits 1 with findings
// (check's warnings) is measured too; one that cannot run is an error.
func measure(fsn, dir string, args []string) (measurement, error) {
	cmd := exec.Command(fsn, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FSN_SIGN_CERT=", "FSN_SIGN_KEY=", "FSN_SIGN_P12=", "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start)}
	if cmd.ProcessState == nil {
		return m, err
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = ru.Maxrss << 10 // Linux reports kilobytes
	}
	if err != nil {
		return m, fmt.Errorf("%v: %s", err, lastLines(stderr.String(), 5))
	}
	return m, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// pandocRuns is the most editions pandoc is run on: a process each, it takes
// longer than the build, and its cost per edition does not change.
const pandocRuns = 30

// pandoc runs pandoc, when it is installed, on count Markdown editions of the
// build in out (the same ones again when there are fewer), each to a
// standalone HTML page, and returns what count runs cost: measured on at most
// pandocRuns of them and scaled. A zero measurement when pandoc is not
// installed.
func pandoc(out string, count int) (measurement, error) {
	path, err := exec.LookPath("pandoc")
	if err != nil {
		return measurement{}, nil
	}
	mds, err := filepath.Glob(filepath.Join(out, "*", "*.md"))
	if err != nil || len(mds) == 0 {
		return measurement{}, fmt.Errorf("no Markdown edition in %s for pandoc", out)
	}
	var total measurement
	runs := min(count, pandocRuns)
	for i := range runs {
		md := mds[i%len(mds)]
		m, err := measure(path, filepath.Dir(md), []string{"--standalone", "--metadata", "title=FSN", "-f", "markdown", "-t", "html", "-o", os.DevNull, md})
		if err != nil {
			return total, fmt.Errorf("pandoc %s: %w", md, err)
		}
		total.wall += m.wall
		total.cpu += m.cpu
		total.maxRSS = max(total.maxRSS, m.maxRSS)
	}
	total.wall = total.wall * time.Duration(count) / time.Duration(runs)
	total.cpu = total.cpu * time.Duration(count) / time.Duration(runs)
	return total, nil
}

// floorRuns is the most documents the gofpdf floor writes for one corpus:
// a thousand take about 20 s of CPU, 27,000 would take longer than the build.
const floorRuns = 1000

// floorPDF writes count documents of an edition's shape with gofpdf alone: five
// pages of body text in three embedded UTF-8 fonts, compressed, as the PDF
// editions are, and returns the wall and CPU time it took (the CPU time of
// this process, which does nothing else meanwhile).
func floorPDF(count int) (wall, cpu time.Duration) {
	para := strings.Repeat("Riavviare il server e poi effettuare una scansione antivirus completa. ", 12)
	start, startCPU := time.Now(), processCPU()
	for range count {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.SetCompression(true)
		pdf.AddUTF8FontFromBytes("body", "", goregular.TTF)
		pdf.AddUTF8FontFromBytes("body", "B", gobold.TTF)
		pdf.AddUTF8FontFromBytes("mono", "", gomono.TTF)
		for page := range 5 {
			pdf.AddPage()
			pdf.SetFont("body", "B", 12.5)
			pdf.CellFormat(0, 8, fmt.Sprintf("Sezione %d", page+1), "", 1, "", false, 0, "")
			for range 4 {
				pdf.SetFont("body", "", 10)
				pdf.MultiCell(0, 5, para, "", "", false)
				pdf.SetFont("mono", "", 9)
				pdf.MultiCell(0, 5, `C:\Programmi\iQ-WEBX\PACS\php\LicGen.exe`, "", "", false)
			}
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			panic(err)
		}
	}
	return time.Since(start), processCPU() - startCPU
}

// processCPU returns the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// dirSize returns the bytes of the regular files below dir, 0 when it is missing.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// numbers parses a comma-separated list of whole numbers in [lo, hi].
func numbers(s string, lo, hi int) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < lo || v > hi {
			return nil, fmt.Errorf("%q is not a number from %d to %d", f, lo, hi)
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
