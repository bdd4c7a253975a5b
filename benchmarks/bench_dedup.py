"""Near-duplicate linking benchmark: quality and cost of ``StoryIndex`` on a generated syndication set.

Run: ``python benchmarks/bench_dedup.py`` (about 3-4 minutes on one core). Prints one table.

The set is generated, seeded, from the bundled sample bodies (``flows/samples/content``) and from text drawn
from a word-bigram model of those bodies, so generated reports share the samples' vocabulary and phrasing:

* every original gets 0-10 copies under realistic edits: a local intro added, the last paragraphs cut, an
  outlet footer added (a credit line, a copyright line and an "about us" blurb that carries no marker phrase),
  paragraphs reordered, and always 5-15 % of the words substituted, deleted or inserted;
* a third of the originals get a hard negative: a different report on the same town and the same day with
  the same dateline and names, that reuses one or two of the original's background paragraphs word for word.

"rebuild s" is what an hourly run pays first: ``load_story_index`` on a DuckDB file holding every signature.
"index MiB" is the RSS the assignment run added on top of the generated data; "peak MiB" is the whole process.

Quality is pairwise precision and recall of "same story" against the generated truth. Each size runs in its
own forked process, so the peak RSS reported is that size's (data included). At 5k and 20k the same incremental
assignment runs with exact similarities over all pairs (sparse intersections, no sketch) as the anchor:
exact containment (our rule) and exact Jaccard (the textbook rule).
"""

from __future__ import annotations

import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import scipy.sparse as sp

from transforms.dedup import DedupConfig, StoryAssignment, StoryIndex, shingle_hashes, story_signature
from warehouse.connection import transaction
from warehouse.migrate import migrate
from warehouse.stories import load_story_index, save_story_assignments

SAMPLES = Path(__file__).resolve().parents[1] / "flows" / "samples" / "content"
SIZES = (5_000, 20_000, 50_000)
EXACT_LIMIT = 20_000
JACCARD_THRESHOLD = 0.3

TOWNS = [
    ("ALEPPO", "Syria"),
    ("IDLIB", "Syria"),
    ("HOMS", "Syria"),
    ("DEIR EZZOR", "Syria"),
    ("MOSUL", "Iraq"),
    ("KIRKUK", "Iraq"),
    ("GAO", "Mali"),
    ("MOPTI", "Mali"),
    ("GOMA", "DR Congo"),
    ("BENI", "DR Congo"),
    ("KHARTOUM", "Sudan"),
    ("EL FASHER", "Sudan"),
    ("MAIDUGURI", "Nigeria"),
    ("SANAA", "Yemen"),
    ("TAIZ", "Yemen"),
    ("BAKHMUT", "Ukraine"),
    ("KHERSON", "Ukraine"),
    ("MOGADISHU", "Somalia"),
]
FIRST = [
    "Ahmad",
    "Omar",
    "Yusuf",
    "Ali",
    "Hassan",
    "Fatima",
    "Mariam",
    "Ibrahim",
    "Khalid",
    "Amina",
    "Oleksandr",
    "Iryna",
    "Moussa",
    "Aminata",
]
LAST = [
    "Haddad",
    "Khalil",
    "Saleh",
    "Nasser",
    "Diallo",
    "Traore",
    "Kovalenko",
    "Shevchenko",
    "Abdi",
    "Musa",
    "Bello",
    "Karimi",
    "Mansour",
]
GROUPS = [
    "the Free Syrian Army",
    "Hayat Tahrir al-Sham",
    "the Popular Mobilisation Forces",
    "the M23 rebels",
    "the Rapid Support Forces",
    "Boko Haram",
    "the Houthis",
    "al-Shabaab",
    "the JNIM coalition",
    "the Wagner group",
    "the Syrian Democratic Forces",
    "the national army",
]
INTROS = [
    "Our correspondent in {town} reports on the latest developments.",
    "Residents of {town} woke to new fighting on {day}, as the following report from our partners describes.",
    "This report was filed from {town} by a local journalist working with our newsroom.",
]
OUTLETS = [f"Outlet{i}" for i in range(40)]


