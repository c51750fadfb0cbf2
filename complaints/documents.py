"""Tips from the seeds made into features: calendar entries for terms, the complaint as
a formal letter with a deadline of 10 working days, and the case pack for escalation."""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import holidays
from django.utils import timezone
from fpdf import FPDF
from icalendar import Alarm, Calendar, Event

from core.dates import dutch_date

LETTER_WORKING_DAYS = 10
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def working_days_after(start: date, days: int = LETTER_WORKING_DAYS) -> date:
    """The date `days` working days after `start`: no weekends, no Dutch public holidays."""
    dutch = holidays.country_holidays("NL", years=range(start.year, start.year + 2))
    current, left = start, days
    while left:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in dutch:
            left -= 1
    return current


def term_calendar(complaint, role: str, url: str) -> bytes:
    """An .ics file with the running term of `complaint` for the consumer or the company."""
    calendar = Calendar()
    calendar.add("prodid", "-//Klachtenkompas//klachtenkompas.nl//NL")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"termijn-{complaint.pk}-{complaint.due_at:%Y%m%dT%H%M}@klachtenkompas")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", complaint.due_at - timedelta(hours=1))
    event.add("dtend", complaint.due_at)
    who = "Reageer" if role == "company" else "Reageer of beoordeel"
    event.add("summary", f"{who}: klacht \u201c{complaint.title}\u201d (Klachtenkompas)")
    event.add("description", f"De termijn loopt af. {url}")
    event.add("url", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Termijn op Klachtenkompas loopt morgen af")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()


@dataclass(frozen=True)
class Sender:
    """The consumer's name and address for the letter: given on the download form, put
    in the letter and stored nowhere."""

    name: str
    street: str
    postcode: str
    place: str

    def lines(self) -> list[str]:
        return [self.name, self.street, f"{self.postcode}  {self.place}"]


def complaint_reference(complaint) -> str:
    return f"KK-{complaint.pk}"


def _sentence(text: str) -> str:
    """The consumer's words as a sentence of their own: a capital and a full stop."""
    text = " ".join(text.split()) if "\n" not in text.strip() else text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else f"{text}."


def letter_text(complaint, sender: Sender, today: date | None = None) -> str:
    """The complaint as a short formal letter (for the consumer only: it carries the
    private reference and the consumer's address)."""
    today = today or timezone.localdate()
    deadline = working_days_after(today)
    private = getattr(complaint, "private_details", None)
    company = complaint.company
    addressee = [company.legal_name or company.title, "T.a.v. de klachtenafdeling"]
    address = getattr(company, "postal_address", "")
    if address:
        addressee.extend(address.splitlines())
    subject = [
        f"Betreft: klacht “{complaint.title}”",
        f"Kenmerk: {complaint_reference(complaint)} (Klachtenkompas)",
    ]
    if private and private.order_reference:
        subject.append(f"Uw referentie: {private.order_reference}")
    if complaint.incident_date:
        subject.append(f"Datum van aankoop of voorval: {dutch_date(complaint.incident_date)}")
    outcome = _sentence(complaint.desired_outcome)
    request = (
        f"Ik verzoek u mijn klacht als volgt op te lossen.\n\n{outcome}\n\n" if outcome else ""
    )
    return (
        "\n".join(sender.lines())
        + "\n\n"
        + "\n".join(addressee)
        + f"\n\n{sender.place}, {dutch_date(today)}\n\n"
        + "\n".join(subject)
        + "\n\nGeachte heer, mevrouw,\n\n"
        + f"{complaint.description.strip()}\n\n"
        + request
        + f"Ik verneem graag uiterlijk {dutch_date(deadline)} (tien werkdagen na vandaag) hoe "
        "u dit oplost. Hoor ik dan niets, dan zet ik de volgende stap, bijvoorbeeld naar een "
        "geschillencommissie.\n\n"
        "Met vriendelijke groet,\n\n\n"
        f"{sender.name}\n"
    )


class _Pdf(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.set_title(title)
        self.set_author("Klachtenkompas")
        self.set_margins(20, 20, 20)
        self.unicode = UNICODE_FONT.exists()
        if self.unicode:
            self.add_font("Body", "", str(UNICODE_FONT))
            bold = UNICODE_FONT.with_name("DejaVuSans-Bold.ttf")
            self.add_font("Body", "B", str(bold if bold.exists() else UNICODE_FONT))
            self.family = "Body"
        else:
            self.family = "Helvetica"
        self.add_page()

    def _clean(self, text: str) -> str:
        # Without a Unicode font, the built-in fonts take Latin-1 only.
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 14):
        self.set_font(self.family, "B", size)
        self.multi_cell(0, 8, self._clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str):
        self.set_font(self.family, "", 11)
        self.multi_cell(0, 6, self._clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def letter_pdf(complaint, sender: Sender, today: date | None = None) -> bytes:
    pdf = _Pdf(f"Klacht: {complaint.title}")
    pdf.paragraph(letter_text(complaint, sender, today))
    return bytes(pdf.output())


def case_pack_pdf(complaint) -> bytes:
    """Everything an intermediary or a court asks for, in one document."""
    pdf = _Pdf(f"Dossier: {complaint.title}")
    pdf.heading(f"Dossier klacht: {complaint.title}", 16)
    facts = [
        f"Bedrijf: {complaint.company.legal_name} (KvK {complaint.company.kvk_number})",
        f"Kenmerk: {complaint_reference(complaint)}",
        f"Status: {complaint.status_label}",
    ]
    if complaint.incident_date:
        facts.append(f"Datum van aankoop of voorval: {dutch_date(complaint.incident_date)}")
    if complaint.submitted_at:
        facts.append(f"Ingediend: {dutch_date(complaint.submitted_at, with_time=True)}")
    if complaint.published_at:
        facts.append(f"Geplaatst: {dutch_date(complaint.published_at, with_time=True)}")
    facts.append(f"Gemaakt op: {dutch_date(timezone.now(), with_time=True)} (Nederlandse tijd)")
    pdf.paragraph("\n".join(facts))
    pdf.heading("De klacht")
    pdf.paragraph(complaint.description)
    pdf.heading("Wat ik wil")
    pdf.paragraph(complaint.desired_outcome)
    private = getattr(complaint, "private_details", None)
    if private and (private.order_reference or private.details):
        pdf.heading("Gegevens voor het bedrijf")
        pdf.paragraph("\n".join(x for x in [private.order_reference, private.details] if x))
    pdf.heading("Het gesprek")
    for reaction in complaint.reactions.filter(visibility="visible"):
        who = complaint.company.title if reaction.party == "company" else "Consument"
        late = " (te laat)" if reaction.party == "company" and not reaction.on_time else ""
        when = dutch_date(reaction.created_at, with_time=True)
        pdf.paragraph(f"{when} \u2013 {who}{late}:\n{reaction.body}")
    if not complaint.reactions.exists():
        pdf.paragraph("Het bedrijf heeft niet gereageerd.")
    pdf.heading("Contact met het bedrijf")
    for entry in complaint.contact_log.all():
        promised = f" Beloofd: {entry.promised}" if entry.promised else ""
        pdf.paragraph(
            f"{dutch_date(entry.contacted_on)}"
            f"{entry.contacted_at.strftime(' %H:%M') if entry.contacted_at else ''}, "
            f"{entry.get_channel_display()}"
            f"{', ' + entry.person if entry.person else ''}: {entry.summary}{promised}"
        )
    pdf.heading("Bijlagen")
    for attachment in complaint.attachments.all():
        pdf.paragraph(f"{attachment.original_name} ({attachment.size // 1024 or 1} kB)")
    if not complaint.attachments.exists():
        pdf.paragraph("Geen.")
    pdf.heading("Gebeurtenissen")
    for event in complaint.events.all():
        when = dutch_date(event.created_at, with_time=True)
        pdf.paragraph(f"{when}: {event.get_action_display()}")
    return bytes(pdf.output())


def escalation_routes(complaint) -> list[str]:
    """Which escalation routes fit, in order: the advisor after a missed term or a poor
    grade."""
    sector = complaint.company.sector.slug if complaint.company.sector_id else ""
    first = "kifid" if sector == "verzekeringen" else "geschillencommissie"
    return [first, "acm-consuwijzer", "kantonrechter"]


def needs_escalation(complaint) -> bool:
    if complaint.status == "unanswered":
        return True
    rating = getattr(complaint, "rating", None) if complaint.status == "rated" else None
    return bool(rating and (rating.grade < 6 or not rating.solved))
