"""Demo content, written from the foundation's own web copy (Dutch).

Stream values are lists of (block type, value) pairs; images are referred to by their key in IMAGES.
"""

import datetime

IMAGES = {
    "hero": {"title": "Leraren leren van elkaar", "palette": ("#123f73", "#b3400a"), "focal": (0.55, 0.45)},
    "bordsessie": {"title": "Bordsessie in de lerarenkamer", "palette": ("#0b2a4f", "#e07a3f"), "focal": (0.4, 0.5)},
    "diamant": {"title": "Diamant College Den Haag", "palette": ("#1f5f8b", "#f2b134"), "focal": (0.5, 0.4)},
    "arnhem": {"title": "Stedelijk Gymnasium Arnhem", "palette": ("#2d4a22", "#c9a227"), "focal": (0.6, 0.5)},
    "mariaschool": {"title": "Mariaschool Rotterdam, groep 3", "palette": ("#7a1f3d", "#f08a5d"), "focal": (0.5, 0.55)},
    "besturen": {"title": "Schoolbestuurders in gesprek", "palette": ("#123f73", "#6fb1c8"), "focal": (0.5, 0.5)},
    "versneller": {
        "title": "Een schoolteam zet de volgende stap",
        "palette": ("#3b2f63", "#f2b134"),
        "focal": (0.45, 0.5),
    },
    "kantelpunt": {"title": "Op weg naar het kantelpunt", "palette": ("#b3400a", "#123f73"), "focal": (0.5, 0.5)},
}

MISSION_STATEMENT = "Wij pakken kansenongelijkheid in het onderwijs aan met een verbetercultuur op school."

HOME_INTRO = (
    "<p>In geen enkel ontwikkeld land is de kansenongelijkheid in het onderwijs zo groot als in Nederland. Stichting leerKRACHT pakt de kansenongelijkheid in het Nederlandse onderwijs aan door een verbetercultuur "
    "te creëren op scholen in het basisonderwijs, het middelbaar onderwijs en het mbo. Door de leerKRACHT-methode "
    "leren leraren van elkaar en verbeteren zij samen het onderwijs.</p>"
)

TIPPING_POINT_TEXT = (
    "Het kantelpunt is bereikt als 20% van alle Nederlandse scholen met leerKRACHT werkt. We weten uit ervaring en "
    "uit andere sectoren dat dan vanzelf nieuwe scholen aanhaken en de beweging blijft groeien."
)

IMPACT_FIGURES = {
    "heading": "Structureel, duurzaam en grootschalig",
    "figures": [
        {"value": "1.200", "label": "scholen werken met de leerKRACHT-methode"},
        {"value": "500.000+", "label": "leerlingen krijgen er beter onderwijs door"},
        {"value": "12%", "label": "van het Nederlandse onderwijs doet mee"},
        {"value": "15", "label": "scholen waarmee we in 2012 begonnen"},
    ],
    "source": "Bron: Stichting leerKRACHT",
}

MISSION_PAGE = {
    "title": "Onze missie",
    "slug": "missie",
    "intro": "Ieder kind verdient dezelfde kansen. In Nederland hangen die nog te vaak af van de school waar een kind "
    "toevallig op zit.",
    "body": [
        ("heading", {"text": "Waarom het nodig is", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>In geen enkel ontwikkeld land ter wereld is de kansenongelijkheid in het onderwijs zo groot als in "
                "Nederland. Ongelooflijk, maar waar: dit concludeerde de Onderwijsinspectie in de Staat van het Onderwijs. "
                "Hierdoor krijgen veel kinderen niet de kansen die ze verdienen: zo kan een goede of een slechte school het "
                "verschil maken tussen een vmbo- of een vwo-advies. Dit raakt kinderen uit kansarme gezinnen het hardst en "
                "vergroot de kloof in onze maatschappij. De coronacrisis heeft deze ongelijkheid helaas alleen maar "
                "vergroot.</p>"
            ),
        ),
        ("heading", {"text": "Wat wij doen", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Wereldwijd onderzoek toont aan dat de kwaliteit van het onderwijs en het verminderen van "
                "kansenongelijkheid afhangt van de kwaliteit van leraren. Ook is aangetoond dat een verbetercultuur op "
                "scholen de oplossing is om hoge kwaliteit te bereiken. Door de leerKRACHT-methode leren leraren van elkaar "
                "en verbeteren zij samen het onderwijs. Dit zet een opwaartse spiraal in gang van betere leraren, beter "
                "onderwijs, betere schoolresultaten en uiteindelijk meer kansen voor ieder kind.</p>"
            ),
        ),
        (
            "quote",
            {
                "text": "Als leerkrachten meer plezier hebben, hebben de kinderen ook meer plezier. En als leerkrachten "
                "werken aan kwaliteit, krijgen de kinderen beter onderwijs.",
                "attribute_name": "Leerkracht",
                "role": "Mariaschool Rotterdam",
            },
        ),
        ("heading", {"text": "Onze ambitie", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>We zijn er nog niet. Onze ambitie is om het hele Nederlandse schoolsysteem aan te pakken. Daarvoor is "
                "nog een laatste duw nodig naar ons ‘kantelpunt’: het moment dat 20% van alle Nederlandse scholen met "
                "leerKRACHT werkt. We weten uit ervaring en andere sectoren dat dan vanzelf nieuwe scholen aanhaken en de "
                "beweging door blijft groeien.</p>"
            ),
        ),
        (
            "call_to_action",
            {
                "title": "Ook u kunt meehelpen om ieder kind dezelfde kansen te geven",
                "text": "Uw donatie gaat rechtstreeks naar opschaling, zodat we het kantelpunt bereiken.",
                "page": "campagnes",
                "url": "",
                "button_label": "Doneer",
            },
        ),
    ],
}

