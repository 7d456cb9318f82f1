"""Forms of one name that the gazetteer treats as the same name."""

from __future__ import annotations

from worker.geo.gazetteer import _abbreviated


def test_leading_saint_mount_and_fort_fold_to_one_short_form() -> None:
    assert _abbreviated("saintpetersburg") == _abbreviated("stpetersburg")
    assert _abbreviated("sainteanne") == _abbreviated("steanne")
    assert _abbreviated("mountvernon") == _abbreviated("mtvernon")
    assert _abbreviated("fortworth") == _abbreviated("ftworth")
    assert _abbreviated("stevens") != _abbreviated("sevens")
