"""The texts of the seed case's Kamerbrieven (../shared/seeds/001 and 002), as Parafeer stores them.

A letter's text is plain: paragraphs separated by a blank line, "# " before a heading, "## " before
a subheading, lines starting with "- " or "1. " as lists, and [n] where footnote n is called (see
letters.rendering.letter_blocks).
"""

# The Kamerbrief of December 2023 that the seed nota submits (seeds/001).
SEED_BRIEF_TEKST = """De mentale gezondheid van de Nederlandse bevolking staat al langere tijd onder druk. Mentale klachten kunnen zowel op persoonlijk, als op maatschappelijk en economisch gebied grote gevolgen hebben.[1] Mentale ongezondheid heeft een enorme impact op het welbevinden van mensen zelf en hun omgeving. Het zorgen dat mensen mentaal gezond zijn en blijven is dus van groot belang en wordt zelfs geassocieerd met een 15 tot 20 jaar langere levensverwachting.[2] Daarmee is er een intrinsieke, maatschappelijke en economische waarde ontstaan om in te zetten op mentale gezondheidsbevordering. Om de mentale gezondheid van inwoners in Nederland te versterken is daarom in juni 2022 de kabinetsbrede en integrale aanpak «Mentale Gezondheid: van ons allemaal» gelanceerd.[3]

Met deze brief informeer ik u mede namens de Minister voor Langdurige Zorg en Sport (MLZS), de Minister van Onderwijs, Cultuur en Wetenschap (MOCW), de Minister voor Primair en Voortgezet Onderwijs (MPVO), de Minister van Sociale Zaken en Werkgelegenheid (MSZW), de Minister voor Armoedebeleid, Participatie en Pensioenen (MAPP) en de Staatssecretaris Koninkrijkrelaties en Digitalisering (BZK) over de voortgang op deze aanpak. Vervolgens ga ik in op een viertal moties rondom de aanpak en tot slot informeer ik uw Kamer over de voortgang op het meerjarenprogramma depressiepreventie.

# Voortgang op de kabinetsbrede en integrale aanpak «Mentale Gezondheid: van ons allemaal»

De aanpak «Mentale Gezondheid: van ons allemaal» zet in op een brede maatschappelijke beweging voor een mentaal gezond Nederland omdat de mentale gezondheid van de Nederlandse bevolking onder druk staat en het versterken ervan urgent en belangrijk is. Bij de lancering in juni 2022 is benadrukt dat de aanpak in ontwikkeling blijft met ruimte voor nieuwe inzichten en voorstellen van departementen, partners en de mensen om wie het gaat. Onlangs heeft de Staatssecretaris van Koninkrijkrelaties en Digitalisering (BZK) zich daarom ook aangesloten bij de aanpak als het gaat om de mentaal gezonde online omgeving. De bijgevoegde voortgangrapportage (bijlage 1) bevat een overzicht met de stand van zaken van alle maatregelen van de vijf actielijnen van de landelijke aanpak. Ook wordt in de voortgangsrapportage ingegaan op de landelijke beweging voor mentale gezondheid, hoe ontwikkelingen van de mentale gezondheid worden gevolgd en wat er op internationaal vlak gebeurt rondom dit thema. Uit de voortgangsrapportage blijkt dat bijna alle voorgenomen activiteiten in gang zijn gezet en dat ook eerste (tussen)resultaten zijn geboekt. Deze voortgang is vooral te danken aan de inzet van vele betrokkenen, zoals scholen, sportverenigingen, culturele instellingen, welzijnsinstellingen, gemeenten, werkgevers en burgers die in de afgelopen anderhalf jaar een actieve bijdrage hebben geleverd aan de uitvoering van de aanpak. Daarnaast werken enkele vertegenwoordigers van relevante (grote) organisaties, actief op het gebied van preventie en mentale gezondheid, uit hoe zij kunnen samenwerken om de beweging voor een mentaal gezond Nederland verder op gang te brengen en de impact te vergroten. De waardevolle inzet van al deze betrokkenen is onmisbaar want het versterken van de mentale gezondheid van Nederlanders blijft de komende jaren een belangrijke maatschappelijke opgave. De Volksgezondheid Toekomst Verkenning 2020 noemt de mentale gezondheid niet voor niets één van de grootste gezondheidsrisico’s voor de toekomst. Ook de vooruitblik van de Volksgezondheid Toekomst Verkenning 2024 bevestigt dat de mentale gezondheid, vooral bij jongeren, onder druk staat.[4] Het is echter geen simpele opgave en vergt inspanningen op verschillende beleidsdomeinen (health in all policies) en van ons allemaal. De eerste stappen met de integrale aanpak zijn gezet maar het is wel een kwestie van de lange adem. Het vergt ook alert zijn op nieuwe ontwikkelingen of nieuwe uitdagingen. In samenwerking met betrokken partijen gaan we in 2024 de aanpak daarom actualiseren en bepalen wat aanvullend nodig is om Nederland mentaal gezonder te maken. Het is echter aan een volgend kabinet om op basis van deze actualisering (financiële) keuzes te maken.

# Moties rondom de aanpak «Mentale Gezondheid: van ons allemaal»

## 1. Motie van het lid Mohandis over plannen, programma’s en afspraken gericht op de aanpak en preventie van mentale gezondheid[5]

In het tweeminutendebat GGZ-Suïcidepreventie van 16 november 2022 heeft de Kamer een motie van het lid Mohandis aangenomen waarin de regering wordt verzocht om een overzicht te zenden van de verschillende plannen, programma’s en afspraken gericht op de aanpak en preventie van mentale gezondheid en daarbij aan te geven hoe deze samenhangen, wie verantwoordelijk is voor de uitvoering en welk budget daarvoor beschikbaar is. In bijlage 2 treft u dit overzicht aan inclusief een nadere toelichting op het overzicht en de samenhang. Het overzicht bevat meerjarige plannen, programma’s en afspraken van VWS, SZW en OCW die gericht inzetten op de aanpak en preventie van mentale gezondheid en waarvoor ook specifiek financiële middelen beschikbaar zijn gesteld. Hiermee wordt de motie van lid Mohandis afgedaan.

## 2. Motie van het lid Richardson c.s over een landelijke campagne om aandacht te vragen voor mentale gezondheid bij jongeren[6]

Omdat het belangrijk is om te praten over hoe het echt met je gaat, is in 2023 de landelijke campagne «Hey, het is oké»[7], speciaal gericht op jongeren en jongvolwassenen. Centraal staat het bespreekbaar maken van de mentale gezondheid via verschillende thema’s, zoals prestatiedruk op school en op werk, je eenzaam voelen en donkere dagen. De campagne is vormgegeven met partners zoals Mind Us, het onderwijs en gemeenten. Het onderdeel van de campagne over eenzaamheid is ontwikkeld samen met het actieprogramma Eén tegen eenzaamheid, stichting Join Us en de Kindertelefoon (Alles Oké Supportlijn). In de voortgangsrapportage «Eén tegen eenzaamheid» die uw Kamer apart ontvangt, informeer ik u hierover. «Hey, het is oké» is aanwezig op scholen, te beluisteren via podcasts en te zien en horen op sociale media. Met deze campagne is uitvoering gegeven aan de motie van het lid Richardson c.s.

## 3. Motie van het lid de Neef over beschikbaarheid van laagdrempelige inloopvoorzieningen voor jongeren bij verschillende gemeenten[8]

Gemeenten spelen een belangrijke rol als het gaat om het versterken van de mentale gezondheid van hun inwoners. In het GALA is afgesproken dat gemeenten zorgen voor een laagdrempelige ondersteuning waar gewenst, en zijn middelen beschikbaar gesteld via de brede specifieke uitkering (SPUK) en de SPUK voor het Integraal Zorgakkoord (IZA). Speciaal voor jongeren is vorig jaar de alliantie laagdrempelige inloopmogelijkheden[9] van start gegaan. De alliantie, bestaande uit zes organisaties, heeft als doel een landelijke dekking te realiseren van laagdrempelige inloopmogelijkheden waar jongeren hun mentale gezondheid kunnen versterken. Dit initiatief wordt vanuit de aanpak en de beweging mentale gezondheid nadrukkelijk toegejuicht en ondersteund. Op verzoek van VWS wordt voor eind 2023 een verandertheorie opgesteld, waarmee meer inzicht komt in de (gewenste) impact en effecten van de alliantie, alsmede hoe deze impact en effecten bereikt worden. Hiermee wordt ook invulling gegeven aan de motie van het lid Neef die verzoekt om inzicht te bieden in de maatschappelijke baten van laagdrempelige inloopvoorzieningen.

## 4. Motie lid Ceder over mediawijsheid van opvoeders expliciet onderdeel maken van actielijn mentaal gezond online[10]

Sociale media en digitalisering kennen veel positieve aspecten, maar brengen ook risicofactoren met zich mee. Het heeft invloed op de mentale gezondheid en krijgt daarom specifieke aandacht in actielijn «mentaal gezond online» van de aanpak mentale gezondheid. De motie van het lid Ceder heeft ertoe geleid dat mediawijsheid voor opvoeders expliciet onderdeel uitmaakt van deze actielijn. Het Nederlands Jeugd Instituut (NJI) heeft in dit kader de Toolbox Mediaopvoeding: «Media? Gewoon opvoeden!» ontwikkeld waarmee professionals ouders kunnen ondersteunen bij het mediawijs maken van kinderen.[11] Deze toolbox wordt momenteel geactualiseerd om nog gebruiksvriendelijker en toegankelijker te zijn. Ook geeft het programma Helder op School[12] materiaal aan ouders en onderwijsprofessionals om hen te helpen bij het herkennen van en handelen bij risicovol en problematisch schermgedrag, zoals gamen en het gebruik van sociale media. Met deze inspanningen wordt de motie van het lid Ceder afgedaan.

# Voortgang meerjarenprogramma depressiepreventie

Zoals aangekondigd[13] wordt uw Kamer via deze brief ook geïnformeerd over de voortgang op het meerjarenprogramma depressiepreventie (bijlage 3). Dit vanwege de samenhang van dit programma met de aanpak mentale gezondheid.

Hopende u hiermee voldoende geïnformeerd te hebben."""

