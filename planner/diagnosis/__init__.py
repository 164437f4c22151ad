"""Why requests do not fit, and verified suggestions to make them fit (domain spec "Diagnosis").

``diagnose`` (in ``explain``) names the cause of every request not fully placed, from the facts
in ``slots`` and in the Dutch of ``reasons``; ``add_verified_suggestions`` adds a change that a
re-solve proved to help (``suggestions``, from the ``candidates``). ``idle_hours`` says why a
helper's hours stay unused in a plan, in the Dutch of ``idle_texts``.
"""

from planner.diagnosis.explain import (
    BlockingRequest,
    Cause,
    Diagnosis,
    DiagnosisFacts,
    HelperFact,
    add_verified_suggestions,
    diagnose,
)

__all__ = [
    "BlockingRequest",
    "Cause",
    "Diagnosis",
    "DiagnosisFacts",
    "HelperFact",
    "add_verified_suggestions",
    "diagnose",
]
