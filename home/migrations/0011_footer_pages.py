"""The five pages the site footer links to: about us, privacy statement, terms, contact
and the accessibility statement, so that `migrate` alone gives a new site its footer.

Children of the default site's home page (made by 0002), live, with "show in menus" on:
the footer lists such pages. A slug that already exists under the home page is left
alone, so running this on an existing site changes nothing an editor made. The texts
are written out here, not imported: a migration is frozen in time. Editors change them
in the admin.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

# Treebeard's materialised path: four base-36 characters per level.
STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONTACT_ADDRESS = "contact@klachtenkompas.nl"

PAGES = [
    {
        "slug": "over-ons",
        "title": "Over ons",
        "intro": "Klachtenkompas is een gratis plek waar consumenten hun klacht over een "
        "Nederlands bedrijf openbaar maken, en waar iedereen ziet hoe bedrijven ermee omgaan.",
        "body": """<h2>Wat we doen</h2>
<p>Kom je er met een bedrijf niet uit, dan zet je je klacht hier online. Het bedrijf krijgt
bericht en heeft 14 dagen voor een eerste reactie. Daarna reageren jullie om de beurt, elke
keer binnen 14 dagen. Vindt het bedrijf dat het probleem is opgelost, dan geef jij een cijfer
voor de manier waarop het je klacht heeft afgehandeld.</p>
<h2>Wat we niet doen</h2>
<p>We zeggen niet wie er gelijk heeft. We houden wel bij welke bedrijven op tijd en zorgvuldig
reageren en welke niet. Wie het goed doet krijgt een pluim, wie achterblijft openbare
verbeterpunten.</p>
<p>Klachtenkompas is geen forum: alleen jij en het bedrijf schrijven in een klacht. Anderen
kunnen niet reageren, liken of steun betuigen.</p>
<h2>Voor wie</h2>
<ul>
<li>Consumenten met een klacht over een Nederlands bedrijf waar ze zelf iets kochten of een
contract mee hebben. Registreren en indienen zijn gratis.</li>
<li>Bedrijven die klachten open en op tijd willen afhandelen, via het bedrijfsportaal.</li>
</ul>
<p>Een klacht over de overheid of over een buitenlands bedrijf hoort ergens anders thuis. De
klachtwizard wijst je dan de weg.</p>""",
    },
    {
        "slug": "privacyverklaring",
        "title": "Privacyverklaring",
        "intro": "Welke gegevens we bewaren, wie ze ziet en hoe lang. Kort gezegd: alleen wat "
        "nodig is om je klacht te behandelen.",
        "body": f"""<h2>Welke gegevens we bewaren</h2>
<ul>
<li>Je account: je naam, je e-mailadres en je wachtwoord (versleuteld opgeslagen).</li>
<li>Het openbare deel van je klacht: de titel, je verhaal, wat je wilt bereiken, het bedrijf, het
onderwerp en de reacties van jou en het bedrijf.</li>
<li>Het besloten deel van je klacht: bijvoorbeeld je ordernummer, je adres, je bewijsstukken en
je aantekeningen over contact met het bedrijf.</li>
<li>Gegevens om misbruik tegen te gaan, zoals het IP-adres bij mislukte inlogpogingen. Die
gebruiken we alleen daarvoor.</li>
</ul>
<h2>Wie wat ziet</h2>
<p>Het openbare deel staat op de site en is voor iedereen te lezen, ook via de zoekfunctie. Je
naam en e-mailadres staan er niet bij.</p>
<p>Het besloten deel leest alleen het bedrijf waarover je klaagt. Verder zie je het zelf, en
onze moderatoren wanneer ze een klacht controleren of een melding behandelen. Het besloten
deel staat nooit op de site, niet in de zoekresultaten en niet in onze open data.</p>
<h2>Hoe lang</h2>
<p>Een gepubliceerde klacht blijft hoogstens twee jaar openbaar. Daarna halen we hem van de
site en uit de zoekfunctie.</p>
<h2>E-mail en cookies</h2>
<p>We mailen je alleen over je eigen klachten: een bevestiging, een nieuwe reactie, een
herinnering als een termijn afloopt. Nooit reclame. We gebruiken alleen de cookies die nodig
zijn om in te loggen en formulieren veilig te versturen; geen cookies om je te volgen.</p>
<h2>Je rechten</h2>
<p>Je mag je gegevens inzien, laten verbeteren en laten verwijderen. Een lopende klacht trek je
zelf in via Mijn klachten; dan verdwijnt hij van de site. Voor al het andere mail je naar
<a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a>. Ben je het niet eens met hoe we
met je gegevens omgaan, dan kun je een klacht indienen bij de Autoriteit
Persoonsgegevens.</p>""",
    },
    {
        "slug": "voorwaarden",
        "title": "Voorwaarden",
        "intro": "De spelregels voor iedereen die op Klachtenkompas een klacht indient of erop "
        "reageert.",
        "body": """<h2>Een klacht indienen</h2>
