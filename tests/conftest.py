"""Shared fixtures: the seed page, and the ../shared data folder when CI or a developer has it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_527b28a421eb8cca.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data not present (a user's machine): evaluation data lives beside the repo in CI")
    return data


@pytest.fixture
def tiny_ner_train(tmp_path) -> Path:
    """A small ANERcorp-style training file: two sentences repeated twelve times."""
    lines = []
    for i in range(12):
        lines += ["زار O", "محمد B-PERS", "علي I-PERS", "مدينة O", "بيروت B-LOC", ". O", ""]
        lines += ["قالت O", "شركة B-ORG", "سامسونج I-ORG", f"{i} O", ". O", ""]
    path = tmp_path / "train.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def train_with_cli(model: str, train: Path, out: Path) -> str:
    """Run ``newsan train MODEL`` on a training file (also as dev) into ``out``; its output.
    Fails the test unless the command succeeded and printed dev scores."""
    from click.testing import CliRunner

    from newsan.cli import main

    res = CliRunner().invoke(main, ["train", model, "--train", str(train), "--dev", str(train), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "micro" in res.output
    return res.output
