# Thin driver over Meson. Real build logic lives in meson.build.
#   make demo    install deps, build, run the main job
#   make check   install deps, build with ASan+UBSan, run every test
#   make bench   benchmarks against nginx and nchan (bench/setup.sh installs them)
BUILD      ?= build
CHECKBUILD ?= build-check
MESON      ?= meson

.PHONY: all deps build demo check test format clean bench

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --buildtype=debugoptimized -Dwerror=true

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

demo: build
	./$(BUILD)/podium demo

$(CHECKBUILD)/build.ninja:
	$(MESON) setup $(CHECKBUILD) --buildtype=debug -Dwerror=true \
	    -Db_sanitize=address,undefined -Db_lundef=false

check: deps $(CHECKBUILD)/build.ninja
	$(MESON) compile -C $(CHECKBUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    $(MESON) test -C $(CHECKBUILD) --print-errorlogs

test: check

bench: deps
	@sh bench/setup.sh
	sh bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(CHECKBUILD)