METHOD_PAGE = {
    "title": "De leerKRACHT-methode",
    "slug": "methode",
    "intro": "Op basis van gedegen onderzoek naar de beste schoolsystemen ter wereld ontwikkelden we een methode waarin "
    "de leraar centraal staat.",
    "body": [
        (
            "paragraph",
            (
                "<p>In de leerKRACHT-methode creëren we op scholen een verbetercultuur: leraren leren van elkaar en "
                "verbeteren samen het onderwijs. Dat gebeurt in vier vaste onderdelen die elke week terugkomen.</p>"
            ),
        ),
        ("heading", {"text": "Bordsessies", "size": "h3"}),
        (
            "paragraph",
            (
                "<p>Elke week staat het team kort bij het bord: welke doelen hebben we, wat werkt, wat verbeteren we "
                "deze week? Zo wordt verbeteren iets van het hele team, in kleine stapjes.</p>"
            ),
        ),
        ("heading", {"text": "Lesbezoeken met feedback", "size": "h3"}),
        (
            "paragraph",
            (
                "<p>Leraren bezoeken elkaars lessen en geven elkaar gerichte feedback. Zo leren zij van elkaar en worden "
                "zij samen beter in hun vak.</p>"
            ),
        ),
        ("heading", {"text": "Gezamenlijk lesontwerp", "size": "h3"}),
        (
            "paragraph",
            (
                "<p>Leraren ontwerpen lessen samen, proberen ze uit in de klas en verbeteren ze op basis van wat zij "
                "zien gebeuren bij hun leerlingen.</p>"
            ),
        ),
        ("heading", {"text": "Leerlingen betrekken", "size": "h3"}),
        (
            "paragraph",
            (
                "<p>Leerlingen denken mee over hun onderwijs. Hun stem helpt om te zien wat echt werkt in de klas, en "
                "maakt hen meer betrokken bij hun eigen leren.</p>"
            ),
        ),
        (
            "image",
            {
                "image": "bordsessie",
                "alt_text": "Een team leraren staat samen bij een bord met doelen en verbeterpunten.",
                "caption": "Een bordsessie: het team bespreekt de doelen en verbeteringen van de week.",
                "attribution": "",
            },
        ),
        (
            "faq",
            {
                "heading": "Veelgestelde vragen over de methode",
                "items": [
                    {
                        "question": "Voor welke scholen is de methode bedoeld?",
                        "answer": "<p>Voor scholen in het basisonderwijs, het voortgezet onderwijs en het mbo.</p>",
                    },
                    {
                        "question": "Blijft de verbetercultuur bestaan als leerKRACHT vertrekt?",
                        "answer": "<p>Ja. We doen geen eenmalige actie, maar veranderen het hele systeem, zodat scholen "
                        "zelfstandig kunnen voortbouwen aan beter onderwijs.</p>",
                    },
                ],
            },
        ),
    ],
}

