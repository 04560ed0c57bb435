"""Import and export bundles: CSV folders, XLSX workbooks and JSON, in one documented format."""
