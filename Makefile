# actlab - activation functions, the networks they drive, and the report.
#
# make            build the libraries and the actlab tool into build/
# make test       build and run the test suite (normal build)
# make check      the same under AddressSanitizer + UndefinedBehaviorSanitizer (build-san/)
# make ci         test, then check; prints one combined "N passed, N failed" line last
# make eval       exhaustive accuracy over all 2^32 floats (slow; EVAL_FN=name for one)
# make bench      benchmarks: kernels against libm, XNNPACK, oneDNN, PyTorch; training against PyTorch
# make fuzz       every libFuzzer target for FUZZ_SECONDS (default 600) each (clang)
# make install    PREFIX=/usr/local DESTDIR= ; headers, libraries, actlab.pc, the tool
# make docs       regenerate README's catalog table, docs/catalog.md, docs/accuracy.md
# make format     clang-format every C file
# make clean

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
OPT ?= -O2
SAN ?=

# GCC's own flags (clang rejects them under -Werror): CC=clang builds too
CC_IS_CLANG := $(shell $(CC) --version 2>/dev/null | grep -qi clang && echo 1)
WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes \
        $(if $(CC_IS_CLANG),,-Wno-format-truncation)
# clang 14's DWARF 5 (forms strx1, addrx) is beyond Debian 12's valgrind 3.19
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) -g \
               $(if $(CC_IS_CLANG),-gdwarf-4) -fno-fast-math \
               -fPIC $(WARN) $(SAN) -Iinclude -Isrc
CFLAGS ?=
ALL_CFLAGS := $(BASE_CFLAGS) $(CFLAGS)
LDFLAGS ?=

PKG_CONFIG ?= pkg-config
CAIRO_CFLAGS := $(shell $(PKG_CONFIG) --cflags cairo 2>/dev/null)
CAIRO_LIBS := $(shell $(PKG_CONFIG) --libs cairo 2>/dev/null)
BLAS_CFLAGS := $(shell $(PKG_CONFIG) --cflags openblas 2>/dev/null)
BLAS_LIBS := $(shell $(PKG_CONFIG) --libs openblas 2>/dev/null || echo -lopenblas)
# The trainer and the tool compile against OpenBLAS's cblas.h (it declares
# openblas_set_num_threads) and cairo's headers. Without them the compiler
# would stop on a missing declaration or header (reference BLAS's cblas.h is
# often there) instead of naming the package: these stop the build of those
# objects only, so the catalog (libm only) still builds without either.
need_pkg = $(if $(shell $(PKG_CONFIG) --exists $(1) && echo y),,$(error $(1) not found by $(PKG_CONFIG): install $(2) (README.md, command 1)))
TRN_LIBS := $(BLAS_LIBS) -lz -lpthread -lm