IMPACT_PAGE = {
    "title": "Onze impact",
    "slug": "impact",
    "intro": "De impact van Stichting leerKRACHT is structureel, duurzaam en grootschalig. Dat is bewezen door "
    "onafhankelijk onderzoek.",
    "body": [
        ("figures", IMPACT_FIGURES),
        ("heading", {"text": "Structureel", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>De methode brengt structurele verandering teweeg en werkt. De onderzoekers van de Universiteit Utrecht "
                "laten zelfs weten geen enkele andere methode te kennen die zo snel, zo goed en zo efficiënt werkt.</p>"
            ),
        ),
        ("heading", {"text": "Duurzaam", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Ook na het vertrek van Stichting leerKRACHT blijft de verbetercultuur op scholen bestaan. Het is geen "
                "eenmalige actie: het hele systeem wordt veranderd, zodat scholen zelfstandig kunnen voortbouwen aan beter "
                "onderwijs.</p>"
            ),
        ),
        ("heading", {"text": "Grootschalig", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>In 2012 zijn we begonnen met 15 scholen. Inmiddels werkt meer dan 12% van het Nederlandse onderwijs "
                "volgens de leerKRACHT-methode, verspreid over heel Nederland: 1.200 scholen met ruim 500.000 leerlingen, "
                "in het basisonderwijs, het voortgezet onderwijs en het mbo.</p>"
            ),
        ),
    ],
    "research": [
        (
            "reference",
            {
                "title": "Onderzoek naar de leerKRACHT-methode",
                "publisher": "Universiteit Utrecht",
                "year": None,
                "summary": "Onafhankelijk onderzoek op leerKRACHT-scholen. De onderzoekers kennen geen andere methode die "
                "zo snel, zo goed en zo efficiënt werkt.",
                "url": "",
            },
        ),
        (
            "reference",
            {
                "title": "Effectonderzoek naar het leerKRACHT-programma",
                "publisher": "Oberon",
                "year": 2019,
                "summary": "Onderzoek naar de positieve effecten van de methode op de kwaliteit van het onderwijs.",
                "url": "https://www.oberon.eu/uitgelicht/artikel/2019/05/effectonderzoek-naar-leerkracht-programma.html",
            },
        ),
    ],
}

STORY_INDEX = {
    "title": "Voorbeelden uit de praktijk",
    "slug": "verhalen",
    "intro": "Leraren, schoolleiders en leerlingen vertellen hoe zij samen hun onderwijs verbeteren.",
}

STORIES = [
    {
        "title": "Hoe ziet échte leerlingbetrokkenheid eruit?",
        "slug": "diamant-college-leerlingbetrokkenheid",
        "date": datetime.date(2024, 3, 12),
        "school": "Diamant College",
        "place": "Den Haag",
        "sector": "vo",
        "person_name": "Samira Saïd",
        "person_role": "docente",
        "image": "diamant",
        "hero_image_alt": "Leerlingen en hun docente bespreken samen een les.",
        "pull_quote": "Leerlingen merken dat hun mening ertoe doet. Daardoor zijn ze veel meer betrokken bij hun "
        "eigen leren.",
        "summary": "Hoe ziet échte leerlingbetrokkenheid eruit en hoe creëer je die? Docente Samira Saïd van het "
        "Diamant College in Den Haag vertelt hoe zij het voor elkaar kreeg.",
        "body": [
            (
                "paragraph",
                (
                    "<p>Op het Diamant College in Den Haag werkt het team met de leerKRACHT-methode. Docente Samira Saïd "
                    "wilde weten hoe je leerlingen echt betrekt bij hun onderwijs, en niet alleen op papier.</p>"
                ),
            ),
            ("heading", {"text": "Leerlingen als medeontwerpers", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>In plaats van zelf te bedenken wat beter kon, vroeg zij haar leerlingen wat hen helpt om te leren. "
                    "Hun antwoorden namen de docenten mee in de wekelijkse bordsessie en in het gezamenlijk ontwerpen van "
                    "lessen.</p>"
                ),
            ),
        ],
    },
    {
        "title": "Onderwijsverbetering vanuit de leerlingen",
        "slug": "stedelijk-gymnasium-arnhem-verbetering-vanuit-leerlingen",
        "date": datetime.date(2024, 1, 23),
        "school": "Stedelijk Gymnasium Arnhem",
        "place": "Arnhem",
        "sector": "vo",
        "person_name": "Het docententeam",
        "person_role": "Stedelijk Gymnasium Arnhem",
        "image": "arnhem",
        "hero_image_alt": "Gymnasiasten presenteren hun verbeterideeën aan hun docenten.",
        "pull_quote": "Kan onderwijsverbetering ook vanuit de leerlingen komen? Ja, dat kan!",
        "summary": "Kan onderwijsverbetering ook vanuit de leerlingen komen? Op het Stedelijk Gymnasium Arnhem weten "
        "ze: ja, dat kan!",
        "body": [
            (
                "paragraph",
                (
                    "<p>Op het Stedelijk Gymnasium Arnhem zijn leerlingen niet alleen degenen voor wie het onderwijs "
                    "verbetert: ze doen zelf mee. Met de leerKRACHT-aanpak denken zij mee over wat er in de les beter kan.</p>"
                ),
            ),
            ("heading", {"text": "Samen aan het bord", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Leerlingen en docenten kijken samen naar wat werkt en kiezen kleine verbeteringen die ze meteen "
                    "uitproberen. Zo ontstaat een verbetercultuur waarin iedereen op school een rol heeft.</p>"
                ),
            ),
        ],
    },
    {
        "title": "Bordsessies in groep 3",
        "slug": "mariaschool-rotterdam-bordsessies-groep-3",
        "date": datetime.date(2023, 11, 7),
        "school": "Mariaschool",
        "place": "Rotterdam",
        "sector": "po",
        "person_name": "Leerkracht groep 3",
        "person_role": "Mariaschool Rotterdam",
        "image": "mariaschool",
        "hero_image_alt": "Kinderen uit groep 3 staan met hun leerkracht bij het bord in de klas.",
        "pull_quote": "Als leerkrachten meer plezier hebben, hebben de kinderen ook meer plezier. En als leerkrachten "
        "werken aan kwaliteit, krijgen de kinderen beter onderwijs.",
        "summary": "De Mariaschool in Rotterdam werkt volgens de leerKRACHT-aanpak. In alle groepen wordt gewerkt met "
        "het bord in de klas. Hoe ervaart de leerkracht van groep 3 het werken met deze bordsessies?",
        "body": [
            (
                "paragraph",
                (
                    "<p>In alle groepen van de Mariaschool hangt een bord in de klas. Ook in groep 3 bespreken de "
                    "leerkracht en de kinderen daar elke week hun doelen: wat gaat goed, en wat willen we beter doen?</p>"
                ),
            ),
            ("heading", {"text": "Plezier en kwaliteit", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Voor de leerkracht van groep 3 is het verschil duidelijk: samen werken aan kwaliteit geeft meer "
                    "plezier in het vak, en dat merken de kinderen ook.</p>"
                ),
            ),
        ],
    },
]