@dataclass(frozen=True, slots=True)
class BenchArticle:
    article_id: str
    story: int
    text: str
    published_at: datetime


class BigramText:
    """Word-bigram generator trained on the sample bodies: sampled text shares their vocabulary and phrasing."""

    def __init__(self, texts: Sequence[str], rng: random.Random) -> None:
        self.rng = rng
        follow: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            words = text.split()
            for a, b in zip(words, words[1:], strict=False):
                follow[a].append(b)
        self.follow = dict(follow)
        self.starts = [w for w in self.follow if w[:1].isupper()]
        self.words = [w for ws in self.follow.values() for w in ws]

    def sentence(self, names: Sequence[str]) -> str:
        word = self.rng.choice(self.starts)
        out = [word]
        for _ in range(self.rng.randint(12, 30)):
            options = self.follow.get(word)
            word = self.rng.choice(options) if options else self.rng.choice(self.starts)
            if self.rng.random() < 0.06:
                word = self.rng.choice(names)
            out.append(word)
        return " ".join(out).rstrip(".,") + "."

    def paragraph(self, names: Sequence[str]) -> str:
        return " ".join(self.sentence(names) for _ in range(self.rng.randint(1, 3)))


def sample_bodies() -> list[str]:
    """Bodies of the bundled sample articles (plus the seed article); empty if the samples are absent."""
    bodies: list[str] = []
    for path in sorted((SAMPLES / "articles").glob("*.toml")):
        for article in tomllib.loads(path.read_text(encoding="utf-8")).get("article", []):
            if "body" in article:
                bodies.append(article["body"].strip())
            elif "seed_file" in article:
                bodies.append((SAMPLES / article["seed_file"]).read_text(encoding="utf-8").strip())
    return bodies


