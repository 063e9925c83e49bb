"""newsan report --dask: the analysis runs on the cluster, the aggregation here; the same report as a local run."""

import json

import pytest
from click.testing import CliRunner

from newsan.cli import main

distributed = pytest.importorskip("dask.distributed")

ARTICLE = "عنوان الخبر\nالقاهرة- قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\nالمصدر: وكالات\n"


def test_a_report_from_the_cluster_matches_a_local_one(tmp_path):
    for index, city in enumerate(["القاهرة", "الرياض", "عمان"]):
        (tmp_path / f"{index}.txt").write_text(ARTICLE.replace("القاهرة", city), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    args = ["report", str(tmp_path), "--ner", "rules", "-f", "json"]
    local = CliRunner().invoke(main, [*args, "-j", "1"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = CliRunner().invoke(main, [*args, "--dask", cluster.scheduler_address])
    assert local.exit_code == remote.exit_code == 1 and "empty.txt" in remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert json.loads(remote.stdout)["speakers"][0]["articles"] == 3
