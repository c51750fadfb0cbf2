"""N realistic Dutch complaints in the import format of DESIGN.md (JSON Lines).

    .venv/bin/python bench/generate.py --n 100000 --out var/bench/klachten-100000.jsonl

Companies (the demo ones and a few hundred more), sectors and topics as on the site;
texts assembled from Dutch sentences about deliveries, bills, repairs, contracts;
timestamps over the last three years; every status the import knows, with reactions
on time and late, grades, withdrawals and expired complaints. Each line's status is
the one its timeline leads to (worked out with the state machine itself), so a good
generator line is never refused. Deterministic for a given --seed.
"""

import argparse
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from complaints.states import Action, Lifecycle, Status, TransitionNotAllowed  # noqa: E402
from core.dates import MONTH_NAMES  # noqa: E402

SETTLING = timedelta(days=2)  # how long a generated file may wait for its import
SECTORS = {
    "telecom": "Telecom",
    "energie": "Energie",
    "webwinkels": "Webwinkels",
    "pakketbezorging": "Pakketbezorging",
    "reizen": "Reizen",
    "verzekeringen": "Verzekeringen",
    "wonen": "Wonen",
}
TOPICS = {
    "telecom": ["Storing", "Facturering", "Contract en abonnement", "Opzeggen", "Verhuizing"],
    "energie": ["Facturering", "Storing", "Verhuizing", "Opzeggen", "Klantenservice"],
    "webwinkels": ["Levering", "Retour en terugbetaling", "Garantie en reparatie", "Privacy"],
    "pakketbezorging": ["Levering", "Klantenservice"],
    "reizen": ["Annulering", "Retour en terugbetaling", "Klantenservice"],
    "verzekeringen": ["Schade-uitkering", "Facturering", "Opzeggen"],
    "wonen": ["Levering", "Garantie en reparatie", "Klantenservice"],
}
PREFIXES = [
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Polder",
    "Delta",
    "Oranje",
    "Tulp",
    "Dijk",
    "Molen",
    "Kanaal",
    "Duin",
    "Hanze",
    "Linde",
]
SUFFIXES = {
    "telecom": ["Net", "Tel", "Mobiel", "Glasvezel"],
    "energie": ["Energie", "Stroom", "Gas", "Warmte"],
    "webwinkels": ["Shop", "Winkel", "Markt", "Huis"],
    "pakketbezorging": ["Post", "Koerier", "Bezorgdienst"],
    "reizen": ["Reizen", "Vakanties", "Parken"],
    "verzekeringen": ["Verzekeringen", "Bank", "Krediet"],
    "wonen": ["Keukens", "Meubelen", "Klusbedrijf"],
}
OPENINGS = {
    "Levering": [
        "Mijn pakket staat al {n} dagen als bezorgd gemeld, maar ik heb niets ontvangen.",
        "De bestelling van {date} is nooit geleverd; de pakketten zijn volgens de bezorger afgegeven bij de buren.",
        "De bank werd beschadigd geleverd en de monteur kwam niet op de afspraak.",
    ],
    "Facturering": [
        "Op mijn factuur van {month} staat een bedrag van {amount} euro dat ik niet herken.",
        "Het voorschot is zonder overleg verhoogd naar {amount} euro per maand.",
        "De jaarafrekening klopt niet: de meterstand die ik doorgaf is genegeerd.",
    ],
    "Storing": [
        "Sinds {date} heb ik geen internet; de storing is volgens de klantenservice opgelost, maar niet bij mij.",
        "Al {n} dagen valt de verbinding elke avond weg.",
        "Na de storing aan de meterkast kwam de monteur pas na {n} dagen.",
    ],
    "Contract en abonnement": [
        "Mijn abonnement is stilzwijgend verlengd tegen een hoger tarief.",
        "Bij het afsluiten werd een korting beloofd die nooit is verrekend.",
    ],
    "Opzeggen": [
        "Ik heb mijn abonnement op {date} opgezegd, maar er wordt nog steeds afgeschreven.",
        "De opzegging wordt niet bevestigd, ook niet na drie e-mails.",
    ],
    "Verhuizing": [
        "Bij mijn verhuizing op {date} is de aansluiting niet meeverhuisd.",
        "Na de verhuizing krijg ik rekeningen voor twee adressen.",
    ],
    "Klantenservice": [
        "De klantenservice is onbereikbaar: ik wachtte {n} minuten en werd daarna afgebroken.",
        "Mijn vragen per e-mail blijven al weken onbeantwoord.",
    ],
    "Retour en terugbetaling": [
        "Ik heb het artikel binnen de bedenktijd teruggestuurd, maar de terugbetaling van {amount} euro blijft uit.",
        "De retour is ontvangen, toch krijg ik mijn geld niet terug.",
    ],
    "Garantie en reparatie": [
        "Het apparaat ging na {n} maanden kapot en de reparatie onder garantie wordt geweigerd.",
        "Na de reparatie heeft de wasmachine hetzelfde gebrek.",
    ],
    "Privacy": [
        "Ik krijg reclame terwijl ik geen toestemming heb gegeven voor het gebruik van mijn gegevens.",
        "Mijn verzoek om inzage in mijn gegevens is na {n} weken nog niet beantwoord.",
    ],
    "Annulering": [
        "De reis van {date} werd geannuleerd en ik krijg alleen een voucher in plaats van mijn geld.",
        "Bij annulering werden {amount} euro aan kosten ingehouden die nergens zijn genoemd.",
    ],
    "Schade-uitkering": [
        "Mijn waterschade van {date} wordt niet vergoed omdat het een 'geleidelijk ontstane' schade zou zijn.",
        "De schade-uitkering is {amount} euro lager dan het rapport van de expert.",
    ],
}
MIDDLES = [
    "Ik heb al {n} keer gebeld en steeds een ander antwoord gekregen.",
    "Via de chat werd beloofd dat het binnen vijf werkdagen zou worden opgelost.",
    "Er is geen klantnummer of referentie waaronder mijn klacht bekend is.",
    "Ik heb foto's en de bevestigingsmail bewaard.",
    "De medewerker zei dat ik een e-mail zou krijgen, maar die kwam nooit.",
    "Ook mijn buren hebben hetzelfde probleem gemeld.",
]
OUTCOMES = [
    "Ik wil mijn geld terug, {amount} euro.",
    "Ik wil dat de fout binnen twee weken wordt hersteld.",
    "Ik wil een schriftelijke bevestiging en een passende vergoeding.",
    "Ik wil dat het contract zonder kosten wordt beëindigd.",
    "Ik wil alsnog levering of terugbetaling.",
]
COMPANY_REPLIES = [
    "Dank voor uw bericht. We hebben uw dossier bekeken en nemen binnen drie werkdagen contact op.",
    "Excuses voor het ongemak. Het bedrag wordt binnen vijf werkdagen teruggestort.",
    "We hebben een monteur ingepland; u ontvangt de afspraak per e-mail.",
    "Volgens onze gegevens is het pakket afgeleverd. We starten een onderzoek bij de bezorger.",
]
CONSUMER_REPLIES = [
    "Dank u, maar het bedrag staat nog steeds niet op mijn rekening.",
    "De monteur is geweest, maar het probleem is niet verholpen.",
    "Ik heb nog niets ontvangen, ook geen e-mail.",
]
FIRST_NAMES = [
    "Jan",
    "Sanne",
    "Pieter",
    "Fatima",
    "Mohamed",
    "Anouk",
    "Daan",
    "Emma",
    "Kees",
    "Lotte",
    "Bram",
    "Noor",
    "Ahmed",
    "Eva",
]


