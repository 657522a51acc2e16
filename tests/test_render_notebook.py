"""The notebook in ``notebooks/`` runs top to bottom.

Its code cells are executed in order in one namespace, and each cell's last expression is
rendered the way Jupyter would (``_repr_html_``), so the inline map is exercised too.  When
nbclient and a Python kernel are installed the notebook also runs in a real kernel; otherwise
that test is skipped.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore_samples.ipynb"


def code_cells() -> list[str]:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _display(value) -> str:
    """What Jupyter shows for a value: its HTML repr if it has one, else its repr."""
    html = getattr(value, "_repr_html_", None)
    return html() if callable(html) else repr(value)


def test_notebook_is_clean():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebook_code_cells_run_in_order(monkeypatch):
    namespace: dict = {"__name__": "__notebook__", "display": _display}
    shown = []
    for source in code_cells():
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<notebook>", "exec"), namespace)  # noqa: S102 - our own notebook
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<notebook>", "eval"), namespace)  # noqa: S307
            if value is not None:
                shown.append(_display(value))
    assert namespace["got"].read == 29
    assert any("TerritoryMap.init" in s for s in shown), "the map cell did not display the map"
    assert any("<table" in s for s in shown), "no table was displayed"


def test_notebook_runs_in_a_kernel():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    kernelspec = pytest.importorskip("jupyter_client.kernelspec")
    try:
        kernelspec.KernelSpecManager().get_kernel_spec("python3")
    except Exception as exc:  # no such kernel installed
        pytest.skip(f"no python3 Jupyter kernel: {exc}")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