CAMPAIGN_INDEX = {
    "title": "Doneren",
    "slug": "campagnes",
    "intro": "Uw donatie gaat rechtstreeks naar opschaling en investering, zodat we ons kantelpunt bereiken. "
    "Kies waar uw gift naartoe gaat.",
}

CAMPAIGNS = [
    {
        "title": "Besturenprogramma",
        "slug": "besturenprogramma",
        "image": "besturen",
        "hero_image_alt": "Schoolbestuurders zitten samen aan tafel in gesprek.",
        "intro": "Met het besturenprogramma laten we schoolbesturen kennismaken met de leerKRACHT-methode, zodat "
        "al hun scholen kunnen starten met een verbetercultuur.",
        "goal_cents": 15_000_000,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2027, 12, 31),
        "amounts": [
            (2_500, "bijv. € 25 kan een schoolleider een kennismakingsbijeenkomst laten bijwonen."),
            (5_000, "bijv. € 50 kan een bestuurder laten meekijken bij een bordsessie op een leerKRACHT-school."),
            (10_000, "bijv. € 100 kan een bestuursteam een werksessie over de methode geven."),
            (25_000, "bijv. € 250 kan een bestuur met al zijn scholen de eerste stap laten zetten."),
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>Als een school zich eenmaal heeft aangemeld voor het leerKRACHT-programma, dan draait het vanzelf. "
                    "Schoolbesturen spelen een sleutelrol: zij kunnen in één keer veel scholen de stap laten zetten.</p>"
                ),
            ),
        ],
    },
    {
        "title": "leerKRACHT-Versneller",
        "slug": "leerkracht-versneller",
        "image": "versneller",
        "hero_image_alt": "Een schoolteam bespreekt de volgende stap aan het bord.",
        "intro": "Met de leerKRACHT-Versneller trekken we scholen die sommige delen van onze methode al gebruiken "
        "over de streep om de hele methode in te zetten.",
        "goal_cents": 10_000_000,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2027, 6, 30),
        "amounts": [
            (3_500, "bijv. € 35 kan een leraar een dag laten meelopen op een school die de hele methode gebruikt."),
            (7_500, "bijv. € 75 kan een team begeleiden bij zijn eerste lesbezoeken met feedback."),
            (15_000, "bijv. € 150 kan een school helpen om gezamenlijk lesontwerp in te voeren."),
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>Veel scholen werken al met bordsessies of lesbezoeken. De grootste winst zit in het geheel: "
                    "bordsessies, lesbezoeken, gezamenlijk lesontwerp en leerlingen betrekken versterken elkaar.</p>"
                ),
            ),
        ],
    },
    {
        "title": "Naar het kantelpunt",
        "slug": "naar-het-kantelpunt",
        "image": "kantelpunt",
        "hero_image_alt": "Een grafiek die stijgt naar het kantelpunt van 20% van de scholen.",
        "intro": "Uw algemene steun helpt ons de laatste duw te geven naar het kantelpunt: 20% van alle Nederlandse "
        "scholen die met leerKRACHT werken.",
        "goal_cents": 25_000_000,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": None,
        "amounts": [
            (2_500, "bijv. € 25 kan materiaal voor de bordsessies van een heel team betalen."),
            (5_000, "bijv. € 50 kan een leraar een training in de methode geven."),
            (10_000, "bijv. € 100 kan een schoolteam een dag begeleiding geven."),
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>We moeten nog heel wat uitdagingen overwinnen, zodat de komende jaren genoeg scholen mee gaan doen. "
                    "Dit is een kans om miljoenen kinderen en onze hele maatschappij te helpen.</p>"
                ),
            ),
        ],
    },
]

