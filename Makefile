# Waiwang: build, run and test. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug
DATA_DIR := var
CONFIG_DIR := Config
HOST := 127.0.0.1
PORT := 8080
# An SMTP relay for the escalation reports, e.g. `make run SMTP=127.0.0.1:25`; without it mail reports stay
# pending in the journal, each saying why (waiwangctl deliveries list).
SMTP ?=
SMTP_FROM ?= waiwang@localhost

.PHONY: deps build run test test-snmp test-capture test-faults bench format clean

# The Debian packages the build and the tests need (installs them as root, quiet if present).
deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# A local registry on $(HOST):$(PORT) with its data in $(DATA_DIR)/ and an admin token made once.
run: deps
	$(SWIFT) build --product waiwang-registry
	$(SWIFT) build --product waiwangctl
	@mkdir -p $(DATA_DIR)
	@if [ ! -e $(DATA_DIR)/admin.token ]; then \
		( umask 077; $(BIN)/waiwang-registry token create --data-dir $(DATA_DIR) --config $(CONFIG_DIR) \
			--role admin --name operator > $(DATA_DIR)/admin.token.new ) \
			|| { rm -f $(DATA_DIR)/admin.token.new; exit 1; }; \
		chmod 0600 $(DATA_DIR)/admin.token.new; \
		mv $(DATA_DIR)/admin.token.new $(DATA_DIR)/admin.token; \
		echo "Admin token (saved in $(DATA_DIR)/admin.token): $$(cat $(DATA_DIR)/admin.token)"; \
		echo 'Use it with waiwangctl: export WAIWANG_TOKEN=$$(cat $(DATA_DIR)/admin.token)'; \
	fi
	exec $(BIN)/waiwang-registry serve --data-dir $(DATA_DIR) --config $(CONFIG_DIR) --host $(HOST) --port $(PORT) \
		$(if $(SMTP),--smtp $(SMTP) --smtp-from $(SMTP_FROM))

# Build once (tests included), run the end-to-end scripts against the built binaries, then the
# unit and integration tests from the built bundle (scripts/swift-tests: its count line closes the run).
test: deps
	$(SWIFT) build --build-tests
	bash scripts/e2e-registry.sh
	bash scripts/e2e-applications.sh
	bash scripts/e2e-delivery.sh
	bash scripts/e2e-incidents.sh
	bash scripts/e2e-snmp.sh
	bash scripts/e2e-netns-snmp.sh
	bash scripts/e2e-agent.sh
	bash scripts/e2e-agent-faults.sh
	bash scripts/attack-lab/selftest/run.sh
	bash scripts/e2e-attacks.sh
	bash scripts/e2e-live-capture.sh
	bash scripts/e2e-isolation.sh
	bash scripts/fuzz-decoders 20
	bash scripts/swift-tests

# The SNMP poller against simulated devices alone (snmpsim from PyPI); `test` runs it too.
test-snmp: deps
	$(SWIFT) build --product waiwang-agent
	bash scripts/e2e-snmp.sh
	bash scripts/e2e-netns-snmp.sh

# Attack detection alone: the real-tool captures, the live lab and a short fuzz run of the decoders.
test-capture: deps
	$(SWIFT) build --product waiwang-agent
	bash scripts/e2e-attacks.sh
	bash scripts/e2e-live-capture.sh
	bash scripts/fuzz-decoders 20

# The agent's fault tests alone (line cut, registry killed for 60 s, agent SIGKILLed mid-batch, duplicate batch,
# full outbox): about 4 minutes as root; `test` runs them too.
test-faults: deps
	$(SWIFT) build --product waiwang-registry
	$(SWIFT) build --product waiwangctl
	$(SWIFT) build --product waiwang-agent
	bash scripts/e2e-agent-faults.sh

# Every scripts/bench-* script, in name order.
bench:
	@set -e; found=0; \
	for script in scripts/bench-*; do \
		[ -f "$$script" ] || continue; \
		found=1; echo "== $$script"; \
		if [ -x "$$script" ]; then "./$$script"; else bash "$$script"; fi; \
	done; \
	[ $$found = 1 ] || echo "bench: no scripts/bench-* yet"

# Format the Swift sources in place with the checked-in .swift-format.
format:
	@if $(SWIFT) format --version >/dev/null 2>&1; then \
		$(SWIFT) format -i -r $(wildcard Sources Tests Benchmarks); \
	else \
		echo "format: swift format is not available in this toolchain"; \
	fi

# Removes build products (keeps resolved dependencies and the data in $(DATA_DIR)/).
clean:
	$(SWIFT) package clean
	rm -rf .build-infra
