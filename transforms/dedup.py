"""Near-duplicate story clusters: text -> word shingles -> MinHash signature -> LSH index -> story.

A wire dispatch is republished by many outlets with a new headline, a local intro, a trimmed ending, an added
footer or a few words changed. ``StoryIndex.assign`` links each new article to the story whose members it
copies, or opens a new story; copies are linked, never deleted.

Design (why, not only what):

* **Own numpy MinHash, not datasketch.** datasketch hashes shingle by shingle in Python (``update``) and its
  ``MinHashLSH`` keeps every band key as a Python bytes object in a dict. Here one ``(num_perm x shingles)``
  multiply-shift over numpy arrays signs an article, and the LSH keeps stored band keys in one sorted ``uint64``
  array (``searchsorted`` lookups) plus a small dict for the keys of the last few thousand articles.
  Rebuilding the index from 50k stored signatures is then a ``frombuffer`` and one ``argsort`` (1.2 s from
  DuckDB in the benchmark): bounded, no article body re-read.
* **Similarity is estimated containment, not Jaccard.** A trimmed copy is mostly *inside* the original, so
  Jaccard punishes it for what was cut. From the MinHash Jaccard estimate ``J`` and the two shingle-set sizes,
  ``|A & B| = J (|A| + |B|) / (1 + J)``; dividing by the smaller set (floored by ``min_shingles`` so a
  three-line teaser cannot match everything) gives the share of the shorter text found in the longer one.
* **Language-agnostic tokens.** Unicode ``\\w+`` after NFKC, casefold and (optionally) dropping combining marks,
  which removes Arabic harakat and hamza seats as well as Latin accents; tatweel and alef wasla are folded.
* **Boilerplate never makes two stories one.** Lines with a "follow us" / "read also" / newsletter phrase
  (en/fr/ar/ru) are dropped before shingling; the first paragraph with a credit or copyright phrase, once
  some body has been read, ends the body, so the unmarked "about us" lines of a footer go with it.
* **Stable story ids.** A story is named after the article that opened it, so re-running the same inputs
  yields the same ids; stories never merge, so an analyst's story id never changes under them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import blake2b

import numpy as np
import numpy.typing as npt

from records import ProcessedArticle, Signature

__all__ = [
    "DedupConfig",
    "article_signature",
    "MemberSimilarity",
    "StoredSignature",
    "StoryAssignment",
    "StoryIndex",
    "normalise_tokens",
    "shingle_hashes",
    "story_id_for",
    "story_signature",
]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]

# Phrases that mark a whole line as credit/boilerplate, matched after the same folding as the text.
_LINE_MARKERS = (
    "follow us on",
    "like us on",
    "sign up for",
    "sign up to",
    "subscribe to",
    "newsletter",
    "read more:",
    "read also",
    "click here",
    "download our app",
    "share this article",
    "suivez-nous",
    "abonnez-vous",
    "lire aussi",
    "a lire aussi",
    "newsletter",
    "تابعونا",
    "اشترك في",
    "اقرا ايضا",
    "اقرأ أيضا",
    "للاشتراك",
    "подписывайтесь",
    "читайте также",
    "подпишитесь",
)
# Phrases that mark a footer wherever they appear in a line: that paragraph and all after it are not body.
_FOOTER_MARKERS = (
    "contributed to this report",
    "contributed reporting",
    "all rights reserved",
    "copyright ©",
    "copyright (c)",
    "©",
    "(c) 20",
    "tous droits reserves",
    "tous droits de reproduction",
    "جميع الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "все права защищены",
    "при использовании материалов",
)
# Credit phrases that only mark a footer at the start of a line ("according to reporting by ..." is body).
_CREDIT_MARKERS = (
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "this article was originally published",
    "this story has been corrected",
    "avec afp",
    "avec l'afp",
    "avec agences",
    "المصدر: وكالات",
)
_TOKEN = re.compile(r"\w+")
_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")
_ARABIC_FOLD = str.maketrans({"\u0640": None, "\u0671": "\u0627", "\u0649": "\u064a"})


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """How articles are signed and when two count as the same story.

    Signatures made under one config are not comparable with another's: ``scheme`` names the parts that
    matter, and the warehouse only rebuilds an index from signatures of the same scheme.

    Attributes:
        num_perm: MinHash permutations (signature length, 4 bytes each).
        shingle_size: words per shingle. 3 survives 15 % word edits far better than 5, while hard negatives
            (same town, same day) still share few 3-word runs.
        bands, rows: LSH banding; ``bands * rows <= num_perm``. A pair is a candidate when one band agrees,
            probability ``1 - (1 - J**rows)**bands``: 64 x 2 finds 96 % of pairs at Jaccard 0.22 (a trimmed
            copy with 15 % of words edited) while unrelated reports (Jaccard ~0.01) rarely collide.
        threshold: minimum estimated containment of the shorter text in the longer one to join a story
            (benchmarks/bench_dedup.py: copies score 0.5-0.9, same-town same-day reports 0.15-0.35).
        min_shingles: floor of the denominator of that containment, so very short texts need more overlap.
        fold_marks: drop combining marks (Arabic harakat, Latin accents) before tokenising.
        complete_share: members at least this share of the longest member's length count as "complete";
            the earliest complete member is the representative.
        seed: seeds the permutations; part of the scheme.
    """

    num_perm: int = 128
    shingle_size: int = 3
    bands: int = 64
    rows: int = 2
    threshold: float = 0.45
    min_shingles: int = 40
    fold_marks: bool = True
    complete_share: float = 0.8
    seed: int = 1

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm or min(self.bands, self.rows, self.shingle_size) < 1:
            raise ValueError("need bands * rows <= num_perm and positive bands, rows, shingle_size")
        if self.shingle_size > len(_POSITION_WEIGHTS):
            raise ValueError(f"shingle_size is at most {len(_POSITION_WEIGHTS)} words")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")

    @property
    def scheme(self) -> str:
        """Identifies signatures that can be compared with each other."""
        marks = "m" if self.fold_marks else "k"
        return f"minhash2-w{self.shingle_size}-p{self.num_perm}-s{self.seed}-{marks}"


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """A signature as the warehouse keeps it, enough to put the article back in the index."""

    article_id: str
    story_id: str
    signature: bytes
    shingle_count: int
    published_at: datetime | None
    length: int


@dataclass(frozen=True, slots=True)
class MemberSimilarity:
    """A member's similarity to its story's representative, re-scored when the representative changed."""

    article_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where one article landed.

    ``similarity`` is to the story's representative (1.0 for the representative itself). When this article
    changed the representative, ``rescored`` carries every other member's new similarity so the warehouse
    can update them in the same transaction.
    """

    article_id: str
    story_id: str
    similarity: float
    is_new_story: bool
    signature: bytes
    shingle_count: int
    published_at: datetime | None
    length: int
    scheme: str
    representative_article_id: str
    rescored: tuple[MemberSimilarity, ...] = ()


