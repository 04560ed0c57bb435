"""Services: what the CLI and the views call; they combine repository reads and analyses."""