SEED_BRIEF_VOETNOTEN = [
    "Samen werken aan een mentaal gezonde samenleving: bouwstenen voor mentale gezondheidsbevordering en preventie.",
    "Samen werken aan een mentaal gezonde samenleving: bouwstenen voor mentale gezondheidsbevordering en preventie.",
    "Kamerstuk 32 793, nr. 613.",
    "Opgaven voor volksgezondheid en zorg op weg naar 2050 – Vooruitblik Volksgezondheid Toekomstverkenning 2024 | Rapport | Rijksoverheid.nl.",
    "Kamerstuk 25 424, nr. 630.",
    "Kamerstuk 36 200 XVI, nr. 131.",
    "www.heyhetisoke.nl.",
    "Kamerstuk 31 839, nr. 870.",
    "inloopalliantie.nl.",
    "Kamerstuk 36 200 XVI, nr. 142.",
    "Toolbox Mediaopvoeding | Nederlands Jeugdinstituut (nji.nl).",
    "Helder op school biedt scholen een integrale aanpak om leerlingen of studenten bewust te maken van de gevolgen en hen te stimuleren niet te roken of drinken, geen drugs te gebruiken en niet te veel te gamen.",
    "Kamerstuk 32 793, nr. 646.",
]

# The launch letter of 10 June 2022, signed by seven bewindspersonen (seeds/002).
LAUNCH_BRIEF_TEKST = """Er bestaan al langer zorgen over de mentale gezondheid van de Nederlandse bevolking. Zo noemt de Volksgezondheidstoekomstverkenning 2020 dit een van de grootste gezondheidsrisico's voor de toekomst.[1] De coronacrisis heeft bestaande problemen nog scherper aan het licht gebracht en nieuwe problemen veroorzaakt. Een greep uit de cijfers: depressie, angststoornissen en problemen met alcohol en drugs treffen jaarlijks zo'n 1,8 miljoen Nederlanders in de leeftijdsgroep van 18 tot 65 jaar.[2] Circa 840.000 jongeren ervaren mentale uitdagingen en/of klachten en 1 op de 15 jongeren in Nederland kampt met een depressie; dit zijn 80.000 jongeren tussen de 13 en 18 jaar oud.[3] 1,3 mln. werknemerservaarden in 2019 burn out of burn out klachten.

In eerder onderzoek is aangetoond dat een goede mentale gezondheid geassocieerd wordt met een 15 tot 20 jaar langere levensverwachting, onder meer door sneller herstel van lichamelijke ziekten. Met het coalitieakkoord zet het kabinet daarom stappen om de mogelijke onderliggende factoren aan te pakken. We inzetten bijvoorbeeld in op het terugdringen van armoede met de brede armoede- en schuldenaanpak, we zetten in op het voorkomen en verminderen van laaggeletterdheid en we werken met het Nationaal Preventieakkoord toe naar een gezonde generatie in 2040. In bijlage 1, "Mentale gezondheid: van ons allemaal" treft u onze aanpak voor het versterken van de mentale gezondheid in Nederland. Deze aanpak betreft een interdepartementale samenwerking en wordt u namens het ministerie van VWS, OCW en SZW aangeboden. Deze aanbiedingsbrief bevat daarnaast achtergrondinformatie over de urgentie en onderbouwing van deze aanpak.

De hoofdlijnen van deze brief zijn:

1. Diverse onderzoeksrapporten onderstrepen de urgentie voor een nieuwe aanpak mentale gezondheid.
2. De uitkomsten van de verkenning 'Nationaal Preventieakkoord Mentale Gezondheid' bieden waardevolle bouwstenen voor deze aanpak.
3. De aanpak "Mentale gezondheid: van ons allemaal".

# 1. Diverse onderzoeksrapporten onderstrepen urgentie

## 1a. Rapport Gezondheidsraad: "De mentale gevolgen van de coronacrisis"

De staatssecretaris van VWS heeft op 14 februari jl. het rapport "De mentale gevolgen van de coronacrisis" van de Gezondheidsraad met uw Kamer gedeeld.[4] We onderschrijven het belang van deze adviezen uit het rapport en hebben gewerkt aan een aanpak die hieraan voldoet. Het inzetten van effectieve en kansrijke interventies en het monitoren van de mentale gezondheid zijn verwerkt in onze aanpak. Door een meerjarig programma voor te stellen wordt gepoogd de continuïteit van de inzet op mentale gezondheid te waarborgen.

## 1b. Druk in het onderwijs

In 2020 is het Unicef-rapport Geluk onder Druk? verschenen. Naar aanleiding van dit rapport is het kabinet in een motie verzocht om een beleidsreactie te geven.[5] In 2021 hebben SEO en het Trimbos-instituut onderzoek gedaan naar schooldruk, hun rapport Druk in het voortgezet onderwijs is bij deze brief gevoegd. Beide rapporten (bijlage 2 en 3 bij deze brief) laten zien dat scholieren en studenten steeds meer schooldruk ervaren[6]. De rapporten geven aanbevelingen om deze ontwikkeling tegen te gaan. Op stelselniveau worden zeer ingrijpende aanbevelingen gedaan waarvan we ons afvragen of die gaan helpen. Op schoolniveau wordt aanbevolen om minder nadruk te leggen op toetsen en cijfers en om meer formatief te evalueren. Verder wordt aanbevolen om meer aandacht te besteden aan een gezonde omgang met stress en mentaal welbevinden op school.

Wij vinden het zorgwekkend om te zien dat jongeren steeds meer last hebben van schooldruk. Vanuit het Nationaal Programma Onderwijs (hierna: NPO) is er al veel aandacht voor mentale gezondheid. Vanaf de aanvang van dit programma is mentaal welbevinden – naast het inhalen van leervertragingen – een belangrijk doel geweest. Het NPO biedt verschillende evidence-based interventies op het gebied van mentaal welbevinden. Uit de tweede voortgangsrapportage van het NPO blijkt dat scholen de meeste interventies inzetten op dit thema.[7] Met de aanpak mentale gezondheid zetten we verder in op een mentaal gezonde school.

Het RIVM heeft participatief onderzoek gedaan naar het mentale welzijn van mbo-studenten om inzicht te verkrijgen in de impact van Covid-19 en bijbehorende maatregelen op het leven en welbevinden van jongeren op het MBO. Ook heeft het RIVM gekeken naar welk concrete (lokale) handelingsperspectieven kunnen bijdragen aan het welbevinden van jongeren op het MBO en hoe het welbevinden van jongeren op het MBO over langere tijd gemonitord kan worden. De factsheets met de uitkomsten zijn toegevoegd als bijlage 4 en 5. In het najaar zal de minister van Onderwijs, Cultuur en Wetenschap een beleidsreactie geven op het onderzoek in de vervolgbrief over voortijdige schoolverlaters.

De Monitor Mentale Gezondheid en Middelengebruik Studenten 2021[8] is voor het hoger onderwijs een belangrijke bevestiging dat het mentale welzijn van studenten ernstig onder druk staat. Het rapport laat zien dat er een enorme behoefte is aan een gezamenlijke en integrale aanpak die minder tijdelijk is en gericht op preventie, vroeg-signalering en begeleiding van studenten. Met bijgevoegde aanpak gaan we hier, samen met de onderwijsinstellingen en studentenbonden, mee aan de slag. De minister van Onderwijs, Cultuur en Wetenschap komt hier in de uitwerking van de hoofdlijnenbrief hoger onderwijs en wetenschap nadrukkelijk op terug met concrete beleidsmaatregelen.

Als het gaat om de druk die van toetsen uitgaat, subsidiëren we t/m dit jaar het project leernetwerken formatief evalueren VO. Dit is een project van de Wageningen Universiteit, de Hogeschool Utrecht, SLO en de VO-raad. Het project richt zich op de professionalisering van leraren en schoolleiders om formatieve evaluatie vorm te geven. Formatieve evaluatie kan prestatiedruk tegengaan, doordat de nadruk minder op cijfers komt te liggen en meer op het leerproces. Er doen 28 VO-scholen mee aan dit project.

Ook jongeren zelf zijn actief bezig met het thema schooldruk. Bijvoorbeeld met de verkenning Veelbelovend van het SER jongeren platform, het kwalitatieve onderzoek van LAKS naar welzijn en het UNICEF jongerenadvies SPEAK UP. Wij juichen toe dat jongeren hiermee het heft in eigen hand nemen. We moedigen leerlingen aan om de bestaande mogelijkheden van de leerlingenraad en de medezeggenschapsraad te benutten om hun geluid te laten horen. Ook verkennen we de suggestie van Fractie Blauw van de Nationale Jeugdraad om een buddysysteem voor leerlingen in te voeren. Dit is een interessante manier om de wil en het vermogen van jongeren om voor elkaar klaar te staan, te faciliteren.

Tenslotte is een belangrijke rol weggelegd voor de scholen en onderwijsinstellingen. Dit zijn plekken waar we hoge verwachtingen van leerlingen en studenten hebben, en terecht. Het kabinet wil dat al het talent van onze jongeren benut wordt. We zetten samen met de scholen dan ook stevig in op het bevorderen van de onderwijskwaliteit. Maar juist scholen moeten laten zien dat dat kan zonder te vervallen in een ongezonde prestatiecultuur. Samen met het onderwijs gaan we op zoek naar nog meer manieren om te werken aan de mentale gezondheid van onze jongeren.

## 1c. Gevolgen corona op mentale gezondheid jongeren

Uit diverse onderzoeken over corona blijkt dat jongeren/jongvolwassenen door de maatregelen veel lager scoorden qua mentale gezondheid (angstig, stress, slaapproblemen, eenzaamheid) dan volwassenen[9]. Dat was eerder reden voor de voormalige staatssecretaris van VWS om het Jeugdpakket (€ 58,5 mln) en steunpakket sociaal en mentaal welzijn en leefstijl (jeugd deel € 40 mln) te lanceren. We willen graag alle gemeenten, (maatschappelijke) organisaties en jongeren bedanken voor hun inzet afgelopen periode. Uit gesprekken met o.a. jongeren en maatschappelijke organisaties blijkt dat de structurele aard van de mentale problematiek en de afwezigheid van coronamaatregelen, maakt dat een meerjarige aanpak beter passend is dan een incidenteel steunpakket. De kennis, ervaring en het netwerk uit de steunpakketten zijn wel erg waardevol en nemen we mee bij de uitvoering van de aanpak. Hiermee geven we invulling aan de motie van Bikker c.s. over een steunpakket sociaal en mentaal welzijn en leefstijl. Ook het SER Jongerenplatform benoemt in zijn rapport 'Veelbelovend' waardevolle lessen uit de coronaperiode die aan mentale gezondheid raken welke zijn meegenomen in bijgevoegde aanpak. Een volledige reactie op dit rapport wordt samen met de voortgangsrapportage 'Herstel en Perspectief'[10] voor de zomer naar uw Kamer verstuurd.

# 2. Uitkomsten van verkenning Nationaal Preventieakkoord Mentale Gezondheid

In de periode van april 2021 t/m februari 2022 is er in opdracht van de vorige staatssecretaris van Volksgezondheid, Welzijn en Sport een verkenning uitgevoerd naar de ambities, activiteiten en behoeften met betrekking tot een Nationaal Preventieakkoord Mentale Gezondheid. Dit gebeurde in het kader van de motie van Dik-Faber/Diertens.[11] Op 15 oktober jl. is uw Kamer geïnformeerd over de eerste resultaten van de verkenning.[12] In deze brief presenteren wij u de resultaten van de tweede fase van deze verkenning. Via deze brief wordt de motie van Dik-Faber/Diertens afgehandeld. Alle waardevolle input vanuit de verkenning en andere relevante rapporten vormen bij elkaar de basis voor de bijgevoegde aanpak, "Mentale gezondheid: van ons allemaal".

De eerste fase bestond uit een studie van het Trimbos Instituut en interviews en bijeenkomsten met veldpartijen. De tweede fase is van start gegaan in oktober 2021 en diende ertoe om de resultaten van de eerste helft van de verkenning en de daaruit volgende aandachtspunten verder uit te diepen. De tweede fase bestond uit diverse inloopsessies en gesprekken met veldpartijen en de doelgroep zelf, en heeft een onderzoeksrapport van de Gezondheidsraad naar de mentale gevolgen van de coronacrisis[13] opgeleverd. Daarnaast bestond het uit de volgende vier deelopdrachten aan het RIVM, Trimbos en GGD-GHOR Nederland met bijbehorende factsheets als resultaat:

1. Een onderzoek van het Trimbos-instituut en het RIVM naar het begrippenkader van mentale gezondheid (zie bijlage 6);
2. Het verkennen van landelijke en lokale ambities op het gebied van mentale gezondheid en preventie (zie bijlage 7);
3. Het identificeren van effectieve en kansrijke interventies, en beleid mentale gezondheid en preventie (zie bijlage 8);
4. Het in kaart brengen van de kennisinfrastructuur rondom mentale gezondheid en preventie (zie bijlage 9); en
5. Het identificeren van mogelijkheden om mentale gezondheid te monitoren (zie bijlage 10).

# 3. Aanpak "Mentale gezondheid: van ons allemaal".

Zoals u hiervoor leest, is de urgentie om gezamenlijk aan de slag te gaan op mentale gezondheid erg hoog. We hebben daarom de handen ineen geslagen en introduceren aan u, met veel dank aan alle betrokken partijen, de aanpak om Nederland weer mentaal gezond te maken én houden (zie bijlage 1).

# Wat gaan we doen?

We zetten in op een beweging voor een mentaal gezond Nederland, gericht op alle inwoners van Nederlanders. In deze beweging heeft iedereen een rol: inwoners, werknemers en werkgevers, zorgprofessionals, scholen, sportverenigingen, maatschappelijke organisaties, overheidsorganisaties, etc. De preventie van mentale klachten is vaak nog teveel een zaak van het individu; er is meer aandacht nodig voor interventies in de leefomgeving en de aanpak van risicofactoren en oorzaken die gelegen zijn in de maatschappij. Daarom focust deze aanpak zich op de leefgebieden, zowel lokaal als landelijk.

Doelen van de aanpak:

- Bespreekbaar en zichtbaar maken van het belang van mentaal gezond zijn en blijven, gericht op het individu én de maatschappij.
- Inzetten op gezondheid en preventie (versterken van mentale gezondheid en het bieden van laagdrempelige ondersteuning waar gewenst).
- Het bieden van handvatten om met de eigen mentale gezondheid aan de slag te gaan én oog te hebben voor de mentale gezondheid van een ander.

In de aanpak zijn 5 actielijnen verwoord waarmee we op korte termijn aan de slag gaan. We zetten in op:

1. Mentaal gezonde maatschappij
2. Mentaal gezonde buurt
3. Mentaal gezond onderwijs
4. Mentaal gezond aan het werk
5. Mentaal gezond online

Deze aanpak sluit aan op de vele bestaande initiatieven en programma's die er al lopen op mentale gezondheid. Daarnaast blijven we het gesprek voeren met veldpartijen en de doelgroepen over de verdere uitwerking van de aanpak, de monitoring van de aanpak en benodigde aanpassingen. Zo werken we met z'n allen aan een lerende aanpak die aan blijft sluiten bij de behoeften van de doelgroep. Uw Kamer wordt voor het einde van het jaar geïnformeerd over de voortgang van de aanpak en in het vervolg daarop informeren we u jaarlijks over de voortgang.

# Ten slotte

Samen streven we naar een veerkrachtige samenleving waar we naar elkaar omkijken en oog hebben voor de mentale gezondheid van onszelf én van elkaar. Dit doen we door het vergroten van de mentale weerbaarheid en het verminderen van de risicofactoren in onze maatschappij. Ons streven is hierbij dat onze jeugd lekker in hun vel zit, werkenden met energie en plezier hun werk kunnen doen, onze ouderen niet vereenzamen en kwetsbare personen niet extra hard worden geraakt.

De ambities zijn hoog, maar dat is de urgentie ook. Samen gaan we voor een mentaal gezond, Nederland!"""