def _combining_marks() -> re.Pattern[str]:
    """A character class of the combining marks of the Basic Multilingual Plane (built once, ~0.02 s).

    A regex class deletes them in one C pass; ``str.translate`` with a thousand-entry dict costs ten times more.
    """
    marks = [cp for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))]
    ranges: list[str] = []
    start = previous = marks[0]
    for cp in [*marks[1:], -1]:
        if cp != previous + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = cp
        previous = cp
    return re.compile("[" + "".join(ranges) + "]+")


_DROP_MARKS = _combining_marks()
_ARABIC_VARIANTS = re.compile("[\u0640\u0671\u0649]")


def _fold(text: str, fold_marks: bool) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    if fold_marks:
        text = _DROP_MARKS.sub("", unicodedata.normalize("NFKD", text))
    return text.translate(_ARABIC_FOLD) if _ARABIC_VARIANTS.search(text) else text


_FOOTER, _DROP_LINE = "footer", "line"


@dataclass(frozen=True, slots=True)
class _Boilerplate:
    """Boilerplate phrases indexed by their first word, so a line is only searched for phrases it could hold.

    One regex alternation over every phrase costs more than tokenising the line; intersecting the line's
    words with the set of first words does not. Phrases without a word character (``©``) are always searched.
    Each phrase says what it marks (the footer, or just its line) and whether it must open the line.
    """

    by_first_word: dict[str, tuple[tuple[str, str, bool], ...]]
    first_words: frozenset[str]
    always: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, *groups: tuple[Sequence[str], str, bool]) -> _Boilerplate:
        by_first: dict[str, list[tuple[str, str, bool]]] = {}
        always: list[tuple[str, str]] = []
        for phrases, kind, at_start in groups:
            # Phrases go through both foldings so "réservés" and "اقرأ" match with or without marks.
            for phrase in sorted({_fold(p, fold) for p in phrases for fold in (True, False)}):
                words = _TOKEN.findall(phrase)
                if words:
                    by_first.setdefault(words[0], []).append((phrase, kind, at_start))
                else:
                    always.append((phrase, kind))
        return cls({w: tuple(p) for w, p in by_first.items()}, frozenset(by_first), tuple(always))

    def kind_of(self, line: str, words: Sequence[str]) -> str | None:
        """``_FOOTER``, ``_DROP_LINE`` or None for a folded ``line`` with its ``\\w+`` ``words``."""
        found = None
        for phrase, kind in self.always:
            if phrase in line:
                return kind
        for word in self.first_words.intersection(words):
            for phrase, kind, at_start in self.by_first_word[word]:
                if at_start and not line.lstrip(" \t-—–*•(").startswith(phrase):
                    continue
                if phrase in line:
                    if kind == _FOOTER:
                        return kind
                    found = kind
        return found


