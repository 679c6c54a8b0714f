# ruff: noqa: E501 (the seed's sentences, kept whole so that they can be searched for)
"""The aanpak "Mentale gezondheid: van ons allemaal" as its first voortgangsrapportage
(../shared/seeds/004_faf89cd14ef1e24f.txt, bijlage 1 of the 2023 Kamerbrief) states it.

Titles and partners ("Dit doen we in ieder geval samen met …") are the seed's words, joined
from its lines (the page furniture "VWS en het Oranje Fonds" that the text extraction put inside
maatregel 10's title, and the hyphenation "meege- nomen" in 28, removed). The seed's status per
maatregel is an icon of the legend that its text does not carry: so the demo records no status
rather than invent one. The seed has no list of milestones either; its explanations name a few
coming steps with a day or a period ("In 2024 is de Week van de mentale gezondheid van 3 tot en
met 8 juni"): those, and only those, are the milestones below.
"""

from datetime import date

PROGRAMMA = "Mentale gezondheid: van ons allemaal"

ACTIELIJNEN = [
    (1, "Mentaal gezonde maatschappij", range(1, 5)),
    (2, "Mentaal gezonde buurt", range(5, 14)),
    (3, "Mentaal gezond onderwijs", range(14, 19)),
    (4, "Mentaal gezond aan het werk", range(19, 25)),
    (5, "Mentaal gezond online", range(25, 30)),
]

