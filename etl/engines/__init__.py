"""Ways to run the per-document step other than this machine's processes (etl.pipeline).

Imported only when asked for (`etl build --engine dask`): the local build does not need Dask.
"""