<ul>
<li>Registreren en een klacht indienen zijn gratis.</li>
<li>Je klacht gaat over een Nederlands bedrijf dat landelijk of regionaal werkt en waar je zelf
een product, een dienst of een contract van had.</li>
<li>Je hebt het bedrijf eerst zelf verteld wat er mis is.</li>
<li>Klachten over de overheid en over buitenlandse bedrijven nemen we niet aan.</li>
</ul>
<h2>Netjes blijven</h2>
<p>Schelden, beledigen en discrimineren mogen niet. Een klacht met zulke taal publiceren we niet,
en zien we het later, dan halen we hem weg. Zet geen persoonlijke gegevens in het openbare
deel; daarvoor is het besloten deel.</p>
<h2>Eerst gecontroleerd</h2>
<p>Een moderator bekijkt elke nieuwe klacht voordat die online komt. Keurt de moderator hem af,
dan hoor je waarom en kun je hem aanpassen en opnieuw indienen.</p>
<h2>Termijnen</h2>
<p>Het bedrijf heeft 14 dagen voor een eerste reactie. Daarna heeft wie aan de beurt is steeds
hoogstens 14 dagen. Reageert een bedrijf te laat of niet, dan staat dat bij de klacht en telt
het mee in de cijfers van dat bedrijf.</p>
<h2>Onze rol</h2>
<p>We beoordelen de inhoud van klachten niet en bemiddelen niet. We zorgen voor een eerlijk
verloop en laten zien hoe bedrijven reageren. Een gepubliceerde klacht blijft hoogstens twee
jaar openbaar. Alleen jij en het bedrijf schrijven in een klacht: het is geen forum.</p>""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Een vraag over Klachtenkompas, een fout op de site of iets dat je wilt "
        "melden? Zo bereik je ons.",
        "body": f"""<h2>Mail ons</h2>
<p>Stuur een e-mail naar <a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a>. We proberen
binnen vijf werkdagen te antwoorden.</p>
<h2>Over je eigen klacht</h2>
<p>Een vraag aan het bedrijf stel je in de klacht zelf, met een reactie. Wij bemiddelen niet
tussen jou en het bedrijf. Je klachten en hun termijnen vind je onder
<a href="/mijn-klachten/">Mijn klachten</a>.</p>
<h2>Iets ongepasts gezien?</h2>
<p>Staat er in een reactie iets beledigends, of iets wat niet openbaar hoort? Gebruik de knop
Melden bij die reactie. Een moderator bekijkt het.</p>
<h2>Voor bedrijven</h2>
<p>Wil je namens je bedrijf op klachten reageren? Mail ons de naam van het bedrijf, het
KvK-nummer en je functie. Daarna reageer je via het
<a href="/bedrijfsportaal/">bedrijfsportaal</a>.</p>""",
    },
    {
        "slug": "toegankelijkheid",
        "title": "Toegankelijkheidsverklaring",
        "intro": "Iedereen moet Klachtenkompas kunnen gebruiken: met een schermlezer, met "
        "alleen een toetsenbord, op een klein of sterk vergroot scherm.",
        "body": f"""<h2>Ons doel</h2>
<p>We bouwen de site volgens de WCAG 2.2 op niveau AA, de internationale richtlijn voor
toegankelijke websites.</p>
<h2>Wat we daarvoor doen</h2>
<ul>
<li>Alles werkt met alleen een toetsenbord, en je ziet steeds duidelijk waar je bent.</li>
<li>Formulieren hebben labels en begrijpelijke foutmeldingen, met bovenaan een overzicht van
wat er nog niet klopt.</li>
<li>Tekst en knoppen hebben genoeg contrast, en de pagina's passen op een smal scherm zonder
opzij te scrollen.</li>
<li>We controleren de pagina's met automatische tests en proberen ze zelf uit met toetsenbord
en vergroting.</li>
</ul>
<h2>Nog niet af</h2>
<p>Niet alles is al door een onafhankelijke partij getoetst, en er kan iets mis zijn dat wij
over het hoofd zien. Dat horen we graag.</p>
<h2>Een probleem melden</h2>
<p>Kun je iets op de site niet lezen, invullen of bedienen? Mail naar
<a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a> en vertel op welke pagina het was
en wat er misging. We antwoorden binnen vijf werkdagen en zoeken intussen met je naar een
andere manier om je verder te helpen.</p>""",
    },
]


def _step(number: int) -> str:
    digits = ""
    for _ in range(STEP_LENGTH):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def create_footer_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    Site = apps.get_model("wagtailcore.Site")
    StandardPage = apps.get_model("home", "StandardPage")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="standardpage")
    now = timezone.now()
    for fields in PAGES:
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=fields["slug"]).exists():
            continue
        last = children.order_by("-path").values_list("path", flat=True).first()
        step = (int(last[-STEP_LENGTH:], 36) if last else 0) + 1
        StandardPage.objects.create(
            draft_title=fields["title"],
            content_type=content_type,
            path=home.path + _step(step),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{fields['slug']}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            show_in_menus=True,
            first_published_at=now,
            last_published_at=now,
            **fields,
        )
        Page.objects.filter(pk=home.pk).update(numchild=F("numchild") + 1)


def remove_footer_pages(apps, schema_editor):
    StandardPage = apps.get_model("home", "StandardPage")
    Page = apps.get_model("wagtailcore.Page")
    for page in StandardPage.objects.filter(slug__in=[p["slug"] for p in PAGES], depth=3):
        parent_path = page.path[:-STEP_LENGTH]
        page.delete()
        Page.objects.filter(path=parent_path).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [("home", "0010_standard_page")]

    operations = [migrations.RunPython(create_footer_pages, remove_footer_pages)]
