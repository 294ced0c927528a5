"""Cooperation matches (issue 16): suggested pairs and groups of companies, for the facilitator only.

Only companies that opted in (``"cooperation": {"opt_in": true}`` in their latest response) are considered;
nothing about any other company is read beyond that flag, and nothing of this module goes into an aggregate
table, a cohort report or a company report. Companies are matched within their network (a regional network
is where partners can meet). Three kinds of suggestion, each with its reason in German and English:

* ``offer_need``: a company needs an entry of the questionnaire's cooperation lists (a waste stream by its EWC
  code, a by-product, a material) that others offer: the company in need first, then those that offer it;
* ``service``: two or more companies name the same shared service (a joint energy audit, joint PV or green-power
  purchasing, a shared supplier code ...), as an offer or a need;
* ``gap``: three or more companies share the same open gap, a question among the first next steps of each
  (:data:`TOP_STEPS`), as a topic for a joint workshop.

The file written (``matches_confidential.json`` and ``.csv``) names the companies: it is the facilitator's
working paper for introductions and is never shared as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from toolkit.atomic import atomic_write_text
from toolkit.definitions.model import Questionnaire, Text, tr
from toolkit.errors import ToolkitError
from toolkit.i18n import LANGS, t
from toolkit.responses import Response, load_response
from toolkit.scoring.scores import ScoreCard, score

TOP_STEPS = 5  # a gap is one of the company's first five next steps
GAP_MIN = 3  # companies sharing a gap before it is suggested as a workshop topic
SERVICE_MIN = 2
MATCHES_FILE = "matches_confidential"


@dataclass
class Match:
    kind: str  # offer_need | service | gap
    network: str
    entry: str  # the cooperation entry, or the question of a gap
    label: Text
    companies: list[str]  # offer_need: [needing, offering ...]
    names: dict[str, str]
    reason: Text
    code: str | None = None  # the EWC code of a waste stream


@dataclass
class Matches:
    round: str | None
    opted_in: list[str] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "format": "sme-toolkit-matches/1",
            "confidential": "Facilitator only: names companies that opted in to the cooperation exchange.",
            "round": self.round,
            "opted_in": self.opted_in,
            "matches": [asdict(m) for m in self.matches],
        }


def opted_in(responses: Iterable[Response]) -> list[Response]:
    """Each company's latest response, kept only when it opted in there."""
    latest: dict[str, Response] = {}
    for r in sorted(responses, key=lambda r: str(r.round)):
        latest[r.company.id] = r
    return [r for cid, r in sorted(latest.items()) if r.cooperation is not None and r.cooperation.opt_in]


def _name(r: Response) -> str:
    return r.company.name or r.company.id


def _quote(label: str, lang: str) -> str:
    return t("core.quoted", lang, text=label)


def find_matches(
    qn: Questionnaire, responses: Iterable[Response], cards: dict[str, ScoreCard] | None = None
) -> Matches:
    """The suggestions among the opted-in companies of ``responses`` (their latest rounds), network by network.
    ``cards``: their scorecards by company id (scored here when missing)."""
    chosen = opted_in(responses)
    out = Matches(max((str(r.round) for r in chosen), default=None), [r.company.id for r in chosen])
    networks: dict[str, list[Response]] = {}
    for r in chosen:
        networks.setdefault(r.company.network or "", []).append(r)
    for network, members in sorted(networks.items()):
        out.matches += _network_matches(qn, network, members, cards or {})
    return out


