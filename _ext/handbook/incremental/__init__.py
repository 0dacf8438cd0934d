"""What a rebuild reads and writes: never stale, never more than needed.

:mod:`.reread` describes the pages read again, before and after reading;
:mod:`.views` writes pages whose generated blocks changed; :mod:`.toc_rewrites`
writes every page when the navigation changed and no parent when only prose
did; :mod:`.search_entries` keeps index entries in the search index (works
around Sphinx issue 12599). All are connected in ``handbook.events``; nothing
here needs a ``setup``.
"""
