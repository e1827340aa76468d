"""The house's shape, checked from the code's own imports (grimp, the graph behind the
import-linter contracts that `make lint` runs): no module of Heard imports, through any chain,
a module that imports it back. The layer order itself is the contracts' job (pyproject.toml)."""

import grimp
from django.conf import settings

PACKAGES = [*settings.HEARD_APPS, "heard_text"]


def _strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[set[str]]:
    """Tarjan's algorithm over the direct imports between `modules`."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0

    def visit(module: str) -> None:
        nonlocal counter
        index[module] = low[module] = counter
        counter += 1
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module) & modules:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(component)

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_loops():
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if ".tests" not in m and ".migrations" not in m}
    loops = _strongly_connected(graph, modules)
    assert not loops, "modules that import each other (through some chain): " + "; ".join(
        ", ".join(sorted(loop)) for loop in loops
    )
