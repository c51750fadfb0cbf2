"""What the open data files hold: per file its columns, each with a type and a meaning.

The dump writes exactly these columns, in this order (the complaints' are the API
export's, search.searching.EXPORT_COLUMNS, then the offer outcome, OFFER_COLUMNS; tests
compare them), and /open-data/ shows
them as the data dictionary, so the files and the page cannot drift apart."""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from complaints.models.offers import SettlementOffer
from complaints.states import PUBLIC_STATUSES, Status


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


def _public_statuses() -> str:
    """The public status codes with their labels, from the state machine (so a new
    public status shows up here by itself)."""
    public = [s for s in Status if s in PUBLIC_STATUSES]
    return ", ".join(f"{s.value} ({s.label})" for s in public)


def _choices(choices) -> str:
    return ", ".join(f"{choice.value} ({choice.label})" for choice in choices)


@dataclass(frozen=True)
class Dataset:
    stem: str  # the file name without its format: klachten -> klachten.csv.gz
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def file_names(self) -> list[str]:
        return [f"{self.stem}.{fmt}.gz" for fmt in FORMATS]


FORMATS = ("jsonl", "csv")

COMPLAINTS = Dataset(
    stem="klachten",
    title=_("Klachten"),
    description=_(
        "Alle klachten die op dit moment openbaar op de site staan: alleen het openbare "
        "deel, zonder het besloten deel, bijlagen, contactmomenten of gegevens van de "
        "consument."
    ),
    columns=(
        Column("id", "geheel getal", _("Vast nummer van de klacht.")),
        Column("title", "tekst", _("De titel die de consument gaf.")),
        Column("url", "tekst (pad)", _("Adres van de klacht op de site, zonder domein.")),
        Column("company_slug", "tekst", _("Vaste korte naam van het bedrijf in adressen.")),
        Column("company_name", "tekst", _("Naam van het bedrijf.")),
        Column(
            "topic_slug", "tekst", _("Vaste korte naam van het onderwerp; leeg als er geen is.")
        ),
        Column("topic_name", "tekst", _("Onderwerp van de klacht, zoals levering of factuur.")),
        Column("sector_slug", "tekst", _("Vaste korte naam van de sector van het bedrijf.")),
        Column("sector_name", "tekst", _("Sector van het bedrijf.")),
        Column(
            "status",
            "code",
            format_lazy(
                _("Waar de klacht staat, een van: {statuses}."),
                statuses=lazy(_public_statuses, str)(),
            ),
        ),
        Column(
            "published_at",
            "datum en tijd (ISO 8601, UTC)",
            _("Wanneer de klacht openbaar werd."),
        ),
        Column("description", "tekst", _("De openbare beschrijving van het probleem.")),
        Column("desired_outcome", "tekst", _("Wat de consument van het bedrijf vraagt.")),
        # The outcome of the company's settlement offers (only in the dump, not in the
        # API export): what the public thread shows of them.
        Column(
            "offers",
            "geheel getal",
            _("Hoeveel voorstellen het bedrijf deed om de klacht op te lossen; 0 als geen."),
        ),
        Column(
            "offer_kind",
            "code of leeg",
            format_lazy(
                _("Soort van het laatste voorstel, een van: {kinds}. Leeg zonder voorstel."),
                kinds=lazy(lambda: _choices(SettlementOffer.Kind), str)(),
            ),
        ),
        Column(
            "offer_status",
            "code of leeg",
            format_lazy(
                _("Hoe het laatste voorstel afliep, een van: {states}. Leeg zonder voorstel."),
                states=lazy(lambda: _choices(SettlementOffer.State), str)(),
            ),
        ),
        Column(
            "offer_amount",
            "decimaal getal in euro (punt, twee decimalen) of leeg",
            _(
                "Het bedrag van het laatste voorstel, alleen als de consument het openbaar "
                "maakte; anders leeg, ook bij een voorstel met een bedrag."
            ),
        ),
    ),
)

SCORES = Dataset(
    stem="bedrijfsscores",
    title=_("Bedrijfsscores"),
    description=_(
        "Per bedrijf de nieuwste score over de afgelopen twaalf maanden, zoals op de "
        "bedrijfspagina staat. Een percentage of cijfer is leeg als er nog niets te meten was."
    ),
    columns=(
        Column("company_slug", "tekst", _("Vaste korte naam van het bedrijf in adressen.")),
        Column("company_name", "tekst", _("Naam van het bedrijf.")),
        Column("company_url", "tekst (pad)", _("Adres van de bedrijfspagina, zonder domein.")),
        Column("computed_on", "datum (ISO 8601)", _("Dag waarop de score is berekend.")),
        Column("complaints", "geheel getal", _("Aantal klachten in de periode.")),
        Column(
            "first_reaction_terms",
            "geheel getal",
            _("Klachten waarvan de termijn voor een eerste reactie in de periode afliep."),
        ),
        Column(
            "first_reaction_on_time",
            "geheel getal",
            _("Daarvan: eerste reactie van het bedrijf binnen de termijn."),
        ),
        Column(
            "first_reaction_on_time_pct",
            "geheel getal (0-100) of leeg",
            _("Aandeel eerste reacties op tijd, in procenten."),
        ),
        Column("company_turns", "geheel getal", _("Beurten van het bedrijf in de periode.")),
        Column("company_turns_on_time", "geheel getal", _("Daarvan: beurten binnen de termijn.")),
        Column(
            "turns_on_time_pct",
            "geheel getal (0-100) of leeg",
            _("Aandeel beurten op tijd, in procenten."),
        ),
        Column("first_reactions", "geheel getal", _("Eerste reacties waarover de mediaan gaat.")),
        Column(
            "median_first_reaction_hours",
            "decimaal getal of leeg",
            _("Mediaan van de tijd tot de eerste reactie, in uren."),
        ),
        Column("rated", "geheel getal", _("Klachten die de consument heeft beoordeeld.")),
        Column("rated_solved", "geheel getal", _("Daarvan: volgens de consument opgelost.")),
        Column(
            "solved_pct",
            "geheel getal (0-100) of leeg",
            _("Aandeel opgelost van de beoordeelde klachten, in procenten."),
        ),
        Column(
            "mean_grade",
            "decimaal getal (1-10) of leeg",
            _("Gemiddeld cijfer van de consumenten."),
        ),
        Column(
            "smoothed_grade",
            "decimaal getal (1-10) of leeg",
            _(
                "Het cijfer na bijstelling naar het gemiddelde van de hele site, zodat een "
                "paar cijfers niet de doorslag geven (zie de uitleg over de scores)."
            ),
        ),
        Column(
            "verdict",
            "code",
            _("pluim, improve (verbeterpunt) of leeg (geen van beide)."),
        ),
    ),
)

DATASETS = (COMPLAINTS, SCORES)

# Besides the data: the checksums in sha256sum's format and the manifest (JSON).
SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
FILE_NAMES = frozenset(
    [*(name for dataset in DATASETS for name in dataset.file_names()), SUMS, MANIFEST]
)

# What the dump adds to the API export's columns for each complaint.
OFFER_COLUMNS = ("offers", "offer_kind", "offer_status", "offer_amount")
