"""Warehouse stage: the DuckDB schema (versioned migrations), idempotent loads and analyst views."""
