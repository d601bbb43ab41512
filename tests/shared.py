"""The one way tests reach the team's shared data in ``../shared/``.

Tests call :func:`shared_path`; when the folder (or the file asked for) is absent, the test is
skipped with a message saying what was looked for, so the suite passes on a bare checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_ROOT = Path(
    os.environ.get("DOSSIER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
)


def shared_path(*parts: str) -> Path:
    """Return ``../shared/<parts>``, skipping the calling test when it does not exist."""
    path = SHARED_ROOT.joinpath(*parts).resolve()
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (set DOSSIER_SHARED to the shared/ folder)")
    return path
