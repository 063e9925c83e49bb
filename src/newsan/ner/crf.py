"""Linear-chain CRF inference in numpy over models written by crfsuite.

Why not crfsuite's own tagger: handing it a sentence means building a Python
list of attribute strings per token and hashing each of them into the model's
dictionary, again for every token of every call. Reading the weights once lets
the caller precompute per-word score rows and add them up with numpy (see
newsan.ner.builtin), which is several times faster. The scores and the Viterbi search
reproduce crfsuite's (same weights, same label order, same tie-breaking: the
lowest label id wins), so the tags are the same.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# crfsuite's crf1d model file (lib/crf/src/crf1d_model.c): a header of 12
# little-endian uint32 after the magic, a feature chunk of (type, src, dst:
# uint32, weight: float64) records, and two CQDB string dictionaries.
_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass
class CrfModel:
    """One crfsuite model: labels and attributes in crfsuite's id order, and its weights.

    state: (attributes, labels) weight of each attribute for each label.
    trans: (labels, labels) weight of moving from label i to label j.
    """

    labels: list[str]
    attributes: list[str]
    state: np.ndarray
    trans: np.ndarray


def _cqdb_strings(buf: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk in id order (crfsuite's lib/cqdb: id, size, bytes + NUL)."""
    magic, _size, _flag, _order, n, bwd = struct.unpack_from("<4sIIIII", buf, offset)
    if magic != b"CQDB":
        raise ValueError("not a crfsuite model: bad dictionary chunk")
    out = []
    for rec in np.frombuffer(buf, "<u4", n, offset + bwd).tolist():
        start = offset + rec
        size = int.from_bytes(buf[start + 4:start + 8], "little")
        out.append(buf[start + 8:start + 7 + size].decode("utf-8"))
    return out


def read_crfsuite(path: str | Path) -> CrfModel:
    """Read a crfsuite (crf1d) model file's labels, attributes and weights exactly."""
    buf = Path(path).read_bytes()
    magic, _size, kind, _ver, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, *_ = \
        _HEADER.unpack_from(buf, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite CRF model")
    chunk, _size, n_feat = struct.unpack_from("<4sII", buf, off_feat)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: bad feature chunk")
    feats = np.frombuffer(buf, _FEATURE, n_feat, off_feat + 12)
    labels = _cqdb_strings(buf, off_labels)
    attributes = _cqdb_strings(buf, off_attrs)
    if len(labels) != n_labels or len(attributes) != n_attrs:
        raise ValueError(f"{path}: dictionary sizes disagree with the header")
    state = np.zeros((n_attrs, n_labels))
    trans = np.zeros((n_labels, n_labels))
    s = feats[feats["type"] == _STATE]
    t = feats[feats["type"] == _TRANSITION]
    # One feature per (attribute, label) and per label pair, so plain assignment is exact.
    state[s["src"], s["dst"]] = s["weight"]
    trans[t["src"], t["dst"]] = t["weight"]
    return CrfModel(labels, attributes, state, trans)


def viterbi(state: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best label ids of a batch of sequences, as crfsuite's crf1dc_viterbi finds them.

    state: (T, B, L) per-position label scores, sequences sorted by length,
    longest first (so the ones still running at step t are rows [:k]);
    lengths: (B,) >= 1. Returns (T, B) label ids, valid where t < length.
    Each step takes, for every label j, the first i maximizing
    alpha[i] + trans[i, j] and then adds the state score, in that order, so
    the floating-point values and the tie-breaking match crfsuite's.
    """
    T, B, L = state.shape
    # Rows with length > t, as Python ints: numpy scalars would slow every step down.
    running = (B - np.searchsorted(lengths[::-1], np.arange(T), side="right")).tolist()
    trans_t = np.ascontiguousarray(trans.T)  # [j, i]
    # Flat offsets of row b's L-block: taking s.ravel() at these plus the argmax
    # gives the max, about twice as fast as a second reduction over a small axis.
    block = np.arange(B * L).reshape(B, L) * L
    back: np.ndarray = np.empty((T, B, L), np.intp)  # (T, B * L) once the forward pass is done
    alpha = state[0].copy()
    last = np.empty(B, np.intp)
    for t in range(1, T):
        k, was = running[t], running[t - 1]
        if k < was:  # rows of length t end here
            last[k:was] = alpha[k:was].argmax(1)
        s = alpha[:k, None, :] + trans_t
        b = s.argmax(2, out=back[t, :k])
        alpha = s.ravel().take(b + block[:k])
        alpha += state[t, :k]
    last[:running[T - 1]] = alpha.argmax(1)
    out = np.empty((T, B), np.intp)
    out[lengths - 1, np.arange(B)] = last
    back = back.reshape(T, B * L)
    row = np.arange(B) * L
    for t in range(T - 1, 0, -1):
        k = running[t]
        out[t - 1, :k] = back[t].take(row[:k] + out[t, :k])
    return out


def marginals(state: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Each position's label probabilities (T, B, L) under the CRF, by forward-backward, for the
    same batch layout as ``viterbi`` (valid where t < length).

    Computed with exponentiated scores rescaled at every step (each row's largest state score
    subtracted first), which keeps float64 in range without logarithms.
    """
    T, B, _ = state.shape
    running = (B - np.searchsorted(lengths[::-1], np.arange(T), side="right")).tolist()
    odds = np.exp(state - state.max(2, keepdims=True))
    step = np.exp(trans - trans.max())
    fwd = np.ones_like(odds)
    bwd = np.ones_like(odds)  # past a sequence's end: 1, so its last position takes the forward alone
    alpha = fwd[0] = odds[0] / odds[0].sum(1, keepdims=True)
    for t in range(1, T):
        k = running[t]
        alpha = alpha[:k] @ step * odds[t, :k]
        alpha /= alpha.sum(1, keepdims=True)
        fwd[t, :k] = alpha
    for t in range(T - 2, -1, -1):
        k = running[t + 1]
        beta = (odds[t + 1, :k] * bwd[t + 1, :k]) @ step.T
        bwd[t, :k] = beta / beta.sum(1, keepdims=True)
    joint = fwd * bwd
    return joint / joint.sum(2, keepdims=True)
