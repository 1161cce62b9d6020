"""Articles ordered newest first from saved info columns (info_columns.newest_first) as
display_order.recency_of orders the infos, without making them."""

from __future__ import annotations

import pytest

from index.answer import display_order, info_columns
from index.answer.info_columns import InfoColumns, info_arrays
from index.models import ArticleInfo

DATES = [None, "", "2016-05-01", "2016-05", "2016-05-01T10:00", "２０１６-01-01", "2016-05-01", None]


def _info(article_id: int, published: str | None) -> ArticleInfo:
    return ArticleInfo(article_id, 1, f"t{article_id}", None, None, None, published, None, None, "", f"h{article_id}", 1)  # fmt: skip


def _saved() -> tuple[dict[int, ArticleInfo], InfoColumns]:
    infos = {7 * i + 3: _info(7 * i + 3, DATES[i]) for i in range(len(DATES))}
    return infos, InfoColumns(info_arrays(infos))


def _by_recency(infos: dict[int, ArticleInfo], ids: list[int]) -> list[int]:
    return sorted(ids, key=lambda i: display_order.recency_of(infos[i]), reverse=True)


def test_saved_articles_come_newest_first_without_making_infos(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    infos, saved = _saved()
    monkeypatch.setattr(InfoColumns, "_make", lambda self, article_id: pytest.fail("made"))
    ids = list(infos)[::-1]
    assert list(display_order.newest_first(saved, ids)) == _by_recency(infos, ids)
    some = [ids[1], ids[4], ids[6]]
    assert list(display_order.newest_first(saved, some)) == _by_recency(infos, some)
    with pytest.raises(KeyError):
        list(display_order.newest_first(saved, [ids[0], 1000]))


def test_patched_articles_take_their_place_among_the_saved() -> None:
    infos, saved = _saved()
    added = {90: _info(90, "2016-05-01"), 91: _info(91, None), 92: _info(92, "2030")}
    changed = info_columns.changed(saved, added, {3})
    ids = [i for i in [*infos, *added] if i != 3]
    expected = _by_recency({**infos, **added}, ids)
    assert list(display_order.newest_first(changed, ids)) == expected
    assert expected[:2] == [38, 92]  # full-width digits sort after ASCII ones, as text
    with pytest.raises(KeyError):
        list(display_order.newest_first(changed, [3]))
    plain = {**infos, **added}
    assert list(display_order.newest_first(plain, ids)) == _by_recency(plain, ids)


def test_titles_read_from_their_column_without_making_infos(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    infos, _ = _saved()
    infos[3] = ArticleInfo(3, 1, None, None, None, None, None, None, None, "", "h3", 1)  # untitled
    saved = InfoColumns(info_arrays(infos))
    monkeypatch.setattr(InfoColumns, "_make", lambda self, article_id: pytest.fail("made"))
    assert [info_columns.title_of(saved, i) for i in infos] == [i.title for i in infos.values()]
    assert info_columns.title_of(saved, 3) is None and info_columns.title_of(saved, 10) == "t10"
    patched = info_columns.changed(saved, {99: _info(99, None)}, {10})
    assert info_columns.title_of(patched, 99) == "t99"
    assert info_columns.title_of(patched, 17) == "t17"
    for gone in (10, 1000):
        with pytest.raises(KeyError):
            info_columns.title_of(patched, gone)
    assert info_columns.title_of(infos, 10) == "t10"
