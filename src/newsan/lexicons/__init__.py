"""Word lists the analysis relies on, kept as YAML data files in the package.

Each file under `newsan/data/lexicons/` is one lexicon (markers, cues, titles,
gazetteer). A user config file extends them: its top-level keys name a
lexicon, the nested keys name a list in it, and its items are appended, so
a newsroom can add an outlet's boilerplate line or a cue verb without
touching the package:

    markers:
      boilerplate: ["حمل تطبيق الصحيفة"]
    cues:
      speech_verbs: ["غرد"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from newsan.errors import ConfigError

LEXICON_NAMES = ("markers", "cues", "titles", "gazetteer")


# libyaml's parser where PyYAML was built with it: the same safe loading, eight times as fast.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, origin: str) -> Any:
    """Safely parsed YAML; a ConfigError naming ``origin`` if it is not valid."""
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        raise ConfigError(f"{origin}: not valid YAML ({error.__class__.__name__})") from None


@cache
def _builtin(name: str) -> Mapping[str, Any]:
    text = resources.files("newsan").joinpath(f"data/lexicons/{name}.yaml").read_text("utf-8")
    return read_yaml(text, f"{name}.yaml") or {}


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any], origin: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key in merged and isinstance(merged[key], list):
            if not isinstance(value, list):
                raise ConfigError(f"{origin}: '{key}' must be a list")
            merged[key] = merged[key] + [v for v in value if v not in merged[key]]
        elif key in merged and isinstance(merged[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{origin}: '{key}' must be a mapping")
            merged[key] = _merge(merged[key], value, origin)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True, slots=True)
class UserConfig:
    """A config file's text, read where the run starts, so a process that cannot see the file
    (a cluster worker elsewhere) still gets its lists; `origin` names the file in errors."""

    origin: str
    text: str


def read_config(path: str) -> UserConfig:
    """The config file at `path`, read now; a ConfigError if it cannot be."""
    try:
        return UserConfig(path, Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config ({error.__class__.__name__})") from None


@lru_cache(maxsize=8)
def load_lexicons(config: str | UserConfig | None = None) -> Mapping[str, Mapping[str, Any]]:
    """All lexicons, extended by the user config (a file's path, or its text already read) if given.

    Cached per config: a process loads each lexicon once.
    """
    lexicons = {name: dict(_builtin(name)) for name in LEXICON_NAMES}
    if config:
        user_config = read_config(config) if isinstance(config, str) else config
        origin = user_config.origin
        user = read_yaml(user_config.text, origin) or {}
        if not isinstance(user, dict):
            raise ConfigError(f"{origin}: config must be a mapping of lexicon names")
        for name, extra in user.items():
            if name not in lexicons:
                raise ConfigError(f"{origin}: unknown lexicon '{name}' (known: {', '.join(LEXICON_NAMES)})")
            if not isinstance(extra, dict):
                raise ConfigError(f"{origin}: '{name}' must be a mapping of lists")
            lexicons[name] = _merge(lexicons[name], extra, origin)
    return MappingProxyType(lexicons)


def gazetteer_names(gazetteer: Mapping[str, Any], entity_types: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(entity type, name) for every name the gazetteer lists under these types, in their order:
    a type holds groups, each a list of names (a lone name stands for a group of one)."""
    for entity_type in entity_types:
        for group in gazetteer.get(entity_type, []):
            for name in group if isinstance(group, list) else [group]:
                yield entity_type, name


_Folded = TypeVar("_Folded")
_COMPILED: dict[tuple[int, Callable], tuple[Any, Any]] = {}
# A process folds a handful of lexicons; a library caller passing a fresh mapping per call must not grow this forever.
_COMPILED_MAX = 256


def compiled(lexicon: Any, build: Callable[[Any], _Folded]) -> _Folded:
    """`build(lexicon)`, computed once per loaded lexicon object.

    Stages fold their word lists into sets and tuples before matching; doing
    that per article would cost more than the matching. Loaded lexicons are
    cached, so their identity is stable and names the folded form.
    """
    key = (id(lexicon), build)
    hit = _COMPILED.get(key)
    if hit is None or hit[0] is not lexicon:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        hit = _COMPILED[key] = (lexicon, build(lexicon))
    return hit[1]
