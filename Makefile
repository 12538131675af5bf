# mathshubs: the two commands are `make serve` and `make check` (and `make
# demo`: make serve with demo data).
# Everything else here serves them; docs/ARCHITECTURE.md has the map.

BUILD     ?= build
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
JOBS      ?= 2
CMAKE     ?= cmake

.PHONY: all build serve demo check setup bench clean lint configure fuzz soak security

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt: CMakeLists.txt
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

$(SANITIZE_BUILD)/CMakeCache.txt: CMakeLists.txt
	$(CMAKE) -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSANITIZE=ON >/dev/null

$(FUZZ_BUILD)/CMakeCache.txt: CMakeLists.txt
	CC=clang $(CMAKE) -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFUZZ=ON >/dev/null

build: setup $(BUILD)/CMakeCache.txt
	$(CMAKE) --build $(BUILD) -j $(JOBS)

serve: build
	$(BUILD)/mathshubs serve

# a new database of demo data (small scale) under $(BUILD)/demo, served like
# make serve; the sign-in details are printed first (and kept in sign-in.txt)
DEMO_SEED ?= 1
demo: build
	rm -rf $(BUILD)/demo && mkdir -p $(BUILD)/demo
	$(BUILD)/mathshubs demo-data --scale small --seed $(DEMO_SEED) --db $(BUILD)/demo/mathshubs.db > $(BUILD)/demo/sign-in.txt
	@cat $(BUILD)/demo/sign-in.txt
	$(BUILD)/mathshubs serve --db $(BUILD)/demo/mathshubs.db

check: setup $(BUILD)/CMakeCache.txt $(SANITIZE_BUILD)/CMakeCache.txt $(FUZZ_BUILD)/CMakeCache.txt
	$(CMAKE) --build $(BUILD) -j $(JOBS)
	$(CMAKE) --build $(SANITIZE_BUILD) -j $(JOBS)
	$(CMAKE) --build $(FUZZ_BUILD) -j $(JOBS)
	JOBS=$(JOBS) scripts/check

# every fuzz target for FUZZ_SECONDS (60) each; make check runs them for 10
FUZZ_SECONDS ?= 60
fuzz: setup $(FUZZ_BUILD)/CMakeCache.txt
	$(CMAKE) --build $(FUZZ_BUILD) -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --test-dir $(FUZZ_BUILD) -L fuzz --output-on-failure

# the crash test with 20 SIGKILLs a run (make check: 5), on SQLite and PostgreSQL
soak: build
	@rm -rf $(BUILD)/soak-pg && scripts/pg-cluster start $(CURDIR)/$(BUILD)/soak-pg > $(BUILD)/soak-pg.url
	CRASH_TRIALS=20 MATHSHUBS_TEST_PG_URL=$$(cat $(BUILD)/soak-pg.url) ctest --test-dir $(BUILD) -R crash --output-on-failure; \
	  rc=$$?; scripts/pg-cluster stop $(CURDIR)/$(BUILD)/soak-pg; exit $$rc

lint:
	scripts/lint-html src

# sqlmap against every input that reaches SQL (minutes; not in make check)
security: build
	scripts/security $(BUILD)/mathshubs

# every scenario against its reference, interleaved: a table and
# bench/results/bench-*.json (minutes; not in make check)
bench: build
	@scripts/setup bench
	bench/run $(BUILD)/mathshubs

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD)
