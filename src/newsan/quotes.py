"""Quoted speakers (placeholder until the attribution engine lands on this branch)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .model import Entity, Section, Sentence, Speaker


def extract_speakers(text: str, sections: Sequence[Section], sentences: Sequence[Sentence],
                     entities: Sequence[Entity], lexicons: Mapping[str, Any]) -> list[Speaker]:
    return []
