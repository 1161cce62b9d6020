"""aliases_json writes what json.dumps writes for a speaker's aliases, whatever they hold."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from index.aliases import aliases_json


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('aZ "\\/\x00\x1f\x7fé’中\ud800😀\n') | st.characters())))
def test_aliases_json_is_json_dumps(aliases: list[str]) -> None:
    assert aliases_json(tuple(aliases)) == json.dumps(list(aliases)) == json.dumps(tuple(aliases))