class Generator:
    """Builds the syndication set: originals, edited copies, hard negatives, in publication order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.samples = sample_bodies()
        fallback = ["Fighting continued in the city on Monday, officials said."]
        self.text = BigramText(self.samples or fallback, self.rng)
        self.footers = {outlet: self.footer(outlet) for outlet in OUTLETS}

    def footer(self, outlet: str) -> list[str]:
        about = self.text.sentence([outlet]) + " " + self.text.sentence([outlet])
        return [
            f"Reporting by {self.rng.choice(FIRST)} {self.rng.choice(LAST)}; editing by {self.rng.choice(LAST)}.",
            f"© {self.rng.randint(2015, 2024)} {outlet}. All rights reserved.",
            f"About {outlet}: {about}",
        ]

    def original(self, town: str, country: str, names: list[str], day: datetime) -> list[str]:
        count = self.rng.randint(6, 16)
        paragraphs = [self.text.paragraph(names) for _ in range(count)]
        paragraphs[0] = f"{town}, {country} — {paragraphs[0]}"
        return paragraphs

    def hard_negative(self, base: list[str], town: str, country: str, names: list[str], day: datetime) -> list[str]:
        """A different report from the same town and day: same names, one shared background paragraph and a
        few shared phrases (quotes, official titles) spliced into its own sentences."""
        negative = self.original(town, country, names, day)
        negative.insert(self.rng.randint(1, len(negative)), self.rng.choice(base[1:] or base))
        words = " ".join(base).split()
        for _ in range(self.rng.randint(2, 4)):
            start = self.rng.randrange(max(1, len(words) - 8))
            phrase = " ".join(words[start : start + self.rng.randint(5, 8)])
            i = self.rng.randrange(len(negative))
            negative[i] = f"{negative[i]} {phrase}."
        return negative

    def edit_words(self, paragraphs: list[str], rate: float) -> list[str]:
        edited = []
        for paragraph in paragraphs:
            words = []
            for word in paragraph.split():
                roll = self.rng.random()
                if roll < rate / 3:
                    continue
                if roll < 2 * rate / 3:
                    words.append(self.rng.choice(self.text.words))
                elif roll < rate:
                    words.extend([word, self.rng.choice(self.text.words)])
                else:
                    words.append(word)
            edited.append(" ".join(words))
        return edited

    def copy(self, paragraphs: list[str], town: str, day: datetime) -> list[str]:
        out = list(paragraphs)
        if self.rng.random() < 0.5 and len(out) > 4:
            out = out[: max(3, int(len(out) * self.rng.uniform(0.6, 0.9)))]
        if self.rng.random() < 0.3 and len(out) > 1:
            i, j = self.rng.sample(range(len(out)), 2)
            out[i], out[j] = out[j], out[i]
        out = self.edit_words(out, self.rng.uniform(0.05, 0.15))
        if self.rng.random() < 0.5:
            out.insert(0, self.rng.choice(INTROS).format(town=town.title(), day=day.strftime("%A")))
        if self.rng.random() < 0.5:
            out.extend(self.footers[self.rng.choice(OUTLETS)])
        return out

    def articles(self, n: int) -> list[BenchArticle]:
        made: list[BenchArticle] = []
        story = 0
        start = datetime(2016, 1, 1, tzinfo=UTC)
        samples = iter(self.samples)

        def emit(paragraphs: list[str], story: int, at: datetime) -> None:
            made.append(BenchArticle(f"a{len(made):06d}", story, "\n\n".join(paragraphs), at))

        while len(made) < n:
            town, country = self.rng.choice(TOWNS)
            names = [f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", self.rng.choice(GROUPS), town.title()]
            day = start + timedelta(hours=self.rng.randint(0, 24 * 365 * 3))
            sample = next(samples, None)
            base = sample.split("\n\n") if sample else self.original(town, country, names, day)
            reports = [base]
            if self.rng.random() < 1 / 3:
                reports.append(self.hard_negative(base, town, country, names, day))
            for paragraphs in reports:
                story += 1
                emit(paragraphs, story, day + timedelta(minutes=self.rng.randint(0, 60)))
                copies = self.rng.choices([0, 1, 2, 3, 5, 10], weights=[30, 20, 20, 10, 12, 8])[0]
                for _ in range(copies):
                    at = day + timedelta(minutes=self.rng.randint(-30, 24 * 60))
                    emit(self.copy(paragraphs, town, day), story, at)
        made = made[:n]
        made.sort(key=lambda a: (a.published_at, a.article_id))
        return made


def pairwise(truth: Sequence[int], predicted: Sequence[object]) -> tuple[float, float]:
    """Pairwise precision and recall of "same story", from cluster contingency counts (no pair loop)."""

    def pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(truth, predicted, strict=True)))
    predicted_pairs = pairs(Counter(predicted))
    true_pairs = pairs(Counter(truth))
    return (both / predicted_pairs if predicted_pairs else 1.0, both / true_pairs if true_pairs else 1.0)


def rss_mib() -> float:
    """Current resident set size of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_index(articles: Sequence[BenchArticle], config: DedupConfig) -> tuple[list[StoryAssignment], float]:
    """Assign every article in order, as one long run would; returns the assignments and the seconds taken."""
    index = StoryIndex(config)
    started = time.process_time()
    assignments = [
        index.assign(a.article_id, story_signature(a.text, config), published_at=a.published_at, length=len(a.text))
        for a in articles
    ]
    return assignments, time.process_time() - started


