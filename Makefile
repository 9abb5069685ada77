# gonp: `make demo` runs the main job, `make test` runs every test. Both set up
# .venv (pinned requirements) and build the Go core as needed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LIB := python/gonp/libgonp.so
GO_SOURCES := $(shell find kernels parallel capi -name '*.go' -o -name '*.h' -o -name '*.s') go.mod go.sum
export GOFLAGS := -buildvcs=false

.PHONY: all build venv install demo test test-go test-go-nosimd test-race test-py test-slow lint bench bench-quick plot clean test-accuracy fuzz

all: build

$(VENV)/.deps: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.deps

# The shared library, with the SIMD kernels (GOEXPERIMENT=simd).
$(LIB): $(GO_SOURCES)
	CGO_ENABLED=1 GOEXPERIMENT=simd go build -buildmode=c-shared -trimpath -o $(LIB) ./capi
	rm -f python/gonp/libgonp.h

build: $(LIB)

$(VENV)/.installed: $(VENV)/.deps pyproject.toml setup.py python/gonp/_fast.c capi/gonp.h
	# gonp._fast is built as _fast.abi3.so; a version-specific build left
	# from before would be imported in its place.
	rm -f python/gonp/_fast.cpython-*.so
	$(PY) -m pip install --quiet --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed $(LIB)

demo: install
	$(PY) -m gonp demo $(DEMO_ARGS)

# Go tests with the SIMD paths, without them, the pool and dispatch under
# -race, then the Python suite against NumPy, SciPy and scikit-learn.
test: lint test-go test-go-nosimd test-race test-py

test-go:
	go vet ./...
	GOEXPERIMENT=simd go vet ./...
	GOEXPERIMENT=simd go test -count=1 ./...

test-go-nosimd:
	go test -count=1 ./...

test-race:
	GOEXPERIMENT=simd go test -count=1 -race ./parallel/ ./capi/dispatch/

# kernels/vmath against its math/big reference on 1e6 random points per
# function and dtype, at every SIMD level, AVX-512 included where the CPU
# has it (minutes; not part of make test).
VMATH_POINTS ?= 1000000
test-accuracy:
	GONP_AVX512=1 GONP_VMATH_POINTS=$(VMATH_POINTS) GOEXPERIMENT=simd go test -count=1 -v -timeout 60m -run 'Accuracy' ./kernels/vmath/

test-py: install
	$(PY) -m pytest -q tests

# The tests on arrays of more than 2**31 elements (8 GiB each; they skip
# themselves with less than 12 GiB free), which make test leaves out for
# their time: a minute on the 2-vCPU Zen 4 VM of the README.
test-slow: install
	GONP_SLOW=1 $(PY) -m pytest -q tests/test_memory.py

# Each Go fuzz target for FUZZTIME (go test -fuzz runs one target at a time);
# new interesting inputs go to Go's cache, failures to testdata/fuzz. The
# committed seed corpora also run as plain tests in test-go.
FUZZTIME ?= 5s
FUZZ_TARGETS := kernels:FuzzUnary kernels:FuzzBinary kernels:FuzzReduce kernels:FuzzReduceRows \
	kernels:FuzzMoments kernels:FuzzScale kernels/gemm:FuzzGemm kernels/distance:FuzzCdist kernels/distance:FuzzCdistPairs \
	kernels/distance:FuzzKnn \
	capi/dispatch:FuzzDescriptor capi/dispatch:FuzzEvaluate kernels/expr:FuzzProgram

fuzz:
	@cache=$$(go env GOCACHE)/fuzz/gonp; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		out=$$(GOEXPERIMENT=simd go test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./$$pkg/ 2>&1); rc=$$?; \
		if [ $$rc -eq 0 ]; then echo "$$out" | tail -n 3; else echo "$$out" | tail -n 40; fi; \
		echo "corpus: $$(ls $$pkg/testdata/fuzz/$$name 2>/dev/null | wc -l) committed, $$(ls $$cache/$$pkg/$$name 2>/dev/null | wc -l) cached"; \
		test $$rc -eq 0 || exit 1; \
	done

lint: venv
	@test -z "$$(gofmt -l kernels parallel capi)" || (gofmt -l kernels parallel capi; echo "gofmt needed"; exit 1)
	$(VENV)/bin/ruff check python tests bench examples
	$(VENV)/bin/ruff format --check python tests bench examples
	$(VENV)/bin/mypy python/gonp
	go mod verify
	cd kernels && go run elementwise_loops_gen.go -check

bench: install
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/plot.py

# One PNG per operation family and an overview, from bench/results/*.json.
plot: install
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) bench/plot.py $(PLOT_ARGS)

bench-quick: install
	$(PY) bench/run.py --quick $(BENCH_ARGS)

clean:
	rm -rf $(LIB) python/gonp/libgonp.h build dist python/*.egg-info .pytest_cache
	go clean -testcache
