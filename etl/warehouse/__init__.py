"""The DuckDB warehouse: numbered migrations and an atomic build."""
from .migrate import apply_migrations, migration_files
from .load import build_warehouse, WarehouseContent

__all__ = ["apply_migrations", "migration_files", "build_warehouse", "WarehouseContent"]
