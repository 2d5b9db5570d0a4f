"""Work done in another process comes back as if done here (parallel.py)."""

from __future__ import annotations

import os

import pytest

from obsidian_to_mkdocs.parallel import in_child


def test_work_apart_returns_its_result_from_another_process():
    here = os.getpid()
    pid, value = in_child(lambda: (os.getpid(), {"notes": [1, 2, 3]}))
    assert pid != here and value == {"notes": [1, 2, 3]}


def test_work_apart_raises_its_error_here():
    def fail():
        raise FileNotFoundError("vault folder not found: /nowhere")

    with pytest.raises(FileNotFoundError, match="/nowhere"):
        in_child(fail)


def test_an_error_that_cannot_travel_still_arrives():
    class Local(Exception):  # defined in a function: pickle cannot name it
        pass

    def fail():
        raise Local("broken note")

    with pytest.raises(RuntimeError, match="Local: broken note"):
        in_child(fail)
