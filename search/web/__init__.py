"""The search page and JSON API of ``dossier serve``: a thin web layer over the library.

:func:`create_app` builds the Starlette application for one index; ``dossier serve`` runs it
with uvicorn. Views call the same :class:`~search.searcher.Searcher` methods as the command line
and render their plain results as HTML (Jinja2 templates) or JSON. See ARCHITECTURE.md, "web".
"""

from search.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