LAUNCH_BRIEF_VOETNOTEN = [
    "Home | Volksgezondheid Toekomst Verkenning",
    "Trimbos-instituut: Samen werken aan een mentaal gezonde samenleving, 2021",
    "Rapport Geluk onder druk_DEF_interactief.pdf (unicef.nl)",
    "Kamerbrief over rapport mentale gevolgen corona van de Gezondheidsraad | Kamerstuk | Rijksoverheid.nl",
    "Brief van de commissie OCW, 2 juli 2020, kenmerk 2020D28006",
    "Volgens Druk in het voortgezet onderwijs ervaart bijvoorbeeld bijna de helft van de ondervraagde leerlingen in het voortgezet onderwijs (vo) 'best veel tot veel' druk door schoolwerk. Dat is een verdubbeling ten opzichte van 2001.",
    "Kamerstukken II, 2021-2022 35925-VIII-164",
    "Zie https://www.trimbos.nl/aanbod/webwinkel/af1955-monitor-mentale-gezondheid-en-middelengebruik-studenten-hoger-onderwijs/. Los van de specifieke monitor op de integrale aanpak die in dit stuk wordt besproken, is er ook de brede tweejaarlijkse Monitor Mentale Gezondheid en Middelengebruik in het hoger onderwijs. Dit rapport geeft een goed beeld van de algemene ontwikkelingen en tendensen op landelijk niveau rond dit thema.",
    "RIVM onderzoek gedragsregels en welbevinden",
    "Kamerstukken II 2020-2021 35 882, nr. 1",
    "Detail 2021D04467 | Tweede Kamer der Staten-Generaal",
    "Kamerbrief over Verkenning Nationaal Preventieakkoord Mentale Gezondheid | Kamerstuk | Rijksoverheid.nl",
    "Mentale gevolgen van de coronapandemie: een eerste inventarisatie | Advies | Gezondheidsraad",
]
