"""The `camel` NER backend: camel-tools' BERT NERecognizer, loaded only when asked for.

torch and transformers are heavy, and importing camel_tools.ner downloads a
catalogue unless one is installed, so nothing here runs before a caller asks
for this backend.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newsan.errors import BackendUnavailable
from newsan.ner.labels import to_newsan_tag


class CamelTagger:
    """camel-tools' BERT NER, loaded lazily: torch and transformers are heavy."""

    name = "camel"

    def __init__(self, model_path: str | None = None):
        self._recognizer = _load_camel_recognizer(model_path)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        kept_positions = []
        kept_sentences = []
        tokenize = self._recognizer.tokenizer.tokenize
        for sentence in sentences:
            # camel-tools silently drops words with no word pieces (e.g. U+200F alone);
            # leave them out ourselves and put an O back in their place afterwards
            positions = [i for i, word in enumerate(sentence) if tokenize(word)]
            kept_positions.append(positions)
            kept_sentences.append([sentence[i] for i in positions])
        predictions = self._recognizer.predict(kept_sentences) if kept_sentences else []
        results = []
        # camel-tools decides the lengths of its predictions: taken as they come, as before
        for sentence, positions, labels in zip(sentences, kept_positions, predictions, strict=False):
            tags = ["O"] * len(sentence)
            for position, label in zip(positions, labels, strict=False):
                tags[position] = to_newsan_tag(label)
            results.append(tags)
        return results


# What a camel-tools NER model folder (a transformers BERT checkpoint) must hold: (file, any of its names).
_MODEL_FILES = (("config.json", ("config.json",)),
                ("vocab.txt", ("vocab.txt",)),
                ("model weights (pytorch_model.bin or model.safetensors)",
                 ("pytorch_model.bin", "model.safetensors", "pytorch_model.bin.index.json",
                  "model.safetensors.index.json")))


def _check_model_folder(model_path: str) -> None:
    """Fail, saying what is missing, unless the folder holds a camel-tools NER model: otherwise
    camel-tools fails with a message about its own installation, which misleads."""
    folder = Path(model_path)
    missing = [what for what, names in _MODEL_FILES if not any((folder / name).is_file() for name in names)]
    if missing:
        raise BackendUnavailable(f"{model_path} is not a camel-tools NER model folder: no {', no '.join(missing)}")


def _camel_data_dir() -> Path:
    return Path(os.environ.get("CAMELTOOLS_DATA") or Path.home() / ".camel_tools").expanduser()


def _load_camel_recognizer(model_path: str | None):
    if model_path is not None:
        _check_model_folder(model_path)
    # importing camel_tools.ner downloads a catalogue unless one is installed: check first
    if not (_camel_data_dir() / "catalogue.json").is_file():
        raise BackendUnavailable(
            f"camel-tools data is not installed (no catalogue.json in {_camel_data_dir()}): "
            "run 'camel_data -i ner-arabert' with network access (or set CAMELTOOLS_DATA), or use the builtin backend")
    try:
        from camel_tools.ner import NERecognizer  # imports torch: only when asked for
    except Exception as error:  # camel-tools raises its own DownloaderError when offline
        raise BackendUnavailable(f"camel-tools NER cannot be imported: {error}") from None
    try:
        if model_path is not None:
            return NERecognizer(str(model_path), use_gpu=False)
        return NERecognizer.pretrained(use_gpu=False)
    except Exception as error:
        raise BackendUnavailable(
            f"camel-tools NER model could not be loaded ({error.__class__.__name__}): "
            "run 'camel_data -i ner-arabert', or use the builtin backend") from None
