"""Entry points: the `workbench` command line and the desktop app start (the composition root)."""