_BOILERPLATE = _Boilerplate.of(
    (_FOOTER_MARKERS, _FOOTER, False), (_CREDIT_MARKERS, _FOOTER, True), (_LINE_MARKERS, _DROP_LINE, False)
)
_MAX_BOILERPLATE_WORDS = 80  # a long line mentioning "all rights reserved" is still reporting
_MIN_BODY_WORDS = 20  # a footer marker before this much body is a stray credit, not the end of the body


def normalise_tokens(text: str, config: DedupConfig) -> list[str]:
    """Word tokens of the body paragraphs of ``text``: credit lines and the footer are left out.

    Two different reports from one outlet often end with the same long footer (credit line, copyright, an
    "about us" blurb, newsletter prompts). The first paragraph holding a footer phrase, once some body has
    been read, ends the body: it is dropped whole, with everything after it, so unmarked blurb lines in the
    same paragraph go too. Lines with a "follow us" / "read also" phrase are dropped wherever they are.

    Args:
        text: the article body, paragraphs separated by blank lines; pass the body without the headline,
            because outlets re-title copies.
        config: decides whether combining marks are dropped.

    Returns:
        Folded ``\\w+`` tokens in reading order.
    """
    tokens: list[str] = []
    for paragraph in _PARAGRAPH_SPLIT.split(_fold(text, config.fold_marks)):
        kept: list[str] = []
        footer = False
        for line in paragraph.split("\n"):
            words = _TOKEN.findall(line)
            kind = _BOILERPLATE.kind_of(line, words) if len(words) <= _MAX_BOILERPLATE_WORDS else None
            if kind == _FOOTER:
                footer = True
                break
            if kind is None:
                kept.extend(words)
        if footer and len(tokens) >= _MIN_BODY_WORDS:
            break
        if not footer:
            tokens.extend(kept)
    return tokens


def _mix(values: U64) -> U64:
    """splitmix64 finaliser: spreads structured inputs (token sums) over all 64 bits."""
    with np.errstate(over="ignore"):
        z = values ^ (values >> np.uint64(30))
        z = z * np.uint64(0xBF58476D1CE4E5B9)
        z = z ^ (z >> np.uint64(27))
        z = z * np.uint64(0x94D049BB133111EB)
        mixed: U64 = z ^ (z >> np.uint64(31))
    return mixed