def companies(rng: random.Random, count: int) -> list[dict]:
    from companies.demo import COMPANIES

    found = [
        {"name": name, "kvk": kvk, "sector": SECTORS[sector]}
        for _slug, name, _legal, kvk, sector, *_rest in COMPANIES
    ]
    sector_keys = list(SECTORS)
    n = 0
    while len(found) < count:
        sector = sector_keys[n % len(sector_keys)]
        prefix = PREFIXES[(n // len(sector_keys)) % len(PREFIXES)]
        suffix = SUFFIXES[sector][(n // (len(sector_keys) * len(PREFIXES))) % len(SUFFIXES[sector])]
        found.append(
            {"name": f"{prefix}{suffix} B.V.", "kvk": f"7{n:07d}", "sector": SECTORS[sector]}
        )
        n += 1
    return found


def _fill(text: str, rng: random.Random, when: datetime) -> str:
    return text.format(
        n=rng.randint(2, 30),
        amount=f"{rng.randint(12, 900)},{rng.randint(0, 99):02d}",
        date=f"{when.day} {MONTH_NAMES[when.month - 1]}",
        month=MONTH_NAMES[when.month - 1],
    )


def _history(rng: random.Random, submitted: datetime, published: datetime, now: datetime):
    """Reactions, grade and withdrawal for one complaint, and the status they lead to."""
    life = Lifecycle()
    life.apply(Action.SUBMIT, submitted)
    life.apply(Action.APPROVE, published)
    at, reactions, rating = published, [], None
    for turn in range(rng.choice([0, 0, 1, 1, 2, 2, 3, 4])):
        at = at + timedelta(days=rng.uniform(0.2, 18))
        if at >= now:
            break
        life.clock_until(at)
        by = "company" if turn % 2 == 0 else "consumer"
        try:
            life.apply(Action.COMPANY_REACTS if by == "company" else Action.CONSUMER_REACTS, at)
        except TransitionNotAllowed:  # the consumer's term ran out: the thread closed
            break
        replies = COMPANY_REPLIES if by == "company" else CONSUMER_REPLIES
        reactions.append({"by": by, "at": at.isoformat(), "body": rng.choice(replies)})
    if reactions and reactions[-1]["by"] == "company" and rng.random() < 0.5:
        at = at + timedelta(days=rng.uniform(0.5, 10))
        if at < now and life.status == Status.AWAITING_CONSUMER:
            life.apply(Action.MARK_SOLVED, at)
            life.apply(Action.RATE, at)
            solved = rng.random() < 0.7
            rating = {
                "grade": rng.randint(6, 10) if solved else rng.randint(1, 5),
                "solved": solved,
                "comment": "Netjes opgelost." if solved else "Nog steeds niet in orde.",
                "at": at.isoformat(),
            }
    if rng.random() < 0.02 and life.status in {Status.AWAITING_COMPANY, Status.AWAITING_CONSUMER}:
        life.apply(Action.WITHDRAW, at)
    else:
        life.clock_until(now)
    return life, reactions, rating


def line(number: int, rng: random.Random, firms: list[dict], now: datetime) -> dict:
    firm = firms[int(rng.paretovariate(1.2) * 3) % len(firms)]  # a few big, many small
    sector_key = next(key for key, name in SECTORS.items() if name == firm["sector"])
    topic = rng.choice(TOPICS[sector_key])
    published = now - timedelta(days=rng.uniform(0.1, 1000), seconds=rng.randint(0, 86400))
    text = " ".join(
        [_fill(rng.choice(OPENINGS[topic]), rng, published)]
        + [_fill(m, rng, published) for m in rng.sample(MIDDLES, rng.randint(1, 3))]
    )
    consumer = rng.randint(1, 400_000)
    data = {
        "external_id": f"bench-{number:08d}",
        "company": firm,
        "topic": topic,
        "title": f"{topic}: {text.split('.')[0][:80]}",
        "description": text,
        "desired_outcome": _fill(rng.choice(OUTCOMES), rng, published),
        "private_details": f"Klantnummer KN-{rng.randint(100000, 999999)}, Dorpsstraat {rng.randint(1, 200)}",
        "consumer": {
            "email": f"klant{consumer}@example.invalid",
            "name": FIRST_NAMES[consumer % len(FIRST_NAMES)],
        },
    }
    if rng.random() < 0.001:  # still with the moderators
        submitted = now - timedelta(hours=rng.uniform(1, 40))
        return {**data, "status": "in_moderation", "submitted_at": submitted.isoformat()}
    submitted = published - timedelta(hours=rng.uniform(1, 72))
    life, reactions, rating = _history(rng, submitted, published, now)
    if any(m and now < m < now + SETTLING for m in (life.due_at, life.expires_at)):
        # A term that ends between generating and importing would change the status
        # meanwhile (the importer rightly refuses the line): draw this one again.
        return line(number, rng, firms, now)
    data.update(
        status=str(life.status),
        submitted_at=submitted.isoformat(),
        published_at=published.isoformat(),
        reactions=reactions,
    )
    if rating:
        data["rating"] = rating
    return data


def generate(path: Path, n: int, seed: int = 2026, companies_count: int = 300) -> Path:
    rng = random.Random(seed)
    now = datetime.now(UTC) - timedelta(minutes=5)
    firms = companies(rng, companies_count)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for number in range(1, n + 1):
            out.write(json.dumps(line(number, rng, firms, now), ensure_ascii=False) + "\n")
            if number % 100_000 == 0:
                print(f"  {number:,} regels gegenereerd", flush=True)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    generate(args.out, args.n, args.seed)
    print(f"{args.n:,} klachten in {args.out}")


if __name__ == "__main__":
    main()
