"""The developer kit, outside the runtime: `twitch-diary chat`, request envelopes, the local
Alexa cloud, model generation and lint, the local Redis, and what tests and benchmarks share.
The runtime (skill, scheduler) never imports it (an import-linter contract)."""
