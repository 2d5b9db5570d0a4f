"""The cache's storage: a snapshot plus a journal of changes, safe against torn writes."""

from __future__ import annotations

from obsidian_to_mkdocs.store import JOURNAL, SNAPSHOT, Store


def _tables(n: int = 200) -> dict[str, dict]:
    return {"notes": {f"n{i}": f"body {i} " * 20 for i in range(n)}, "stages": {"graph": "{}"}}


def test_a_small_change_is_appended_and_read_back(tmp_path):
    store = Store(tmp_path, "k1")
    assert store.load() == {}
    tables = _tables()
    store.save(tables)
    snapshot = (tmp_path / SNAPSHOT).read_bytes()

    again = Store(tmp_path, "k1")
    tables = again.load()
    tables["notes"]["n3"] = "edited"
    del tables["notes"]["n4"]
    tables["stages"]["new"] = "x"
    again.save(tables)

    assert (tmp_path / SNAPSHOT).read_bytes() == snapshot  # untouched: only the journal grew
    assert 0 < (tmp_path / JOURNAL).stat().st_size < len(snapshot) // 20
    loaded = Store(tmp_path, "k1").load()
    assert loaded == tables
    assert "n4" not in loaded["notes"] and loaded["notes"]["n3"] == "edited"


def _journaled(folder, value: str) -> tuple[Store, dict]:
    """A store saved once, then again with one entry changed (a journal record)."""
    Store(folder, "k1").save(_tables())
    store = Store(folder, "k1")
    tables = store.load()
    tables["notes"]["n1"] = value
    store.save(tables)
    assert (folder / JOURNAL).exists()
    return store, tables


def test_a_big_change_writes_a_new_snapshot_and_drops_the_journal(tmp_path):
    store, tables = _journaled(tmp_path, "small")
    tables["notes"] = {key: value.upper() for key, value in tables["notes"].items()}
    store.save(tables)
    assert not (tmp_path / JOURNAL).exists()
    assert Store(tmp_path, "k1").load() == tables


def test_a_torn_record_is_dropped_and_cut_off_before_the_next_append(tmp_path):
    _journaled(tmp_path, "first")
    good = (tmp_path / JOURNAL).read_bytes()
    with (tmp_path / JOURNAL).open("ab") as handle:  # a crash in the middle of an append
        handle.write(good[: len(good) // 2])

    store = Store(tmp_path, "k1")
    tables = store.load()
    assert tables["notes"]["n1"] == "first"
    tables["notes"]["n2"] = "second"
    store.save(tables)
    assert Store(tmp_path, "k1").load()["notes"]["n2"] == "second"


def test_another_key_or_a_corrupt_snapshot_reads_as_empty(tmp_path):
    Store(tmp_path, "k1").save(_tables())
    assert Store(tmp_path, "k2").load() == {}
    (tmp_path / SNAPSHOT).write_bytes(b"not a pickle")
    assert Store(tmp_path, "k1").load() == {}
