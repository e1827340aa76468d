"""Maintainer tools: not imported by heard_text at run time."""
