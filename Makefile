# fsn: build every notice in notices/ into out/, and test.
#   make         build bin/fsn and every edition of every notice
#   make test    vet and run every test
#   make bench   run the Go benchmarks (full build, PDF, checks), one package at a time
#   make bench-scale  measure build, rebuild, check, verify and publish on corpora of
#                N notices x L languages (BENCH_N, BENCH_L) beside the gofpdf floor
#   make fuzz    run each fuzz target for FUZZTIME (go test runs only their seeds)
#   make man     write the man page bin/fsn.1 from the command definitions (man -l bin/fsn.1)
#   make clean   remove bin/ and the build output

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build fsn man test bench bench-scale fuzz clean

all: build

fsn:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/fsn ./cmd/fsn

build: fsn
	./bin/fsn build

man: fsn
	./bin/fsn man > bin/fsn.1

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Packages benchmarked side by side on a small machine slow each other down,
# so they run one at a time (-p 1), several times each for benchstat.
BENCHCOUNT ?= 5
bench:
	$(GO) test -p 1 -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./...

BENCH_N ?= 1,10,100,1000
BENCH_L ?= 3,27
bench-scale: fsn
	$(GO) run ./internal/benchscale -fsn bin/fsn -n $(BENCH_N) -l $(BENCH_L)

# FUZZ lists the fuzz targets as package:target; each keeps its seed corpus,
# and what the fuzzer finds, in testdata/fuzz/<target> of its package.
FUZZTIME ?= 1m
FUZZ := \
	./internal/notice:FuzzParse \
	./internal/l10n:FuzzParseFile \
	./internal/l10n:FuzzReadXLIFF \
	./internal/l10n:FuzzInline \
	./internal/check:FuzzEdition

fuzz:
	@for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "$$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

clean:
	rm -rf bin
	find out -mindepth 1 -maxdepth 1 ! -name .keep -exec rm -rf {} +