PARTNER_PAGE = {
    "title": "Partner worden",
    "slug": "partner-worden",
    "intro": "Die laatste duw naar het kantelpunt, daar kunt u ons mee helpen.",
    "body": [
        ("heading", {"text": "Uw hulp", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Als een school zich eenmaal heeft aangemeld voor het leerKRACHT-programma, dan draait het vanzelf. We "
                "moeten echter nog heel wat uitdagingen overwinnen, zodat de komende drie jaar genoeg scholen mee gaan doen. "
                "Voor deze opschaling zoeken we ondersteuning. Zoals bijvoorbeeld voor ons besturenprogramma, waarmee we "
                "schoolbesturen kennis willen laten maken met de leerKRACHT-methode. Of voor de leerKRACHT-Versneller, "
                "waarmee we scholen die sommige delen van onze methode al gebruiken, over de streep trekken om de hele "
                "methode in te zetten.</p>"
            ),
        ),
        ("heading", {"text": "Hoe kunt u partner worden?", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Heeft u een stichting, of wilt u als vermogend particulier een donatie doen? Wij gaan graag met u in "
                "gesprek over de mogelijkheden.</p>"
            ),
        ),
        (
            "quote",
            {
                "text": "Dit is de meest efficiënte manier om ons onderwijs te verbeteren!",
                "attribute_name": "Peter Visser",
                "role": "founding partner Egeria",
            },
        ),
        ("heading", {"text": "Laat 30 leraren zien hoe u continu verbetert", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Onderwijs lijkt meer op een bedrijf of een ziekenhuis dan je denkt. Bij u helpt continu verbeteren "
                "(Lean, Agile-scrum) om de kwaliteit van productie of dienstverlening te verbeteren, en geeft het "
                "medewerkers meer plezier in hun werk. Dat is in scholen net zo. U kunt als bedrijf, ziekenhuis of "
                "instelling helpen door een groep van 30 leraren en schoolleiders in een middag te laten zien hoe u werkt "
                "met continu verbeteren.</p>"
            ),
        ),
    ],
}

ANBI_PAGE = {
    "title": "ANBI-gegevens",
    "slug": "anbi",
    "intro": "Stichting leerKRACHT is door de Belastingdienst aangemerkt als algemeen nut beogende instelling (ANBI). "
    "Uw gift is daardoor fiscaal aftrekbaar. Hieronder staan de gegevens die een ANBI moet publiceren.",
}

