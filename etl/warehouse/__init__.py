"""The DuckDB warehouse: one schema (schema.sql + views.sql) and an atomic build."""
from .load import WarehouseContent, WarehouseWriter, build_warehouse, create_schema

__all__ = ["create_schema", "build_warehouse", "WarehouseContent", "WarehouseWriter"]
