"""Running the pipeline over many inputs: in this process, in a pool of processes, or on a Dask cluster."""
