"""Loading an app's registrations with the extension points (core/extensions.py): every module
of the app named `hooks*.py` is imported when the app is ready, so that several parts of one app
can each register their own menu items, panels and checks in a module of their own."""

import importlib
import pkgutil
from types import ModuleType


def load_hooks(package: str) -> list[ModuleType]:
    module = importlib.import_module(package)
    return [
        importlib.import_module(f"{package}.{info.name}")
        for info in pkgutil.iter_modules(module.__path__)
        if info.name.startswith("hooks")
    ]
