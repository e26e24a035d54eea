# A thin wrapper over Meson for people: `make run`, `make test`, `make bench`.
# Each target installs missing Debian packages first (scripts/install-deps).

BUILD   ?= build
ASAN    ?= build-asan
MESON   ?= meson

.PHONY: all deps build build-asan run test unit bench clean

all: build

deps:
	@./scripts/install-deps

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --buildtype=release -Db_ndebug=false

$(ASAN)/build.ninja:
	$(MESON) setup $(ASAN) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

build-asan: deps $(ASAN)/build.ninja
	ninja -C $(ASAN)

# Builds, creates the demo database if there is none, and serves it.
run: build
	@./scripts/run-demo $(BUILD)/redline

# Every test: unit (cmocka), CLI and API (pytest), browser (playwright),
# all against the sanitizer build.
test: build-asan
	@./scripts/run-tests $(ASAN)

# The benchmarks also need PostgreSQL (bench/match_pg.sh): --bench.
bench: build
	@./scripts/install-deps --bench
	@./scripts/run-bench $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN) tests/out