# (nummer, titel, partners)
MAATREGELEN = [
    (
        1,
        "Vanaf 2023 sluit Nederland aan bij de jaarlijkse European Mental Health Week",
        "Scholen, sportverenigingen, culturele instellingen, welzijnsinstellingen, gemeenten, werkgevers en burgers",
    ),
    (
        2,
        "Vooruitlopend op de jaarlijkse week wordt ‘de Mental Meetup’ georganiseerd: een dag waarop we activiteiten rondom het onderwerp mentale gezondheid organiseren op diverse plekken in het land",
        "Scholen, sportverenigingen, culturele instellingen, welzijnsinstellingen, gemeenten, werkgevers en burgers",
    ),
    (
        3,
        "Aanzwengelen van maatschappelijk debat over de prestatiegerichte samenleving in relatie tot de Hervormingsagenda Jeugd",
        "Jongeren van o.a. NJR en MIND Us",
    ),
    (
        4,
        "Sport-, vrijetijds- en cultuursector betrekken bij het bespreekbaar maken van mentale gezondheid",
        "Organisaties uit de cultuursector, Stichting Life Goals en TeamNL",
    ),
    (
        5,
        "Versterken, verbeteren en opschalen van inzet van laagdrempelige inloopmogelijkheden",
        "de Alliantie laagdrempelige inloopmogelijkheden mentale gezondheid jongeren, FNO Geestkracht, MIND Us, VNG, gemeenten, Join Us en MIND",
    ),
    (
        6,
        "Financiering van projecten die cultureel en het sociaal domein verbinden via OCW-subsidieregeling ‘Samen Cultuurmaken 2021-2024’",
        "Het Fonds voor Cultuurparticipatie (FCP) en welzijns- en culturele instellingen",
    ),
    (
        7,
        "Inzetten op beweegactiviteiten en andere gezonde activiteiten in de buurt gericht op ontmoeting en zingeving",
        "De Beweegalliantie, instituten op het terrein van sporten/bewegen en mentale gezondheid, initiatieven die bewegen in de buurt stimuleren, gemeenten en MIND Us",
    ),
    (
        8,
        "Stimuleren van jonge mensen om zich in te zetten voor een ander via maatschappelijke diensttijd",
        "Maatschappelijke Diensttijd (MDT)",
    ),
    (
        9,
        "Inzetten op stevige sociale en pedagogische basis ter ondersteuning van mentale gezondheid van jonge mensen",
        "NJi en Nationale Jeugdcoalitie i.s.m. MIND Us en gemeenten",
    ),
    (
        10,
        "Stimuleren van gemeenten om sporten en bewegen voor ouderen te combineren met tegengaan eenzaamheid (in samenwerking met het programma Eén tegen eenzaamheid)",
        "Gemeenten en het Oranje Fonds",
    ),
    (
        11,
        "Versterken van lokaal gezondheidsbeleid door gemeenten te ondersteunen (o.a. bij implementatie), kennis over effectieve interventies te delen en kennisregisseurs in te zetten",
        "VNG, MIND Us, gemeenten, Trimbos-instituut, RIVM en Pharos",
    ),
    (
        12,
        "Extra investeren in het bereiken van mensen in een kwetsbare positie, door het toegankelijk en passend maken van advies en ondersteuning en met aandacht voor cultuursensitiviteit",
        "Pharos, Trimbos-instituut en inwoners",
    ),
    (
        13,
        "Uitvoeren van programma Gezonde Leefomgeving waarbij ook aandacht is voor mentale gezondheid",
        "ZonMw en RIVM",
    ),
    (
        14,
        "Opschalen programma Welbevinden op school o.a. via programma Gezonde School",
        "Trimbos-instituut, Pharos en GGD’en",
    ),
    (
        15,
        "Scholen geven via het Nationaal Programma Onderwijs een impuls aan het effectief werken aan mentaal welbevinden",
        "Onderwijsinstellingen en scholen",
    ),
    (
        16,
        "Ontwikkelen van een integrale aanpak mentale gezondheid samen met onderwijsinstellingen en studentenbonden",
        "HBO- WO onderwijsinstellingen, studentenorganisaties en ECIO",
    ),
    (
        17,
        "Verdiepend onderzoek in 2022 naar prestatiedruk en stress in het hoger onderwijs",
        "Trimbos-instituut en ECBO",
    ),
    (
        18,
        "Gegevensuitwisseling over zorg- en ondersteuningsdomeinen heen mogelijk maken ten behoeve van juiste informatie op de juiste plek voor de preventie, ondersteuning en zorg (ook actielijn werk)",
        "Partners IZA",
    ),
    (
        19,
        "Uitvoering geven aan “Brede Maatschappelijke Samenwerking Burn-outklachten” om de preventie van burn-outklachten onder werkenden te versterken",
        "TNO, NIP, werkgevers, BA&O en OVAL",
    ),
    (
        20,
        "Ondersteunen preventieve aanpak van burn-outklachten door werkgevers, werknemers en arbo-professionals",
        "TNO",
    ),
    (
        21,
        "Stimuleren (door)ontwikkeling van goede initiatieven door de subsidieregeling ‘Mentale vitaliteit voor werkenden’ (gericht op versterken van het mentaal welzijn van werkenden i.v.m. (na)effecten coronacrisis)",
        "ZonMw",
    ),
    (
        22,
        "Uitvoeren publiekscampagne burn-outklachten en ongezonde (werk)druk",
        "Jonge werkenden",
    ),
    (
        23,
        "Organiseren van maatschappelijk debat over aanpak maatschappelijke oorzaken burn-outklachten",
        "De Argumentenfabriek en de leden van de denktank ‘mentale vooruitgang en werk’",
    ),
    (
        24,
        "Ondersteunen van ouderen bij de overgang van werk naar pensioen",
        "Sociale partners in sectoren en bedrijven",
    ),
    (
        25,
        "Overleg met Netwerk Mediawijsheid over betere voorlichting over de online leefwereld en het beter onder de aandacht brengen van tools voor mentale vaardigheden",
        "Netwerk Mediawijsheid",
    ),
    (
        26,
        "Bekijken hoe kennis over het thema van digitale balans beter kan worden verspreid (o.a. Digitale Balansmodel en thema’s als gamen en online gokken)",
        "Kennisinstituten",
    ),
    (
        27,
        "Verbeteren aansluiting online en offline wereld van ondersteuning",
        "MIND Us en Senders Media",
    ),
    (
        28,
        "Stimuleren dat digitale vaardigheden en bewustzijn worden meegenomen in digitaliseringstrategie van het Rijk en in onderwijsplannen met aandacht voor kwetsbare groepen die onvoldoende kunnen meekomen in de digitale samenleving en daardoor mentale klachten ontwikkelen",
        "VO-raad, SPV, PO-raad, AOb, CNV Onderwijs, FvOv, Ouders & Onderwijs, LAKS en NWO",
    ),
    (
        29,
        "Samenwerken met de Alliantie Digitaal Samenleven, Digisterker, de Coalitie Digivaardig in de Zorg en bibliotheken zodat iedereen zoveel mogelijk mee kan komen de digitale wereld, maar tegelijkertijd ook een goede balans houdt",
        "JGZ en NJi",
    ),
]

# The coming milestones the seed report names in its explanations, in its words, with the day or
# period it gives (maatregel, day or None, period, text). None is reached on the seed's day
# (5 December 2023). Maatregelen the report names no coming step for have none.
MIJLPALEN: list[tuple[int, date | None, str, str]] = [
    (1, date(2024, 6, 3), "", "Week van de mentale gezondheid, 3 tot en met 8 juni 2024"),
    (4, None, "oktober 2023 t/m augustus 2024",
     "Uitvoering van ‘Mindset’: educatieve theatervoorstellingen in het voortgezet onderwijs"),
    (17, None, "2024", "Onderzoek naar oorzaken van schooldruk, ook voor het mbo"),
    (19, None, "tweede helft van 2024",
     "Voortgangsbrief van de minister van SZW aan de Tweede Kamer over het BMS-programma"),
    (20, None, "2024", "SZW en TNO organiseren nieuwe kenniskringbijeenkomsten"),
    (21, date(2024, 2, 27), "",
     "Slotbijeenkomst: de ervaringen en inzichten uit de projecten worden breed gedeeld"),
    (27, None, "december 2023", "Soft launch van de support tool van Mind Us"),
    (27, None, "begin 2024", "Definitieve versie van de support tool"),
    (27, None, "eerste helft van 2024", "De eerste influencers getraind"),
]  # fmt: skip
