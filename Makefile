# lgtm575 — every command sets up what it needs: from a fresh clone, `make test` is enough.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# constraints.txt pins torch to the CPU build for this repository's own venv and CI only.
# llama-cpp-python ships as source only. Built with native CPU flags it segfaults in batched decoding on
# CPUs that advertise AMX, so we build it once without them, and without the multimodal library (mtmd) and
# llama.cpp's "common" library (cmake/llama-no-common.cmake), neither of which the bindings load, into a
# wheelhouse outside the repository and install from there; later installs reuse the wheel.
# pip skips byte-compiling (--no-compile): Python compiles what is imported, when it is first imported, and keeps
# it. That needs bytecode writing on: a machine that sets PYTHONDONTWRITEBYTECODE would recompile torch, transformers
# and TRL in every process (measured here: 18.5 s to import the stack each time instead of 7.8 s), so make unsets it.
unexport PYTHONDONTWRITEBYTECODE
LLAMA_VERSION := $(shell sed -n 's/^llama-cpp-python==//p' constraints.txt)
WHEELHOUSE ?= $(HOME)/.cache/lgtm575/wheels
LLAMA_WHEEL := $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-py3-none-linux_$(shell uname -m).whl
PIP_INSTALL := $(BIN)/pip install --disable-pip-version-check -q --no-compile -c constraints.txt --find-links $(WHEELHOUSE)

PROFILE ?= offline
# REGENERATE=1: a stage with no outputs yet generates them all instead of adopting the committed copy
# (data/teacher/<profile>/, data/predictions/<profile>/) that lgtm575.committed checks against a sample regenerated here
REGENERATE ?=

.PHONY: v1 ship-v1 reproduce browser blog install test nbtest pytest export clean-nbs lab bench bench-syllables bench-generate bench-decode bench-teacher bench-score data category-head

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt $(LLAMA_WHEEL)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

$(LLAMA_WHEEL):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	mkdir -p $(WHEELHOUSE)
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DCMAKE_PROJECT_llama.cpp_INCLUDE=$(CURDIR)/cmake/llama-no-common.cmake" $(BIN)/pip wheel --disable-pip-version-check -q --no-deps --no-cache-dir \
	  --no-binary llama-cpp-python -w $(WHEELHOUSE) llama-cpp-python==$(LLAMA_VERSION)
	test -f $(LLAMA_WHEEL)

# The README's test command. Fails when nbdev-export or nbdev-clean would change anything
# (tests/test_nbdev_sync.py), when a notebook's tests fail (nbdev-test), or when pytest fails.
test: $(STAMP) browser
	$(BIN)/nbdev-test --n-workers 2
	$(BIN)/python -m pytest

nbtest: $(STAMP) browser
	$(BIN)/nbdev-test --n-workers 2

pytest: $(STAMP)
	$(BIN)/python -m pytest

# After editing a notebook: clean it and write lgtm575/ from it; commit both.
export: $(STAMP)
	$(BIN)/nbdev-clean
	$(BIN)/nbdev-export

# Rebuild the shipped data sample (data/*.jsonl, README.md, manifest.json) from data/raw/: byte-identical.
data: $(STAMP)
	$(BIN)/python -c "from lgtm575.data import build_sample; build_sample()"

lab: $(STAMP)
	test -x $(BIN)/jupyter-lab || $(PIP_INSTALL) -e '.[lab]'
	$(BIN)/jupyter lab nbs

bench: bench-syllables bench-generate bench-decode bench-teacher bench-score

bench-syllables: $(STAMP)
	$(BIN)/python benchmarks/syllables_bench.py

bench-generate: $(STAMP)
	$(BIN)/python benchmarks/generate_bench.py

# scripts/score.py end to end: 100 rows x 2 systems (cold and warm cache), and 10,000 synthetic rows to show scaling.
bench-score: $(STAMP)
	$(BIN)/python benchmarks/score_bench.py

# Refit the category head shipped in lgtm575/resources/category_head.json (logistic regression on MiniLM embeddings).
category-head: $(STAMP)
	$(BIN)/python scripts/fit_category_head.py

# The main job: the stage notebooks in order with papermill (offline profile: embedded models, CPU, no network).
# A full regeneration from scratch: rm -rf runs/offline && make reproduce REGENERATE=1
reproduce: $(STAMP)
	LGTM575_REGENERATE=$(REGENERATE) $(BIN)/lgtm575 reproduce --profile $(PROFILE)

# v1.0's own stage (issue 16; hours on 2 cores, so not part of reproduce): plan traces, SFT on them, GRPO; then
# `make ship-v1` commits the adapter to models/<profile>/v1.0, which `lgtm575 review --system v1.0` and
# `lgtm575 generate --system v1.0` load in a fresh clone (plan.v1_adapter).
# V1_PAIRS: the teacher pairs to plan from (default: this run's, runs/<profile>/teacher/pairs.jsonl); the committed
# ones, data/teacher/<profile>/pairs.jsonl, skip the teacher's hour: make v1 V1_PAIRS=data/teacher/offline/pairs.jsonl
V1 = runs/$(PROFILE)/v1
V1_PAIRS ?=
v1: $(STAMP)
	$(BIN)/lgtm575 traces --profile $(PROFILE) $(if $(V1_PAIRS),--pairs $(V1_PAIRS))
	$(BIN)/lgtm575 train --profile $(PROFILE) --pairs $(V1)/traces.jsonl --out $(V1)/sft --max-steps 90 --learning-rate 1e-3
	$(BIN)/lgtm575 grpo --profile $(PROFILE) --adapter $(V1)/sft/adapter --max-steps 30 --learning-rate 5e-5 --temperature 0.8

ship-v1:
	mkdir -p models/$(PROFILE)/v1.0
	cp $(V1)/grpo/adapter/adapter_config.json $(V1)/grpo/adapter/adapter_model.safetensors $(V1)/grpo/adapter/grpo_summary.json \
	   $(V1)/grpo/adapter/trainer_log.jsonl $(V1)/grpo/adapter/rewards.png models/$(PROFILE)/v1.0/
	cp $(V1)/sft/adapter/train_summary.json models/$(PROFILE)/v1.0/sft_summary.json
	cp $(V1)/sft/adapter/trainer_log.jsonl models/$(PROFILE)/v1.0/sft_trainer_log.jsonl

# The blog's test drives Debian's Chromium; install it (and its driver) when missing and we may.
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "the blog test needs Debian chromium and chromium-driver: sudo apt-get install chromium chromium-driver"; exit 1; fi; }

# Build the blog, check every post in headless Chromium, and refresh the committed screenshot.
blog: $(STAMP) browser
	$(BIN)/python scripts/blog.py --screenshot blog/screenshot.png

bench-decode: $(STAMP)
	$(BIN)/python benchmarks/decode_bench.py

# Does revising help? The teacher loop, unconstrained, over a real llama.cpp server: form after attempt 1 vs K.
bench-teacher: $(STAMP)
	$(BIN)/python benchmarks/teacher_revise.py
