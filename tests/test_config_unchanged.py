"""A rebuild with nothing changed must not report "The configuration has
changed" for an option the extension sets (issue 21): the extension changes
options only at config-inited, before Sphinx compares them with the previous
build's. sphinx_design is left out of the root: it appends to
html_static_path at builder-inited itself (upstream, see MAINTAINERS.md)."""

from __future__ import annotations

from handbook_helpers import Built, client_side_diagrams, copy_root


def test_no_change_rebuild_reports_no_configuration_change(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"sphinx_design", ', ""),
                    encoding="utf-8")
    with client_side_diagrams():
        Built(src, builddir=tmp_path / "out")
        again = Built(src, builddir=tmp_path / "out")
    status = again.app.status.getvalue()
    assert "loading pickled environment" in status, status
    assert "configuration has changed" not in status, status
