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


def viterbi(state: np.ndarray, running: list[int], trans: np.ndarray) -> np.ndarray:
    """Best label ids of a packed batch of sequences, as crfsuite's crf1dc_viterbi finds them.

    Packed: sequences sorted by length, longest first, laid out step by step,
    the running[t] sequences still running at step t (a prefix of the batch)
    taking the next running[t] rows, so padding costs nothing. state: (rows, L)
    per-position label scores; running: per step, a list of ints. Returns the
    label id of each row. trans: (L, L), or (sequences, L, L), one per sequence
    in the batch's order. Each step takes, for every label j, the first i
    maximizing alpha[i] + trans[i, j] and then adds the state score, in that
    order, so the floating-point values and the tie-breaking match crfsuite's.
    """
    L = state.shape[1]
    B = running[0]
    starts = np.cumsum([0] + running).tolist()
    trans_t = np.broadcast_to(np.ascontiguousarray(np.swapaxes(trans, -1, -2)), (B, L, L))  # [b, j, i]
    # Flat offsets of row b's L-block: taking s.ravel() at these plus the argmax
    # gives the max, about twice as fast as a second reduction over a small axis.
    block = np.arange(B * L).reshape(B, L) * L
    back = np.empty((len(state), L), np.intp)
    alpha = state[:B].copy()
    out = np.empty(len(state), np.intp)
    for t in range(1, len(running)):
        k, was = running[t], running[t - 1]
        if k < was:  # sequences of length t end here
            out[starts[t] - was + k:starts[t]] = alpha[k:was].argmax(1)
        s = alpha[:k, None, :] + trans_t[:k]
        b = s.argmax(2, out=back[starts[t]:starts[t + 1]])
        alpha = s.ravel().take(b + block[:k])
        alpha += state[starts[t]:starts[t + 1]]
    out[starts[-2]:] = alpha.argmax(1)
    flat = back.ravel()
    row = np.arange(B) * L
    for t in range(len(running) - 1, 0, -1):
        a, k = starts[t], running[t]
        out[starts[t - 1]:starts[t - 1] + k] = flat.take(a * L + row[:k] + out[a:a + k])
    return out


def marginals(state: np.ndarray, running: list[int], trans: np.ndarray) -> np.ndarray:
    """Each position's label probabilities (rows, L) under the CRF, by forward-backward, for a
    packed batch as ``viterbi`` takes it.

    Computed with exponentiated scores rescaled at every step (each row's largest state score
    subtracted first), which keeps float64 in range without logarithms.
    """
    starts = np.cumsum([0] + running).tolist()
    odds = np.exp(state - state.max(1, keepdims=True))
    step = np.exp(trans - trans.max())
    fwd = np.empty_like(odds)
    bwd = np.ones_like(odds)  # at a sequence's end: 1, so its last position takes the forward alone
    first = odds[:running[0]]
    alpha = fwd[:running[0]] = first / first.sum(1, keepdims=True)
    for t in range(1, len(running)):
        a, b = starts[t], starts[t + 1]
        alpha = alpha[:b - a] @ step * odds[a:b]
        alpha /= alpha.sum(1, keepdims=True)
        fwd[a:b] = alpha
    for t in range(len(running) - 2, -1, -1):
        a, b = starts[t + 1], starts[t + 2]
        beta = (odds[a:b] * bwd[a:b]) @ step.T
        bwd[starts[t]:starts[t] + b - a] = beta / beta.sum(1, keepdims=True)
    joint = fwd * bwd
    return joint / joint.sum(1, keepdims=True)
