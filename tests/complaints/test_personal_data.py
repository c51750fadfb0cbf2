"""Personal data in the public text: what the writing aid finds, and what it leaves alone."""

import pytest

from complaints import writing_aid
from complaints.personal_data import bsn_is_valid, find, iban_is_valid


@pytest.mark.parametrize(
    "text, kind, value, excerpt",
    [
        # street addresses
        (
            "Mijn adres is Dorpsstraat 12a in Utrecht.",
            "address",
            "Dorpsstraat 12a",
            "Dorpsstraat …",
        ),
        ("Stuur het naar Dorpsstraat 12 A.", "address", "Dorpsstraat 12 A", "Dorpsstraat …"),
        (
            "Ik woon aan de Laan van Meerdervoort 5, Den Haag.",
            "address",
            "Laan van Meerdervoort 5",
            "Laan van Meerdervoort …",
        ),
        (
            "Burgemeester de Vlugtlaan 12-2 is mijn adres",
            "address",
            "Burgemeester de Vlugtlaan 12-2",
            "Burgemeester de Vlugtlaan …",
        ),
        ("bezorgd op kerkstraat 14 bij de buren", "address", "kerkstraat 14", "kerkstraat …"),
        ("Van Baerlestraat 3 hs", "address", "Van Baerlestraat 3 hs", "Van Baerlestraat …"),
        ("Hij stond op de Oudegracht 231 te wachten.", "address", "Oudegracht 231", "Oudegracht …"),
        (
            "Prins Hendrikkade 99, Amsterdam",
            "address",
            "Prins Hendrikkade 99",
            "Prins Hendrikkade …",
        ),
        (
            "Het pakket ging naar Amsterdamseweg 10.",
            "address",
            "Amsterdamseweg 10",
            "Amsterdamseweg …",
        ),
        # postcodes
        ("Postcode 1234 AB klopt niet", "postcode", "1234 AB", "12…"),
        ("mijn postcode is 1234AB", "postcode", "1234AB", "12…"),
        ("in 3511ab Utrecht", "postcode", "3511ab", "35…"),
        # phone numbers
        ("Bel me op 06-12345678.", "phone", "06-12345678", "06-…"),
        ("mijn nummer: 0612345678", "phone", "0612345678", "061…"),
        ("whatsapp +31 6 12345678 graag", "phone", "+31 6 12345678", "+31…"),
        ("+31 (0)6-1234 5678", "phone", "+31 (0)6-1234 5678", "+31…"),
        ("bel 0031 6 12345678", "phone", "0031 6 12345678", "0031…"),
        ("thuis 020-1234567", "phone", "020-1234567", "020…"),
        ("of (010) 123 45 67 overdag", "phone", "(010) 123 45 67", "(010…"),
        ("06 12 34 56 78", "phone", "06 12 34 56 78", "06…"),
        # IBANs, only when the mod-97 check passes
        ("Stort het op NL91ABNA0417164300.", "iban", "NL91ABNA0417164300", "NL91…"),
        ("rekening NL91 ABNA 0417 1643 00 en snel", "iban", "NL91 ABNA 0417 1643 00", "NL91…"),
        ("iban nl91abna0417164300", "iban", "nl91abna0417164300", "NL91…"),
        ("Belgische rekening BE68 5390 0754 7034", "iban", "BE68 5390 0754 7034", "BE68…"),
        # e-mail addresses
        (
            "mail jan.jansen+klacht@example.nl maar",
            "email",
            "jan.jansen+klacht@example.nl",
            "j…@example.nl",
        ),
        ("Mijn e-mail: Piet@Voorbeeld.COM.", "email", "Piet@Voorbeeld.COM", "P…@Voorbeeld.COM"),
        # order, customer, invoice and case numbers
        (
            "Mijn ordernummer 123456 is bekend.",
            "reference",
            "ordernummer 123456",
            "ordernummer 12…",
        ),
        ("bestelnummer: AB-12345", "reference", "bestelnummer: AB-12345", "bestelnummer AB…"),
        ("Klantnummer 98765432", "reference", "Klantnummer 98765432", "klantnummer 98…"),
        (
            "factuurnummer F2024-001 klopt niet",
            "reference",
            "factuurnummer F2024-001",
            "factuurnummer F2…",
        ),
        (
            "dossiernummer is 2024/12345",
            "reference",
            "dossiernummer is 2024/12345",
            "dossiernummer 20…",
        ),
        ("onder referentie KL12345", "reference", "referentie KL12345", "referentie KL…"),
        ("order #7788", "reference", "order #7788", "order 77…"),
        ("klant-nr. 556677", "reference", "klant-nr. 556677", "klant-nr. 55…"),
        ("het contractnummer 12345-A", "reference", "contractnummer 12345-A", "contractnummer 12…"),
        # citizen service number, with its eleven test
        ("mijn BSN is 111222333", "bsn", "BSN is 111222333", "BSN …"),
    ],
)
def test_personal_data_is_found_and_masked(text, kind, value, excerpt):
    findings = find(text)

    assert [(f.kind, text[f.start : f.end], f.excerpt) for f in findings] == [
        (kind, value, excerpt)
    ]
    # The excerpt never repeats the whole value.
    assert value not in findings[0].excerpt


