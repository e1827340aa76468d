"""Signals that let the apps above consultations keep what they derive from responses in step.

`response_withdrawing` is sent inside the withdrawal's transaction, before the response and its
answers are deleted, with `response` and `answer_ids` (the ids of its answers). Receivers remove
or recompute whatever they derived from those answers (themes' quotes, key terms and sizes,
intelligence flags); if a receiver raises, nothing is withdrawn.
"""

from django.dispatch import Signal

response_withdrawing = Signal()
