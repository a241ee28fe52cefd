"""ETL: a folder of Chinese policy documents -> grounded facts, projects, policies -> DuckDB."""

# Bumped whenever extraction rules change: cached per-document results keyed on it are redone.
EXTRACTOR_VERSION = "1"