def _network_matches(
    qn: Questionnaire, network: str, chosen: list[Response], cards: dict[str, ScoreCard]
) -> list[Match]:
    out: list[Match] = []
    names = {r.company.id: _name(r) for r in chosen}
    for lst in qn.cooperation:
        for entry in lst.entries:
            offering = [r for r in chosen if r.cooperation and entry.id in r.cooperation.offers]
            needing = [r for r in chosen if r.cooperation and entry.id in r.cooperation.needs]
            code = f" ({entry.ewc})" if entry.ewc else ""
            if lst.kind == "service":
                group = sorted({r.company.id for r in [*offering, *needing]})
                if len(group) >= SERVICE_MIN:
                    who = ", ".join(names[c] for c in group)
                    reason = {
                        lang: t(
                            "cohort.match.service",
                            lang,
                            n=len(group),
                            entry=_quote(tr(entry.label, lang), lang),
                            who=who,
                        )
                        for lang in LANGS
                    }
                    out.append(
                        Match("service", network, entry.id, entry.label, group, {c: names[c] for c in group}, reason)
                    )
                continue
            for n in needing:  # one suggestion per company in need, naming every company that offers it
                partners = [o for o in offering if o.company.id != n.company.id]
                if not partners:
                    continue
                who = ", ".join(_name(o) for o in partners)
                reason = {
                    lang: t(
                        "cohort.match.offer_need",
                        lang,
                        company=_name(n),
                        entry=_quote(tr(entry.label, lang), lang) + code,
                        who=who,
                    )
                    for lang in LANGS
                }
                ids = [n.company.id, *(o.company.id for o in partners)]
                out.append(
                    Match(
                        "offer_need", network, entry.id, entry.label, ids, {c: names[c] for c in ids}, reason, entry.ewc
                    )
                )
    return out + _gaps(qn, network, chosen, cards, names)


def _gaps(
    qn: Questionnaire, network: str, chosen: list[Response], cards: dict[str, ScoreCard], names: dict[str, str]
) -> list[Match]:
    """Questions among the first next steps of at least GAP_MIN opted-in companies."""
    by_question: dict[str, list[str]] = {}
    for r in chosen:
        card = cards.get(r.company.id) or score(qn, r)
        for rec in card.recommendations[:TOP_STEPS]:
            by_question.setdefault(rec.question, []).append(r.company.id)
    out = []
    for qid, ids in sorted(by_question.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(ids) < GAP_MIN:
            continue
        q = qn.questions[qid]
        topic = getattr(q, "workshop_topic", None) or q.text
        group = sorted(ids)
        who = ", ".join(names[c] for c in group)
        reason = {
            lang: t(
                "cohort.match.gap", lang, n=len(group), topic=_quote(tr(topic, lang), lang), steps=TOP_STEPS, who=who
            )
            for lang in LANGS
        }
        out.append(Match("gap", network, qid, dict(topic), group, {c: names[c] for c in group}, reason))
    return out


def load_for_matches(paths: Iterable[str | Path], qn: Questionnaire) -> list[Response]:
    """The responses at ``paths`` (files that do not load are skipped: the cohort lists them already)."""
    out = []
    for p in paths:
        try:
            out.append(load_response(p, qn))
        except ToolkitError:
            continue
    return out


def write_matches(matches: Matches, out_dir: str | Path, lang: str = "de") -> list[Path]:
    """``matches_confidential.json`` (both languages) and ``.csv`` (semicolon-separated, ``lang``)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / f"{MATCHES_FILE}.json"
    atomic_write_text(json_path, json.dumps(matches.to_dict(), indent=2, ensure_ascii=False) + "\n")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    columns = ("network", "kind", "entry", "companies", "names", "reason")
    writer.writerow([t(f"cohort.match.column_{c}", lang) for c in columns])
    for m in matches.matches:
        label = tr(m.label, lang) + (f" ({m.code})" if m.code else "")
        writer.writerow(
            [
                m.network,
                t(f"cohort.match.kind_{m.kind}", lang),
                label,
                ", ".join(m.companies),
                ", ".join(m.names[c] for c in m.companies),
                tr(m.reason, lang),
            ]
        )
    csv_path = out / f"{MATCHES_FILE}.csv"
    atomic_write_text(csv_path, buf.getvalue())
    return [json_path, csv_path]