# Odd 64-bit constants, one per position in a shingle, so "a b c" and "c b a" hash apart.
_POSITION_WEIGHTS = np.random.Generator(np.random.PCG64(0x5EED)).integers(
    1, 2**62, size=16, dtype=np.uint64
) * np.uint64(2) + np.uint64(1)


def shingle_hashes(text: str, config: DedupConfig) -> U64:
    """The set of 64-bit hashes of the ``shingle_size``-word shingles of ``text`` (sorted, unique).

    A text shorter than one shingle yields one shingle of all its words, so a two-word body still has a
    signature; an empty body yields none.
    """
    tokens = normalise_tokens(text, config)
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    # crc32 is stable across processes (unlike hash()), which stored signatures require.
    token_hashes = np.array(list(map(zlib.crc32, map(str.encode, tokens))), dtype=np.uint64)
    k = min(config.shingle_size, len(tokens))
    count = len(tokens) - k + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(k):
            combined += token_hashes[offset : offset + count] * _POSITION_WEIGHTS[offset]
    return np.unique(_mix(combined))


@dataclass(frozen=True, slots=True)
class _Permutations:
    """Multiply-shift hash family: h_i(x) = (a_i * x + b_i) >> 32 over uint64, a_i odd."""

    a: U64 = field(repr=False)
    b: U64 = field(repr=False)

    @classmethod
    def for_config(cls, config: DedupConfig) -> _Permutations:
        rng = np.random.Generator(np.random.PCG64(config.seed))
        a = rng.integers(1, 2**63, size=config.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        b = rng.integers(0, 2**63, size=config.num_perm, dtype=np.uint64)
        return cls(a.reshape(-1, 1), b.reshape(-1, 1))


_PERMUTATIONS: dict[tuple[int, int], _Permutations] = {}


def _permutations(config: DedupConfig) -> _Permutations:
    key = (config.seed, config.num_perm)
    if key not in _PERMUTATIONS:
        _PERMUTATIONS[key] = _Permutations.for_config(config)
    return _PERMUTATIONS[key]


def story_signature(text: str, config: DedupConfig) -> Signature:
    """MinHash signature of the body shingles of ``text``.

    Args:
        text: the article body.
        config: shingle size, number of permutations and seed.

    Returns:
        The signature; an empty body gives all-ones values and ``shingle_count == 0`` (never matched).
    """
    shingles = shingle_hashes(text, config)
    if shingles.size == 0:
        return Signature(np.full(config.num_perm, 0xFFFFFFFF, dtype="<u4").tobytes(), 0, config.scheme)
    perms = _permutations(config)
    hashed = np.empty((config.num_perm, shingles.size), dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.multiply(perms.a, shingles.reshape(1, -1), out=hashed)
        hashed += perms.b
    # The top 32 bits are the hash; taking them after the min is the same (x >> 32 is monotone) and cheaper.
    values = (hashed.min(axis=1) >> np.uint64(32)).astype("<u4")
    return Signature(values.tobytes(), int(shingles.size), config.scheme)


def article_signature(item: ProcessedArticle, config: DedupConfig) -> Signature:
    """The article's story signature: the one its worker made, unless made under another scheme (or none)."""
    if item.signature is not None and item.signature.scheme == config.scheme:
        return item.signature
    return story_signature(item.article.body, config)


def story_id_for(article_id: str) -> str:
    """The id of a story opened by ``article_id``: stable, so re-runs name stories identically."""
    return "story-" + blake2b(article_id.encode(), digest_size=8).hexdigest()


def _band_keys(signatures: U32, config: DedupConfig) -> U64:
    """One uint64 key per band per signature, salted by band number: shape ``(n, bands)``."""
    used = signatures[:, : config.bands * config.rows].astype(np.uint64)
    bands = used.reshape(len(signatures), config.bands, config.rows)
    key = np.zeros((len(signatures), config.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(config.rows):
            key = _mix(key + bands[:, :, row] + np.uint64(row + 1))
        return _mix(key ^ (np.arange(config.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)))


# Rebuilding the index reads stored signatures this many at a time, so the temporary arrays of the band-key
# computation stay tens of MiB however large the warehouse (all at once, 500,000 articles peaked at 2.6 GiB).
_LOAD_CHUNK = 65_536


def _chunks(rows: Iterable[StoredSignature], size: int) -> Iterable[list[StoredSignature]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _BandTable:
    """LSH buckets: one sorted array of (band key, row) pairs plus a dict of the pairs added since the last merge.

    Each pair is packed in one uint64: the top 32 bits of the band key above the row number. That is 8 bytes a
    pair instead of a Python object per key, it sorts in place (rebuilding the table for 500,000 articles and
    32 million pairs needs no index array), and a lookup is two ``searchsorted`` calls over the key's range.
    Keeping 32 bits of the key adds a few chance candidates per lookup among tens of millions of pairs; every
    candidate is scored on its full signature anyway, so results do not change. New pairs wait in a small
    dict; every ``_MERGE_EVERY`` articles they are sorted and inserted in one linear pass, so inserts stay
    amortised ``O(n / _MERGE_EVERY)``.
    """

    _MERGE_EVERY = 4096
    _ROW_MASK = np.uint64(0xFFFFFFFF)
    _SHIFT = np.uint64(32)

    def __init__(self, pairs: U64) -> None:
        """A table of ``pairs`` made by :meth:`pairs_of` (sorted here, in place)."""
        self._pairs: U64 = pairs
        self._pairs.sort()
        self._pending: dict[int, list[int]] = {}
        self._pending_keys: list[U64] = []
        self._pending_rows: list[int] = []

    @classmethod
    def _short(cls, keys: U64) -> U64:
        short: U64 = keys.reshape(-1) >> cls._SHIFT
        return short

    @classmethod
    def pairs_of(cls, keys: U64, rows: I32) -> U64:
        """The packed pairs of articles ``rows`` and their band ``keys`` (shape ``(len(rows), bands)``)."""
        packed: U64 = (cls._short(keys) << cls._SHIFT) | np.repeat(rows, keys.shape[1]).astype(np.uint64)
        return packed

    def add(self, row: int, keys: U64) -> None:
        """Put article ``row`` in the buckets of its band ``keys``."""
        for key in self._short(keys).tolist():
            self._pending.setdefault(key, []).append(row)
        self._pending_keys.append(keys)
        self._pending_rows.append(row)
        if len(self._pending_rows) >= self._MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        new = np.sort(self.pairs_of(np.stack(self._pending_keys), np.asarray(self._pending_rows, dtype=np.int32)))
        self._pairs = np.insert(self._pairs, np.searchsorted(self._pairs, new, side="right"), new)
        self._pending.clear()
        self._pending_keys.clear()
        self._pending_rows.clear()

    def candidates(self, keys: U64) -> set[int]:
        """Rows sharing at least one band key with ``keys``."""
        found: set[int] = set()
        short = self._short(keys)
        lo = np.searchsorted(self._pairs, short << self._SHIFT, side="left")
        hi = np.searchsorted(self._pairs, (short << self._SHIFT) | self._ROW_MASK, side="right")
        hit = hi > lo
        for start, stop in zip(lo[hit].tolist(), hi[hit].tolist(), strict=True):
            found.update((self._pairs[start:stop] & self._ROW_MASK).tolist())
        for key in short.tolist():
            found.update(self._pending.get(key, ()))
        return found


class StoryIndex:
    """In-memory LSH index of article signatures and the stories they belong to.

    Built from the warehouse's stored signatures at the start of a run (``from_signatures``), then fed each
    new article with ``assign``. Only signatures are kept, never bodies, so memory is about
    ``num_perm * 4 + bands * 12`` bytes per article plus a few hundred bytes of Python bookkeeping.
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self._sigs: U32 = np.empty((0, config.num_perm), dtype=np.uint32)
        self._counts: I64 = np.empty(0, dtype=np.int64)
        self._size = 0
        self._article_ids: list[str] = []
        self._published: list[datetime | None] = []
        self._lengths: list[int] = []
        self._story_of_row: list[int] = []
        self._row_of: dict[str, int] = {}
        self._story_ids: list[str] = []
        self._story_of_id: dict[str, int] = {}
        self._members: list[list[int]] = []
        self._representative: list[int] = []
        self._table = _BandTable(np.empty(0, dtype=np.uint64))

    @classmethod
    def from_signatures(cls, rows: Iterable[StoredSignature], config: DedupConfig) -> StoryIndex:
        """Rebuild the index from stored signatures in one vectorised pass (no article text needed).

        Args:
            rows: signatures made under ``config.scheme``, each with the story it belongs to.
            config: the config those signatures were made with.

        Raises:
            ValueError: a signature has the wrong length for ``config.num_perm``.
        """
        index = cls(config)
        width = config.num_perm * 4
        signatures: list[U32] = []
        counts: list[I64] = []
        pairs: list[U64] = []
        for chunk in _chunks(rows, _LOAD_CHUNK):
            if any(len(row.signature) != width for row in chunk):
                raise ValueError(f"stored signatures do not have {config.num_perm} permutations")
            first = index._size
            for row in chunk:
                number = index._append(row.article_id, row.shingle_count, row.published_at, row.length)
                story = index._story_of_id.get(row.story_id)
                if story is None:
                    story = index._open_story(row.story_id, number)
                else:
                    index._members[story].append(number)
                index._story_of_row.append(story)
            values = np.frombuffer(b"".join(r.signature for r in chunk), dtype="<u4").reshape(len(chunk), -1)
            signatures.append(values.astype(np.uint32))
            counts.append(np.asarray([r.shingle_count for r in chunk], dtype=np.int64))
            signed = np.flatnonzero(counts[-1] > 0)
            pairs.append(_BandTable.pairs_of(_band_keys(values[signed], config), (signed + first).astype(np.int32)))
        if signatures:
            index._sigs = np.concatenate(signatures)
            index._counts = np.concatenate(counts)
            index._table = _BandTable(np.concatenate(pairs))
        index._representative = [index._choose_representative(members) for members in index._members]
        return index

    def __len__(self) -> int:
        return self._size

    @property
    def story_count(self) -> int:
        """Number of stories in the index."""
        return len(self._story_ids)

    def story_of(self, article_id: str) -> str | None:
        """The story ``article_id`` was assigned to, or None if it was never assigned."""
        row = self._row_of.get(article_id)
        return None if row is None else self._story_ids[self._story_of_row[row]]

    def assign(
        self, article_id: str, signature: Signature, *, published_at: datetime | None, length: int
    ) -> StoryAssignment:
        """Link an article to the story it copies, or open a new story, and add it to the index.

        Re-assigning a known ``article_id`` keeps its story (a revision does not move an article between
        stories) and refreshes its signature, so re-runs create no story.

        Args:
            article_id: the warehouse's article id.
            signature: :func:`story_signature` of the article body (without headline), made where the article
                was processed so the warehouse's single writer only looks it up.
            published_at: publication time, for choosing the earliest representative.
            length: body length, for choosing the most complete representative.

        Returns:
            The assignment, with the similarity to the story's representative and the signature to store.

        Raises:
            ValueError: the signature was made under another scheme than this index's.
        """
        if signature.scheme != self.config.scheme:
            raise ValueError(f"signature scheme {signature.scheme!r} does not match the index's {self.config.scheme!r}")
        values = signature.array()
        keys = _band_keys(values.reshape(1, -1), self.config)[0] if signature.shingle_count else None
        row = self._row_of.get(article_id)
        if row is None:
            story = self._best_story(values, signature.shingle_count, keys)
            row = self._append(article_id, signature.shingle_count, published_at, length)
            self._store_signature(row, values, signature.shingle_count)
            is_new = story is None
            if story is None:
                story = self._open_story(story_id_for(article_id), row)
                self._representative.append(row)
            else:
                self._members[story].append(row)
            self._story_of_row.append(story)
        else:
            is_new = False
            story = self._story_of_row[row]
            self._published[row] = published_at
            self._lengths[row] = length
            self._store_signature(row, values, signature.shingle_count)
        if keys is not None:
            self._table.add(row, keys)
        previous = self._representative[story]
        representative = self._choose_representative(self._members[story])
        self._representative[story] = representative
        rescored: tuple[MemberSimilarity, ...] = ()
        if representative != previous:
            rescored = tuple(
                MemberSimilarity(self._article_ids[m], self._similarity(m, representative))
                for m in self._members[story]
                if m != row
            )
        return StoryAssignment(
            article_id=article_id,
            story_id=self._story_ids[story],
            similarity=self._similarity(row, representative),
            is_new_story=is_new,
            signature=signature.hashvalues,
            shingle_count=signature.shingle_count,
            published_at=published_at,
            length=length,
            scheme=self.config.scheme,
            representative_article_id=self._article_ids[representative],
            rescored=rescored,
        )

    def _append(self, article_id: str, count: int, published_at: datetime | None, length: int) -> int:
        row = self._size
        self._size += 1
        self._article_ids.append(article_id)
        self._published.append(published_at)
        self._lengths.append(length)
        self._row_of[article_id] = row
        return row

    def _store_signature(self, row: int, values: U32, count: int) -> None:
        if row >= len(self._sigs):
            capacity = max(1024, 2 * len(self._sigs))
            grown = np.empty((capacity, self.config.num_perm), dtype=np.uint32)
            grown[: len(self._sigs)] = self._sigs
            counts = np.zeros(capacity, dtype=np.int64)
            counts[: len(self._counts)] = self._counts
            self._sigs, self._counts = grown, counts
        self._sigs[row] = values
        self._counts[row] = count

    def _open_story(self, story_id: str, row: int) -> int:
        story = len(self._story_ids)
        self._story_ids.append(story_id)
        self._story_of_id[story_id] = story
        self._members.append([row])
        return story

    def _containment(self, jaccard: npt.NDArray[np.float64], a: I64, b: I64) -> npt.NDArray[np.float64]:
        """Estimated share of the smaller shingle set found in the larger (see module docstring)."""
        shared = jaccard * (a + b) / (1.0 + jaccard)
        smaller, larger = np.minimum(a, b), np.maximum(a, b)
        floor = np.maximum(smaller, np.minimum(self.config.min_shingles, larger))
        return np.minimum(1.0, shared / np.maximum(floor, 1))

    def _best_story(self, values: U32, count: int, keys: U64 | None) -> int | None:
        if keys is None:
            return None
        candidates = self._table.candidates(keys)
        if not candidates:
            return None
        rows = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        jaccard = (self._sigs[rows] == values).mean(axis=1)
        scores = self._containment(jaccard, self._counts[rows], np.full(len(rows), count, dtype=np.int64))
        best = scores.max()
        if best < self.config.threshold:
            return None
        # Ties go to the smallest story id, not to the first row: row numbers follow the order the index was
        # built in (load order in one run, article-id order after a rebuild), which must not change a story.
        tied = {self._story_of_row[int(row)] for row in rows[scores == best]}
        return min(tied, key=self._story_ids.__getitem__)

    def _similarity(self, row: int, representative: int) -> float:
        if row == representative:
            return 1.0
        if self._counts[row] == 0 or self._counts[representative] == 0:
            return 0.0
        jaccard = np.asarray([(self._sigs[row] == self._sigs[representative]).mean()])
        score = self._containment(jaccard, self._counts[[row]], self._counts[[representative]])
        return round(float(score[0]), 4)

    def _choose_representative(self, members: Sequence[int]) -> int:
        """The earliest of the complete members; a two-paragraph flash never represents the full story."""
        longest = max(self._lengths[m] for m in members)
        complete = [m for m in members if self._lengths[m] >= self.config.complete_share * longest]

        def order(m: int) -> tuple[bool, float, int, str]:
            published = self._published[m]
            return (
                published is None,
                published.timestamp() if published else 0.0,
                -self._lengths[m],
                self._article_ids[m],
            )

        return min(complete, key=order)
