"""The shared activity register, the 25-point checklist and engagement plans."""