# ---- sources -------------------------------------------------------------
CAT_SRC := $(sort $(wildcard src/catalog/*.c src/simd/*.c))
CAT_OBJ := $(CAT_SRC:%.c=$(BUILD)/%.o)
TRN_SRC := $(sort $(wildcard src/train/*.c))
TRN_OBJ := $(TRN_SRC:%.c=$(BUILD)/%.o)
CLI_SRC := $(sort $(wildcard src/cli/*.c)) $(sort $(wildcard src/plot/*.c)) $(sort $(wildcard src/report/*.c))
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
HELPER_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/helper_*.c))
TEST_SCRIPTS := $(sort $(wildcard tests/test_*.sh tests/test_*.py))

LIB_A := $(BUILD)/libactlab.a
LIB_SO := $(BUILD)/libactlab.so.0
TRN_A := $(BUILD)/libactlab_train.a
TRN_SO := $(BUILD)/libactlab_train.so.0
TOOL := $(BUILD)/actlab

.PHONY: all test check ci eval bench fuzz install format clean docs
all: $(LIB_A) $(LIB_SO) $(TRN_A) $(TRN_SO) $(TOOL) $(BUILD)/actlab.pc $(BUILD)/actlab-train.pc

# The SIMD kernels are chains of dependent operations (20-60 per vector):
# their speed is bound by latency unless the four vectors of one loop
# iteration are interleaved, which GCC does only with the pre-allocation
# scheduler (off by default on x86; -fsched-pressure keeps it from spilling).
# 1.1-1.3x on sigmoid, tanh, elu, mish, gelu (bench/README.md).
# (clang has no such switch: it schedules by its own model)
SIMD_SCHED := $(if $(CC_IS_CLANG),,-fschedule-insns -fsched-pressure)
ISA_FLAGS = $(if $(filter src/simd/avx2_%,$<),-mavx2 -mfma $(SIMD_SCHED))$(if $(filter src/simd/avx512_%,$<),-mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma $(SIMD_SCHED))

$(BUILD)/%.o: %.c $(wildcard include/*.h include/actlab/*.def src/*/*.h src/*/*.def)
	@mkdir -p $(dir $@)
	$(if $(filter src/cli/% src/plot/% src/report/%,$<),$(call need_pkg,cairo,libcairo2-dev))$(if $(filter src/train/% src/report/% src/cli/%,$<),$(call need_pkg,openblas,libopenblas-dev))$(CC) $(ALL_CFLAGS) $(ISA_FLAGS) $(if $(filter src/cli/% src/plot/% src/report/%,$<),$(CAIRO_CFLAGS)) $(if $(filter src/train/% src/report/% src/cli/%,$<),$(BLAS_CFLAGS)) -c $< -o $@

$(LIB_A): $(CAT_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LIB_SO): $(CAT_OBJ)
	$(CC) $(SAN) -shared -Wl,-soname,libactlab.so.0 -o $@ $^ -lm -lpthread
	ln -sf libactlab.so.0 $(BUILD)/libactlab.so

$(TRN_A): $(TRN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(TRN_SO): $(TRN_OBJ) $(LIB_SO)
	$(CC) $(SAN) -shared -Wl,-soname,libactlab_train.so.0 -o $@ $(TRN_OBJ) -L$(BUILD) -l:libactlab.so.0 $(TRN_LIBS)
	ln -sf libactlab_train.so.0 $(BUILD)/libactlab_train.so

$(TOOL): $(CLI_OBJ) $(TRN_A) $(LIB_A)
	$(CC) $(SAN) -o $@ $(CLI_OBJ) $(TRN_A) $(LIB_A) $(CAIRO_LIBS) $(TRN_LIBS) $(LDFLAGS)

$(BUILD)/%.pc: %.pc.in include/actlab.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/.*ACT_VERSION "\(.*\)".*/\1/p' include/actlab.h)|g' $< > $@

# tests: one program per concern; the MPFR accuracy test links libmpfr
$(BUILD)/tests/%: tests/%.c tests/*.h $(TRN_A) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(BLAS_CFLAGS) -Itests -o $@ $< $(TRN_A) $(LIB_A) $(if $(filter test_accuracy,$*),-lmpfr -lgmp) $(TRN_LIBS)

test: all $(TEST_BIN) $(HELPER_BIN)
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN) $(TEST_SCRIPTS)

check:
	$(MAKE) BUILD=build-san OPT=-O1 SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

ci:
	@bash tests/ci.sh

bench: all
	$(MAKE) -C bench ACTLAB_BUILD=$(abspath $(BUILD)) run pool accuracy
	sh bench/run_train.sh $(BUILD)

FUZZ_SECONDS ?= 600
fuzz:
	$(MAKE) -C fuzz run SECONDS=$(FUZZ_SECONDS)

eval: all $(BUILD)/tools/exhaustive
	$(BUILD)/tools/exhaustive $(EVAL_FN)

$(BUILD)/tools/exhaustive: tools/exhaustive.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A) -lm -lpthread

install: all
	install -d $(DESTDIR)$(PREFIX)/include/actlab $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 include/actlab.h include/actlab_train.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 include/actlab/*.def $(DESTDIR)$(PREFIX)/include/actlab/
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(TRN_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIB_SO) $(TRN_SO) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libactlab.so.0 $(DESTDIR)$(PREFIX)/lib/libactlab.so
	ln -sf libactlab_train.so.0 $(DESTDIR)$(PREFIX)/lib/libactlab_train.so
	install -m 644 $(BUILD)/actlab.pc $(BUILD)/actlab-train.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 755 $(TOOL) $(DESTDIR)$(PREFIX)/bin/

docs: all $(BUILD)/tests/test_accuracy
	sh tools/gen_docs.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-san