def rebuild_from_warehouse(assignments: Sequence[StoryAssignment], config: DedupConfig) -> float:
    """Store the signatures in a fresh DuckDB file, then time what an hourly run does first: load the index."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.duckdb")
        conn = duckdb.connect(path)
        migrate(conn)
        with transaction(conn):
            save_story_assignments(conn, assignments)
        conn.close()
        conn = duckdb.connect(path)
        started = time.process_time()
        index = load_story_index(conn, config)
        elapsed = time.process_time() - started
        conn.close()
    assert len(index) == len(assignments)
    return elapsed


def run_exact(articles: Sequence[BenchArticle], config: DedupConfig) -> tuple[dict[str, list[int]], float]:
    """The same greedy in-order assignment with exact similarities to every earlier article."""
    started = time.process_time()
    sets = [shingle_hashes(a.text, config) for a in articles]
    vocabulary, ids = np.unique(np.concatenate(sets), return_inverse=True)
    indptr = np.concatenate([[0], np.cumsum([len(s) for s in sets])])
    matrix = sp.csr_matrix((np.ones(len(ids), dtype=np.int32), ids, indptr), shape=(len(sets), len(vocabulary)))
    sizes = np.diff(indptr)
    transposed = matrix.T.tocsc()
    rules: dict[str, Callable[[np.ndarray, np.ndarray, int], np.ndarray]] = {
        "containment": lambda inter, other, own: (
            inter / np.maximum(np.minimum(other, own), np.minimum(config.min_shingles, np.maximum(other, own)))
        ),
        "jaccard": lambda inter, other, own: inter / np.maximum(other + own - inter, 1),
    }
    thresholds = {"containment": config.threshold, "jaccard": JACCARD_THRESHOLD}
    labels: dict[str, list[int]] = {rule: [] for rule in rules}
    block = 500
    for first in range(0, len(sets), block):
        inter_block = (matrix[first : first + block] @ transposed).toarray()
        for offset, inter in enumerate(inter_block):
            i = first + offset
            for rule, score in rules.items():
                if i == 0 or sizes[i] == 0:
                    labels[rule].append(i)
                    continue
                scores = score(inter[:i], sizes[:i], int(sizes[i]))
                best = int(np.argmax(scores))
                labels[rule].append(labels[rule][best] if scores[best] >= thresholds[rule] else i)
    return labels, time.process_time() - started


def measure(n: int, config: DedupConfig, results: mp.Queue) -> None:  # type: ignore[type-arg]
    articles = Generator(seed=n).articles(n)
    truth = [a.story for a in articles]
    before = rss_mib()
    assignments, elapsed = run_index(articles, config)
    index_mib = peak_rss_mib() - before
    precision, recall = pairwise(truth, [a.story_id for a in assignments])
    rebuild = rebuild_from_warehouse(assignments, config)
    rows = [(n, "MinHash+LSH (ours)", precision, recall, elapsed, rebuild, index_mib, peak_rss_mib())]
    if n <= EXACT_LIMIT:
        labels, exact_elapsed = run_exact(articles, config)
        for rule, predicted in labels.items():
            precision, recall = pairwise(truth, predicted)
            rows.append((n, f"exact all-pairs {rule}", precision, recall, exact_elapsed, None, None, None))
    results.put((rows, len(set(truth)), sum(1 for c in Counter(truth).values() if c > 1)))


def main() -> None:
    config = DedupConfig()
    print(f"config: {config}  (scheme {config.scheme}); samples used: {len(sample_bodies())}")
    context = mp.get_context("fork")
    header = f"{'articles':>8}  {'method':<28} {'precision':>9} {'recall':>7} {'seconds':>8} {'art/s':>7} "
    header += f"{'rebuild s':>9} {'index MiB':>9} {'peak MiB':>8}"
    print(header)
    print("-" * len(header))
    times: dict[int, float] = {}
    for n in SIZES:
        queue: mp.Queue = context.Queue()  # type: ignore[type-arg]
        child = context.Process(target=measure, args=(n, config, queue))
        child.start()
        rows, stories, clustered = queue.get()
        child.join()
        for size, method, precision, recall, elapsed, rebuild, index_mib, peak in rows:
            if method.startswith("MinHash"):
                times[size] = elapsed
            rebuild_text = f"{rebuild:9.2f}" if rebuild is not None else f"{'':>9}"
            peak_text = f"{index_mib:9.0f} {peak:8.0f}" if peak is not None else ""
            print(
                f"{size:>8}  {method:<28} {precision:9.4f} {recall:7.4f} {elapsed:8.2f} {size / elapsed:7.0f} "
                f"{rebuild_text} {peak_text}"
            )
        print(f"{'':>8}  ({stories} true stories, {clustered} with copies)")
        sys.stdout.flush()
    print(
        f"time growth {SIZES[0] // 1000}k -> {SIZES[-1] // 1000}k: {times[SIZES[-1]] / times[SIZES[0]]:.1f}x "
        f"(linear would be {SIZES[-1] / SIZES[0]:.0f}x, quadratic {(SIZES[-1] / SIZES[0]) ** 2:.0f}x)"
    )


if __name__ == "__main__":
    main()
