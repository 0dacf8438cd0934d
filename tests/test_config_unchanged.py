"""A rebuild with nothing changed must not report "The configuration has
changed" (issue 21): the extension changes options only at config-inited,
before Sphinx compares them with the previous build's, and it keeps the
options upstream code changes during a build stable (web/stable_config.py:
Sphinx's css priority, sphinx-design's static folder).

Left: Furo registers ``pygments_dark_style`` only when the theme loads, after
the comparison (see MAINTAINERS.md); the test root uses the basic theme."""

from __future__ import annotations

from pathlib import Path

from handbook_helpers import Built, client_side_diagrams, copy_root


def rebuild_status(src: Path, out: Path) -> str:
    with client_side_diagrams():
        Built(src, builddir=out)
        again = Built(src, builddir=out)
    status = again.app.status.getvalue()
    assert "loading pickled environment" in status, status
    return status


def test_no_change_rebuild_reports_no_configuration_change(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    assert '"sphinx_design"' in conf
    (src / "conf.py").write_text(
        conf + 'html_css_files = ["extra.css", ("print.css", {"media": "print"})]\n',
        encoding="utf-8")
    status = rebuild_status(src, tmp_path / "out")
    assert "configuration has changed" not in status, status


def test_an_option_changed_during_the_build_is_reported(tmp_path):
    """The counterpart: the check sees an option that changes after the
    comparison, as html_static_path did when sphinx-design appended to it."""
    src = copy_root("handbook", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("def setup(app):\n"
                   "    app.connect('builder-inited',\n"
                   "                lambda app: app.config.html_static_path.append('_extra'))\n")
    status = rebuild_status(src, tmp_path / "out")
    assert "The configuration has changed (1 option: 'html_static_path')" in status, status
