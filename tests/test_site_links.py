"""The link check of the real handbook: every link of the built site is an item.

This module holds no test functions of its own. The plugin in
tests/sitelinks.py attaches one collector per built page to it, with one item
per distinct link on that page (see that module's docstring). Run only the
link check with ``pytest tests/test_site_links.py``; check an existing build
without building with ``pytest tests/test_site_links.py --site-links _build/html``.
"""
