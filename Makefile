# Thin driver over Meson. Real build logic lives in meson.build.
#   make demo    install deps, build, run the main job
#   make check   install deps, build with ASan+UBSan, run every test
#   make bench   benchmarks against nginx and nchan (bench/setup.sh installs them)
#   make fuzz    every libFuzzer target for FUZZ_SECONDS (default 60) each, clang
#                (FUZZ_JOBS, FUZZ_SEED, FUZZ_FRESH: see fuzz/run.sh)
#   make check-valgrind  the suite under valgrind (servers and CLI runs included), no sanitizers
BUILD      ?= build
CHECKBUILD ?= build-check
FUZZBUILD  ?= build-fuzz
VGBUILD    ?= build-valgrind
FUZZ_SECONDS ?= 60
FUZZ_JOBS  ?= 1
FUZZ_SEED  ?= 0
FUZZ_FRESH ?= 0
MESON      ?= meson

.PHONY: all deps build demo check test format clean bench fuzz check-valgrind

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --buildtype=debugoptimized -Dwerror=true -Dallocator=jemalloc

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

demo: build
	./$(BUILD)/podium demo

$(CHECKBUILD)/build.ninja:
	$(MESON) setup $(CHECKBUILD) --buildtype=debug -Dwerror=true \
	    -Db_sanitize=address,undefined -Db_lundef=false

# Every process of the suite (servers and CLIs that shell and Python tests start too)
# writes its sanitizer reports to $(SANDIR); any report fails the check.
SANDIR = $(abspath $(CHECKBUILD))/sanitizer

check: deps $(CHECKBUILD)/build.ninja
	$(MESON) compile -C $(CHECKBUILD)
	rm -rf $(SANDIR) && mkdir -p $(SANDIR)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(SANDIR)/asan \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SANDIR)/ubsan \
	    $(MESON) test -C $(CHECKBUILD) --print-errorlogs; rc=$$?; \
	    sh scripts/sanitizer-reports.sh $(SANDIR) || rc=1; exit $$rc

test: check

$(FUZZBUILD)/build.ninja:
	@sh scripts/install-deps.sh fuzz
	CC=clang $(MESON) setup $(FUZZBUILD) --buildtype=debugoptimized -Dfuzzing=true \
	    -Db_sanitize=address,undefined -Db_lundef=false

fuzz: deps $(FUZZBUILD)/build.ninja
	$(MESON) compile -C $(FUZZBUILD)
	FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_FRESH=$(FUZZ_FRESH) \
	    sh fuzz/run.sh $(FUZZBUILD) $(FUZZ_SECONDS)

$(VGBUILD)/build.ninja:
	$(MESON) setup $(VGBUILD) --buildtype=debug -Dwerror=true

check-valgrind: deps $(VGBUILD)/build.ninja
	@sh scripts/install-deps.sh valgrind
	$(MESON) compile -C $(VGBUILD)
	sh scripts/check-valgrind.sh $(VGBUILD)

bench: deps
	@sh bench/setup.sh
	sh bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(CHECKBUILD) $(FUZZBUILD) $(VGBUILD) build-bench
