"""The floors of borderzone/layers.py hold: no module imports from a floor above its own, none is on no
floor, no modules import each other round a loop; and the walk that checks this does find a planted one."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from borderzone import layers


def plant(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"borderzone/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            if parent != Path(".") and not (root / parent / "__init__.py").exists():
                (root / parent / "__init__.py").write_text("")
        path.write_text(textwrap.dedent(text))
    return root


def test_no_module_imports_from_a_floor_above_its_own():
    assert layers.violations() == []


def test_no_modules_import_each_other_round_a_loop():
    assert layers.cycles() == []


def test_the_gates_app_imports_none_of_the_apps_that_add_panels_to_its_page():
    graph = layers.import_graph()
    panel_apps = ("borderzone.trade", "borderzone.planning", "borderzone.infrastructure", "borderzone.register")
    imported = {
        t for m, found in graph.items() if m.startswith("borderzone.gates") and not layers.is_test(m) for t, _ in found
    }
    assert not [t for t in imported if t.startswith(panel_apps)]


def test_access_imports_what_it_needs_at_the_top_of_the_file():
    inside = []
    for module, path in layers.project_modules().items():
        if not module.startswith("borderzone.access") or layers.is_test(module):
            continue
        for node in ast.parse(path.read_text()).body:
            for sub in ast.walk(node) if not isinstance(node, (ast.Import, ast.ImportFrom)) else ():
                if isinstance(sub, ast.ImportFrom) and (sub.module or "").startswith("borderzone"):
                    inside.append(f"{module}:{sub.lineno}")
    assert inside == []


def test_the_walk_finds_upward_imports_inside_functions_under_type_checking_and_relative(tmp_path):
    root = plant(
        tmp_path,
        {
            "borderzone/zones/models.py": "",
            "borderzone/gates/models.py": "",
            "borderzone/core/money.py": "",
            "borderzone/core/bad.py": """\
                from typing import TYPE_CHECKING

                from borderzone.core import money

                if TYPE_CHECKING:
                    from borderzone.gates.models import BorderGate


                def default_zone():
                    from borderzone.zones.models import EconomicZone
                    return EconomicZone
            """,
            "borderzone/core/relative.py": "from ..zones import models\n",
            "borderzone/newapp/views.py": "",
        },
    )

    found = layers.violations(root)

    assert found == [
        "borderzone/core/bad.py:6: borderzone.core.bad (core) imports borderzone.gates.models (gates)",
        "borderzone/core/bad.py:10: borderzone.core.bad (core) imports borderzone.zones.models (places and people)",
        "borderzone/core/relative.py:1: borderzone.core.relative (core) imports borderzone.zones.models "
        "(places and people)",
        "borderzone/newapp/__init__.py:1: borderzone.newapp is on no floor (add it to borderzone/layers.py)",
        "borderzone/newapp/views.py:1: borderzone.newapp.views is on no floor (add it to borderzone/layers.py)",
    ]


def test_the_walk_lets_a_module_import_its_own_floor_and_below_and_tests_import_anything(tmp_path):
    root = plant(
        tmp_path,
        {
            "borderzone/core/text.py": "",
            "borderzone/zones/models.py": "from borderzone.core import text\n",
            "borderzone/zones/services.py": "from borderzone.access import audit\n",
            "borderzone/access/audit.py": "from borderzone.zones.models import EconomicZone\n",
            "borderzone/trade/models.py": "from borderzone.gates.models import BorderGate\n",
            "borderzone/gates/models.py": "",
            "borderzone/core/tests/test_text.py": "from borderzone.trade.models import TradeFigure\n",
        },
    )
    assert layers.violations(root) == []


def test_the_cycle_check_finds_modules_that_import_each_other(tmp_path):
    # zones/demo.py and zones/gate_demo.py did this before the gates app: one at the top, one in a function.
    root = plant(
        tmp_path,
        {
            "borderzone/zones/demo.py": "from borderzone.zones import gate_demo\n",
            "borderzone/zones/gate_demo.py": "def names():\n    from borderzone.zones.demo import GATES\n",
            "borderzone/zones/models.py": "",
        },
    )
    assert layers.cycles(root) == [["borderzone.zones.demo", "borderzone.zones.gate_demo"]]
