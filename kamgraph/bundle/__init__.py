"""Import and export bundles: CSV folders, XLSX workbooks and JSON, in one documented format."""

# What `kamgraph export` writes; here, so the command's --help needs no driver.
EXPORT_FORMATS = ("json", "csv", "vcf", "ics", "ocds")