@pytest.mark.parametrize(
    "text",
    [
        "Ik betaalde € 120 en wachtte 12 weken.",
        "Het kostte 1.234,56 euro, dat is 20% meer.",
        "Op 01-10-2026 12:30 belde ik, in 2024 en 2025.",
        "Op 1 oktober 2026 om 14.30 uur, en weer op 03/10/2026.",
        "Bestelling 3 kwam na 14 dagen, factuur van € 89,95.",
        "Over de snelweg 12 kilometer gereden, naar de supermarkt 2 keer.",
        "De order 2 weken geleden, 1000 GB opslag, 1500 KG, 2000 mAh.",
        "IN 2024 EN 2025 GING HET MIS",
        "Bel de klantenservice op 0800-0123 of 0900 1234567.",
        "Het ordernummer heb ik al twee keer doorgegeven.",
        "Ik heb 3 keer gebeld tussen 2019-2024 en kreeg 5 verschillende antwoorden.",
        "Ik woon al 3 jaar in Rotterdam en heb 2 kinderen.",
        "Het model XR-500 van 2023, versie 2.1.4, serie 7.",
        "De levering 3 was kapot; de bezorger kwam om 8 uur.",
        "Ik stuurde een mail naar de klantenservice @ hun website.",
        "Rekening NL91ABNA0417164301 (een tikfout, de controle faalt)",
        "BSN 123456789 staat niet goed (de elfproef faalt)",
        "Tussen 1990 en 2020 was ik klant, factuur 2024 klopt niet.",
        "Wachttijd: 45 minuten, kosten 0,50 per minuut.",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text):
    assert find(text) == []


def test_the_mod_97_and_eleven_checks():
    assert iban_is_valid("NL91 ABNA 0417 1643 00")
    assert not iban_is_valid("NL91ABNA0417164300X")
    assert not iban_is_valid("NL12ABNA0417164300")
    assert not iban_is_valid("XX91ABNA0417164300")
    assert bsn_is_valid("111222333")
    assert not bsn_is_valid("111222334")


def test_several_findings_come_in_reading_order():
    text = "Jan, Dorpsstraat 12, 1234 AB Ergens, 06-12345678, jan@example.nl"

    assert [f.kind for f in find(text)] == ["address", "postcode", "phone", "email"]


def test_the_writing_aid_warns_per_finding_and_says_where_it_belongs():
    result = writing_aid.check(
        title="Pakket nooit bezorgd op Dorpsstraat 12",
        description="Bel me op 06-12345678 of mail jan@example.nl.",
        desired_outcome="Ik wil mijn geld terug op NL91ABNA0417164300.",
    )

    personal = [h for h in result.hints if "besloten deel" in h.message]
    assert [h.field for h in personal] == ["title", "description", "description", "desired_outcome"]
    assert personal[1].message == (
        "Je noemt een telefoonnummer (06-…). Iedereen die je klacht leest, kan je dan bellen. "
        "Zet dat liever in het besloten deel: alleen het bedrijf ziet dat."
    )
    assert all(h.level == "warning" for h in personal)
    everything = " ".join(h.message for h in result.hints)
    for whole in ["Dorpsstraat 12", "12345678", "jan@example.nl", "NL91ABNA0417164300"]:
        assert whole not in everything


def test_a_pasted_letter_gives_a_few_warnings_not_dozens():
    text = " ".join(f"ordernummer {i}0000" for i in range(10, 40))

    result = writing_aid.check(description=text)

    assert len([h for h in result.hints if "besloten deel" in h.message]) == (
        writing_aid.MAX_PERSONAL_DATA_HINTS
    )


def test_a_clean_text_has_no_personal_data_warning():
    result = writing_aid.check(
        title="Wasmachine na 3 weken kapot",
        description="Op 12 maart 2026 kocht ik een wasmachine van € 499. Na 3 weken lekte hij.",
        desired_outcome="Ik wil dat de wasmachine binnen 10 werkdagen wordt gerepareerd.",
    )

    assert not [h for h in result.hints if "besloten deel" in h.message]
