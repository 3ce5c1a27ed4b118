-- ../derived.sql in DuckDB. Why a file of its own: no indexes (DuckDB scans its columns faster than it would use
-- them); only the statistics its planner reads.
ANALYZE;
