"""Where an index lives on disk, and opening it safely.

An index folder holds Whoosh's files, a ``dossier.json`` stamp (schema version, language) and one
``manifest-<generation>.json`` per committed generation, listing the source files behind it.
Whoosh commits by writing a new table of contents and renaming it into place, so a run that dies
midway leaves the previous generation readable; the manifest is named after the generation it
describes, so it can never disagree with the index it is read with.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, FileIndex

from indexer.errors import IndexAccessError, IndexNotFoundError, SchemaVersionError
from indexer.schema import SCHEMA_VERSION, build_schema

__all__ = [
    "STAMP_FILE",
    "create_index",
    "default_index_dir",
    "index_exists",
    "load_manifest",
    "manifest_path",
    "open_index",
    "prune_manifests",
]

STAMP_FILE = "dossier.json"
_MANIFEST = re.compile(r"^manifest-(\d+)\.json$")


def default_index_dir() -> Path:
    """The index used when none is named: ``$DOSSIER_INDEX``, else the user's data folder."""
    if os.environ.get("DOSSIER_INDEX"):
        return Path(os.environ["DOSSIER_INDEX"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "dossier" / "index"


def index_exists(path: Path) -> bool:
    """Tell whether ``path`` holds a Dossier index (it may still fail to open)."""
    return (path / STAMP_FILE).is_file()


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / STAMP_FILE).read_text("utf-8"))
    except FileNotFoundError:
        raise IndexNotFoundError(
            str(path), f"no index at {path}; build one with `dossier index PATH`"
        ) from None
    except (OSError, ValueError) as exc:
        raise IndexAccessError(str(path), f"cannot read the index at {path}: {exc}") from None


def _storage(path: Path, mmap: bool) -> FileStorage:
    return FileStorage(str(path), supports_mmap=mmap)


def open_index(path: Path, *, mmap: bool = True) -> FileIndex:
    """Open the index at ``path`` for reading or writing.

    :param mmap: map index files into memory (fastest for searching). Indexing passes False:
        mapped pages count in the process's resident memory, which then grows with the size of
        the index instead of staying flat.

    :raises IndexNotFoundError: when there is no index there.
    :raises SchemaVersionError: when it was built by an incompatible version.
    :raises IndexAccessError: when it cannot be read.
    """
    stamp = _read_stamp(path)
    if stamp.get("schema_version") != SCHEMA_VERSION:
        raise SchemaVersionError(
            str(path),
            f"the index at {path} has schema version {stamp.get('schema_version')}, this Dossier "
            f"reads {SCHEMA_VERSION}: move the folder away and index your files again",
        )
    try:
        ix = _storage(path, mmap).open_index()
        ix.doc_count_all()  # touches every segment, so damage shows here and not mid-search
    except EmptyIndexError:
        raise IndexAccessError(
            str(path), f"cannot open the index at {path}: no index files"
        ) from None
    except Exception as exc:  # noqa: BLE001 - damaged files raise anything from struct to pickle
        raise IndexAccessError(str(path), f"cannot open the index at {path}: {exc}") from None
    return ix


def create_index(path: Path, language: str = "english", *, mmap: bool = True) -> FileIndex:
    """Create an empty index at ``path`` (the folder is made if needed); see :func:`open_index`."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        ix = _storage(path, mmap).create_index(build_schema(language))
        stamp = {"schema_version": SCHEMA_VERSION, "language": language}
        (path / STAMP_FILE).write_text(json.dumps(stamp), "utf-8")
    except OSError as exc:
        raise IndexAccessError(str(path), f"cannot create an index at {path}: {exc}") from None
    return ix


def manifest_path(path: Path, generation: int) -> Path:
    """The manifest file that describes ``generation`` of the index at ``path``."""
    return path / f"manifest-{generation}.json"


def load_manifest(path: Path, generation: int) -> dict[str, Any]:
    """Return the manifest of ``generation`` (or of the newest generation before it).

    An older manifest only makes the next run re-read some files, which is always safe.
    """
    candidates = sorted(
        (int(m[1]), p)
        for p in path.iterdir()
        if (m := _MANIFEST.match(p.name)) and int(m[1]) <= generation
    )
    for _, file in reversed(candidates):
        try:
            return json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            continue
    return {"files": {}}


def prune_manifests(path: Path, keep: int) -> None:
    """Delete manifests of generations other than ``keep``."""
    for p in path.iterdir():
        m = _MANIFEST.match(p.name)
        if m and int(m[1]) != keep:
            p.unlink(missing_ok=True)
