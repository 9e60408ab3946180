"""Where rows are matched: `local` (this process, or forked workers on this machine) and
`dask` (a file at a time on a Dask cluster, optional)."""
