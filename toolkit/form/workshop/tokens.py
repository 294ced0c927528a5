"""Secret links: one token per company plus one for the facilitator.

Tokens come from :func:`secrets.token_urlsafe` (32 bytes). The server keeps only their SHA-256 hashes
(``COHORT_DIR/.workshop/tokens.json``, mode 0600, folder 0700), so the hash file alone opens no form. The
links themselves go to the facilitator's CSV (mode 0600), which is also where they are recovered from when
the server starts again; a company whose link cannot be recovered gets a new one.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.atomic import atomic_write_text

STATE_DIR = ".workshop"
TOKENS_FILE = "tokens.json"
LINKS_FILE = "workshop-links.csv"
FORMAT = "sme-toolkit-workshop-tokens/1"
FACILITATOR = "__facilitator__"
TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def company_key(company_id: str) -> str:
    """An opaque, stable key for a company in URLs and cookie names (no company id in the address bar)."""
    return hashlib.sha256(f"sme-workshop-company:{company_id}".encode()).hexdigest()[:16]


def private_write(path: Path, text: str) -> None:
    """Write atomically and leave the file readable by its owner only."""
    atomic_write_text(path, text)
    os.chmod(path, 0o600)


@dataclass
class Link:
    company_id: str
    name: str
    url: str


@dataclass
class TokenStore:
    """Hashes of the valid tokens: company id -> hash, and the reverse index."""

    path: Path
    hashes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, cohort_dir: Path) -> TokenStore:
        state = state_dir(cohort_dir)
        path = state / TOKENS_FILE
        hashes: dict[str, str] = {}
        with contextlib.suppress(FileNotFoundError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("hashes"), dict):
                hashes = {str(k): str(v) for k, v in data["hashes"].items()}
        return cls(path, hashes)

    def save(self) -> None:
        private_write(self.path, json.dumps({"format": FORMAT, "hashes": self.hashes}, indent=2, sort_keys=True) + "\n")

    def company(self, token: str | None) -> str | None:
        """The company id the token opens, or None (also for the facilitator token)."""
        if not token or len(token) > 200:
            return None
        cid = {h: c for c, h in self.hashes.items()}.get(token_hash(token))
        return None if cid == FACILITATOR else cid

    def is_facilitator(self, token: str | None) -> bool:
        if not token or len(token) > 200:
            return False
        want = self.hashes.get(FACILITATOR)
        return want is not None and secrets.compare_digest(want, token_hash(token))

    def issue(self, company_id: str) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.hashes[company_id] = token_hash(token)
        return token


def state_dir(cohort_dir: Path) -> Path:
    d = Path(cohort_dir) / STATE_DIR
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(d, 0o700)
    return d


def read_links(path: Path) -> dict[str, str]:
    """company id -> token from an earlier links CSV (empty when there is none)."""
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return out
    from toolkit.form.workshop.cohort import csv_delimiter

    for row in csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text)):
        url = (row.get("link") or "").strip()
        cid = (row.get("company_id") or "").strip()
        token = url.rstrip("/").rsplit("/", 1)[-1] if url else ""
        if cid and token:
            out[cid] = token
    return out


def ensure_links(
    cohort_dir: Path,
    companies: dict[str, str],
    base_url: str,
    links_path: Path | None = None,
    rotate: bool = False,
    delimiter: str | None = None,
) -> tuple[list[Link], Path]:
    """Make sure every company (id -> name) and the facilitator has a valid link; write the links CSV.

    Existing links stay valid unless ``rotate`` is set (then every old link stops working). The CSV is separated
    by ``delimiter`` (the companies file's); by default like the links file it replaces, else with ';', which
    German Excel opens as columns.
    """
    store = TokenStore.load(cohort_dir)
    links_path = links_path or Path(cohort_dir) / LINKS_FILE
    known = {} if rotate else read_links(links_path)
    if rotate:
        store.hashes = {}
    tokens: dict[str, str] = {}
    for cid in [FACILITATOR, *companies]:
        token = known.get(cid)
        if token and store.hashes.get(cid) == token_hash(token):
            tokens[cid] = token
        else:
            tokens[cid] = store.issue(cid)
    for cid in list(store.hashes):  # companies no longer in the cohort lose their link
        if cid not in tokens:
            del store.hashes[cid]
    store.save()
    base = base_url.rstrip("/")
    links = [Link(FACILITATOR, "Moderation / facilitator", f"{base}/f/{tokens[FACILITATOR]}")]
    links += [Link(cid, companies[cid], f"{base}/c/{tokens[cid]}") for cid in companies]
    buf = io.StringIO()
    if delimiter is None:
        from toolkit.form.workshop.cohort import csv_delimiter

        try:
            delimiter = csv_delimiter(links_path.read_text(encoding="utf-8-sig"))
        except OSError:
            delimiter = ";"
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["company_id", "name", "link"])
    for link in links:
        writer.writerow([link.company_id, link.name, link.url])
    private_write(links_path, buf.getvalue())
    return links, links_path
