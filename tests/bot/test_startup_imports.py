"""Start-up stays light: the CLI and the service door load no heavy library until a command needs it.

Checked in a fresh interpreter (a subprocess), since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sklearn", "scipy", "numpy", "discord", "trafilatura", "aiohttp", "lxml", "matplotlib", "PIL", "onnxruntime", "tokenizers")


def loaded_after(module: str) -> list[str]:
    probe = (
        f"import sys, json, {module}; "
        f"print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", ["bot.cli", "bot.console", "index.service"])
def test_importing_the_front_door_loads_no_heavy_library(module: str) -> None:
    loaded = set(loaded_after(module))
    assert module.split(".")[0] in loaded  # the probe really imported it
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
