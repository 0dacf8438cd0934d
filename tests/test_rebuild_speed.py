"""Rebuild speed-ups: small rebuilds in one process, the loaded environment frozen.

Asserts behaviour, not time: which read and write path Sphinx takes.
"""

from __future__ import annotations

from sphinx.builders import Builder

from conftest import ROOT
from handbook.speedups import small_builds

PAGES = 12  # more than small_builds.SMALL


def project(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['handbook.speedups.small_builds']\n")
    pages = "\n".join(f"   p{i}" for i in range(PAGES))
    (root / "index.rst").write_text(f"Start\n=====\n\n.. toctree::\n\n{pages}\n")
    for i in range(PAGES):
        (root / f"p{i}.rst").write_text(f"Pagina {i}\n{'=' * 12}\n\nTekst.\n")


def run(make_app, root, monkeypatch, fresh):
    """Build with parallel=2; report which read and write paths ran."""
    paths = []
    for name in ("_read_serial", "_read_parallel", "_write_serial", "_write_parallel"):
        original = getattr(Builder, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):
            paths.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Builder, name, spy)
    app = make_app("html", srcdir=root, freshenv=fresh, parallel=2)
    app.build()
    warnings = app.warning.getvalue()
    app.cleanup()
    assert not warnings, warnings
    assert app.parallel == 2  # restored for the rest of the build
    return paths


def test_full_build_stays_parallel(make_app, tmp_path, monkeypatch):
    project(tmp_path)
    assert run(make_app, tmp_path, monkeypatch, fresh=True) == ["_read_parallel", "_write_parallel"]


def test_one_changed_page_is_read_and_written_in_one_process(make_app, tmp_path, monkeypatch):
    project(tmp_path)
    run(make_app, tmp_path, monkeypatch, fresh=True)
    (tmp_path / "p3.rst").write_text("Pagina 3\n========\n\nAndere tekst.\n")
    assert run(make_app, tmp_path, monkeypatch, fresh=False) == ["_read_serial", "_write_serial"]
    assert "Andere tekst." in (tmp_path / "_build" / "html" / "p3.html").read_text()


def test_threshold_is_what_the_module_says():
    assert 1 < small_builds.SMALL < PAGES


def test_loaded_environment_is_frozen_during_the_build_only(make_app, tmp_path, monkeypatch):
    """handbook.speedups.gc_freeze: frozen while Sphinx builds, normal again afterwards."""
    import gc

    project(tmp_path)
    conf = tmp_path / "conf.py"
    conf.write_text(conf.read_text().replace(
        "extensions = ['handbook.speedups.small_builds']",
        "extensions = ['handbook.speedups.small_builds', 'handbook.speedups.gc_freeze']\n"
        "def setup(app):\n"
        "    import gc\n"
        "    app.connect('env-before-read-docs', lambda app, env, docs: "
        "seen.append(gc.get_freeze_count()))\n"
        "seen = []"))
    run(make_app, tmp_path, monkeypatch, fresh=True)
    (tmp_path / "p3.rst").write_text("Pagina 3\n============\n\nAndere tekst.\n")
    app = make_app("html", srcdir=tmp_path, freshenv=False)
    app.build()
    frozen = app.config._raw_config["seen"]
    app.cleanup()
    assert frozen and frozen[-1] > 0  # the environment of the first build
    assert gc.get_freeze_count() == 0


def test_heap_is_frozen_at_exit_only(tmp_path):
    """After the build collection is normal; at interpreter exit the heap is
    frozen before Python's final full collection (handbook.speedups.gc_freeze)."""
    import subprocess
    import sys

    project(tmp_path)
    conf = tmp_path / "conf.py"
    conf.write_text(conf.read_text().replace("'handbook.speedups.small_builds'", "'handbook.speedups.gc_freeze'"))
    script = (
        "import atexit, gc, sys\n"
        "from sphinx.cmd.build import build_main\n"
        # Registered before the build, so it runs after the extension's handler.
        "atexit.register(lambda: print('at exit', gc.get_freeze_count() > 0))\n"
        f"assert build_main(['-q', '-b', 'html', {str(tmp_path)!r}, {str(tmp_path / 'out')!r}]) == 0\n"
        "print('after build', gc.get_freeze_count() > 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["after build False", "at exit True"]
