# fsn: build every notice in notices/ into out/, and test.
#   make         build bin/fsn and every edition of every notice
#   make test    vet and run every test
#   make bench   run the Go benchmarks (full build, PDF, checks)
#   make fuzz    run each fuzz target for FUZZTIME (go test runs only their seeds)
#   make clean   remove bin/ and the build output

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build fsn test bench fuzz clean

all: build

fsn:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/fsn ./cmd/fsn

build: fsn
	./bin/fsn build

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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