ANBI_SETTINGS = {
    "statutory_name": "Stichting leerKRACHT",
    # Placeholders: staff enter the real numbers in the ANBI setting before going live.
    "rsin": "000000000",
    "kvk_number": "00000000",
    "address": "",
    "email": "info@stichting-leerkracht.nl",
    "phone": "",
    "purpose": "Het verbeteren van de kwaliteit van het onderwijs in Nederland en het verminderen van "
    "kansenongelijkheid, door op scholen een verbetercultuur te creëren waarin leraren van elkaar leren en samen het "
    "onderwijs verbeteren.",
    "policy_plan_summary": "De komende jaren richten we ons op opschaling naar het kantelpunt: 20% van alle "
    "Nederlandse scholen die met leerKRACHT werken. Daarvoor investeren we in het besturenprogramma en de "
    "leerKRACHT-Versneller.",
    "board": "Voorzitter\nPenningmeester\nSecretaris",
    "remuneration_policy": "Bestuursleden ontvangen geen beloning voor hun werkzaamheden. Medewerkers worden beloond "
    "volgens een eigen salarisgebouw dat aansluit bij de onderwijssector.",
    "activity_report": "Stichting leerKRACHT begon in 2012 met 15 scholen. Inmiddels werken 1.200 scholen met ruim "
    "500.000 leerlingen met de methode.",
}

ANBI_DOCUMENTS = {
    "policy_plan_document": "Beleidsplan Stichting leerKRACHT",
    "remuneration_policy_document": "Beloningsbeleid Stichting leerKRACHT",
    "activity_report_document": "Activiteitenverslag Stichting leerKRACHT",
    "financial_statements_document": "Financiële verantwoording Stichting leerKRACHT",
}

PRIVACY_PAGE = {
    "title": "Privacyverklaring",
    "slug": "privacy",
    "intro": "Hoe Stichting leerKRACHT omgaat met uw persoonsgegevens.",
    "body": [
        (
            "paragraph",
            (
                "<p>Als u doneert of contact met ons opneemt, gebruiken we uw gegevens alleen om uw gift te verwerken, u "
                "een bevestiging en jaaroverzicht te sturen en, als u daarvoor kiest, u op de hoogte te houden. Betalingen "
                "lopen via onze betaaldienstverlener Stripe; uw bank- of kaartgegevens komen niet op onze servers.</p>"
            ),
        ),
        ("heading", {"text": "Bewaartermijn", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Financiële gegevens van giften bewaren we zeven jaar, zoals de wet voorschrijft. Gegevens voor "
                "nieuwsbrieven verwijderen we zodra u zich afmeldt of daarom vraagt.</p>"
            ),
        ),
        ("heading", {"text": "Cookies", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>Deze site plaatst geen tracking-cookies. We gebruiken alleen cookies die nodig zijn om formulieren "
                "veilig te versturen.</p>"
            ),
        ),
        ("heading", {"text": "Uw rechten", "size": "h2"}),
        (
            "paragraph",
            (
                "<p>U kunt ons vragen uw gegevens in te zien, te corrigeren of te verwijderen. Mail daarvoor naar "
                '<a href="mailto:info@stichting-leerkracht.nl">info@stichting-leerkracht.nl</a>.</p>'
            ),
        ),
    ],
}

ACCESSIBILITY_PAGE = {
    "title": "Toegankelijkheidsverklaring",
    "slug": "toegankelijkheid",
    "intro": "Stichting leerKRACHT wil dat iedereen deze website kan gebruiken.",
    "body": [
        (
            "paragraph",
            (
                "<p>Deze website is gebouwd volgens de eisen van WCAG 2.1 op niveau AA, de standaard van "
                "digitoegankelijk.nl. Elke pagina en het doneerformulier zijn met alleen het toetsenbord te bedienen en "
                "worden automatisch getest op toegankelijkheid.</p>"
            ),
        ),
        ("heading", {"text": "Iets gevonden dat niet werkt?", "size": "h2"}),
        (
            "paragraph",
            (
                '<p>Laat het ons weten via <a href="mailto:info@stichting-leerkracht.nl">info@stichting-leerkracht.nl'
                "</a>. We reageren binnen vijf werkdagen.</p>"
            ),
        ),
    ],
}

CONTACT_PAGE = {
    "title": "Contact",
    "slug": "contact",
    "intro": "Vragen over doneren, partnerschap of de methode? Neem contact met ons op.",
    "body": [
        (
            "paragraph",
            (
                "<p>Stichting leerKRACHT<br>"
                '<a href="mailto:info@stichting-leerkracht.nl">info@stichting-leerkracht.nl</a></p>'
            ),
        ),
    ],
}

FOOTER_TEXT = (
    "<p>Stichting leerKRACHT pakt kansenongelijkheid in het onderwijs aan met een verbetercultuur op school.</p>"
)

MAIN_MENU = ["missie", "methode", "impact", "verhalen", "partner-worden", "campagnes"]
MAIN_MENU_LABELS = {"campagnes": "Doneer"}
FOOTER_MENU = ["anbi", "privacy", "toegankelijkheid", "contact"]
