"""Demo and generated data, loaded through the same writer as imports."""
