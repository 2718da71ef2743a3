# attachsim: one-command set-up, build, run and test on Debian 12.
# `make run` and `make test` install the Debian packages that are missing
# (apt-get as root, sudo otherwise, nothing when all are present).

BUILD_DIR ?= build
JOBS      ?= $(shell nproc)
DYADS     ?= 10000

PACKAGES := cmake ninja-build g++ pkg-config make \
            libtbb-dev librandom123-dev \
            libgtest-dev libgmock-dev libbenchmark-dev \
            libtomlplusplus-dev libcli11-dev nlohmann-json3-dev \
            libsfml-dev libimgui-dev xvfb xauth fonts-dejavu-core \
            clang libclang-rt-14-dev

.PHONY: all deps configure build run test test-all test-asan test-tsan test-sanitize bench clean format viewer

all: build

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	@cmake --preset release -DATTACHSIM_BUILD_VIEWER=ON >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/bin/attachsim run scenarios/baseline.toml --dyads $(DYADS) --out out/baseline

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE manual

# The whole suite (every label but manual) under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-asan) and under ThreadSanitizer (build-tsan); options and suppressions are in the test
# presets (CMakePresets.json) and tests/sanitizers/. Any finding fails the test that hit it.
# Not run under asan: fuzz.short_run (it is itself a clang address+undefined build),
# Memory.AnAddressSpaceLimitIsRespected and cli.hardening_memory (ulimit -v leaves no room for
# AddressSanitizer's shadow memory), scale.small (its RSS-growth check measures ASan's quarantine).
# Not run under tsan: fuzz.short_run, and the same two address-space tests (ThreadSanitizer's
# shadow memory cannot be mapped under ulimit -v either). test-tsan first builds oneTBB with
# -fsanitize=thread from Debian's source package of the installed libtbb-dev into build-tsan-deps/
# (tests/sanitizers/build_tsan_tbb.sh, once, about 35 s): with Debian's uninstrumented libtbb,
# ThreadSanitizer cannot see TBB's task hand-off and reports every parallel_for. make test does
# not need it. Both suites are clean (README, "Sanitizers and fuzzing").
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

test-tsan: deps
	tests/sanitizers/build_tsan_tbb.sh build-tsan-deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

test-sanitize: test-asan test-tsan

# Builds and opens the viewer on the default population (needs a display: without one the viewer
# says so in one line and exits with 3).
viewer: build
	@$(BUILD_DIR)/bin/attachsim-viewer --dyads $(DYADS)

bench: build
	$(BUILD_DIR)/bin/attachsim-bench --benchmark_min_time=0.2
	bench/whole_run.sh
	bench/kernel_ratio.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR) build-asan build-tsan build-tsan-deps build-fuzz out
