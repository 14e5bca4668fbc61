"""The Parquet dataset: the store's tables as Parquet files written straight from the
corpus workers (one file set per shard, partitioned by publication month), the
cross-article tables computed over it as a batch job, and DuckDB over the files running
the store's own list specifications. docs/SCALE.md describes the design."""
